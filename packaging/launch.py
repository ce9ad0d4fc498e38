"""Entry script of the frozen program (PyInstaller runs it as a plain script)."""

import sys

from branchdesk.program import main

if __name__ == "__main__":
    sys.exit(main())

"""Loaded at start-up by every Python subprocess a test starts (tests/conftest.py puts this
folder on PYTHONPATH): the subprocess's BranchDesk runs on the tests' clock."""

import os

if os.environ.get("BRANCHDESK_TEST_NOW"):
    try:
        from tests.fixed_clock.clock import install
    except ImportError:  # the repository is not on the path: the real clock stays
        pass
    else:
        install(os.environ["BRANCHDESK_TEST_NOW"])

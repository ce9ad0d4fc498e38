"""Where the shipped ``resources/`` folder (fonts, translations, icons) is, from the
source tree and from the frozen program alike.

From source it is beside the packages (``<checkout>/resources``). In the PyInstaller
one-folder build the programs' data sit in ``sys._MEIPASS`` (the ``_internal`` folder
beside ``BranchDesk`` and ``branchdesk``); the spec copies ``resources/`` there. Every
module that reads a shipped file asks here, so a moved folder is found in one place."""

from __future__ import annotations

import sys
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parent.parent


def resources_root() -> Path:
    if getattr(sys, "frozen", False):
        bundle = getattr(sys, "_MEIPASS", None)
        base = Path(bundle) if bundle else Path(sys.executable).resolve().parent / "_internal"
        return base / "resources"
    return _SOURCE_ROOT / "resources"


RESOURCES = resources_root()
FONTS = RESOURCES / "fonts"
TRANSLATIONS = RESOURCES / "translations"
ICON_SVG = RESOURCES / "icons" / "branchdesk.svg"

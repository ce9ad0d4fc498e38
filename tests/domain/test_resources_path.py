"""The shipped resources/ folder is found from the source tree and from the frozen
folder (PyInstaller's sys._MEIPASS) by one rule; the papers' and the screen's fonts
and Qt's extra catalogue all come from it. The frozen side runs for real in
tools/check-dist (the PDF's fonts are the bundled ones)."""

from __future__ import annotations

import sys
from pathlib import Path

import branchdesk
from branchdesk import resources
from branchdesk.papers import fonts as paper_fonts


def test_from_source_resources_are_beside_the_packages():
    root = resources.resources_root()
    assert root == Path(branchdesk.__file__).resolve().parent.parent / "resources"
    assert (resources.FONTS / "uming-cn.ttf").is_file() and (resources.FONTS / "HanaMinB.ttf").is_file()
    assert (resources.TRANSLATIONS / "qtbase_extra_zh_CN.qm").is_file()
    assert resources.ICON_SVG.is_file()
    assert paper_fonts.BUNDLED_DIR == resources.FONTS


def test_frozen_resources_are_in_the_bundle_folder(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "_internal"), raising=False)
    assert resources.resources_root() == tmp_path / "_internal" / "resources"


def test_frozen_without_meipass_looks_beside_the_program(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "BranchDesk"))
    assert resources.resources_root() == tmp_path.resolve() / "_internal" / "resources"

"""A data package double-clicked on the desktop (`BranchDesk 文件.bdx`): the window of
an upper-level archive opens on 导入与登记 with that file imported; a branch archive
says in Chinese where packages go and changes nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from branchdesk.cli import bundles_to_open
from tests.domain.upper_support import table_contents
from ui.bundle_opening import open_bundles
from ui.main_window import MainWindow

WAIT_MS = 600_000  # a cap only: the wait ends as soon as the import does


def test_the_desktop_hands_bundles_to_the_window_and_anything_else_to_the_commands():
    assert bundles_to_open(["/media/U盘/BD-330523-0117-2026-seq0001.bdx"]) == [
        "/media/U盘/BD-330523-0117-2026-seq0001.bdx"]
    assert bundles_to_open(["a.BDX", "b.bdx"]) == ["a.BDX", "b.bdx"]
    assert bundles_to_open(["upper", "import", "a.bdx"]) == []  # a subcommand naming a file
    assert bundles_to_open(["--page", "a.bdx"]) == []
    assert bundles_to_open([]) == []


def test_a_bundle_opened_in_an_upper_archive_is_imported_on_the_intake_page(qtbot, upper_archive, demo_branches):
    first, _ = demo_branches
    upper_archive.upper.enrol(first.card, first.fingerprint)
    window = MainWindow(upper_archive)
    qtbot.addWidget(window)
    window.show_page("home")
    job = open_bundles(window, [str(first.bundles[0])], ask=False)
    assert job is not None
    page = window.pages["intake"]
    assert window.current_page_key() == "intake"
    qtbot.waitUntil(lambda: page.job is None and bool(page.last_results), timeout=WAIT_MS)
    assert [r.outcome for r in page.last_results] == ["imported"]
    assert "已导入 1 个" in page.summary.text()


def test_a_branch_archive_says_where_bundles_go_and_changes_nothing(qtbot, demo_archive, tmp_path, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append((title, text)))
    window = MainWindow(demo_archive)
    qtbot.addWidget(window)
    shown = window.current_page_key()
    bundle = tmp_path / "BD-330523-0117-2026-seq0001.bdx"
    bundle.write_bytes(b"PK")
    before = table_contents(demo_archive)
    assert open_bundles(window, [str(bundle)]) is None
    assert said and said[0][0] == "打开数据包" and "上级汇总" in said[0][1]
    assert window.current_page_key() == shown
    assert table_contents(demo_archive) == before


def test_branchdesk_with_a_bundle_starts_the_window_with_it(monkeypatch):
    from branchdesk import cli
    from ui import app

    started = []
    monkeypatch.setattr(app, "run", lambda args: started.append(args) or 0)
    assert cli.main(["--data-dir", "/tmp/上级", "BD-x-seq0001.bdx"]) == 0
    assert started[0].bundles == ["BD-x-seq0001.bdx"] and started[0].data_dir == "/tmp/上级"

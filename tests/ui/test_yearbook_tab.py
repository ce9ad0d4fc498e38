"""档案 → 年度档案 in the real main window: choose the year, export in a worker, find the
file; the sensitive-text check comes first; 取消 leaves nothing behind."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from branchdesk import clock
from branchdesk.yearbook import retention
from tests.domain.meetings_support import branch  # noqa: F401 - fixture
from tests.domain.papers_support import pages_of, qpdf_check, text_of
from tests.domain.yearbook_support import flat, small_year
from tests.helpers import answer_modal, type_text
from ui.main_window import MainWindow


def _yearbook_tab(qtbot, archive, session=None):
    window = MainWindow(archive, session=session)
    qtbot.addWidget(window)
    page = window.show_page("archive")
    page.tabs.setCurrentWidget(page.yearbook)
    return window, page.yearbook


def _answer_file_dialog(monkeypatch, path):
    asked = []

    def save_dialog(parent, title, suggested, filters):
        asked.append(suggested)
        return str(path), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    return asked


@pytest.mark.slow
def test_export_the_demo_year_from_the_archive_page(qtbot, demo_archive, tmp_path, monkeypatch):
    window, tab = _yearbook_tab(qtbot, demo_archive)
    year = clock.today().year - 1
    assert tab.year.currentData() == year  # the last complete year comes first
    tab.retention.setCurrentIndex(tab.retention.findData("长期"))
    tab.retention.activated.emit(tab.retention.currentIndex())
    assert retention(demo_archive) == "长期"

    target = tmp_path / "export" / "档案.pdf"
    target.parent.mkdir()
    asked = _answer_file_dialog(monkeypatch, target)
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    assert asked and asked[0].endswith(f"{year}年度档案.pdf")
    qtbot.waitUntil(lambda: tab.last_result is not None or tab.last_error is not None, timeout=60000)
    assert tab.last_error is None, tab.last_error
    assert target.exists() and qpdf_check(target).returncode == 0
    assert tab.last_result.pages == pages_of(target) > 100
    # the year's meeting records are kept 永久, so the volume is too, and the page says why
    assert "保管期限永久" in flat(text_of(target, page=1))
    assert str(target) in tab.result.text() and tab.open_folder.isVisibleTo(tab)
    assert "最长的“永久”填写（设置为“长期”" in tab.result.text()

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    qtbot.mouseClick(tab.open_folder, Qt.MouseButton.LeftButton)
    assert opened == [str(target.parent)]
    window.close()


def test_the_password_is_asked_before_the_archive_is_read(qtbot, branch, tmp_path, monkeypatch):  # noqa: F811
    archive, _year = small_year(branch)
    archive.access.set_password("支部密码2026")
    archive.access.set_policy(sensitive_grace_minutes=0)  # ask every time
    session = archive.access.session()
    assert session.unlock("支部密码2026").ok
    window, tab = _yearbook_tab(qtbot, archive, session)
    target = tmp_path / "a.pdf"
    asked = _answer_file_dialog(monkeypatch, target)

    answer_modal(lambda dialog: dialog.reject())
    assert not tab.export()
    assert asked == [] and not target.exists()

    def right_password(dialog):
        type_text(dialog.password, "支部密码2026")
        dialog.try_unlock()

    answer_modal(right_password)
    assert tab.export()
    qtbot.waitUntil(lambda: tab.last_result is not None or tab.last_error is not None, timeout=30000)
    assert tab.last_error is None and target.exists() and tab.last_result.path == target
    window.close()


def test_cancel_in_the_window_leaves_no_file(qtbot, branch, tmp_path):  # noqa: F811
    archive, _year = small_year(branch)
    window, tab = _yearbook_tab(qtbot, archive)
    folder = tmp_path / "usb"
    folder.mkdir()
    assert tab.export(str(folder / "a.pdf"))
    tab.job.cancel()  # what the progress dialog's 取消 does
    qtbot.waitUntil(lambda: tab.export_button.isEnabled(), timeout=30000)
    assert "已取消" in tab.result.text() and tab.last_result is None
    assert list(folder.iterdir()) == []
    window.close()

"""Small screens (issue 13): with the longest text every field allows, the real main window
still fits 1024×768 on every page and editor, no label, button or message is cut, the
dialogs fit the screen, the window opens at a size that fits and remembers it, and the
font size 正常 / 大 / 特大 applies at once, is remembered, and still fits 1366×768."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QTabWidget

from branchdesk.archive import Archive
from branchdesk.text import LINE_MAX, NAME_MAX
from tests.helpers import close_discarding
from tests.ui.clipping import clipped_texts
from tests.ui.longest_data import fill_longest, long_text
from ui import font_size, window_place
from ui.dialogs.member_dialog import MemberDialog
from ui.main_window import MainWindow
from ui.pages.font_size_box import FontSizeBox
from ui.pages.life.dialogs import TalkDialog
from ui.pages.life.item_dialog import ItemDialog
from ui.pages.meetings.plan_dialog import PlanDialog
from ui.pages.targets.indicator_dialog import IndicatorDialog, LibraryInfoDialog
from ui.toolkit.fitting import ElidedLabel

SMALL = (1024, 768)
COMMON = (1366, 768)


@pytest.fixture
def normal_font(qapp):
    """Every test leaves the application at the normal size it found (the font is global)."""
    yield
    font_size.apply_font_size("normal")


@pytest.fixture
def longest(archive_factory, normal_font):
    data_dir, _ = archive_factory("sqlite", "demo")
    archive = Archive.open(data_dir, auto_backup=False)
    records = fill_longest(archive, 2026)
    yield archive, records
    archive.close(auto_backup=False)


def open_window(qtbot, archive, size) -> MainWindow:
    window = MainWindow(archive)
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(*size)
    window.show()
    return window


def views(window: MainWindow, records):
    """Show every page, every tab of it, the meeting editor with each of its tabs and next
    year's targets; yield a name for each view."""
    for key in window.page_keys:
        page = window.show_page(key)
        if key == "targets":
            page.set_year(records.library_year)
        tabs = next((t for t in page.findChildren(QTabWidget) if t.isVisible()), None)
        for index in range(tabs.count() if tabs is not None else 1):
            if tabs is not None:
                tabs.setCurrentIndex(index)
            QApplication.processEvents()
            yield f"{key}/{tabs.tabText(index) if tabs is not None else ''}"
    page = window.show_page("meetings")
    editor = page.open_meeting(records.meeting_id)
    for index in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        yield f"会议编辑/{editor.tabs.tabText(index)}"


def scroller_of(window: MainWindow) -> QScrollArea:
    return window.stack.currentWidget()


def test_the_longest_texts_leave_the_window_within_1024_by_768_and_nothing_is_cut(qtbot, longest):
    archive, records = longest
    window = open_window(qtbot, archive, SMALL)
    seen = []
    for where in views(window, records):
        seen.append(where)
        hint = window.minimumSizeHint()
        assert hint.width() <= SMALL[0] and hint.height() <= SMALL[1], f"{where}: minimum {hint.width()}×{hint.height()}"
        assert window.width() <= SMALL[0], f"{where}: the window grew to {window.width()} px"
        scroller = scroller_of(window)
        # At the normal font every page fits across: nothing to scroll sideways, even
        # beside a vertical scroll bar.
        room = scroller.maximumViewportSize().width() - scroller.verticalScrollBar().sizeHint().width()
        needs = scroller.widget().minimumSizeHint().width()
        assert needs <= room, f"{where}: the page needs {needs} px, has {room}"
        cut = clipped_texts(window)
        assert not cut, f"{where}: " + "\n".join(cut)
    assert len(seen) > 20 and "会议编辑/落实事项" in seen
    # The 200-character name is cut with 「…」 in the editor, whole in its tool tip.
    title = window.pages["meetings"].editor.title
    assert isinstance(title, ElidedLabel) and title.is_elided()
    assert long_text(LINE_MAX, "支委会") in title.text() and long_text(LINE_MAX, "支委会") in title.toolTip()
    assert title.shown_text().endswith("…")


def test_error_messages_wrap_whole_and_buttons_keep_their_text(qtbot, longest):
    archive, records = longest
    window = open_window(qtbot, archive, SMALL)
    editor = window.show_page("meetings").open_meeting(records.meeting_id)
    basic = editor.basic
    basic.kind.setCurrentIndex(basic.kind.findData("group"))
    basic.group.setCurrentIndex(0)  # 「（不是党小组会）」: no group chosen
    basic.title.setText(long_text(LINE_MAX + 1, "支委会"))
    editor.tabs.setCurrentIndex(0)
    assert not editor.save()
    QApplication.processEvents()
    assert "党小组会请选择是哪个党小组。" in basic.plan_form.error_text("group_id")
    assert "请删减后再保存" in basic.plan_form.error_text("title")
    cut = clipped_texts(window)
    assert not cut, "\n".join(cut)
    editor.discard_changes()


@pytest.mark.parametrize(("size", "font"), [(SMALL, "normal"), (COMMON, "normal"), (COMMON, "larger")])
def test_dialogs_with_the_longest_texts_fit_the_screen_and_show_their_errors_whole(qtbot, longest, size, font):
    archive, records = longest
    window = open_window(qtbot, archive, size)
    font_size.apply_font_size(font, remember=False)
    member = MemberDialog(archive, records.member_id, window)
    item = ItemDialog(archive, records.item_id, parent=window)
    second = archive.targets.library.get(records.library_year).seconds[0]
    others = [IndicatorDialog(archive, records.library_year, 2, second.id, parent=window),
              LibraryInfoDialog(archive, records.library_year, window), TalkDialog(archive, parent=window),
              PlanDialog(archive, window, kind="group")]
    for dialog in (member, item, *others):
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        hint = dialog.minimumSizeHint()
        assert hint.width() <= size[0] and hint.height() <= size[1], f"{dialog.windowTitle()}: {hint}"
        assert dialog.width() <= size[0] and dialog.height() <= size[1]
    item.owner.setCurrentText("")  # 责任人 left empty: its message shows whole
    assert not item.save()
    QApplication.processEvents()
    assert "责任人" in item.form.error_text("owner_name")
    talk = others[2]
    assert not talk.save()  # nothing filled in: every message shows whole
    QApplication.processEvents()
    for dialog in (member, item, *others):
        cut = clipped_texts(dialog)
        assert not cut, f"{dialog.windowTitle()}: " + "\n".join(cut)
        close_discarding(dialog)  # typed into: closing must not wait on the 保存 / 不保存 question


def test_font_size_from_the_view_menu_applies_at_once_is_remembered_and_fits_1366_by_768(qtbot, longest):
    archive, records = longest
    window = open_window(qtbot, archive, COMMON)
    normal = QApplication.font().pointSizeF()
    settings_page = window.show_page("settings")
    larger = next(a for a in window.findChildren(type(window.font_size_actions["larger"]))
                  if a.shortcuts() and a.shortcuts()[0].toString() == "Ctrl+=")
    larger.trigger()
    assert font_size.current_size() == "large" and QApplication.font().pointSizeF() > normal
    larger.trigger()
    assert font_size.current_size() == "larger" and QApplication.font().pointSizeF() == pytest.approx(normal * 1.4, abs=0.1)
    larger.trigger()  # already the largest
    assert font_size.current_size() == "larger"
    assert window.font_size_actions["larger"].isChecked()
    assert settings_page.findChild(FontSizeBox, "font_size_box").buttons["larger"].isChecked()
    assert QSettings("BranchDesk", "BranchDesk").value(font_size.SETTING) == "larger"
    # Every label is drawn in the new size at once: one font for the whole window.
    QApplication.processEvents()
    assert window.pages["settings"].name.font().pointSizeF() == pytest.approx(QApplication.font().pointSizeF())
    for where in views(window, records):
        hint = window.minimumSizeHint()
        assert hint.width() <= COMMON[0] and hint.height() <= COMMON[1], f"特大 {where}: minimum {hint.width()}×{hint.height()}"
        assert window.width() <= COMMON[0], f"特大 {where}: the window grew to {window.width()} px"
        cut = clipped_texts(window)
        assert not cut, f"特大 {where}: " + "\n".join(cut)
    window.pages["meetings"].editor.discard_changes()
    window.close()

    # The next start opens at 特大 …
    font_size.apply_font_size("normal", remember=False)
    again = MainWindow(archive)
    qtbot.addWidget(again)
    assert font_size.current_size() == "larger" and again.font_size_actions["larger"].isChecked()
    # … and Ctrl+- steps back down.
    smaller = next(a for a in again.findChildren(type(larger)) if a.shortcuts() and a.shortcuts()[0].toString() == "Ctrl+-")
    smaller.trigger()
    smaller.trigger()
    assert font_size.current_size() == "normal" and QApplication.font().pointSizeF() == pytest.approx(normal)


def test_font_size_chosen_in_settings_changes_the_view_menu_too(qtbot, demo_archive, normal_font):
    window = MainWindow(demo_archive)
    qtbot.addWidget(window)
    page = window.show_page("settings")
    box = page.findChild(FontSizeBox, "font_size_box")
    assert box.buttons["normal"].isChecked()
    box.buttons["large"].click()
    assert font_size.current_size() == "large" and window.font_size_actions["large"].isChecked()
    assert QSettings("BranchDesk", "BranchDesk").value(font_size.SETTING) == "large"
    assert not page.has_unsaved_changes()  # a choice for this computer, not an edit of the archive


# -- where the window opens ------------------------------------------------------------

def screens(monkeypatch, *areas: QRect) -> None:
    monkeypatch.setattr(window_place, "available_areas", lambda: list(areas))
    monkeypatch.setattr(window_place, "primary_area", lambda: areas[0])


@pytest.fixture
def fresh_settings(tmp_path):
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


@pytest.mark.parametrize("area", [QRect(0, 0, 1366, 728), QRect(0, 0, 1024, 738)])
def test_on_a_small_screen_the_window_opens_maximised(qtbot, demo_archive, monkeypatch, fresh_settings, area):
    screens(monkeypatch, area)
    window = MainWindow(demo_archive, settings=fresh_settings)
    qtbot.addWidget(window)
    window.show_as_placed()
    assert window.windowState() & Qt.WindowState.WindowMaximized
    assert window.width() <= area.width() and window.height() <= area.height()


def test_on_a_large_screen_it_opens_centred_and_remembers_where_it_was_left(qtbot, demo_archive, monkeypatch,
                                                                          fresh_settings):
    large = QRect(0, 0, 1920, 1040)
    screens(monkeypatch, large)
    window = MainWindow(demo_archive, settings=fresh_settings)
    qtbot.addWidget(window)
    window.show_as_placed()
    assert not window.windowState() & Qt.WindowState.WindowMaximized
    assert (window.width(), window.height()) == window_place.COMFORTABLE
    assert abs(window.geometry().center().x() - large.center().x()) <= 1
    left_at = QRect(60, 50, 700, 500)  # within the test platform's own 800×600 screen
    window.setGeometry(left_at)
    window_place.remember(window, fresh_settings)

    again = MainWindow(demo_archive, settings=fresh_settings)
    qtbot.addWidget(again)
    assert again.geometry() == left_at and not again.windowState() & Qt.WindowState.WindowMaximized
    again.setWindowState(Qt.WindowState.WindowMaximized)
    window_place.remember(again, fresh_settings)
    maximised = MainWindow(demo_archive, settings=fresh_settings)
    qtbot.addWidget(maximised)
    maximised.show_as_placed()
    assert maximised.windowState() & Qt.WindowState.WindowMaximized

    # The screen it was left on is gone (a projector unplugged): back to a place that fits.
    screens(monkeypatch, QRect(0, 0, 1366, 728))
    fresh_settings.setValue(window_place.PLACE_KEY, QRect(2400, 300, 700, 500))
    moved = MainWindow(demo_archive, settings=fresh_settings)
    qtbot.addWidget(moved)
    moved.show_as_placed()
    assert moved.windowState() & Qt.WindowState.WindowMaximized
    assert QRect(0, 0, 1366, 728).contains(moved.geometry().center())


def test_the_member_search_box_keeps_room_for_its_hint(qtbot, demo_archive):
    window = open_window(qtbot, demo_archive, SMALL)
    page = window.show_page("members")
    QApplication.processEvents()
    search = page.search
    assert search.width() >= search.fontMetrics().horizontalAdvance("查找：姓名、电话、岗位")


def test_an_upper_level_archive_with_the_longest_names_fits_1024_by_768(qtbot, archive_factory):
    data_dir, _ = archive_factory("sqlite")
    archive = Archive.open(data_dir, auto_backup=False)
    try:
        archive.upper.create(long_text(LINE_MAX, "中共某某镇委员会"), "9" * NAME_MAX)
        window = open_window(qtbot, archive, SMALL)
        for key in window.page_keys:
            window.show_page(key)
            QApplication.processEvents()
            hint = window.minimumSizeHint()
            assert hint.width() <= SMALL[0] and hint.height() <= SMALL[1], f"{key}: minimum {hint.width()}×{hint.height()}"
            needs = scroller_of(window).widget().minimumSizeHint().width()
            assert needs <= SMALL[0] - window_place_room(window), f"{key}: the page needs {needs} px"
            cut = clipped_texts(window)
            assert not cut, f"{key}: " + "\n".join(cut)
        window.close()
    finally:
        archive.close(auto_backup=False)


def window_place_room(window: MainWindow) -> int:
    """What the window keeps beside a page: the navigation, margins and a scroll bar."""
    scroller = scroller_of(window)
    return SMALL[0] - scroller.maximumViewportSize().width() + scroller.verticalScrollBar().sizeHint().width()

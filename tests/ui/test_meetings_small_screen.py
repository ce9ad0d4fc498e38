"""The 会议 page on a 1024×768 screen (QA round 2): a refused save's red text and the quorum
line stay in sight above a long roster, and the list gives the 会议名称 column the room."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from branchdesk import clock
from ui.main_window import MainWindow
from ui.pages.meetings.list_view import NAME_COLUMN


@pytest.fixture
def window(qtbot, demo_archive, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    main = MainWindow(demo_archive)
    qtbot.addWidget(main)
    main.resize(1024, 768)
    main.show()
    return main


def wholly_in_sight(widget) -> bool:
    """Every pixel of ``widget`` is on the screen: not clipped by the page's scroll area,
    not below the window's edge."""
    shown = widget.visibleRegion().boundingRect()
    return widget.isVisible() and shown.size() == widget.size()


def test_a_refused_save_shows_its_red_text_and_the_quorum_above_a_long_roster(qtbot, window, demo_archive):
    meetings = demo_archive.meetings
    held = [s for s in meetings.summaries(meetings.query_ids(year=None, state="held", today=clock.today()))]
    longest = max(held, key=lambda s: s.due)
    assert longest.due >= 25  # a whole branch's roster: longer than the screen is tall
    page = window.show_page("meetings")
    editor = page.open_meeting(longest.id)
    editor.tabs.setCurrentWidget(editor.attendance)
    attendance = editor.attendance
    row = next(n for n, r in enumerate(attendance.model.rows()) if not r["is_guest"])
    attendance.model.update_row(row, {"status": "absent", "reason": ""})

    try:
        assert not editor.save()
        qtbot.wait(10)
        assert "没有保存" in editor.banner.text()
        assert "缺席必须写明原因" in attendance.error.text()
        assert wholly_in_sight(attendance.error)
        assert wholly_in_sight(attendance.summary) and "应到" in attendance.summary.text()
        assert wholly_in_sight(editor.banner)
    finally:
        editor.discard_changes()  # or closing the window would ask whether to keep the edit


def test_the_list_gives_the_meeting_name_the_room_at_1024_pixels(qtbot, window):
    listing = window.show_page("meetings").list
    table, model = listing.table, listing.model
    qtbot.waitUntil(lambda: table.columnWidth(2) > 0)
    metrics = table.fontMetrics()
    name_column = [c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "会议名称"]
    assert name_column == [NAME_COLUMN]
    # a usual name, 「2026年11月第一党小组会议」, is shown whole (it was cut to 「2026年11月…」)
    usual = next(str(model.index(r, NAME_COLUMN).data()) for r in range(model.rowCount())
                 if "党小组会议" in str(model.index(r, NAME_COLUMN).data()))
    assert table.columnWidth(NAME_COLUMN) >= metrics.horizontalAdvance(usual) + metrics.height() // 2
    assert table.columnWidth(NAME_COLUMN) > max(table.columnWidth(c) for c in range(model.columnCount()) if c != NAME_COLUMN)
    # the date, state and counts as wide as what they show, never cut
    for column in (0, 4, 5, 6, 7):
        assert table.columnWidth(column) >= table.sizeHintForColumn(column)
    assert sum(table.columnWidth(c) for c in range(model.columnCount())) <= table.viewport().width()

"""The first 支委会 record in fewer steps (issue 13): the host and recorder come from the
committee, one click opens an attendance list and an absence goes straight on to its
reason, 定稿 is offered once the actual date is typed, and the export notice does not
hold the window up."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

from tests.domain.meetings_support import TODAY, branch  # noqa: F401 - fixture
from tests.helpers import export_notice, open_list, pick_from_open_list, type_text
from tests.ui.test_meeting_editor_typing import new_meeting, window  # noqa: F401 - fixture

WAIT_MS = 30000


def click_cell(view, row, column) -> None:
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(view.model().index(row, column)).center())


def new_committee(window):  # noqa: F811
    page = window.show_page("meetings")
    new_meeting(page, lambda dialog: None)
    return page.editor


def test_a_new_committee_meeting_opens_with_the_secretary_as_host_and_the_organiser_recording(window):  # noqa: F811
    editor = new_committee(window)
    assert (editor.basic.host.currentText(), editor.basic.recorder.currentText()) == ("王堃", "李喆")
    assert not editor.dirty  # stored with the plan, not an unsaved edit


def test_one_click_opens_the_attendance_list_and_an_absence_goes_on_to_its_reason(qtbot, window):  # noqa: F811
    editor = new_committee(window)
    type_text(editor.basic.held_on, TODAY.isoformat())  # attendance is taken at a meeting held
    editor.tabs.setCurrentWidget(editor.attendance)
    grid = editor.attendance
    row = grid.row_of("赵赟")
    click_cell(grid.table, row, grid.status_column)
    qtbot.waitUntil(lambda: open_list() is not None, timeout=WAIT_MS)
    pick_from_open_list("缺席")
    assert grid.model.row(row)["status"] == "absent"
    # the reason is what the record now lacks: its list opens by itself
    qtbot.waitUntil(lambda: open_list() is not None and grid.table.currentIndex().column() == grid.reason_column,
                    timeout=WAIT_MS)
    pick_from_open_list("病假")
    assert grid.model.row(row)["reason"] == "sick"
    qtbot.wait(20)
    assert open_list() is None and not editor.attendance.error.isVisible()

    # 其他 needs words: the 说明 cell opens for typing
    click_cell(grid.table, row, grid.reason_column)
    qtbot.waitUntil(lambda: open_list() is not None, timeout=WAIT_MS)
    pick_from_open_list("其他")
    qtbot.waitUntil(lambda: grid.table.state() == grid.table.State.EditingState
                    and grid.table.currentIndex().column() == grid.note_column, timeout=WAIT_MS)
    [note] = [w for w in grid.table.viewport().findChildren(QLineEdit) if w.isVisible()]
    type_text(note, "外出务工")
    QTest.keyClick(note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.model.row(row)["note"] == "外出务工", timeout=WAIT_MS)

    # the keyboard still works: F2 opens the list, the arrows and Enter pick
    other = grid.row_of("王堃")
    grid.table.setFocus()
    grid.table.setCurrentIndex(grid.model.index(other, grid.status_column))
    QTest.keyClick(grid.table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: open_list() is not None, timeout=WAIT_MS)
    assert open_list().currentText() == "未登记"  # the last entry
    QTest.keyClick(open_list().view(), Qt.Key.Key_Home)
    QTest.keyClick(open_list().view(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.model.row(other)["status"] == "present", timeout=WAIT_MS)
    assert editor.dirty and editor.save()
    assert [(e.name, e.status, e.reason, e.note) for e in editor.archive.meetings.form(editor.meeting_id).attendance] \
        == [("王堃", "present", "", ""), ("李喆", "", "", ""), ("赵赟", "absent", "other", "外出务工")]


def test_finalise_is_offered_once_the_actual_date_is_typed_and_saves_first(qtbot, window):  # noqa: F811
    editor = new_committee(window)
    assert not editor.finalise_button.isVisible()
    type_text(editor.basic.held_on, TODAY.isoformat())
    assert editor.finalise_button.isVisible()
    editor.basic.held_on.clear()
    assert not editor.finalise_button.isVisible()

    type_text(editor.basic.held_on, TODAY.isoformat())
    QTest.mouseClick(editor.finalise_button, Qt.MouseButton.LeftButton)
    # saved (now 已召开), but not final: what is missing is said where it belongs
    assert editor.state_badge.text().strip() == "已召开"
    assert editor.banner.isVisible() and editor.tabs.tabText(1).endswith("⚠")
    assert "未登记" in editor.attendance.error.text()

    editor.attendance.all_present.click()
    type_text(editor.basic.minutes, "研究了本月工作。")
    QTest.mouseClick(editor.finalise_button, Qt.MouseButton.LeftButton)
    assert editor.state_badge.text().strip() == "定稿" and not editor.finalise_button.isVisible()


def test_the_export_notice_leaves_the_window_working_and_still_offers_the_folder(qtbot, window, monkeypatch):  # noqa: F811
    from ui.toolkit import exporting

    opened = []
    monkeypatch.setattr(exporting, "open_folder", lambda path: opened.append(path) or True)
    editor = new_committee(window)
    target = editor.archive.layout.root / "记录.pdf"
    assert editor.papers.export_pdf("record", str(target), then=editor.papers._exported)
    qtbot.waitUntil(lambda: export_notice(editor) is not None, timeout=WAIT_MS)
    notice = export_notice(editor)
    assert QApplication.activeModalWidget() is None  # nothing to press before going on
    assert str(target) in notice.text()
    # the window takes clicks and keys meanwhile
    QTest.mouseClick(editor.tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=editor.tabs.tabBar().tabRect(1).center())
    assert editor.tabs.currentIndex() == 1
    # a second export's notice replaces the first; 「打开所在文件夹」 is one click
    assert editor.papers.export_pdf("record", str(target.with_name("记录2.pdf")), then=editor.papers._exported)
    qtbot.waitUntil(lambda: export_notice(editor) is not None and export_notice(editor) is not notice, timeout=WAIT_MS)
    assert len([b for b in window.findChildren(type(notice), "export_done") if b.isVisible()]) == 1
    export_notice(editor).findChild(QPushButton, "open_folder").click()
    assert opened == [target.with_name("记录2.pdf")]

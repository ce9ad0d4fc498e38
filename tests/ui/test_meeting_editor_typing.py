"""The everyday meeting job in fewer steps (issue 13), through the real main window:
复制上次会议 with a topic template, the 签到表 and the scan reminder before 上报, typing
the meeting directly into its grids, the calendar on date fields, and vote counts and
error labels that follow what is typed."""

import datetime as dt
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
)

from branchdesk.meetings import ResolutionForm
from branchdesk.meetings import templates as topics
from tests.domain.meetings_support import TODAY, branch, held_form  # noqa: F401 - fixture
from tests.domain.papers_support import text_of
from tests.helpers import answer_modal, type_text
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, branch, monkeypatch):  # noqa: F811
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    archive, _ids, _ = branch
    main = MainWindow(archive)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    return main


def last_committee(archive) -> int:
    form = held_form(archive, day=TODAY - dt.timedelta(days=30), place="村委会二楼会议室", host_name="王堃",
                     recorder_name="李喆", minutes="研究了人居环境整治。")
    form.resolutions = [ResolutionForm("同意道路硬化", True, 3, 0, 0)]
    return archive.meetings.plan(form)


def new_meeting(page, fill) -> int:
    answer_modal(lambda dialog: (fill(dialog), dialog.save()))
    meeting_id = page.new_meeting()
    assert meeting_id is not None
    return meeting_id


def editing_widget(view):
    found = [w for kind in (QLineEdit, QPlainTextEdit) for w in view.viewport().findChildren(kind) if w.isVisible()]
    assert len(found) == 1, found
    return found[0]


def click_cell(view, row, column) -> None:
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(view.model().index(row, column)).center())


def test_copy_last_and_a_template_fill_the_new_meeting(window, branch):  # noqa: F811
    archive, _ids, _ = branch
    last_committee(archive)
    page = window.show_page("meetings")
    seen = {}

    def fill(dialog):
        seen["copy"] = (dialog.copy_last.isChecked(), dialog.copy_last.text())
        seen["templates"] = [dialog.template.itemText(n) for n in range(dialog.template.count())]
        dialog.planned_on.setText(f"{TODAY.year}年{TODAY.month}月{TODAY.day}日")
        dialog.template.setCurrentIndex(dialog.template.findData("月度支委会"))

    meeting_id = new_meeting(page, fill)
    assert seen["copy"][0] and (TODAY - dt.timedelta(days=30)).isoformat() in seen["copy"][1]
    assert "月度支委会" in seen["templates"] and seen["templates"][0] == "（不用模板）"
    editor = page.editor
    assert editor.basic.place.text() == "村委会二楼会议室"
    assert (editor.basic.host.currentText(), editor.basic.recorder.currentText()) == ("王堃", "李喆")
    assert editor.basic.held_on.text() == "" and editor.basic.minutes.toPlainText() == ""
    assert [r["name"] for r in editor.attendance.model.rows()] == ["王堃", "李喆", "赵赟"]
    assert all(r["status"] == "" for r in editor.attendance.model.rows())
    assert editor.resolutions.model.rows() == []
    assert [r["title"] for r in editor.content.agenda.rows()][0] == "学习传达上级有关会议和文件精神"
    assert archive.meetings.form(meeting_id).planned_on == TODAY

    # the meeting's own topics as the branch's template, then offered next time
    type_text(editor.basic.theme, "人居环境整治")
    editor.content.agenda.set_rows([{"title": "部署人居环境整治", "summary": ""}])
    assert editor.topic_buttons.save("人居环境")
    assert [t.name for t in topics.templates(archive, "committee")][-1] == "人居环境"
    editor.topic_buttons._fill_menu()
    assert "人居环境" in [a.text() for a in editor.topic_buttons.menu.actions()]
    editor.content.agenda.set_rows([])
    editor.topic_buttons.apply(topics.template(archive, "committee", "人居环境"))
    assert [r["title"] for r in editor.content.agenda.rows()] == ["部署人居环境整治"]
    editor.discard_changes()


def test_signin_sheet_prints_and_report_asks_for_the_scan(window, branch, qtbot, tmp_path, monkeypatch):  # noqa: F811
    archive, _ids, _ = branch
    meeting_id = last_committee(archive)
    page = window.show_page("meetings")
    editor = page.open_meeting(meeting_id)
    names = [a.text() for a in editor.papers_button.menu().actions()]
    assert "预览并打印签到表…" in names and "导出签到表 PDF…" in names
    done = {}
    target = tmp_path / "签到表.pdf"
    assert editor.papers.export_pdf("signin", str(target), then=lambda result: done.setdefault("r", result))
    qtbot.waitUntil(lambda: "r" in done, timeout=30000)
    text = re.sub(r"\s+", "", text_of(target))
    assert "签到表" in text and "本人签名" in text and "1王堃正式党员" in text

    assert editor.scan_reminder.isVisible() and "签到表扫描件" in editor.scan_reminder.text()
    assert editor.finalise()
    asked = {}

    def question(parent, title, label, *args, **kwargs):
        asked["label"] = label
        return "", False  # 取消

    monkeypatch.setattr(QInputDialog, "getText", question)
    assert not editor.report()
    assert "还没有附上签好字的签到表扫描件" in asked["label"] and "退回草稿" in asked["label"]
    assert archive.meetings.detail(meeting_id).state == "final"
    assert "退回草稿" in editor.scan_reminder.text()

    assert editor.reopen("补充签到表扫描件")
    assert "定稿前" in editor.scan_reminder.text()
    scan = tmp_path / "scan.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    assert editor.attachments.add_file(str(scan), "sign_in", "签到表")
    assert not editor.scan_reminder.isVisible()
    assert editor.finalise()
    assert not editor.report()
    assert "签到表扫描件" not in asked["label"]


# the offscreen platform cannot grab the keyboard for a popup (the name completer, the calendar)
@pytest.mark.qt_log_ignore("This plugin does not support grabbing")
def test_speeches_are_typed_directly_and_enter_moves_on(window, branch, qtbot):  # noqa: F811
    archive, _ids, _ = branch
    page = window.show_page("meetings")
    new_meeting(page, lambda dialog: dialog.copy_last.setChecked(False))
    editor = page.editor
    editor.attendance.model.update_row(editor.attendance.row_of("赵赟"), {"status": "absent", "reason": "sick"})
    editor.tabs.setCurrentWidget(editor.content)
    content = editor.content
    assert "Shift+回车键" in content.findChild(QLabel, "typing_hint").text()

    content.agenda_buttons.add.click()  # the new row's 议题 cell opens for typing at once
    title = editing_widget(content.agenda_table)
    type_text(title, "部署人居环境整治")
    QTest.keyClick(title, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: content.agenda_table.currentIndex().column() == 1)
    assert content.agenda.rows()[0]["title"] == "部署人居环境整治"
    assert isinstance(editing_widget(content.agenda_table), QPlainTextEdit)
    QTest.keyClick(editing_widget(content.agenda_table), Qt.Key.Key_Escape)

    # a single click on a speech's 发言人 edits it; the names come from the attendance
    content.speeches.append(content._new_speech())
    click_cell(content.speech_table, 0, 1)
    speaker = editing_widget(content.speech_table)
    assert isinstance(speaker, QLineEdit)
    completer = speaker.completer()
    assert completer.model().stringList() == ["王堃", "李喆", "赵赟"]  # the absent last
    type_text(speaker, "堃")
    assert completer.completionCount() == 1 and completer.currentCompletion() == "王堃"
    QTest.keyClick(speaker, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(content.speech_table.focusWidget(), QPlainTextEdit))
    row = content.speeches.rows()[0]
    assert (row["speaker"], row["agenda_no"]) == ("王堃", 1)

    speech = editing_widget(content.speech_table)
    assert speech.height() > 3 * content.speech_table.rowHeight(0)  # a long speech has room
    type_text(speech, "同意。要发动群众")
    QTest.keyClick(speech, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    type_text(speech, "分片包干。")
    QTest.keyClick(speech, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: content.speeches.rowCount() == 2)
    assert content.speeches.rows()[0]["content"] == "同意。要发动群众\n分片包干。"
    assert content.speeches.rows()[1]["agenda_no"] == 1  # the next speech on the same item
    qtbot.waitUntil(lambda: content.speech_table.currentIndex() == content.speeches.index(1, 1))
    assert content.speech_table.state() == QAbstractItemView.State.EditingState
    QTest.keyClick(editing_widget(content.speech_table), Qt.Key.Key_Escape)
    assert editor.dirty
    form = editor.collect()
    assert [(s.speaker, s.agenda_no) for s in form.speeches] == [("王堃", 1)]  # the empty new row is left out
    editor.discard_changes()


def test_votes_are_checked_as_typed_and_errors_go_when_corrected(window, branch, qtbot):  # noqa: F811
    archive, _ids, _ = branch
    page = window.show_page("meetings")
    new_meeting(page, lambda dialog: dialog.copy_last.setChecked(False))
    editor = page.editor
    editor.basic.held_on.set_date(TODAY)
    editor.attendance.all_present.click()
    resolutions = editor.resolutions
    editor.tabs.setCurrentWidget(resolutions)
    resolutions.buttons.add.click()
    text = editing_widget(resolutions.table)
    type_text(text, "同意道路硬化")
    QTest.keyClick(text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: resolutions.table.currentIndex().column() == 2)
    yes = editing_widget(resolutions.table)
    QTest.keyClicks(yes, "5")
    QTest.keyClick(yes, Qt.Key.Key_Return)
    row = resolutions.model.rows()[0]
    assert row["voted"] and (row["yes"], row["no"], row["abstain"]) == (5, 0, 0)  # typed 赞成: 表决, 0 and 0
    assert resolutions.error.isVisibleTo(editor) and "票数超过到会人数" in resolutions.error.text()
    assert resolutions.model.data(resolutions.model.index(0, 5)) == "票数有误"
    assert not editor.save()
    assert [n for n in range(editor.tabs.count()) if editor.tabs.tabText(n).endswith("⚠")] == [3], editor.banner.text()
    resolutions.model.setData(resolutions.model.index(0, 2), "3")
    assert not resolutions.error.isVisibleTo(editor)
    assert not editor.tabs.tabText(3).endswith("⚠") and not editor.banner.isVisibleTo(editor)
    assert resolutions.model.data(resolutions.model.index(0, 5)) == "通过"
    resolutions.model.setData(resolutions.model.index(0, 1), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert resolutions.model.rows()[0]["yes"] is None  # not voted: no counts

    # a form field's error goes as soon as the field is changed
    basic = editor.basic
    basic.planned_on.setText("三月")
    assert not editor.save()
    assert "不是有效日期" in basic.plan_form.error_text("planned_on")
    type_text(basic.planned_on, "1")
    assert basic.plan_form.error_text("planned_on") == ""
    editor.discard_changes()


@pytest.mark.qt_log_ignore("This plugin does not support grabbing")
def test_date_fields_take_typed_chinese_dates_and_have_a_calendar(window, branch, qtbot):  # noqa: F811
    archive, _ids, _ = branch
    page = window.show_page("meetings")
    new_meeting(page, lambda dialog: dialog.copy_last.setChecked(False))
    held_on = page.editor.basic.held_on
    held_on.setText("2024年1月10日")
    assert held_on.date() == dt.date(2024, 1, 10)
    assert held_on.calendar_action.toolTip().startswith("从日历中选择日期")

    held_on.setText("")
    popup = held_on.show_calendar()
    qtbot.waitUntil(popup.isVisible)
    calendar = popup.calendar
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    assert calendar.locale().language() == calendar.locale().Language.Chinese
    assert calendar.selectedDate().toPython() == TODAY  # the test clock's today, not the machine's
    assert popup.geometry().bottom() <= window.screen().geometry().bottom() + 400
    pick = TODAY - dt.timedelta(days=2)
    calendar.clicked.emit(calendar.selectedDate().addDays(-2))
    assert held_on.text() == pick.isoformat() and not popup.isVisible()
    assert page.editor.dirty  # picking counts as an edit

    QTest.keyClick(held_on, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: held_on.popup.isVisible())
    assert held_on.popup.calendar.selectedDate().toPython() == pick
    held_on.popup.close()
    page.editor.discard_changes()


@pytest.mark.qt_log_ignore("This plugin does not support grabbing")
@pytest.mark.parametrize("size", [(1366, 768), (1024, 768)])
def test_the_editor_fits_small_screens_while_typing_a_speech(window, branch, qtbot, tmp_path, size):  # noqa: F811
    archive, _ids, _ = branch
    page = window.show_page("meetings")
    editor = page.open_meeting(last_committee(archive))
    window.resize(*size)
    editor.tabs.setCurrentWidget(editor.content)
    content = editor.content
    content.speeches.append({"agenda_no": 1, "speaker": "王堃", "content": "同意。" * 80})
    click_cell(content.speech_table, 0, 2)
    assert isinstance(editing_widget(content.speech_table), QPlainTextEdit)
    assert window.minimumSizeHint().width() <= size[0] and window.width() <= size[0]
    window.grab().save(str(tmp_path / f"editor-speech-{size[0]}.png"))
    editor.tabs.setCurrentWidget(editor.resolutions)
    window.grab().save(str(tmp_path / f"editor-votes-{size[0]}.png"))
    editor.tabs.setCurrentWidget(editor.basic)
    editor.basic.held_on.show_calendar()
    window.grab().save(str(tmp_path / f"editor-basic-{size[0]}.png"))
    editor.basic.held_on.popup.grab().save(str(tmp_path / "calendar.png"))
    editor.basic.held_on.popup.close()
    editor.discard_changes()

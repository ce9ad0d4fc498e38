"""The first-run wizard from an empty folder: the branch and 从何时开始记录, the committee
(holders registered as members, a 预备党员 refused), party groups and the roster — typed
with Tab and Enter, or imported from the template the wizard saves — and the first
支委会 then has the committee as 应到."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QMessageBox

from branchdesk.archive import Archive
from branchdesk.meetings import MeetingForm
from branchdesk.setup.start import record_start
from tests.helpers import answer_dialog, make_id, type_text
from tests.ui.test_chinese_everywhere import PATH, english_words, shown_texts
from ui.dialogs.roster_import import RosterImportDialog
from ui.main_window import MainWindow
from ui.wizard import FirstRunWizard

ZHAO = ("赵𠮷", make_id(dt.date(1970, 3, 1), 111), "1995-07-01", "1996-07-01")
QIAN = ("钱二", make_id(dt.date(1975, 5, 2), 122), "2000-06-30", "2001-07-01")
SUN = ("孙三", make_id(dt.date(1980, 8, 3), 133), "2005-06-30", "")


@pytest.fixture
def archive(archive_factory):
    data_dir, url = archive_factory("sqlite")
    opened = Archive.open(data_dir, url)
    yield opened
    opened.close()


def open_editor(wizard):
    """The cell editor the table opened on its current cell (typing goes there)."""
    table = wizard.current_step().table
    editors = [w for w in table.viewport().findChildren(QLineEdit) if w.isVisible()]
    assert len(editors) == 1, f"{len(editors)} editors open at {table.currentRow()},{table.currentColumn()}"
    return editors[0]


def type_row(qtbot, wizard, cells, end=Qt.Key.Key_Return):
    """Type one row cell by cell as a user would: text, Tab, …, Enter."""
    for position, text in enumerate(cells):
        editor = open_editor(wizard)
        if text:
            type_text(editor, text)
        qtbot.keyClick(editor, end if position == len(cells) - 1 else Qt.Key.Key_Tab)


def press_enter(qtbot, wizard):
    qtbot.keyClick(open_editor(wizard), Qt.Key.Key_Return)


def english_shown(wizard) -> list[str]:
    """Words of English on the wizard's current step (the user's own folders and files aside)."""
    return [f"{where}: {text}" for where, text in shown_texts(wizard) if english_words(PATH.sub("", text))]


def start_wizard(qtbot, archive, shots=None):
    wizard = FirstRunWizard(archive)
    # a failed test leaves typed rows: closing must not wait on the 保存 / 不保存 question
    qtbot.addWidget(wizard, before_close_func=lambda w: [s.discard_changes() for s in w.steps])
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    assert wizard.start.text() == "2026-12"  # the fixed clock's month
    type_text(wizard.name, "前进村党支部")
    assert english_shown(wizard) == []
    if shots is not None:
        shots(wizard, 1)
    qtbot.keyClick(wizard.name, Qt.Key.Key_Return)
    assert wizard.step_index == 1, wizard.form.error_text("name")
    return wizard


def test_typed_wizard_gives_the_first_committee_meeting_its_committee(qtbot, archive):
    wizard = start_wizard(qtbot, archive)
    step = wizard.current_step()
    type_row(qtbot, wizard, ZHAO)
    type_row(qtbot, wizard, QIAN)
    type_row(qtbot, wizard, SUN)
    press_enter(qtbot, wizard)  # Enter on the empty row: save and go on — refused, 孙三 has no 转正 date
    qtbot.wait(20)
    assert wizard.step_index == 1
    assert "预备党员没有表决权、选举权和被选举权" in step.error.text() and "第 3 行" in step.error.text()
    assert english_shown(wizard) == []
    assert archive.members.count() == 0  # all or nothing
    step.table.item(2, 4).setText("2006-07-01")
    wizard.next()
    assert wizard.step_index == 2
    committee = archive.branch.own().committee
    assert [(s.post, s.holder_name) for s in committee] == [
        ("secretary", "赵𠮷"), ("organisation", "钱二"), ("publicity", "孙三")]

    type_row(qtbot, wizard, ["第一党小组", "钱二"])
    press_enter(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.step_index == 3)
    assert [(g.name, g.leader_name) for g in archive.groups.list()] == [("第一党小组", "钱二")]

    roster = wizard.current_step()
    assert "赵𠮷" in roster.already.text()  # the committee is not asked again
    assert english_shown(wizard) == []
    type_row(qtbot, wizard, ["李四", make_id(dt.date(1985, 1, 4), 144), "2010-06-30", "2011-07-01"])
    type_row(qtbot, wizard, ["周五", make_id(dt.date(1999, 2, 5), 155), "2026-06-30", ""])
    press_enter(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.result() == wizard.DialogCode.Accepted)
    assert archive.members.count() == 5
    assert archive.members.count(statuses=("probationary",)) == 1
    assert record_start(archive) == dt.date(2026, 12, 1)

    meeting_id = archive.meetings.plan(MeetingForm(kind="committee", planned_on=dt.date(2026, 12, 20),
                                                   title="2026年12月支委会"))
    window = MainWindow(archive)
    qtbot.addWidget(window)
    window.show()
    editor = window.show_page("meetings").open_meeting(meeting_id)
    due = [row["name"] for row in editor.attendance.model.rows() if not row["is_guest"]]
    assert due == ["赵𠮷", "钱二", "孙三"]
    editor.attendance.from_roster.click()
    assert editor.attendance.note.text() == "应到人员已与名册一致（3 人），没有变化。"
    editor.discard_changes()


def test_roster_imported_from_the_template_the_wizard_saved(qtbot, archive, tmp_path):
    from openpyxl import load_workbook

    wizard = start_wizard(qtbot, archive)
    wizard.back()  # the branch again: corrected, not created twice
    type_text(wizard.code, "330523")
    wizard.next()
    assert wizard.step_index == 1 and archive.branch.own().code == "330523"
    wizard.skip()
    wizard.skip()
    assert wizard.step_index == 3
    roster = wizard.current_step()
    template = roster.save_template(str(tmp_path / "名册.xlsx"))
    assert "模板已保存" in roster.note.text() and english_shown(wizard) == []
    book = load_workbook(template)
    sheet = book["党员名册"]
    sheet.append(["赵𠮷", ZHAO[1], ZHAO[2], ZHAO[3], "", "第一党小组"])
    sheet.append(["孙三", SUN[1], SUN[2], "", "预备党员"])
    book.save(template)
    answer_dialog(RosterImportDialog, lambda dialog: dialog.do_import())
    roster.import_roster(str(template))
    qtbot.waitUntil(lambda: "已导入 2 名党员" in roster.note.text())
    assert "赵𠮷" in roster.already.text()
    assert [g.name for g in archive.groups.list()] == ["第一党小组"]
    wizard.next()
    assert wizard.result() == wizard.DialogCode.Accepted


def test_rows_copied_from_a_spreadsheet_paste_into_the_roster(qtbot, archive):
    from PySide6.QtGui import QGuiApplication

    wizard = start_wizard(qtbot, archive)
    wizard.skip()
    wizard.skip()
    table = wizard.current_step().table
    QGuiApplication.clipboard().setText("\t".join(ZHAO) + "\r\n" + "\t".join(SUN) + "\r\n")
    qtbot.keyClick(open_editor(wizard), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [table.text(r, "name") for r in table.typed_rows()] == ["赵𠮷", "孙三"]
    wizard.next()
    assert wizard.result() == wizard.DialogCode.Accepted
    assert archive.members.count() == 2 and archive.members.count(statuses=("probationary",)) == 1


def test_skipped_steps_are_reachable_from_settings(qtbot, archive):
    from ui.pages.settings import SettingsPage
    from ui.wizard.steps import CommitteeStep, SetupStepDialog

    wizard = start_wizard(qtbot, archive)
    wizard.reject()  # 以后再填: nothing typed, so nothing asked; the window opens
    assert wizard.result() == wizard.DialogCode.Accepted
    page = SettingsPage(archive)
    qtbot.addWidget(page)
    assert page.start.text() == "2026-12"
    seen = {}

    def fill(dialog):
        table = dialog.step.table
        table.item(0, 0).setText("主任")  # no such post: named by row, nothing stored
        for column, text in enumerate(ZHAO, start=1):
            table.item(0, column).setText(text)
        dialog.save()
        seen["refused"] = dialog.step.error.text()
        table.item(0, 0).setText("书记")
        dialog.save()

    answer_dialog(SetupStepDialog, fill)
    page.open_step(CommitteeStep)
    assert "第 1 行" in seen["refused"] and "“主任”不在列表中" in seen["refused"]
    assert [s.holder_name for s in archive.branch.own().committee] == ["赵𠮷"]
    assert page.committee.rowCount() == 1  # the page shows what the step saved
    page.start.setText("2026-10")
    assert page.save(announce=False) and record_start(archive) == dt.date(2026, 10, 1)


@pytest.mark.parametrize("answer", ["取消", "不保存", "保存"])
def test_leaving_the_first_page_with_a_typed_name_asks_first(qtbot, archive, answer):
    """退出 (or ✕) before the archive exists: the typed branch name is not dropped without a
    word. 取消 stays with the typing, 不保存 leaves with nothing stored, 保存 creates the
    archive and the window opens on it."""
    wizard = FirstRunWizard(archive)
    qtbot.addWidget(wizard, before_close_func=lambda w: w.name.clear())  # 取消 leaves the name typed
    wizard.show()
    type_text(wizard.name, "前进村党支部")
    asked = []

    def reply(box):
        asked.append(box.text())
        next(b for b in box.buttons() if b.text() == answer).click()

    answer_dialog(QMessageBox, reply)
    wizard.quit_button.click()
    assert asked and "「支部基本信息」有未保存的修改" in asked[0]
    if answer == "取消":
        assert wizard.isVisible() and wizard.name.text() == "前进村党支部"
        assert archive.branch.own_or_none() is None
    elif answer == "不保存":
        assert wizard.result() == QDialog.DialogCode.Rejected and not wizard.isVisible()
        assert archive.branch.own_or_none() is None
    else:
        assert wizard.result() == QDialog.DialogCode.Accepted
        assert archive.branch.own().name == "前进村党支部"


def test_leaving_an_untouched_first_page_asks_nothing(qtbot, archive):
    wizard = FirstRunWizard(archive)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.quit_button.click()
    assert wizard.result() == QDialog.DialogCode.Rejected and not wizard.isVisible()

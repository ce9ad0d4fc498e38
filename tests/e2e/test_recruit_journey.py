"""发展党员 through the real main window (issue 15): one person from the 入党申请书 to 转正 and
归档, every step typed into the page's form; the meetings that decide steps are created from
the page and held and voted in 三会一课 (the two 支部大会 among them); the roster shows the
预备党员 and then the 正式党员 from the right day."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from branchdesk.demo.recruit import hold
from tests.domain.meetings_support import branch  # noqa: F401 - fixture: a small branch
from tests.domain.papers_support import text_of
from tests.domain.recruit_support import BIRTH, TIMELINE
from tests.e2e.test_first_hour import open_cell_editor
from tests.e2e.user import CountingUser
from tests.helpers import answer_modal, make_id, saved, type_text
from ui.main_window import MainWindow

MEETING_STEPS = ("activist", "candidate", "committee_review", "branch_vote", "full_vote")
VOTES = ("branch_vote", "full_vote")  # the two 支部大会: held, voted and 定稿 in the meeting editor by hand


@pytest.fixture
def window(qtbot, branch):  # noqa: F811 - the fixture
    archive, _, _ = branch
    main = MainWindow(archive)
    qtbot.addWidget(main)
    main.resize(1024, 768)
    main.show()
    return main


def _record(qtbot, window, key: str, day: dt.date, extra: dict) -> None:
    page = window.show_page("recruit")
    editor = page.editor
    editor.step.setCurrentIndex(editor.step.findData(key))
    assert editor.step.currentData() == key, f"{key} is not offered next: {[editor.step.itemData(i) for i in range(editor.step.count())]}"
    if key in VOTES:
        editor = _vote_in_the_meeting_record(qtbot, window, key, day)
    elif key in MEETING_STEPS:
        qtbot.mouseClick(editor.new_meeting, Qt.MouseButton.LeftButton)  # opens the new record in 会议
        meetings = window.pages["meetings"]
        assert window.current_page_key() == "meetings" and meetings.stack.currentWidget() is meetings.editor
        meeting_id = meetings.editor.meeting_id
        hold(window.archive, meeting_id, day)  # the 支委会 steps: entered through the meeting API
        page = window.show_page("recruit")
        editor.step.setCurrentIndex(editor.step.findData(key))
        editor.meeting.setCurrentIndex(editor.meeting.findData(meeting_id))
    else:
        type_text(editor.done_on, day.isoformat())
    for number, (_role, name) in enumerate(extra.get("people", [])):
        box = editor.people[number]
        index = box.findText(name)
        if index >= 0:
            box.setCurrentIndex(index)  # picked from the roster
        else:
            box.setEditText(name)  # the 上级党委's 谈话人, typed
    if "body" in extra:
        editor.body.setText(extra["body"])
    if "decision" in extra:
        editor.decision.setCurrentIndex(editor.decision.findData(extra["decision"]))
    if "days" in extra:
        type_text(editor.days, str(extra["days"]))
    if key == "placement":
        editor.group.setCurrentIndex(editor.group.findText("第一党小组"))
    if extra.get("text"):
        editor.text.setPlainText(extra["text"])
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.error.isHidden() and not editor.form.has_errors(), (key, editor.error.text(), [
        editor.form.error_text(k) for k in ("done_on", "people", "body", "decision", "meeting_id", "text", "reason")])


def _vote_in_the_meeting_record(qtbot, window, key: str, day: dt.date):
    """The 支部党员大会 deciding ``key`` as a secretary records it: 「新建会议记录…」 on the
    step's form opens the new record in 会议; the date typed, 「未登记的都记为出席」, the
    person's resolution (already written) gets its 赞成 votes, 「定稿」; back to 发展党员 by
    the navigation, where the form shows the step with that meeting chosen. Returns the form."""
    user = CountingUser(qtbot)
    editor = window.pages["recruit"].editor
    user.click(editor.new_meeting)
    meetings = window.pages["meetings"]
    assert window.current_page_key() == "meetings" and meetings.stack.currentWidget() is meetings.editor
    record = meetings.editor
    assert record.basic.kind.currentData() == "general" and record.resolutions.model.rowCount() == 1
    if record.tabs.currentWidget() is not record.basic:  # the editor keeps the page last looked at
        user.click_tab(record.tabs, record.tabs.indexOf(record.basic))
    user.click(record.basic.held_on, "「实际召开日期」")
    user.type(record.basic.held_on, day.isoformat())
    assert (record.basic.host.currentText(), record.basic.recorder.currentText()) == ("王堃", "李喆")

    user.click_tab(record.tabs, record.tabs.indexOf(record.attendance))
    user.click(record.attendance.all_present)
    voters = sum(1 for entry in record.attendance.entries() if entry.voting and entry.status == "present")
    assert voters >= 3

    votes = record.resolutions
    user.click_tab(record.tabs, record.tabs.indexOf(votes))
    user.click_cell(votes.table, 0, 2, "「赞成」格")
    if open_cell_editor(votes.table) is None:  # a digit typed on the chosen cell opens it
        qtbot.keyClicks(votes.table, str(voters))
    else:
        user.type(open_cell_editor(votes.table), str(voters))
    user.press(Qt.Key.Key_Return, open_cell_editor(votes.table))  # 反对 and 弃权 become 0
    qtbot.waitUntil(lambda: votes.model.row(0)["yes"] == voters and votes.model.row(0)["abstain"] == 0)
    assert "通过" in votes.explanation.text(), votes.explanation.text()
    user.click(record.finalise_button)
    qtbot.waitUntil(lambda: record.state == "final")

    user.click_cell(window.nav, window.page_keys.index("recruit"), 0, "导航「发展党员」")
    assert window.current_page_key() == "recruit"
    editor = window.pages["recruit"].editor
    assert editor.step.currentData() == key
    assert editor.meeting.currentData() == record.meeting_id, editor.meeting.currentText()
    return editor


def test_one_person_from_application_to_full_membership(qtbot, window, branch, tmp_path):  # noqa: F811 - the fixture
    archive, _, group_id = branch
    page = window.show_page("recruit")
    id_number = make_id(BIRTH, 311)

    def fill(dialog):
        type_text(dialog.name, "周新")
        type_text(dialog.id_number, id_number)
        type_text(dialog.job, "村民")

    answer_modal(saved(fill))
    person_id = page.add_person()
    assert page.selected_person() == person_id and page.editor.step.currentData() == "application"

    for key, day, extra in TIMELINE:
        _record(qtbot, window, key, day, dict(extra))
        if key == "approval":
            member = archive.members.find_by_id_number(id_number)
            assert (member.status, member.joined_on) == ("probationary", dt.date(2024, 9, 1))

    member = archive.members.find_by_id_number(id_number)
    assert (member.status, member.full_on, member.group_id) == ("full", dt.date(2025, 9, 1), group_id)
    members_page = window.show_page("members")
    assert "正式党员" in [members_page.model.index(r, c).data() for r in range(members_page.model.rowCount())
                          for c in range(members_page.model.columnCount())
                          if members_page.model.index(r, 0).data() == "周新"]
    page = window.show_page("recruit")
    assert page.model.items()[0].stage == "archived"
    dossier = archive.recruit.dossier(person_id)
    votes = [s for s in dossier.steps if s.step in ("branch_vote", "full_vote")]
    assert [archive.meetings.detail(s.meeting_id).form.kind for s in votes] == ["general", "general"]
    assert all("通过" in s.vote_text for s in votes)
    assert "支部党员大会" in page.dossier.toPlainText() and "材料归档" in page.dossier.toPlainText()

    # the 全程纪实表 from the page's button, written in a worker
    target = tmp_path / "纪实表.pdf"
    assert page.exports.record(str(target))
    qtbot.waitUntil(lambda: page.exports.last_result is not None, timeout=20000)
    text = "".join(text_of(target).split())
    assert "发展党员工作全程纪实表" in text and "周新" in text
    for title in ("递交入党申请书", "支部大会讨论接收预备党员", "支部大会讨论转正", "上级党委审批转正", "材料归档"):
        assert title in text, title
    assert "2024.9.1" in text and "2025.9.2" in text and "王堃、李喆" in text and "按期转为正式党员" in text

    # 归档: 定稿, then 上报 seals the record with its steps
    assert page.finalise()
    answer_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    assert page.report()
    assert archive.recruit.state(person_id) == "reported" and "[已上报]" in page.dossier.toPlainText()

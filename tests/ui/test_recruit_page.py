"""The 发展党员 page keeps what is typed (docs/design.md rule 16): leaving asks 保存 / 不保存 /
取消, a refused step shows its rule under the field and keeps the typing, and a power cut
leaves a draft that the next window restores."""

from __future__ import annotations

import datetime as dt

from branchdesk import clock
from branchdesk.drafts import store_for
from tests.domain.meetings_support import branch  # noqa: F401 - fixture: a small branch
from tests.domain.recruit_support import new_person, walk
from tests.helpers import type_text
from tests.ui.test_power_cut_drafts import answer_in_turn, open_window, press  # noqa: F401 - fixture

TEXT = "谈话中本人表示愿意接受党组织的长期考验"


def test_typing_is_asked_about_refused_steps_keep_it_and_drafts_bring_it_back(branch, open_window):  # noqa: F811
    archive, ids, _ = branch
    pid = new_person(archive)
    walk(archive, ids, pid, until="first_talk")  # 申请书 received 2023-03-01
    window = open_window(archive)
    page = window.show_page("recruit")
    editor = page.open_person(pid)
    assert editor.step.currentData() == "first_talk" and not editor.has_unsaved_changes()
    type_text(editor.done_on, "2023-04-10")
    editor.people[0].setCurrentIndex(editor.people[0].findText("王堃"))
    editor.text.setPlainText(TEXT)
    assert editor.has_unsaved_changes()

    # a talk later than a month is refused without a reason: the rule shows under the field, typing stays
    assert not editor.save()
    assert "一个月内派人" in editor.form.error_text("reason") and editor.text.toPlainText() == TEXT

    seen = []
    answer_in_turn(press("取消", seen))
    window.show_page("home")
    assert "周新的发展档案（2. 党组织派人谈话）有未保存的修改" in seen[0]
    assert window.current_page_key() == "recruit" and editor.text.toPlainText() == TEXT

    window.keep_drafts()
    [draft] = store_for(archive).all()
    assert draft.key == f"recruit-{pid}-first_talk" and TEXT in draft.texts()
    editor.discard_changes()
    window.drafts.timer.stop()  # a power cut: the draft stays although this window forgot the edit
    window.drafts._written.clear()
    second = open_window(archive)
    answer_in_turn(press("恢复", seen))
    second.offer_drafts()
    restored = second.pages["recruit"].editor
    assert restored.person_id == pid and restored.text.toPlainText() == TEXT and restored.done_on.text() == "2023-04-10"
    restored.reason.setPlainText("申请人在外地务工，返乡后谈话")
    assert restored.save()
    assert archive.recruit.dossier(pid).steps[-1].done_on == dt.date(2023, 4, 10)
    second.keep_drafts()
    assert store_for(archive).all() == []


def test_review_texts_stay_covered_until_the_app_password(qtbot, branch):  # noqa: F811 - the fixture
    from types import SimpleNamespace

    from tests.helpers import answer_modal
    from ui.pages.recruit import RecruitPage

    archive, ids, _ = branch
    pid = new_person(archive)
    walk(archive, ids, pid, until="candidate")
    archive.access.set_password("支部密码2025")
    archive.access.set_policy(sensitive_grace_minutes=0)  # asked again each time the page comes back
    session = archive.access.session()
    session.unlock("支部密码2025", now=clock.now() - dt.timedelta(hours=2))  # the grace time is over
    page = RecruitPage(archive, SimpleNamespace(session=session))
    qtbot.addWidget(page)
    page.open_person(pid)
    assert "思想进步" not in page.dossier.toPlainText() and "敏感内容" in page.dossier.toPlainText()
    answer_modal(lambda dialog: (type_text(dialog.password, "支部密码2025"), dialog.try_unlock()))
    assert page.reveal()
    assert "考察意见：思想进步，表现良好" in page.dossier.toPlainText()
    page.refresh()  # shown again later: covered again
    assert "思想进步" not in page.dossier.toPlainText()


def test_import_from_the_page_names_bad_rows_then_takes_all(qtbot, branch, tmp_path):  # noqa: F811 - the fixture
    from PySide6.QtWidgets import QMessageBox

    from tests.domain.test_recruit_import import GOOD, _sheet
    from tests.helpers import answer_modal
    from ui.pages.recruit import RecruitPage

    archive, _, _ = branch
    page = RecruitPage(archive)
    qtbot.addWidget(page)
    seen = []
    bad = _sheet(tmp_path / "错.xlsx", GOOD + [dict(GOOD[0], 姓名="重复")])
    answer_modal(lambda box: (seen.append(box.text()), box.accept()))
    assert page.import_file(str(bad)) == 0
    assert "第 6 行" in seen[0] and "同一人" in seen[0] and archive.recruit.person_ids() == []
    answer_modal(lambda box: (seen.append(box.text()), box.button(QMessageBox.StandardButton.Yes).click()))
    assert page.import_file(str(_sheet(tmp_path / "好.xlsx", GOOD))) == 3
    assert "将导入 3 人：甲、乙、丙" in seen[1] and len(page.model.items()) == 3


def test_back_from_the_meeting_it_made_the_form_shows_that_step_with_the_meeting_chosen(branch, open_window):  # noqa: F811
    from branchdesk.demo.recruit import hold
    from tests.domain.recruit_support import TIMELINE, index_of

    archive, ids, _ = branch
    pid = new_person(archive)
    walk(archive, ids, pid, until="branch_vote")
    window = open_window(archive)
    editor = window.show_page("recruit").open_person(pid)
    editor.step.setCurrentIndex(editor.step.findData("branch_vote"))
    meeting_id = editor.plan_meeting()
    assert window.current_page_key() == "meetings" and window.pages["meetings"].editor.meeting_id == meeting_id
    window.show_page("recruit")  # not held yet: the step is shown, no meeting to choose
    assert editor.step.currentData() == "branch_vote" and editor.meeting.currentData() is None
    window.show_page("meetings")
    hold(archive, meeting_id, TIMELINE[index_of("branch_vote")][1])
    window.show_page("recruit")
    assert editor.step.currentData() == "branch_vote" and editor.meeting.currentData() == meeting_id
    assert not editor.has_unsaved_changes()  # chosen for the user: leaving asks nothing
    assert editor.save()
    assert archive.recruit.dossier(pid).steps[-1].meeting_id == meeting_id

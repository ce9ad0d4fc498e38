"""发展党员 (docs/domain.md §11): the 25 steps in order, each waiting period and deadline of
the 细则, the meeting votes that decide steps, and the roster changes of the 审批, on every engine."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from branchdesk.errors import Conflict, ValidationErrors
from branchdesk.recruit import StepForm, StepPerson
from tests.domain.recruit_support import (
    TIMELINE,
    D,
    held_meeting,
    index_of,
    new_person,
    step_form,
    walk,
)
from tests.helpers import make_id


def _refusal(archive, pid, form) -> str:
    with pytest.raises(ValidationErrors) as caught:
        archive.recruit.record_step(pid, form)
    return caught.value.message()


def _needs_reason_then_accepted(archive, pid, form, words):
    message = _refusal(archive, pid, form)
    assert "情况说明" in message and words in message, message
    archive.recruit.record_step(pid, dataclasses.replace(form, reason="当时本人外出务工，返乡后即补做"))
    assert archive.recruit.dossier(pid).steps[-1].reason.startswith("当时本人外出务工")


def test_the_whole_record_from_application_to_full_membership(branch):
    archive, ids, group_id = branch
    pid = new_person(archive)
    walk(archive, ids, pid, until="approval")
    assert archive.members.find_by_id_number(make_id(D(1995, 5, 6), 311)) is None  # not a member before the 审批
    walk(archive, ids, pid, until="full_vote", skip=index_of("approval"))
    member = archive.members.find_by_id_number(make_id(D(1995, 5, 6), 311))
    # 预备期 from the 支部大会 that admitted them, in the group the 编入 step named
    assert (member.status, member.joined_on, member.group_id) == ("probationary", D(2024, 9, 1), group_id)
    assert "审批接收为预备党员" in archive.members.status_history(member.id)[0].reason
    dossier = archive.recruit.dossier(pid)
    assert dossier.stage == "probationary" and dossier.probation_end == D(2025, 9, 1)
    walk(archive, ids, pid, skip=index_of("full_vote"))
    member = archive.members.get(member.id)
    assert (member.status, member.full_on) == ("full", D(2025, 9, 1))  # from the end of the 预备期, not the 审批
    history = archive.members.status_history(member.id)
    assert [(h.status_to, h.changed_on) for h in history] == [("probationary", D(2024, 9, 1)), ("full", D(2025, 9, 1))]
    dossier = archive.recruit.dossier(pid)
    assert dossier.stage == "archived" and dossier.next_steps == []
    assert [s.step for s in dossier.steps] == [key for key, _, _ in TIMELINE]
    assert len({s.kind.number for s in dossier.steps}) == 25
    vote = dossier.last("branch_vote")
    # the date and the vote come from the meeting record
    assert vote.done_on == D(2024, 9, 1) and "通过" in vote.vote_text and vote.meeting_title.startswith("支部党员大会")
    assert dossier.last("introducers").names("introducer") == ["王堃", "李喆"]


def test_an_applicant_must_be_eighteen(branch):
    archive, ids, _ = branch
    pid = new_person(archive, birth=D(2006, 5, 1))
    message = _refusal(archive, pid, StepForm("application", D(2024, 4, 30)))
    assert "17岁" in message and "年满十八岁" in message
    archive.recruit.record_step(pid, StepForm("application", D(2024, 5, 1)))


def test_the_talk_comes_within_a_month(branch):
    archive, ids, _ = branch
    pid = new_person(archive)
    walk(archive, ids, pid, until="first_talk")
    on_time = step_form(archive, ids, pid, "first_talk", D(2023, 4, 1), people=[("talker", "王堃")])
    late = dataclasses.replace(on_time, done_on=D(2023, 4, 3))
    _needs_reason_then_accepted(archive, pid, late, "一个月内派人同入党申请人谈话")


def test_the_talker_is_a_full_member_from_the_roster(branch):
    archive, ids, _ = branch
    pid = new_person(archive)
    walk(archive, ids, pid, until="first_talk")
    message = _refusal(archive, pid, StepForm("first_talk", D(2023, 3, 20), [StepPerson("talker", "张伟", ids["张伟"])]))
    assert "张伟" in message and "正式党员" in message
    message = _refusal(archive, pid, StepForm("first_talk", D(2023, 3, 20), [StepPerson("talker", "路人甲")]))
    assert "请从名册中选择" in message


def test_steps_keep_their_order_and_dates_never_go_back(branch):
    archive, ids, _ = branch
    pid = new_person(archive)
    message = _refusal(archive, pid, StepForm("first_talk", D(2023, 3, 20), [StepPerson("talker", "王堃", ids["王堃"])]))
    assert "下一步应为「递交入党申请书」" in message and "不能跳过" in message
    walk(archive, ids, pid, until="first_talk")
    message = _refusal(archive, pid, step_form(archive, ids, pid, "first_talk", D(2023, 2, 28), people=[("talker", "王堃")]))
    assert "日期不能倒退" in message and "2023-03-01" in message
    assert _refusal(archive, pid, StepForm("oath", D(2023, 3, 21))).count("「党组织派人谈话」") == 1


def test_mentors_are_one_or_two_full_members(branch):
    archive, ids, _ = branch
    pid = new_person(archive)
    walk(archive, ids, pid, until="mentors")
    three = step_form(archive, ids, pid, "mentors", D(2023, 6, 16),
                      people=[("mentor", "陈镕"), ("mentor", "刘芳"), ("mentor", "赵赟")])
    assert "一至两名正式党员" in _refusal(archive, pid, three)
    none = step_form(archive, ids, pid, "mentors", D(2023, 6, 16))
    assert "现有0名" in _refusal(archive, pid, none)
    twice = step_form(archive, ids, pid, "mentors", D(2023, 6, 16), people=[("mentor", "陈镕"), ("mentor", "陈镕")])
    assert "重复" in _refusal(archive, pid, twice)


def test_a_review_every_half_year(branch):
    archive, ids, _ = branch
    pid = new_person(archive)
    walk(archive, ids, pid, until="activist_review")
    late = step_form(archive, ids, pid, "activist_review", D(2023, 12, 11), text="考察")  # activist 2023-06-10
    _needs_reason_then_accepted(archive, pid, late, "每半年")
    archive.recruit.record_step(pid, step_form(archive, ids, pid, "activist_review", D(2024, 6, 11), text="考察"))


def test_a_year_as_activist_before_becoming_a_candidate(branch):
    archive, ids, _ = branch
    pid = new_person(archive)
    walk(archive, ids, pid, until="activist_review")  # 积极分子 from 2023-06-10
    archive.recruit.record_step(pid, StepForm("activist_review", D(2023, 12, 10), text="表现良好"))
    meeting = held_meeting(archive, pid, "candidate", D(2024, 6, 9))
    message = _refusal(archive, pid, StepForm("candidate", None, text="同意", meeting_id=meeting))
    assert "最早 2024-06-10" in message and "一年以上" in message
    meeting = held_meeting(archive, pid, "candidate", D(2024, 6, 10))
    archive.recruit.record_step(pid, StepForm("candidate", None, text="同意", meeting_id=meeting))
    assert archive.recruit.dossier(pid).stage == "candidate"


def test_two_introducers(branch):
    archive, ids, _ = branch
    pid = new_person(archive)
    walk(archive, ids, pid, until="introducers")
    one = step_form(archive, ids, pid, "introducers", D(2024, 6, 26), people=[("introducer", "王堃")])
    message = _refusal(archive, pid, one)
    assert "须有2名入党介绍人" in message and "两名正式党员作入党介绍人" in message


def test_training_of_three_days_or_24_hours(branch):
    archive, ids, _ = branch
    pid = new_person(archive)
    walk(archive, ids, pid, until="training")
    assert "天数或学时" in _refusal(archive, pid, StepForm("training", D(2024, 7, 20)))
    short = StepForm("training", D(2024, 7, 20), days=2, hours=16)
    _needs_reason_then_accepted(archive, pid, short, "不少于3天")
    archive.recruit.undo_last_step(pid)
    archive.recruit.record_step(pid, StepForm("training", D(2024, 7, 20), hours=24))
    assert archive.recruit.dossier(pid).steps[-1].reason == ""


def test_approval_normally_within_three_months(branch):
    archive, ids, _ = branch
    pid = new_person(archive)
    walk(archive, ids, pid, until="approval")  # 支部大会 2024-09-01
    late = StepForm("approval", D(2024, 12, 2), body="中共测试镇委员会", decision="approved")
    _needs_reason_then_accepted(archive, pid, late, "3个月内审批")


def test_full_membership_is_discussed_when_the_probation_ends(branch):
    archive, ids, _ = branch
    pid = new_person(archive)
    walk(archive, ids, pid, until="full_vote")  # 预备期 ends 2025-09-01
    early = held_meeting(archive, pid, "full_vote", D(2025, 8, 31))
    message = _refusal(archive, pid, StepForm("full_vote", None, decision="full", meeting_id=early))
    assert "不能提前讨论转正" in message
    late = held_meeting(archive, pid, "full_vote", D(2025, 10, 2))
    _needs_reason_then_accepted(archive, pid, StepForm("full_vote", None, decision="full", meeting_id=late), "及时讨论")
    late = StepForm("full_approval", D(2026, 1, 3), body="中共测试镇委员会", decision="approved")
    _needs_reason_then_accepted(archive, pid, late, "3个月内审批")
    assert archive.members.get(archive.recruit.dossier(pid).member_id).full_on == D(2025, 9, 1)


def test_an_extension_of_six_to_twelve_months_once(branch):
    archive, ids, _ = branch
    pid = new_person(archive)
    walk(archive, ids, pid, until="full_vote")
    meeting = held_meeting(archive, pid, "full_vote", D(2025, 9, 2))
    form = StepForm("full_vote", None, decision="extend", text="联系群众不够", meeting_id=meeting)
    assert "6至12个月" in _refusal(archive, pid, dataclasses.replace(form, extension_months=3))
    archive.recruit.record_step(pid, dataclasses.replace(form, extension_months=6))
    archive.recruit.record_step(pid, StepForm("full_approval", D(2025, 9, 20), body="中共测试镇委员会", decision="approved"))
    dossier = archive.recruit.dossier(pid)
    assert dossier.probation_end == D(2026, 3, 1) and dossier.stage == "probationary"
    assert dossier.next_steps == ["probation_review", "full_application"]
    member = archive.members.get(dossier.member_id)
    assert member.status == "probationary"
    archive.recruit.record_step(pid, StepForm("probation_review", D(2025, 12, 1), text="有改进"))
    archive.recruit.record_step(pid, StepForm("full_application", D(2026, 2, 20)))
    again = held_meeting(archive, pid, "full_vote", D(2026, 3, 2))
    message = _refusal(archive, pid, StepForm("full_vote", None, decision="extend", extension_months=6, meeting_id=again))
    assert "延长过一次" in message
    archive.recruit.record_step(pid, StepForm("full_vote", None, decision="full", meeting_id=again))
    archive.recruit.record_step(pid, StepForm("full_approval", D(2026, 3, 20), body="中共测试镇委员会", decision="approved"))
    assert archive.members.get(dossier.member_id).full_on == D(2026, 3, 1)


def test_a_cancelled_probation_takes_the_person_off_the_branch(branch):
    archive, ids, _ = branch
    pid = new_person(archive)
    walk(archive, ids, pid, until="full_vote")
    meeting = held_meeting(archive, pid, "full_vote", D(2025, 9, 2))
    archive.recruit.record_step(pid, StepForm("full_vote", None, decision="cancel", text="长期不参加组织生活", meeting_id=meeting))
    archive.recruit.record_step(pid, StepForm("full_approval", D(2025, 9, 30), body="中共测试镇委员会", decision="approved"))
    dossier = archive.recruit.dossier(pid)
    member = archive.members.get(dossier.member_id)
    assert member.status == "disqualified" and dossier.stage == "stopped" and dossier.next_steps == ["archived"]
    assert "长期不参加组织生活" in archive.members.status_history(member.id)[-1].reason


def test_a_meeting_decides_only_when_held_voted_and_passed(branch):
    archive, ids, _ = branch
    pid = new_person(archive)
    walk(archive, ids, pid, until="branch_vote")
    message = _refusal(archive, pid, StepForm("branch_vote", D(2024, 9, 1)))
    assert "须由会议决定" in message
    planned = archive.recruit.plan_meeting([pid], "branch_vote", D(2024, 9, 1))
    assert "还没有召开" in _refusal(archive, pid, StepForm("branch_vote", None, meeting_id=planned))
    failed = held_meeting(archive, pid, "branch_vote", D(2024, 9, 1), yes=3)  # 6 voters due: 4 needed
    message = _refusal(archive, pid, StepForm("branch_vote", None, meeting_id=failed))
    assert "未获通过" in message and "至少4票" in message
    committee = held_meeting(archive, pid, "committee_review", D(2024, 9, 1))
    assert "须由支部党员大会决定" in _refusal(archive, pid, StepForm("branch_vote", None, meeting_id=committee))
    passed = held_meeting(archive, pid, "branch_vote", D(2024, 9, 2), yes=4)
    archive.recruit.record_step(pid, StepForm("branch_vote", D(2020, 1, 1), meeting_id=passed))
    assert archive.recruit.dossier(pid).steps[-1].done_on == D(2024, 9, 2)  # the meeting's day, not the one typed


def test_what_is_due(branch):
    archive, ids, _ = branch
    today = D(2026, 12, 6)
    fresh = new_person(archive, "甲", serial=313)
    archive.recruit.record_step(fresh, StepForm("application", D(2026, 11, 20)))
    late_talk = new_person(archive, "乙", serial=315)
    archive.recruit.record_step(late_talk, StepForm("application", D(2026, 10, 1)))
    activist = new_person(archive, "丙", serial=317)
    walk(archive, ids, activist, until="candidate")  # last review 2024-06-10
    waiting = new_person(archive, "丁", serial=319)
    walk(archive, ids, waiting, until="approval")  # 支部大会 2024-09-01
    probation = new_person(archive, "戊", serial=321)
    walk(archive, ids, probation, until="full_vote")  # 预备期 ended 2025-09-01
    due = {(item.person_name, item.what): item for item in archive.recruit.due(today)}
    assert not due[("甲", "talk")].overdue and "2026-12-20 前派人谈话" in due[("甲", "talk")].sentence
    assert due[("乙", "talk")].overdue and "超过一个月未谈话" in due[("乙", "talk")].sentence
    assert due[("丙", "review")].overdue and due[("丙", "review")].due_on == D(2024, 12, 10)
    assert due[("丁", "approval_late")].overdue and "超过3个月" in due[("丁", "approval_late")].sentence
    assert "转正尚未讨论" in due[("戊", "full_vote_late")].sentence
    assert list(archive.recruit.due(today))[0].overdue
    summaries = {s.name: s for s in archive.recruit.summaries(today=today)}
    assert summaries["丙"].stage_label == "入党积极分子" and "半年考察已逾期" in summaries["丙"].next_text


def test_a_person_once_and_not_one_already_on_the_roster(branch):
    archive, ids, _ = branch
    new_person(archive)
    with pytest.raises(ValidationErrors, match="已有「周新」的发展档案"):
        new_person(archive, name="周新新")
    wang = archive.members.get(ids["王堃"])
    from branchdesk.recruit import PersonForm

    with pytest.raises(ValidationErrors, match="已在党员名册中"):
        archive.recruit.add_person(PersonForm(name="王堃", id_number=wang.id_number))


def test_documents_undo_and_delete(branch, tmp_path):
    archive, ids, _ = branch
    pid = new_person(archive)
    walk(archive, ids, pid, until="first_talk")
    scan = tmp_path / "申请书.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    step_id = archive.recruit.dossier(pid).steps[0].id
    doc = archive.recruit.attach(step_id, scan, "入党申请书扫描件")
    [info] = archive.recruit.dossier(pid).steps[0].documents
    assert info.title == "入党申请书扫描件" and len(info.sha256) == 64
    assert archive.recruit.document_file(doc).read_bytes() == b"%PDF-1.4 scan"
    with pytest.raises(Conflict, match="已登记了步骤"):
        archive.recruit.delete_person(pid)
    archive.recruit.undo_last_step(pid)
    assert archive.recruit.dossier(pid).steps == []
    archive.recruit.delete_person(pid)
    assert archive.recruit.person_ids() == []
    audit = [e.action for e in archive.audit.entries("recruit_person", pid)]
    assert audit == ["recruit.person", "recruit.step", "recruit.document", "recruit.step_undo", "recruit.person_delete"]


def test_an_approved_admission_is_not_undone(branch):
    archive, ids, _ = branch
    pid = new_person(archive)
    walk(archive, ids, pid, until="upper_filing")
    with pytest.raises(Conflict, match="党员名册中更正"):
        archive.recruit.undo_last_step(pid)


def test_a_refused_pre_approval_stops_the_record(branch):
    archive, ids, _ = branch
    pid = new_person(archive)
    walk(archive, ids, pid, until="pre_approval")
    archive.recruit.record_step(pid, StepForm("pre_approval", D(2024, 8, 10), body="中共测试镇委员会", decision="rejected",
                                              text="培养时间内表现有反复"))
    dossier = archive.recruit.dossier(pid)
    assert dossier.stage == "stopped" and dossier.next_steps == ["archived"]
    assert "须是本支部名册" not in str(dossier.steps)
    assert not [i for i in archive.recruit.due(dt.date(2026, 12, 6)) if i.person_id == pid]


def test_the_to_do_list_follows_the_record_not_the_plain_probation_rule(branch):
    from branchdesk.todo import todo_list

    archive, ids, _ = branch
    pid = new_person(archive)
    walk(archive, ids, pid, until="full_vote")  # 预备期 ended 2025-09-01, not discussed
    member_id = archive.recruit.dossier(pid).member_id
    items = todo_list(archive, D(2026, 12, 6))
    [late] = [i for i in items if i.kind == "recruit" and i.record_id == pid and "转正尚未讨论" in i.sentence]
    assert late.opens == "recruit" and late.urgency == 0 and late.days_overdue > 400
    assert not [i for i in items if i.kind == "probation" and i.record_id == member_id]



def test_a_finished_record_is_finalised_reported_sealed_and_corrected(branch):
    archive, ids, _ = branch
    pid = new_person(archive)
    walk(archive, ids, pid, until="archived")
    with pytest.raises(ValidationErrors, match="还没有登记「25. 材料归档」"):
        archive.recruit.finalise(pid)
    walk(archive, ids, pid, skip=len(TIMELINE) - 1)
    archive.recruit.finalise(pid)
    with pytest.raises(Conflict, match="已定稿"):
        archive.recruit.update_person(pid, archive.recruit.dossier(pid).form())
    seal = archive.recruit.report(pid, "报镇党委组织办")
    assert archive.recruit.dossier(pid).state == "reported" and archive.recruit.verify(pid).ok
    with pytest.raises(Conflict, match="已上报并封存"):
        archive.recruit.undo_last_step(pid)
    revision = archive.recruit.correct(pid, "入党介绍人姓名写错")
    assert archive.recruit.person_ids() == [revision] and archive.recruit.find("周新") == [revision]
    assert len(archive.recruit.dossier(revision).steps) == len(TIMELINE) and seal.content_hash
    archive.recruit.undo_last_step(revision)  # the revision is a draft again
    assert archive.recruit.dossier(pid).state == "reported"

"""What 上级党委审批 changes on the roster (docs/domain.md §11):
* 审批 of 接收 agreed: the person joins the roster as 预备党员, 入党日期 the day of the
  支部大会 that admitted them (the 预备期 counts from it), the history naming the 审批;
* 编入党小组: the member's party group;
* 审批 of 转正 agreed: 按期转正 makes them 正式党员 from the day the 预备期 ended;
  取消预备党员资格 takes them off the branch from the day of the 审批. An extension
  changes no status: the 预备期's new end is computed from the record (``rules``)."""

from __future__ import annotations

from ..roster.member_rules import MemberForm
from ..storage.models import Member
from ..storage.recruit_models import RecruitPerson
from . import rules
from .forms import StepRecord

ROSTER_STEPS = ("approval", "full_approval")


def apply(archive, person: RecruitPerson, steps: list[StepRecord]) -> None:
    """The roster change of the step just recorded (the last of ``steps``)."""
    latest = steps[-1]
    if latest.step == "approval" and latest.decision == "approved":
        vote = rules.last(steps, "branch_vote")
        form = MemberForm(name=person.name, id_number=person.id_number, ethnicity=person.ethnicity or "汉族",
                          education=person.education, phone=person.phone, job=person.job,
                          joined_on=vote.done_on, status="probationary")
        member_id = archive.members.add(form, reason=f"{latest.body}审批接收为预备党员（{latest.done_on:%Y-%m-%d}）")
        RecruitPerson.update(member=member_id).where(RecruitPerson.id == person.id).execute()
    elif latest.step == "placement" and latest.group_id is not None and person.member_id:
        record = archive.members.get(person.member_id)
        form = record.form()
        form.group_id = latest.group_id
        archive.members.update(person.member_id, form)
    elif latest.step == "full_approval" and latest.decision == "approved":
        vote = rules.last(steps, "full_vote")
        member_id = RecruitPerson.get_by_id(person.id).member_id
        if member_id is None or Member.get_or_none(Member.id == member_id) is None:
            return
        if vote.decision == "full":
            archive.members.change_status(member_id, "full", rules.probation_end(steps),
                                          f"{latest.body}批准按期转为正式党员（{latest.done_on:%Y-%m-%d}）")
        elif vote.decision == "cancel":
            archive.members.change_status(member_id, "disqualified", latest.done_on,
                                          f"{latest.body}批准取消预备党员资格：{vote.text or vote.reason}")

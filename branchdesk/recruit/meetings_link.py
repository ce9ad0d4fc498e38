"""Steps that are meetings (支委会 研究确定积极分子/发展对象, 支委会审查, 支部大会 接收预备党员
and 转正) are decided in the 三会一课 record: the step takes the meeting's date and the
outcome of its vote (quorum and majority, ``meetings/rules.py``), never typed twice.
``meeting_form`` prepares the record of such a meeting for several people at once, one
resolution each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import labels
from ..errors import ValidationError
from ..meetings import rules as meeting_rules
from ..meetings.forms import AgendaItem, MeetingForm, ResolutionForm
from ..text import name_key
from .steps import BY_KEY

HELD_STATES = ("held", "final", "reported")

# What the meeting resolves for each step, 「同意……」 with the person's name.
RESOLUTIONS = {
    "activist": "同意确定{name}为入党积极分子",
    "candidate": "同意确定{name}为发展对象",
    "committee_review": "经审查，同意将{name}提交支部党员大会讨论",
    "branch_vote": "同意接收{name}为中共预备党员",
    "full_vote": "同意{name}按期转为中共正式党员",
}
AGENDA = {
    "activist": "研究确定入党积极分子",
    "candidate": "研究确定发展对象",
    "committee_review": "审查发展对象",
    "branch_vote": "讨论接收预备党员",
    "full_vote": "讨论预备党员转正",
}


@dataclass(frozen=True)
class MeetingDecision:
    held_on: dt.date
    resolution_no: int
    title: str
    vote_text: str


def meeting_kinds_for(step_key: str, has_committee: bool) -> tuple[str, ...]:
    """A 支委会 step may be taken by the 支部党员大会 of a branch without a committee."""
    wanted = BY_KEY[step_key].meeting
    if wanted == "committee":
        return ("committee", "general") if not has_committee else ("committee",)
    return (wanted,)


def meeting_form(step_key: str, names: list[str], planned_on: dt.date, has_committee: bool) -> MeetingForm:
    """A new meeting for ``step_key`` about ``names``: kind, title, agenda and one
    resolution per person, to be voted in the meeting record."""
    kind = meeting_kinds_for(step_key, has_committee)[0]
    agenda = AGENDA[step_key]
    return MeetingForm(
        kind=kind, planned_on=planned_on, title=f"{labels.MEETING_KINDS[kind]}（{agenda}）",
        agenda=[AgendaItem(agenda, "、".join(names))],
        resolutions=[ResolutionForm(RESOLUTIONS[step_key].format(name=name)) for name in names],
    )


def decision_of(detail, step_key: str, person_name: str, resolution_no: int | None,
                has_committee: bool) -> MeetingDecision:
    """The meeting's date and vote on this person, or a refusal saying what is missing."""
    title = BY_KEY[step_key].title
    kinds = meeting_kinds_for(step_key, has_committee)
    form = detail.form
    if form.kind not in kinds and not (kinds == ("general",) and "general" in form.also_counts):
        wanted = "或".join(labels.MEETING_KINDS[k] for k in kinds)
        raise ValidationError("meeting_id", "kind", f"「{title}」须由{wanted}决定，所选会议是{detail.kind_label}。")
    if detail.state not in HELD_STATES or form.held_on is None:
        raise ValidationError("meeting_id", "not_held", f"所选会议「{form.title}」还没有召开（请先在会议记录中填写召开日期、出席和表决）。")
    voted = [(n, r) for n, r in enumerate(form.resolutions, start=1) if r.voted]
    if resolution_no is None:
        naming = [(n, r) for n, r in voted if name_key(person_name) in name_key(r.text)]
        if len(naming) != 1:
            why = "没有写明此人的表决事项" if not naming else "有多项写明此人的表决事项"
            raise ValidationError("resolution_no", "choose", f"会议「{form.title}」{why}，请选择对应的决议（第几项）。")
        resolution_no = naming[0][0]
    chosen = dict(voted).get(resolution_no)
    if chosen is None:
        raise ValidationError("resolution_no", "missing", f"会议「{form.title}」没有第 {resolution_no} 项经表决的决议，请核对。")
    result = meeting_rules.outcome(form.kind, form.attendance, chosen)
    if not result.passed:
        raise ValidationError("meeting_id", "not_passed", f"会议「{form.title}」第 {resolution_no} 项决议未获通过：{result.explanation}")
    return MeetingDecision(form.held_on, resolution_no, form.title, result.explanation)

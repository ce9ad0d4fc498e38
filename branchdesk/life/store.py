"""Rows of the 组织生活会 tables to plain data and back, and who is who in the branch."""

from __future__ import annotations

import datetime as dt

from .. import labels
from ..storage.models import (
    CommitteePost,
    LifeCriticism,
    LifeCycle,
    LifeExamination,
    LifeOpinion,
    LifeProblem,
    Member,
    MemberStatusChange,
    RectificationItem,
)
from ..storage.transfer_models import arrived_after
from .forms import Criticism, Examination, Opinion, PlanForm, Problem


def people(branch_id: int) -> dict[int, str]:
    """Every member ever on the roster: id → name."""
    return dict(Member.select(Member.id, Member.name).where(Member.branch == branch_id).tuples())


def committee(branch_id: int) -> list[tuple[int, str, str]]:
    """(member id, name, post) of the committee seats held by members, in post order."""
    rows = (
        CommitteePost.select(CommitteePost.member, Member.name, CommitteePost.post)
        .join(Member, on=(CommitteePost.member == Member.id))
        .where(CommitteePost.branch == branch_id)
        .order_by(CommitteePost.sort_order)
        .tuples()
    )
    seen: dict[int, tuple[int, str, str]] = {}
    for member_id, name, post in rows:
        seen.setdefault(member_id, (member_id, name, post))
    return list(seen.values())


def secretary(branch_id: int) -> tuple[int | None, str]:
    post = CommitteePost.get_or_none(CommitteePost.branch == branch_id, CommitteePost.post == "secretary")
    if post is None:
        return None, ""
    if post.member_id is not None:
        member = Member.get_or_none(Member.id == post.member_id)
        return post.member_id, member.name if member else post.holder_name
    return None, post.holder_name


def active_members_on(branch_id: int, day: dt.date) -> list[tuple[int, str, int | None]]:
    """(id, name, party group id) of the members who belonged to the branch on ``day``
    (joined by then, and their status on that day — from the status history — was 正式 /
    预备 / 流动); ``members.in_roster_order`` puts them in the archive's order."""
    status_then: dict[int, str] = {}
    changes = (
        MemberStatusChange.select(MemberStatusChange.member, MemberStatusChange.status_to)
        .join(Member, on=(MemberStatusChange.member == Member.id))
        .where(Member.branch == branch_id, MemberStatusChange.changed_on <= day)
        .order_by(MemberStatusChange.changed_on, MemberStatusChange.id)
        .tuples()
    )
    for member_id, status in changes:
        status_then[member_id] = status
    rows = (
        Member.select(Member.id, Member.name, Member.status, Member.group)
        .where(Member.branch == branch_id, Member.joined_on <= day)
        .order_by(Member.id)
        .tuples()
    )
    later = arrived_after(branch_id, day)
    return [(i, name, group) for i, name, now, group in rows
            if i not in later and status_then.get(i, now) in labels.ACTIVE_STATUSES]


# -- rows ↔ plain data -----------------------------------------------------------
def plan_of(row: LifeCycle) -> PlanForm:
    return PlanForm(row.year, row.theme, row.planned_on, row.form, row.group_id, row.plan_reported_on)


def plan_values(plan: PlanForm) -> dict:
    return dict(year=plan.year, theme=plan.theme, planned_on=plan.planned_on, form=plan.form, group=plan.group_id,
                plan_reported_on=plan.plan_reported_on)


def opinion_of(r: LifeOpinion) -> Opinion:
    return Opinion(r.source, r.channel, r.received_on, r.content, r.category, r.addressed_member_id,
                   r.addressed_name, bool(r.anonymous), r.giver, r.answer, r.answered_on, r.uid, r.id)


def opinion_values(o: Opinion) -> dict:
    return dict(source=o.source, channel=o.channel, received_on=o.received_on, content=o.content,
                category=o.category, addressed_member=o.addressed_member_id, addressed_name=o.addressed_name,
                anonymous=o.anonymous, giver=o.giver, answer=o.answer, answered_on=o.answered_on)


def problem_of(r: LifeProblem) -> Problem:
    return Problem(r.problem, r.member_id, r.owner_name, r.source, r.category, r.uid, r.id)


def problem_values(p: Problem) -> dict:
    return dict(problem=p.problem, member=p.member_id, owner_name=p.owner_name, source=p.source, category=p.category)


def examination_of(r: LifeExamination) -> Examination:
    return Examination(r.problems, r.causes, r.measures, r.member_id, r.owner_name, r.submitted_on, r.id)


def examination_values(e: Examination) -> dict:
    return dict(problems=e.problems, causes=e.causes, measures=e.measures, member=e.member_id,
                owner_name=e.owner_name, submitted_on=e.submitted_on)


def criticism_of(r: LifeCriticism) -> Criticism:
    return Criticism(r.kind, r.from_member_id, r.from_name, r.to_member_id, r.to_name, r.content, r.response,
                     r.uid, r.id)


def criticism_values(c: Criticism) -> dict:
    return dict(kind=c.kind, from_member=c.from_member_id, from_name=c.from_name, to_member=c.to_member_id,
                to_name=c.to_name, content=c.content, response=c.response)


def rows_of(model, cycle_id: int) -> list:
    return list(model.select().where(model.cycle == cycle_id).order_by(model.position, model.id))


def linked_items(branch_id: int, uids: list[str]) -> dict[str, list[int]]:
    """Rectification item numbers that point to each uid."""
    if not uids:
        return {}
    found: dict[str, list[int]] = {}
    rows = (
        RectificationItem.select(RectificationItem.source_ref, RectificationItem.number)
        .where(RectificationItem.branch == branch_id, RectificationItem.source_ref.in_(uids))
        .order_by(RectificationItem.number)
        .tuples()
    )
    for ref, number in rows:
        found.setdefault(ref, []).append(number)
    return found


def criticism_order(entries: list[LifeCriticism], secretary_id: int | None) -> list[LifeCriticism]:
    """The order the meeting follows: the secretary's block first, then each member's
    block in the order they first spoke; in a block the self-criticism comes first,
    then the criticism by others, each in the order entered (by id)."""
    def person(entry) -> tuple:
        return (entry.to_member_id, "" if entry.to_member_id is not None else entry.to_name)

    first_seen: dict[tuple, int] = {}
    for entry in sorted(entries, key=lambda e: e.id):
        first_seen.setdefault(person(entry), entry.id)

    def key(entry) -> tuple:
        who = person(entry)
        is_secretary = secretary_id is not None and entry.to_member_id == secretary_id
        return (0 if is_secretary else 1, first_seen[who], 0 if entry.kind == "self" else 1, entry.id)

    return sorted(entries, key=key)


def member_references(member_id: int) -> int:
    """How many 组织生活会, 民主评议, talk and ledger rows name this member."""
    from ..storage.models import AppraisalEntry, Talk

    checks = [
        (LifeOpinion, LifeOpinion.addressed_member == member_id),
        (LifeProblem, LifeProblem.member == member_id),
        (LifeExamination, LifeExamination.member == member_id),
        (LifeCriticism, (LifeCriticism.from_member == member_id) | (LifeCriticism.to_member == member_id)),
        (Talk, (Talk.talker_member == member_id) | (Talk.partner_member == member_id)),
        (AppraisalEntry, AppraisalEntry.member == member_id),
        (RectificationItem, RectificationItem.owner_member == member_id),
    ]
    return sum(model.select().where(condition).count() for model, condition in checks)

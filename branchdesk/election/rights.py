"""Who had the right to be elected on a given day (docs/domain.md §13): the roster's
status history on that day, not today's status — an election entered afterwards (a
back-filled 2024 换届) must judge its candidates as they were then."""

from __future__ import annotations

import datetime as dt

from .. import labels
from ..meetings import rules as meeting_rules
from ..roster import standing
from ..storage.models import Member, MemberStatusChange


def candidate_problem(member: Member, day: dt.date) -> str:
    """Why ``member`` could not stand on ``day`` (empty when they could)."""
    row = (MemberStatusChange.select()
           .where(MemberStatusChange.member == member.id, MemberStatusChange.changed_on <= day)
           .order_by(MemberStatusChange.changed_on.desc(), MemberStatusChange.id.desc())
           .first())
    if row is None:
        return (f"「{member.name}」在 {day:%Y-%m-%d} 还没有记入本支部名册，"
                "不能作为这一天确定的候选人（请核对确定候选人的日期或该党员的入党、转入日期）。")
    full_on = member.full_on if standing.is_full(member.full_on, day) else None
    if meeting_rules.is_voting(row.status_to, full_on):
        return ""
    status = labels.label(labels.MEMBER_STATUSES, row.status_to)
    when = "" if day == row.changed_on or row.changed_on is None else f"在 {day:%Y-%m-%d} "
    return (f"「{member.name}」{when}是{status}，不能作为候选人"
            "（预备党员没有选举权和被选举权，只有正式党员可以被选举）。")

"""The roster side of a transfer or a spell away: the member's status from a day, one new
line in the status history (docs/domain.md §16), never dated before an existing line so
the history reads in order."""

from __future__ import annotations

import datetime as dt

from ..errors import ValidationError
from ..roster import standing
from ..storage.models import MemberStatusChange


def changes_after(member_id: int, day: dt.date) -> list[dt.date]:
    """Dates of the member's status changes after ``day``, earliest first."""
    rows = MemberStatusChange.select(MemberStatusChange.changed_on).where(
        MemberStatusChange.member == member_id, MemberStatusChange.changed_on > day)
    return [r.changed_on for r in rows.order_by(MemberStatusChange.changed_on)]


def check_after_history(member, day: dt.date, field: str, what: str) -> None:
    later = changes_after(member.id, day)
    if later:
        raise ValidationError(field, "before_history",
                              f"{member.name}在 {later[-1]:%Y-%m-%d} 已有党员状态变化，{what}不能早于它，请核对。")


def set_status(archive, member_id: int, status: str, day: dt.date, reason: str) -> None:
    """The member's status from ``day`` (their 转正 date kept as it is): the registers'
    way past the hand edit's rules (docs/domain.md §1, 党员状态的变更)."""
    archive.members.set_status_by_register(member_id, status, day, reason)


def home_status(member, day: dt.date) -> str:
    """正式 if they had become full by ``day``, else 预备 (coming back from away or elsewhere)."""
    return "full" if standing.is_full(member.full_on, day) else "probationary"

"""The roster through time, read from the status history (``member_status_change``):
one member's changes as a user reads them, who belonged to the branch on a day and with
which status, and the changes of a year (the yearly archive's 党员名册 part)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee

from .. import labels
from ..storage.binding import uses_archive
from ..storage.models import Member, MemberStatusChange, PartyGroup
from ..storage.transfer_models import arrived_after
from . import standing
from .members import StatusChange


def status_name(status: str | None) -> str:
    return labels.label(labels.MEMBER_STATUSES, status) if status else "新登记"


def change_line(change: StatusChange) -> str:
    """「2025-03-01　预备党员 → 正式党员（按期转正）」"""
    reason = f"（{change.reason}）" if change.reason else ""
    return f"{change.changed_on.isoformat()}　{status_name(change.status_from)} → {status_name(change.status_to)}{reason}"


def change_dict(change: StatusChange) -> dict:
    return {
        "changed_on": change.changed_on.isoformat(),
        "status_from": change.status_from, "status_from_label": status_name(change.status_from),
        "status_to": change.status_to, "status_to_label": status_name(change.status_to),
        "reason": change.reason,
    }


@dataclass(frozen=True)
class RosterRow:
    member_id: int
    name: str
    gender: str
    status: str  # on the day asked about
    joined_on: dt.date
    full_on: dt.date | None
    group_id: int | None
    group_name: str

    @property
    def status_label(self) -> str:
        return status_name(self.status)


@dataclass(frozen=True)
class YearChange:
    member_id: int
    name: str
    change: StatusChange


@uses_archive
def roster_on(archive, day: dt.date) -> list[RosterRow]:
    """The members who belonged to the branch on ``day`` (joined by then and, by the
    status history, 正式 / 预备 / 流动 that day), in the roster's order."""
    status_then: dict[int, str] = {}
    changes = (
        MemberStatusChange.select(MemberStatusChange.member, MemberStatusChange.status_to)
        .join(Member, on=(MemberStatusChange.member == Member.id))
        .where(Member.branch == archive.branch.own_id(), MemberStatusChange.changed_on <= day)
        .order_by(MemberStatusChange.changed_on, MemberStatusChange.id)
        .tuples()
    )
    for member_id, status in changes:
        status_then[member_id] = status
    arrived_later = arrived_after(archive.branch.own_id(), day)
    rows = (
        Member.select(Member.id, Member.name, Member.gender, Member.status, Member.joined_on, Member.full_on,
                      Member.group, PartyGroup.name)
        .join(PartyGroup, peewee.JOIN.LEFT_OUTER, on=(Member.group == PartyGroup.id))
        .where(Member.branch == archive.branch.own_id(), Member.joined_on <= day)
        .tuples()
    )
    found = []
    for member_id, name, gender, now, joined_on, full_on, group_id, group_name in rows:
        if member_id in arrived_later:
            continue
        then = status_then.get(member_id, now)
        if then == "full" and full_on and full_on > day:
            # registered as 正式 with a later 转正 date (a roster imported late): 预备 until then
            then = "probationary"
        if then in labels.ACTIVE_STATUSES:
            full_then = full_on if standing.is_full(full_on, day) else None
            found.append(RosterRow(member_id, name, labels.label(labels.GENDERS, gender), then, joined_on,
                                   full_then, group_id, group_name or ""))
    return archive.members.in_roster_order(found)


@uses_archive
def changes_in_year(archive, year: int) -> list[YearChange]:
    """Every status change of the branch's members dated in ``year``, by date."""
    rows = (
        MemberStatusChange.select(Member.id, Member.name, MemberStatusChange.status_from, MemberStatusChange.status_to,
                                  MemberStatusChange.changed_on, MemberStatusChange.reason,
                                  MemberStatusChange.recorded_at)
        .join(Member, on=(MemberStatusChange.member == Member.id))
        .where(Member.branch == archive.branch.own_id(),
               MemberStatusChange.changed_on >= dt.date(year, 1, 1),
               MemberStatusChange.changed_on <= dt.date(year, 12, 31))
        .order_by(MemberStatusChange.changed_on, MemberStatusChange.id)
        .tuples()
    )
    return [YearChange(member_id, name, StatusChange(*change)) for member_id, name, *change in rows]

"""The branch's members by standing (docs/domain.md §1, 党员人数): each is 正式 or 预备 by their
转正 date; 流动 is where one is, not a third kind, so it is counted among them (「其中流动党员」)."""

from __future__ import annotations

import datetime as dt
from collections import namedtuple

import peewee

from .. import labels
from ..storage.models import Member


class Standing(namedtuple("Standing", "full probationary away")):
    """How many members on the roster are 正式 and 预备, and how many of those are away."""

    __slots__ = ()

    @property
    def total(self) -> int:
        return self.full + self.probationary


def is_full(full_on: dt.date | None, day: dt.date) -> bool:
    """正式 on ``day``: their 转正 date had come (a 流动党员 keeps the standing they had)."""
    return full_on is not None and full_on <= day


def of_members(members, day: dt.date) -> Standing:
    """The standing of ``members`` (records with ``status`` and ``full_on``) on ``day``."""
    full = sum(1 for m in members if is_full(m.full_on, day))
    away = sum(1 for m in members if m.status == "away")
    return Standing(full, len(members) - full, away)


def count(branch_id: int, day: dt.date) -> Standing:
    """The roster's standing now, in one counting query (the 首页 reads it on the window's start)."""
    full = peewee.Case(None, [((Member.full_on.is_null(False)) & (Member.full_on <= day), 1)], 0)
    query = (Member.select(Member.status, full.alias("is_full"), peewee.fn.COUNT(Member.id))
             .where(Member.branch == branch_id, Member.status.in_(list(labels.ACTIVE_STATUSES)))
             # by position: PostgreSQL binds the CASE's values apart in GROUP BY, then sees two expressions
             .group_by(peewee.SQL("1"), peewee.SQL("2")))
    counts = {"full": 0, "probationary": 0, "away": 0}
    for status, counted_full, n in query.tuples():
        counts["full" if counted_full else "probationary"] += n
        if status == "away":
            counts["away"] += n
    return Standing(**counts)

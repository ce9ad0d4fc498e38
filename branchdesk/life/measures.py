"""Facts other parts measure from these records (目标管理, issue 6, reads its indicators
here): each fact is entered once, here, and counted, never typed again."""

from __future__ import annotations

import datetime as dt


def talk_coverage(archive, year: int, today: dt.date | None = None) -> float:
    """Share of the 谈心谈话 rule met in ``year`` (1.0: 全覆盖)."""
    return archive.talks.coverage(year, today).ratio


def talks_complete(archive, year: int, today: dt.date | None = None) -> bool:
    return archive.talks.coverage(year, today).complete


def appraisal_done(archive, year: int) -> bool:
    """民主评议党员 of ``year`` is finished (定稿 or 已上报)."""
    return archive.appraisal.done(year)


def life_meeting_held(archive, year: int) -> bool:
    """The ``year`` 组织生活会 was held (its meeting record has an actual date)."""
    cycle_id = archive.life.cycle_id(year)
    if cycle_id is None:
        return False
    meeting_id = archive.life.meeting_id(cycle_id)
    return meeting_id is not None and archive.meetings.summary(meeting_id).held_on is not None


def rectification_completion_rate(archive, year: int, today: dt.date | None = None) -> float | None:
    """Closed share of ``year``'s rectification items (None when there are none)."""
    return archive.rectification.completion(year, today).rate

"""A target missed by a little is still missed: 88.9 % against 90 % is not full marks
(issue 12, item 18). "Met" compares exact fractions; a shortfall's score rounds down."""

from __future__ import annotations

import datetime as dt

from branchdesk import clock
from branchdesk.roster.members import MemberForm
from branchdesk.targets import Period
from branchdesk.targets.points import scaled
from tests.domain.meetings_support import held_form
from tests.helpers import make_id


def _members(archive, count: int) -> list[str]:
    names = [f"党员{n:02d}" for n in range(count)]
    for n, name in enumerate(names):
        archive.members.add(MemberForm(
            name=name, id_number=make_id(dt.date(1970, 1, 1 + n), 101 + 2 * n), joined_on=dt.date(2000, 7, 1),
            full_on=dt.date(2001, 7, 1), status="full"))
    return names


def _period_of(day: dt.date) -> Period:
    return Period(day.year, "half", 1 if day.month <= 6 else 2)


def test_eight_of_nine_present_misses_ninety_percent_and_scores_below_full(archive):
    names = _members(archive, 9)
    day = clock.today() - dt.timedelta(days=1)
    archive.meetings.plan(held_form(archive, "general", absent={names[0]: "sick"}, day=day))
    result = archive.targets.measure("attendance.rate", _period_of(day))
    assert result.met is False
    assert result.value_text == "88.9%"
    # 4 points × (8/9 ÷ 90 %) = 3.95…: a shortfall rounds down to 3.9, never up to 4
    assert result.suggested_x10(40) == 39


def test_exactly_the_target_is_met_with_full_marks(archive):
    names = _members(archive, 10)
    day = clock.today() - dt.timedelta(days=1)
    archive.meetings.plan(held_form(archive, "general", absent={names[0]: "sick"}, day=day))
    result = archive.targets.measure("attendance.rate", _period_of(day))
    assert result.met is True and result.suggested_x10(40) == 40


def test_a_shortfall_score_rounds_down():
    assert scaled(50, 3, 4) == 37  # 3.75 → 3.7: three of four meetings is not worth 3.8
    assert scaled(40, 8000, 8100) == 39
    assert scaled(40, 9, 9) == 40 and scaled(40, 0, 9) == 0

"""The sentences of the yearly archive a reader takes at their word: the roster's counts
(a 流动党员 is not one of the 预备党员) and what the year's 上缴 covers."""

from __future__ import annotations

from branchdesk import clock
from branchdesk.papers import Para
from branchdesk.roster.history import roster_on
from branchdesk.yearbook import dues_section, roster_section


def _sentences(section) -> str:
    return "".join(b.text for record in section.records for b in record if isinstance(b, Para))


def test_the_roster_counts_the_member_away_among_the_full_and_probationary(demo_archive):
    """正式 / 预备 by the 转正 date, the 流动党员 one of them, as the 首页 (docs/domain.md §1, 党员人数)."""
    today = clock.today()
    members = roster_on(demo_archive, today)
    away = sum(m.status == "away" for m in members)
    probationary = sum(m.full_on is None for m in members)
    assert away >= 1 and probationary >= 1  # the demo has both
    text = _sentences(roster_section.sections(demo_archive, today.year, today)[0])
    assert (f"支部共有党员{len(members)}名：正式党员{len(members) - probationary}名，预备党员{probationary}名，"
            f"其中流动党员{away}名；") in text
    counts = demo_archive.members.by_standing()
    assert (counts.full, counts.probationary, counts.away) == (len(members) - probationary, probationary, away)


def test_the_year_hand_over_says_it_holds_last_years_last_months(demo_archive):
    year = clock.today().year
    handed = [h for h in demo_archive.dues.handovers() if h.handed_on.year == year]
    earlier = sorted({h.from_month for h in handed if h.from_month.year < year})
    assert earlier, "the demo hands last year's last months over in January"
    text = _sentences(dues_section.sections(demo_archive, year, clock.today())[0])
    assert f"（含{year - 1}年{earlier[0].month}月—12月党费）；" in text
    # a year whose hand-overs hold only its own months says nothing more
    assert dues_section._earlier([h for h in handed if h.from_month.year == year], year) == ""

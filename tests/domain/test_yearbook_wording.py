"""The sentences of the yearly archive a reader takes at their word: the roster's counts
(a 流动党员 is not one of the 预备党员) and what the year's 上缴 covers."""

from __future__ import annotations

from branchdesk import clock
from branchdesk.papers import Para
from branchdesk.roster.history import roster_on
from branchdesk.yearbook import dues_section, roster_section


def _sentences(section) -> str:
    return "".join(b.text for record in section.records for b in record if isinstance(b, Para))


def test_the_roster_counts_the_member_away_beside_the_full_and_probationary(demo_archive):
    today = clock.today()
    members = roster_on(demo_archive, today)
    count = {s: sum(m.status == s for m in members) for s in ("full", "probationary", "away")}
    assert count["away"] >= 1 and count["probationary"] >= 1  # the demo has both
    text = _sentences(roster_section.sections(demo_archive, today.year, today)[0])
    assert (f"支部共有党员{len(members)}名：正式党员{count['full']}名，预备党员{count['probationary']}名；"
            f"另有流动党员{count['away']}名") in text
    assert "（流动党员" not in text  # once read as one of the 预备党员


def test_the_year_hand_over_says_it_holds_last_years_last_months(demo_archive):
    year = clock.today().year
    handed = [h for h in demo_archive.dues.handovers() if h.handed_on.year == year]
    earlier = sorted({h.from_month for h in handed if h.from_month.year < year})
    assert earlier, "the demo hands last year's last months over in January"
    text = _sentences(dues_section.sections(demo_archive, year, clock.today())[0])
    assert f"（含{year - 1}年{earlier[0].month}月—12月党费）；" in text
    # a year whose hand-overs hold only its own months says nothing more
    assert dues_section._earlier([h for h in handed if h.from_month.year == year], year) == ""

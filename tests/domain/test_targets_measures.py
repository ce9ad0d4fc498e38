"""Auto-measures on the demo branch, checked against counts made here with plain SQL
over the records (not by calling the code under test), and the demo's inspections."""

from __future__ import annotations

import datetime as dt

import pytest

from branchdesk import clock
from branchdesk.errors import Conflict
from branchdesk.targets import Period, periods_of
from branchdesk.targets.points import scaled

pytestmark = pytest.mark.slow  # each test builds the demo branch

TODAY = clock.today()
LAST = TODAY.year - 1
HELD = "('held', 'final', 'reported')"
CURRENT = "id NOT IN (SELECT original_id FROM record_revision WHERE record_table = 'meeting')"


def rows(archive, sql: str, *params):
    db = archive.db
    return db.execute_sql(sql.replace("?", db.param), params).fetchall()


def _day(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def held_quarters(archive, kind: str, year: int) -> set[int]:
    found = rows(archive, f"SELECT held_on, kind, also_counts FROM meeting WHERE state IN {HELD} AND {CURRENT} "
                          "AND held_on IS NOT NULL")
    return {(_day(d).month - 1) // 3 for d, k, also in found
            if _day(d).year == year and (k == kind or kind in (also or "").split(","))}


def check_meetings_held_against_the_quarterly_rule(demo_archive):
    for period in (Period(LAST, "year", 1), Period(LAST, "half", 1), Period(LAST, "half", 2)):
        result = demo_archive.targets.measure("meetings.general", period)
        quarters = {q for q in held_quarters(demo_archive, "general", LAST) if period.start.month <= q * 3 + 3 <= period.end.month}
        required = period.months // 3
        assert (result.value, result.target, result.met) == (len(quarters), required, len(quarters) >= required)
        assert result.suggested_x10(50) == scaled(50, len(quarters), required)
        assert all(ref.kind == "meeting" and period.contains(ref.date) for ref in result.refs)
        assert f"应开 {required} 期" in result.explanation


def check_attendance_rate_is_present_over_due_of_the_held_meetings(demo_archive):
    period = Period(LAST, "half", 1)
    counted = rows(demo_archive, f"SELECT a.status FROM meeting_attendance a JOIN meeting m ON m.id = a.meeting_id "
                                 f"WHERE m.state IN {HELD} AND m.{CURRENT} AND m.held_on BETWEEN ? AND ? "
                                 "AND a.is_guest = ? AND a.status <> 'not_counted'",
                   period.start, period.end, False)
    present = sum(1 for (status,) in counted if status == "present")
    meetings = rows(demo_archive, f"SELECT COUNT(*) FROM meeting m WHERE m.state IN {HELD} AND m.{CURRENT} "
                                  "AND m.held_on BETWEEN ? AND ?", period.start, period.end)[0][0]
    result = demo_archive.targets.measure("attendance.rate", period)
    assert result.value == round(present / len(counted) * 100, 1) and len(result.refs) == meetings
    assert f"应到党员合计 {len(counted)} 人次，实到 {present} 人次" in result.explanation
    assert result.met == (present / len(counted) >= 0.9)


def check_rectification_rate_counts_items_due_by_the_period_end(demo_archive):
    period = Period(LAST, "year", 1)
    items = rows(demo_archive, "SELECT closed_on FROM rectification_item WHERE deadline <= ? AND created_on <= ? "
                               "AND (closed_on IS NULL OR closed_on >= ?)", period.end, period.end, period.start)
    closed = sum(1 for (day,) in items if day is not None and _day(day) <= period.end)
    result = demo_archive.targets.measure("rectification.rate", period)
    assert items and len(result.refs) == len(items)
    assert result.value == round(closed / len(items) * 100, 1)
    assert result.suggested_x10(50) == scaled(50, closed, len(items))


def check_yearly_facts_talks_appraisal_and_the_life_meeting(demo_archive):
    appraisal = rows(demo_archive, "SELECT state FROM appraisal WHERE year = ?", LAST)
    assert appraisal and appraisal[0][0] in ("final", "reported")
    year = Period(LAST, "year", 1)
    done = demo_archive.targets.measure("appraisal.done", year)
    assert done.met is True and done.refs[0].kind == "appraisal"
    held = demo_archive.targets.measure("life.held", year)
    assert held.met is True and {r.kind for r in held.refs} == {"life_cycle", "meeting"}
    talks = demo_archive.targets.measure("talks.coverage", year)
    talk_count = rows(demo_archive, "SELECT COUNT(*) FROM talk WHERE talked_on BETWEEN ? AND ?",
                      dt.date(LAST, 1, 1), dt.date(LAST, 12, 31))[0][0]
    assert talks.value == 100.0 and talks.met is True and len(talks.refs) <= talk_count
    # the first half of a year is too early to judge yearly facts: shown, not scored
    early = demo_archive.targets.measure("appraisal.done", Period(TODAY.year, "half", 1))
    assert early.met is None and early.suggested_x10(50) is None and "年底的检查中评分" in early.explanation


def test_measures_against_counts_made_here(demo_archive):
    """One demo branch for every measure (building it takes seconds)."""
    check_meetings_held_against_the_quarterly_rule(demo_archive)
    check_attendance_rate_is_present_over_due_of_the_held_meetings(demo_archive)
    check_rectification_rate_counts_items_due_by_the_period_end(demo_archive)
    check_yearly_facts_talks_appraisal_and_the_life_meeting(demo_archive)


def test_demo_inspections_are_filed_up_to_the_latest_half_year(demo_archive):
    from branchdesk.demo.targets import latest_period

    t = demo_archive.targets
    latest = latest_period(TODAY)
    expected = [p for y in range(TODAY.year - 2, TODAY.year + 1) for p in periods_of(y, "half") if p.end <= latest.end]
    listed = t.inspections.list()
    assert [s.period for s in listed] == expected
    assert all(s.filed for s in listed[:-1]) and listed[-1].state == "draft"
    assert t.library.get(TODAY.year - 2).total_points_x10 == 1000 and len(t.library.get(TODAY.year).seconds) == 24
    assert t.library.get(TODAY.year).by_code("4.6").scoring_rule != t.library.get(LAST).by_code("4.6").scoring_rule
    for summary in listed[:-1]:
        assert t.inspections.verify(summary.id).ok
        detail = t.inspections.detail(summary.id)
        assert summary.total_x10 == sum(r.score_x10 for r in detail.scores)
        assert summary.grade == t.thresholds().grade(summary.total_x10)
    # self-scores of the filed inspections follow the measures where they are due
    filed = t.inspections.detail(listed[-2].id)
    results = t.inspections.measures(listed[-2].id)
    for code, result in results.items():
        suggested = result.suggested_x10(filed.score_for(code).points_x10)
        if suggested is not None:
            assert filed.score_for(code).self_score_x10 == suggested, code
    sources = rows(demo_archive, "SELECT COUNT(*) FROM rectification_item WHERE source = 'inspection'")[0][0]
    linked = sum(len(p.ledger) for s in listed for p in t.inspections.problems(s.id))
    assert sources == linked > 0
    assert [g.inspection_id for g in t.missing_inspections()] == [listed[-1].id]
    with pytest.raises(Conflict, match="不能再修改"):
        t.library.save(LAST, t.library.get(LAST).forms())

"""The yearly plan: one planned meeting for every required period of the year that has
none yet (held or planned), on the branch's customary day of the month."""

from __future__ import annotations

import datetime as dt

from .. import clock, labels
from ..storage.binding import uses_archive
from ..storage.models import PartyGroup
from .compliance import PERIOD_MONTHS, period_bounds
from .forms import MeetingForm

# Customary days: 支委会 early in the month, 党小组会 later, 党员大会 and 党课 with
# the 主题党日 (the setting meetings.theme_day_of_month).
DEFAULT_DAYS = {"committee": 5, "group": 20}


def _day_for(kind: str, start: dt.date, end: dt.date, theme_day: int, today: dt.date) -> dt.date | None:
    wanted = DEFAULT_DAYS.get(kind, theme_day)
    if kind in ("general", "lecture"):
        # the last month of the period, on the theme day: after the month's committee meeting
        start = dt.date(end.year, end.month, 1)
    day = start.replace(day=min(max(wanted, 1), 28))
    if day <= today:
        day = today + dt.timedelta(days=1)
    return day if day <= end else None


@uses_archive
def plan_year(archive, year: int, today: dt.date | None = None) -> list[int]:
    """Plan the missing meetings of ``year`` from today on; returns the new ids.
    Periods already over are left alone: a missed meeting is not planned after the fact."""
    today = today or clock.today()
    archive.require_writable()
    report = archive.meetings.compliance(year, today)
    theme_day = int(archive.settings.get("meetings.theme_day_of_month") or 10)
    groups = {g.id: g.name for g in PartyGroup.select().where(PartyGroup.branch == archive.branch.own_id())}
    forms = []
    for row in report.rows:
        if row.frequency not in PERIOD_MONTHS:
            continue
        span = PERIOD_MONTHS[row.frequency]
        for index in range(12 // span):
            cell = row.cells[index * span]
            if cell.state != "open":
                continue
            start, end = period_bounds(row.frequency, year, index)
            day = _day_for(row.kind, start, end, theme_day, today)
            if day is None:
                continue
            name = labels.label(labels.MEETING_KINDS, row.kind)
            if row.kind == "group":
                name = f"{groups.get(row.group_id, '')}会议"
            title = f"{cell.period.removeprefix(f'{year}年')}{name}" if span > 1 else f"{day.month}月{name}"
            forms.append(MeetingForm(kind=row.kind, planned_on=day, title=f"{year}年{title}", group_id=row.group_id))
    ids = []
    with archive.db.atomic():
        for form in forms:
            ids.append(archive.meetings.plan(form))
        if ids:
            archive.audit.record("meeting.plan_year", f"生成 {year} 年会议计划 {len(ids)} 次", "meeting", None,
                                 {"year": year, "count": len(ids)})
    return ids

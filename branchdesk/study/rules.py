"""The rules of 学习 and 汇报制度 (docs/domain.md §18), as plain functions of dates and
attendance so that both engines and every caller read them the same way.

补学: a member recorded 缺席 at a meeting where a topic was studied, and present at
none of that topic's meetings, owes a 补学 of it from the first such meeting's date;
``MAKEUP_SETTING`` days later (default 30) without one recorded, 首页 lists them.
汇报: each 正式党员 hands in a 思想、工作、学习 汇报 each half-year (each quarter by the
``REPORT_SETTING``); a 预备党员 a 思想汇报 each quarter of the 预备期, counted from the
day the 预备期 began."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import labels
from ..errors import ValidationError

MAKEUP_SETTING = "study.makeup_days"
DEFAULT_MAKEUP_DAYS = 30
REPORT_SETTING = "study.report_period"
DEFAULT_REPORT_PERIOD = "half_year"
REPORT_PERIODS = {"half_year": "每半年", "quarter": "每季度"}
PERIOD_MONTHS = {"half_year": 6, "quarter": 3}
MAKEUP_WAYS = {"self": "自学+心得", "class": "补课"}
REPORT_KINDS = labels.REPORT_KINDS
# Meetings where a topic can be studied: their attendance is the topic's.
STUDY_MEETING_KINDS = ("lecture", "general", "theme_day")
PROBATION_MONTHS = 12


def check_makeup_days(days: object) -> int:
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 365:
        raise ValidationError("makeup_days", "range", f"补学期限「{days}」无效，请填写 1 到 365 之间的天数。")
    return days


def check_report_period(period: str) -> str:
    if period not in REPORT_PERIODS:
        raise ValidationError("report_period", "choice",
                              f"汇报周期「{period}」无效，可选：{'、'.join(REPORT_PERIODS.values())}。")
    return period


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, kept within the month (1月31日 + 1 = 2月28日)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


@dataclass(frozen=True)
class Attendance:
    """One member's line in one linked meeting."""
    meeting_id: int
    held_on: dt.date
    member_id: int
    status: str  # present / absent / not_counted / ''


def owing(lines: list[Attendance], made_up: set[int]) -> dict[int, dt.date]:
    """member id -> the date their 补学 is owed from: absent at a meeting of the topic,
    present at none of them, no 补学 recorded (``made_up``). 不计入应到 and unrecorded
    lines owe nothing."""
    present = {a.member_id for a in lines if a.status == "present"}
    owed: dict[int, dt.date] = {}
    for a in sorted(lines, key=lambda a: a.held_on):
        if a.status == "absent" and a.member_id not in present and a.member_id not in made_up:
            owed.setdefault(a.member_id, a.held_on)
    return owed


def makeup_overdue(owed_from: dt.date, today: dt.date, days: int) -> int:
    """Days past the 补学 deadline (0 when not yet past)."""
    return max((today - owed_from).days - days, 0)


@dataclass(frozen=True)
class Period:
    """One span a report is due for: reports received from ``start`` to ``end`` count."""
    start: dt.date
    end: dt.date
    label: str


def calendar_periods(year: int, period: str) -> list[Period]:
    months = PERIOD_MONTHS[period]
    found = []
    for n in range(12 // months):
        start = dt.date(year, n * months + 1, 1)
        end = add_months(start, months) - dt.timedelta(days=1)
        label = f"{year}年{'上半年' if n == 0 else '下半年'}" if months == 6 else f"{year}年第{n + 1}季度"
        found.append(Period(start, end, label))
    return found


def probation_periods(began: dt.date) -> list[Period]:
    """The four quarters of a 预备期 that began on ``began``."""
    return [Period(add_months(began, 3 * n), add_months(began, 3 * (n + 1)) - dt.timedelta(days=1),
                   f"预备期第{n + 1}季度") for n in range(PROBATION_MONTHS // 3)]


def periods_due(status: str, joined_on: dt.date, full_on: dt.date | None, period: str,
                today: dt.date) -> list[tuple[str, Period]]:
    """(kind, period) pairs a member must have reported for by ``today``: the periods that
    ended within the last year, and the quarters of the 预备期 that have ended. A period is
    owed only if the member was a 正式党员 (or 预备党员) for the whole of it."""
    due: list[tuple[str, Period]] = []
    if status == "probationary":
        due += [("probation", p) for p in probation_periods(joined_on) if p.end < today]
        return due
    since = full_on or joined_on
    for year in (today.year - 1, today.year):
        due += [("regular", p) for p in calendar_periods(year, period)
                if today - dt.timedelta(days=366) <= p.end < today and p.start >= since]
    return due


def missing(due: list[tuple[str, Period]], received: list[tuple[str, dt.date]]) -> list[tuple[str, Period]]:
    """The due periods with no report of their kind received within them."""
    return [(kind, p) for kind, p in due
            if not any(k == kind and p.start <= day <= p.end for k, day in received)]

"""The compliance calendar: for every required kind (and every party group), each
month of a year marked with the state of its period — held, planned, overdue,
missing or not yet arranged. Periods that ended before the archive's start (从何时开始
记录, ``setup/start.py``) are 「建档前」 and never counted. The window and ``branchdesk
compliance`` show the same facts."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from .. import clock, labels
from ..dates import PARTY_FOUNDED, PLAN_YEARS_AHEAD
from ..errors import ValidationError
from ..setup.start import month_label, record_start
from ..storage.binding import uses_archive
from ..storage.models import Meeting, PartyGroup
from .seal import MEETING

PERIOD_MONTHS = {"monthly": 1, "quarterly": 3, "half_year": 6, "yearly": 12}
QUARTERS = "一二三四"


def period_of(frequency: str, month: int) -> int:
    return (month - 1) // PERIOD_MONTHS[frequency]


def period_name(frequency: str, year: int, index: int) -> str:
    if frequency == "monthly":
        return f"{year}年{index + 1}月"
    if frequency == "quarterly":
        return f"{year}年第{QUARTERS[index]}季度"
    if frequency == "half_year":
        return f"{year}年{'上' if index == 0 else '下'}半年"
    return f"{year}年"


def period_bounds(frequency: str, year: int, index: int) -> tuple[dt.date, dt.date]:
    span = PERIOD_MONTHS[frequency]
    first = dt.date(year, index * span + 1, 1)
    last_month = index * span + span
    last = dt.date(year + 1, 1, 1) if last_month == 12 else dt.date(year, last_month + 1, 1)
    return first, last - dt.timedelta(days=1)


@dataclass(frozen=True)
class MeetingMark:
    """A meeting shown in a month cell."""

    id: int
    date: dt.date
    state: str
    title: str


@dataclass
class ComplianceCell:
    month: int
    period: str
    state: str  # held / planned / overdue / missing / open / not_required / before_start
    meetings: list[MeetingMark] = field(default_factory=list)

    @property
    def state_label(self) -> str:
        return labels.label(labels.COMPLIANCE_STATES, self.state)


@dataclass
class ComplianceRow:
    kind: str
    group_id: int | None
    label: str
    frequency: str
    cells: list[ComplianceCell]
    required: int
    held: int
    missing: int
    overdue: int

    @property
    def frequency_label(self) -> str:
        return labels.label(labels.FREQUENCIES, self.frequency)


@dataclass
class ComplianceReport:
    year: int
    today: dt.date
    rows: list[ComplianceRow]
    starts_on: dt.date  # the archive's 从何时开始记录

    @property
    def start_note(self) -> str:
        return f"本档案从{month_label(self.starts_on)}开始记录"

    def summary_lines(self) -> list[str]:
        lines = []
        for row in self.rows:
            if row.frequency == "none":
                continue
            line = f"{row.label}（{row.frequency_label}）：应开 {row.required} 期，已开 {row.held} 期"
            if row.missing:
                line += f"，缺 {row.missing} 期"
            if row.overdue:
                line += f"，逾期未开 {row.overdue} 期"
            lines.append(line + "。")
        return lines

    def as_dict(self) -> dict:
        data = asdict(self)
        data["today"] = self.today.isoformat()
        data["starts_on"] = self.starts_on.isoformat()
        for row in data["rows"]:
            for cell in row["cells"]:
                cell["meetings"] = [m | {"date": m["date"].isoformat()} for m in cell["meetings"]]
        return data


def _period_state(marks: list[MeetingMark], start: dt.date, end: dt.date, today: dt.date) -> str:
    if any(m.state in ("held", "final", "reported") for m in marks):
        return "held"
    open_marks = [m for m in marks if m.state in ("planned", "notified")]
    if any(m.date < today for m in open_marks):
        return "overdue"
    if open_marks:
        return "planned"
    return "missing" if end < today else "open"


def check_year(year: int, today: dt.date | None = None) -> int:
    """A year someone can mean: from the Party's founding to the furthest plan."""
    latest = (today or clock.today()).year + PLAN_YEARS_AHEAD
    if not PARTY_FOUNDED.year <= year <= latest:
        raise ValidationError("year", "range", f"年份 {year} 无效，请填写 {PARTY_FOUNDED.year} 至 {latest} 之间的四位年份，例如 2026。")
    return year


@uses_archive
def compliance(archive, year: int, today: dt.date | None = None) -> ComplianceReport:

    today = today or clock.today()
    check_year(year, today)
    starts_on = record_start(archive)
    frequencies = archive.meetings.frequencies()
    branch_id = archive.branch.own_id()
    rows = (
        Meeting.select(Meeting.id, Meeting.kind, Meeting.group, Meeting.also_counts, Meeting.title, Meeting.state,
                       Meeting.planned_on, Meeting.held_on)
        .where(Meeting.branch == branch_id, archive.records.current_only(MEETING, Meeting.id))
    )
    # (kind, group id) → marks of meetings whose day falls in the year
    by_line: dict[tuple[str, int | None], list[MeetingMark]] = {}
    for m in rows:
        day = m.held_on or m.planned_on
        if day.year != year:
            continue
        mark = MeetingMark(m.id, day, m.state, m.title)
        by_line.setdefault((m.kind, m.group_id if m.kind == "group" else None), []).append(mark)
        for extra in filter(None, m.also_counts.split(",")):
            by_line.setdefault((extra, None), []).append(mark)
    lines: list[tuple[str, int | None, str]] = []
    for kind, name in labels.MEETING_KINDS.items():
        if kind == "group":
            groups = PartyGroup.select().where(PartyGroup.branch == branch_id).order_by(PartyGroup.sort_order, PartyGroup.id)
            lines += [("group", g.id, f"党小组会（{g.name}）") for g in groups]
        else:
            lines.append((kind, None, name))
    report_rows = []
    for kind, group_id, label in lines:
        frequency = frequencies.get(kind, "none")
        marks = sorted(by_line.get((kind, group_id), []), key=lambda m: m.date)
        if frequency == "none" and not marks:
            continue
        cells, states = [], {}
        for month in range(1, 13):
            in_month = [m for m in marks if m.date.month == month]
            if frequency == "none":
                state = "held" if any(m.state in ("held", "final", "reported") for m in in_month) else (
                    "planned" if in_month else "not_required")
                if state == "not_required" and dt.date(year, month, 1) < starts_on:
                    state = "before_start"
                cells.append(ComplianceCell(month, f"{year}年{month}月", state, in_month))
                continue
            index = period_of(frequency, month)
            if index not in states:
                start, end = period_bounds(frequency, year, index)
                state = _period_state([m for m in marks if start <= m.date <= end], start, end, today)
                # a period still partly after the start is judged (the branch had time to hold
                # it); one wholly before is not, unless a meeting was held in it after all
                states[index] = "before_start" if end < starts_on and state != "held" else state
            cells.append(ComplianceCell(month, period_name(frequency, year, index), states[index], in_month))
        period_states = [state for state in states.values() if state != "before_start"]
        report_rows.append(ComplianceRow(
            kind, group_id, label, frequency, cells,
            required=len(period_states), held=period_states.count("held"),
            missing=period_states.count("missing"), overdue=period_states.count("overdue"),
        ))
    return ComplianceReport(year, today, report_rows, starts_on)

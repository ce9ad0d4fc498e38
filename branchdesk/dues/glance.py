"""One member's year at a glance: each month's dues (paid, owing, excused, before any
base) and 组织生活 (attended, on leave, absent without leave, nothing held), with the
six-month warnings that name the member (docs/domain.md §10)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import clock
from ..meetings.manager import HELD_STATES
from ..meetings.seal import MEETING
from ..storage.binding import uses_archive
from ..storage.models import Meeting, MeetingAttendance
from . import months as mo
from . import six_months, store
from .forms import SixMonthWarning
from .money import yuan

DUES_TEXT = {"paid": "已交", "partial": "未交足", "unpaid": "未交", "excused": "免交", "none": "—", "coming": ""}
ATTENDANCE_TEXT = {"attended": "参加", "leave": "请假", "missed": "缺席", "none": "—"}


@dataclass(frozen=True)
class MonthGlance:
    month: dt.date
    dues: str  # a key of DUES_TEXT
    paid_fen: int
    attendance: str  # a key of ATTENDANCE_TEXT

    @property
    def dues_text(self) -> str:
        if self.dues in ("paid", "partial") or (self.dues == "coming" and self.paid_fen):
            return yuan(self.paid_fen)  # 预交 shows as paid ahead
        return DUES_TEXT[self.dues]

    @property
    def attendance_text(self) -> str:
        return ATTENDANCE_TEXT[self.attendance]


@dataclass(frozen=True)
class MemberYear:
    member_id: int
    year: int
    months: tuple[MonthGlance, ...]
    warnings: tuple[SixMonthWarning, ...]


@uses_archive
def attendance_by_month(archive, member_id: int, year: int) -> dict[dt.date, str]:
    """Month -> attended / leave / missed over the held meetings the member was due at."""
    query = (
        MeetingAttendance.select(Meeting.held_on, MeetingAttendance.status, MeetingAttendance.reason,
                                 MeetingAttendance.note)
        .join(Meeting)
        .where(MeetingAttendance.member == member_id, Meeting.state.in_(HELD_STATES),
               Meeting.held_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31)),
               archive.records.current_only(MEETING, Meeting.id))
    )
    seen: dict[dt.date, set[str]] = {}
    for held_on, status, reason, note in query.tuples():
        if status == "present":
            mark = "attended"
        elif status == "absent":
            mark = "leave" if six_months.on_leave(reason, note) else "missed"
        else:
            continue
        seen.setdefault(mo.first(held_on), set()).add(mark)
    order = ("attended", "leave", "missed")  # one meeting attended makes the month attended
    return {month: next(m for m in order if m in marks) for month, marks in seen.items()}


@uses_archive
def member_year(archive, member_id: int, year: int, today: dt.date | None = None) -> MemberYear:
    today = today or clock.today()
    bases = store.bases_by_member(archive, [member_id]).get(member_id, [])
    paid = store.paid_by_month(archive, [member_id], dt.date(year, 1, 1), dt.date(year, 12, 1))
    excused = store.excused_months(archive, [member_id])
    attended = attendance_by_month(archive, member_id, year)
    months = []
    for month in mo.span(dt.date(year, 1, 1), dt.date(year, 12, 1)):
        amount = paid.get((member_id, month), 0)
        base = store.base_in_force(bases, month)
        if (member_id, month) in excused:
            state = "excused"
        elif base is None:
            state = "none"
        elif amount >= store.calculation_for(archive, base).due_fen:
            state = "paid"
        elif month >= mo.first(today):
            state = "coming"  # not judged while the month runs or before it comes
        else:
            state = "partial" if amount else "unpaid"
        months.append(MonthGlance(month, state, amount, attended.get(month, "none")))
    warnings = tuple(w for w in archive.dues.warnings(today) if w.member_id == member_id)
    return MemberYear(member_id, year, tuple(months), warnings)

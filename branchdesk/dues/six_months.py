"""The six-month rule (党章 第九条): a member who, without good reason, for six months in
a row has not paid dues or has not taken part in 组织生活 is to be criticised and
educated, given a deadline, and otherwise treated as having left the Party
(docs/domain.md §10).

Decided here:
* A month is judged once it has ended; the month in progress never counts.
* Dues: a month counts as unpaid when the member had a base in force (the months
  before the first base are not judged: the branch did not yet keep dues here), paid
  less than due, and was not excused (免交/缓交 with a reason).
* 组织生活: a month counts as missed when the member was due at a held meeting that
  month, attended none, and was absent without leave — 事假, 病假, 因公 and 流动在外 are leave;
  「其他」 is leave when its written reason says the member asked for it (「外出务工，已请假」),
  not when it says otherwise (「未请假」「无故缺席」). A month without a meeting the member
  was due at breaks the run, as the member missed nothing in it.
The rules are plain functions over (month -> fact) so the tests can check them alone."""

from __future__ import annotations

import datetime as dt

from .. import clock
from ..meetings.manager import HELD_STATES
from ..meetings.seal import MEETING
from ..storage.binding import uses_archive
from ..storage.models import Meeting, MeetingAttendance
from . import months as mo
from . import store
from .forms import SixMonthWarning

RUN = 6
LEAVE_REASONS = ("leave", "sick", "duty", "away")  # 流动在外: docs/domain.md §16
NOT_ASKED = ("未请假", "没有请假", "没请假", "不请假", "无故")


def on_leave(reason: str, note: str) -> bool:
    """Whether an absence had leave: its reason, or a 「其他」 whose text says it was asked for."""
    if reason in LEAVE_REASONS:
        return True
    return reason == "other" and "请假" in note and not any(word in note for word in NOT_ASKED)


def runs(flags: dict[dt.date, bool], length: int = RUN) -> list[list[dt.date]]:
    """Runs of at least ``length`` consecutive months flagged True, oldest first."""
    found, current = [], []
    for month in sorted(flags):
        if flags[month] and (not current or mo.add(current[-1], 1) == month):
            current.append(month)
        else:
            if len(current) >= length:
                found.append(current)
            current = [month] if flags[month] else []
    if len(current) >= length:
        found.append(current)
    return found


def last_judged_month(today: dt.date) -> dt.date:
    return mo.add(mo.first(today), -1)


@uses_archive
def unpaid_months(archive, member_id: int, today: dt.date | None = None) -> dict[dt.date, bool]:
    """Month -> unpaid without good reason, from the member's first base to last month."""
    last = last_judged_month(today or clock.today())
    bases = store.bases_by_member(archive, [member_id]).get(member_id, [])
    if not bases:
        return {}
    paid = store.paid_by_month(archive, [member_id])
    excused = store.excused_months(archive, [member_id])
    due_of = {base.id: store.calculation_for(archive, base).due_fen for base in bases}
    flags = {}
    for month in mo.span(bases[0].from_month, last):
        due = due_of[store.base_in_force(bases, month).id]
        flags[month] = (member_id, month) not in excused and paid.get((member_id, month), 0) < due
    return flags


@uses_archive
def missed_months(archive, member_ids: list[int], today: dt.date | None = None) -> dict[int, dict[dt.date, bool]]:
    """Member -> month -> missed 组织生活 without leave, over the held meetings up to last month."""
    last = last_judged_month(today or clock.today())
    end = mo.add(last, 1)
    query = (
        MeetingAttendance.select(MeetingAttendance.member, Meeting.held_on, MeetingAttendance.status,
                                 MeetingAttendance.reason, MeetingAttendance.note)
        .join(Meeting)
        .where(MeetingAttendance.member.in_(member_ids), Meeting.state.in_(HELD_STATES),
               Meeting.held_on.is_null(False), Meeting.held_on < end,
               archive.records.current_only(MEETING, Meeting.id))
    )
    marks: dict[int, dict[dt.date, set[str]]] = {}
    for member_id, held_on, status, reason, note in query.tuples():
        month = mo.first(held_on)
        mark = "attended" if status == "present" else (
            ("leave" if on_leave(reason, note) else "missed") if status == "absent" else "")
        if mark:
            marks.setdefault(member_id, {}).setdefault(month, set()).add(mark)
    return {
        member_id: {month: seen == {"missed"} for month, seen in by_month.items()}
        for member_id, by_month in marks.items()
    }


def _with_breaks(flags: dict[dt.date, bool]) -> dict[dt.date, bool]:
    """Months missing between flagged ones break a run: fill them in as False."""
    if not flags:
        return {}
    return {month: flags.get(month, False) for month in mo.span(min(flags), max(flags))}


@uses_archive
def warnings(archive, today: dt.date | None = None) -> list[SixMonthWarning]:
    """Every member now in the branch with six (or more) months in a row unpaid or missed,
    each run as one warning with its months, in roster order."""
    members = archive.members.in_roster_order(archive.members.all_active())
    ids = [m.id for m in members]
    missed = missed_months(archive, ids, today)
    found = []
    for member in members:
        for run in runs(unpaid_months(archive, member.id, today)):
            found.append(SixMonthWarning(member.id, member.name, "dues", tuple(run)))
        for run in runs(_with_breaks(missed.get(member.id, {}))):
            found.append(SixMonthWarning(member.id, member.name, "attendance", tuple(run)))
    return found

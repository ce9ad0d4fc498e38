"""Auto-measured indicators: computed from the branch's own records, so each fact is
entered once (a meeting record, a talk, a ledger item) and counted here, never typed
into the scoring sheet again.

Each measure returns a :class:`MeasureResult`: the value, the target, met or not, a
Chinese sentence saying how it was computed, and references to the records behind it.
They compute for an inspection period (half-year, quarter) or the whole year.

* ``meetings.<kind>`` (general, committee, group, lecture, theme_day): the periods of
  the kind's required frequency (meetings settings) whose last month falls in the
  inspection period, and how many of them had a meeting held — the compliance calendar's
  count (``meetings.compliance``), per party group for 党小组会.
* ``talks.coverage``: share of the 谈心谈话 rule met by the talks of the year's window
  up to the period's end (``talks.coverage_of``).
* ``appraisal.done`` / ``life.held``: the year's 民主评议党员 finished / 组织生活会 held
  (``life.measures``); yearly facts, scored in the period that ends the year.
* ``rectification.rate``: ledger items due by the period's end (deadline on or before
  it; while the period runs, due by today or already closed) and still open when the
  period began, or listed during it; the share closed by the period's end.
* ``attendance.rate``: members present / members due over the meetings held in the
  period (guests and 不计入应到 left out).
* ``service.hours``, ``service.pledges``, ``openness.on_time``, ``verdict.satisfaction``:
  服务群众, in ``service_measures.py``.
* ``masses.coverage`` / ``masses.completion`` / ``masses.satisfaction``: 群众工作
  (masses/measures.py, docs/domain.md §14.5)."""

from __future__ import annotations

import datetime as dt
import math
import weakref

from .. import clock, labels
from ..dates import format_date
from ..life import measures as life_measures
from ..life.talks import coverage_of
from ..meetings import MEETING
from ..meetings.compliance import compliance
from ..storage.binding import uses_archive
from ..storage.models import Meeting, MeetingAttendance, RectificationItem, Talk
from ..text import quoted
from . import service_measures
from .measure_base import (
    PENDING,
    MeasureResult,
    MeasureSpec,
    RecordRef,
    _as_of,
    _percent_text,
    _share,
    _still_open,
    _year_end_due,
)
from .periods import Period
from .points import tenths_text

MEETING_KINDS = ("general", "committee", "group", "lecture", "theme_day")
HELD = ("held", "final", "reported")


# -- meetings --------------------------------------------------------------------
# The compliance calendar of a year, shared by the five meeting measures of one
# computation; a write to the database (write_count) makes it stale.
_calendars: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _calendar(archive, year: int, today: dt.date):
    key = (year, today, archive.db.write_count)
    cached = _calendars.get(archive.db)
    if cached is None or cached[0] != key:
        cached = (key, compliance(archive, year, today))
        _calendars[archive.db] = cached
    return cached[1]


def _meeting_periods(archive, kind: str, period: Period, today: dt.date):
    """(frequency, required, held, still open, held meetings, lines) over every line of ``kind``."""
    report = _calendar(archive, period.year, today)
    lines = [row for row in report.rows if row.kind == kind]
    required = held = still_open = 0
    marks: dict[int, object] = {}
    frequency = archive.meetings.frequencies().get(kind, "none")
    for row in lines:
        if row.frequency != "none":
            states: dict[str, str] = {}
            last_month: dict[str, int] = {}
            for cell in row.cells:
                states[cell.period] = cell.state
                last_month[cell.period] = cell.month  # a frequency period counts where it ends
            for name, state in states.items():
                if state != "before_start" and period.start.month <= last_month[name] <= period.end.month:
                    required += 1
                    held += state == "held"
                    still_open += state in ("open", "planned")
        for cell in row.cells:
            if period.start.month <= cell.month <= period.end.month:
                for mark in cell.meetings:
                    if mark.state in HELD and period.contains(mark.date):
                        marks[mark.id] = mark
    return frequency, required, held, still_open, sorted(marks.values(), key=lambda m: m.date), len(lines)


def _meetings_measure(kind: str):
    name = labels.MEETING_KINDS[kind]

    def compute(archive, period: Period, target_x10: int | None, today: dt.date) -> MeasureResult:
        frequency, required, held, still_open, marks, lines = _meeting_periods(archive, kind, period, today)
        refs = [RecordRef("meeting", m.id, m.title, m.date) for m in marks]
        freq_label = labels.label(labels.FREQUENCIES, frequency)
        if frequency == "none" or required == 0:
            wanted = math.ceil(target_x10 / 10 * period.months / 12) if target_x10 else 0
            met = len(marks) >= wanted
            text = (f"{period.label}召开{name} {len(marks)} 次（会议频次设置为“{freq_label}”，"
                    + (f"按年度目标折算本期应开 {wanted} 次）。" if wanted else "本期没有应开期数）。"))
            earned = (min(len(marks), wanted), wanted) if wanted else (1, 1)
            return MeasureResult(f"meetings.{kind}", f"{name}召开次数", period, len(marks), f"{len(marks)} 次",
                                 wanted, f"{wanted} 次", met, text, refs, earned)
        who = f"（{lines} 个党小组合计）" if kind == "group" and lines > 1 else ""
        text = (f"按“{freq_label}”的频次，{period.label}{name}应开 {required} 期{who}，"
                f"已召开 {held} 期（共 {len(marks)} 次会议记录）")
        if still_open:
            text += f"，另有 {still_open} 期尚未到期"
        missing = required - held - still_open
        text += "。" + ("达到要求。" if held >= required else (f"缺 {missing} 期。" if missing > 0 else ""))
        due = required - still_open  # periods not yet over are not held against the branch
        met = True if held >= required else (None if held + still_open >= required else False)
        return MeasureResult(f"meetings.{kind}", f"{name}召开期数", period, held, f"{held} 期", required,
                             f"{required} 期", met, text, refs, (held, due) if due > 0 else None)

    def default_target(archive, year: int):
        frequency = archive.meetings.frequencies().get(kind, "none")
        per_year = {"monthly": 12, "quarterly": 4, "half_year": 2, "yearly": 1}.get(frequency)
        if per_year is None:
            return f"{name}按需召开", None
        return f"{name}{labels.label(labels.FREQUENCIES, frequency)}召开，全年不少于 {per_year} 次", per_year * 10

    return MeasureSpec(f"meetings.{kind}", f"{name}召开情况", compute, default_target)


# -- talks, appraisal, 组织生活会 --------------------------------------------------
@uses_archive
def _talk_coverage(archive, period: Period, target_x10: int | None, today: dt.date) -> MeasureResult:
    as_of = _as_of(period, today)
    year_cov = archive.talks.coverage(period.year, as_of)
    until = min(year_cov.end, as_of) if not _year_end_due(period) else year_cov.end
    rows = list(
        Talk.select(Talk.id, Talk.talker_member, Talk.partner_member, Talk.talker_name, Talk.partner_name,
                    Talk.talked_on)
        .where(Talk.branch == archive.branch.own_id(), Talk.talked_on.between(year_cov.start, until))
        .order_by(Talk.talked_on, Talk.id)
    )
    pairs, missing_pairs, missing_cm, missing_mm, required = coverage_of(
        year_cov.people, [(t.talker_member_id, t.partner_member_id) for t in rows], year_cov.rule)
    gaps = len(missing_pairs) + len(missing_cm) + len(missing_mm)
    met_count = required - gaps
    ratio = 1.0 if required == 0 else met_count / required
    target = (target_x10 or 1000) / 10
    reached, earned = _share(met_count, required, target_x10 or 1000) if required else (True, (1, 1))
    shown = _percent_text(met_count, required, target_x10 or 1000, 0) if required else "100%"
    refs = [RecordRef("talk", t.id, f"{t.talker_name}与{t.partner_name}谈心谈话", t.talked_on) for t in rows]
    text = (f"{format_date(year_cov.start)}至{format_date(until)}登记谈心谈话 {len(rows)} 次；按谈话规则应覆盖 "
            f"{required} 项（支委之间、支委与党员、党员之间），已覆盖 {met_count} 项，"
            f"覆盖率 {shown}。")
    due = _year_end_due(period) and not _still_open(period, today, reached)
    if not _year_end_due(period):
        text += "谈心谈话为年度指标，在年底的检查中评分。"
    elif not due:
        text += PENDING
    met = reached if due else None
    return MeasureResult("talks.coverage", "谈心谈话覆盖率", period, round(ratio * 100, 1), shown, target,
                         f"{tenths_text(target_x10 or 1000)}%", met, text, refs, earned if due else None)


def _appraisal_done(archive, period: Period, target_x10, today) -> MeasureResult:
    year = period.year
    done = life_measures.appraisal_done(archive, year)
    appraisal_id = archive.appraisal.appraisal_id(year)
    refs = []
    if appraisal_id is not None:
        detail = archive.appraisal.detail(appraisal_id)
        refs.append(RecordRef("appraisal", appraisal_id, f"{year}年度民主评议党员",
                              detail.form.decided_on or detail.form.held_on))
    due = _year_end_due(period) and not _still_open(period, today, done)
    state = "已完成（定稿或已上报）" if done else ("已建立，尚未定稿" if appraisal_id else "尚未开展")
    later = PENDING if _year_end_due(period) else "民主评议为年度指标，在年底的检查中评分。"
    text = f"{year} 年度民主评议党员{state}。" + ("" if due else later)
    met = done if due else None
    return MeasureResult("appraisal.done", "民主评议党员", period, 1 if done else 0, "已完成" if done else "未完成",
                         1, "年底前完成", met, text, refs, ((1 if done else 0), 1) if due else None)


def _life_held(archive, period: Period, target_x10, today) -> MeasureResult:
    year = period.year
    held = life_measures.life_meeting_held(archive, year)
    refs = []
    cycle_id = archive.life.cycle_id(year)
    if cycle_id is not None:
        meeting_id = archive.life.meeting_id(cycle_id)
        day = archive.meetings.summary(meeting_id).held_on if meeting_id else None
        refs.append(RecordRef("life_cycle", cycle_id, f"{year}年度组织生活会", day))
        if meeting_id is not None and day is not None:
            refs.append(RecordRef("meeting", meeting_id, archive.meetings.summary(meeting_id).title, day))
    due = _year_end_due(period) and not _still_open(period, today, held)
    state = "已召开" if held else ("已制定方案，尚未召开" if cycle_id else "尚未安排")
    later = PENDING if _year_end_due(period) else "组织生活会一般在第四季度召开，在年底的检查中评分。"
    text = f"{year} 年度组织生活会{state}。" + ("" if due else later)
    return MeasureResult("life.held", "组织生活会", period, 1 if held else 0, "已召开" if held else "未召开", 1,
                         "召开年度组织生活会", held if due else None, text, refs,
                         ((1 if held else 0), 1) if due else None)


# -- ledger and attendance -----------------------------------------------------------
@uses_archive
def _rectification_rate(archive, period: Period, target_x10: int | None, today: dt.date) -> MeasureResult:
    as_of = _as_of(period, today)
    item = RectificationItem
    rows = list(
        item.select().where(
            item.branch == archive.branch.own_id(), item.deadline <= period.end, item.created_on <= as_of,
            item.closed_on.is_null() | (item.closed_on >= period.start),
            (item.deadline <= as_of) | (item.closed_on <= as_of),  # while the period runs: due by now, or done
        ).order_by(item.year, item.number)
    )
    closed = [r for r in rows if r.closed_on is not None and r.closed_on <= as_of]
    target = (target_x10 or 1000) / 10
    refs = [RecordRef("rectification", r.id, f"{r.year}-{r.number:02d} {r.problem[:30]}", r.closed_on or r.deadline)
            for r in rows]
    if not rows:
        text = f"截至{format_date(as_of)}，本期没有到期的整改事项。"
        return MeasureResult("rectification.rate", "整改完成率", period, None, "无到期事项", target,
                             f"{tenths_text(target_x10 or 1000)}%", True, text, refs, (1, 1))
    ratio = len(closed) / len(rows)
    met, earned = _share(len(closed), len(rows), target_x10 or 1000)
    shown = _percent_text(len(closed), len(rows), target_x10 or 1000, 0)
    text = (f"整改时限在{format_date(min(period.end, as_of))}以前（或已提前销号）、本期开始时尚未销号（或本期新列入）的"
            f"整改事项 {len(rows)} 项，截至{format_date(as_of)}已销号 {len(closed)} 项，完成率 {shown}。")
    return MeasureResult("rectification.rate", "整改完成率", period, round(ratio * 100, 1), shown, target,
                         f"{tenths_text(target_x10 or 1000)}%", met, text, refs, earned)


@uses_archive
def _attendance_rate(archive, period: Period, target_x10: int | None, today: dt.date) -> MeasureResult:
    as_of = _as_of(period, today)
    meetings = list(
        Meeting.select(Meeting.id, Meeting.title, Meeting.held_on)
        .where(Meeting.branch == archive.branch.own_id(), Meeting.state.in_(HELD),
               Meeting.held_on.between(period.start, as_of), archive.records.current_only(MEETING, Meeting.id))
        .order_by(Meeting.held_on, Meeting.id)
    )
    ids = [m.id for m in meetings]
    due = present = 0
    if ids:
        for status, in (MeetingAttendance.select(MeetingAttendance.status)
                        .where(MeetingAttendance.meeting.in_(ids), MeetingAttendance.is_guest == False,  # noqa: E712
                               MeetingAttendance.status != "not_counted").tuples()):
            due += 1
            present += status == "present"
    target = (target_x10 or 900) / 10
    refs = [RecordRef("meeting", m.id, m.title, m.held_on) for m in meetings]
    if due == 0:
        text = f"{period.label}截至{format_date(as_of)}没有已召开并登记出席情况的会议。"
        return MeasureResult("attendance.rate", "党员参会率", period, None, "无会议", target,
                             f"{tenths_text(target_x10 or 900)}%", None, text, refs, None)
    rate = present / due
    met, earned = _share(present, due, target_x10 or 900)
    shown = _percent_text(present, due, target_x10 or 900, 1)
    text = (f"{period.label}已召开会议 {len(meetings)} 次，应到党员合计 {due} 人次，实到 {present} 人次，"
            f"参会率 {shown}（列席人员和不计入应到的党员不计）。")
    return MeasureResult("attendance.rate", "党员参会率", period, round(rate * 100, 1), shown, target,
                         f"{tenths_text(target_x10 or 900)}%", met, text, refs, earned)


def _fixed(text: str, value: int | None):
    return lambda archive, year: (text, value)


MEASURES: dict[str, MeasureSpec] = {spec.key: spec for spec in [
    *(_meetings_measure(kind) for kind in MEETING_KINDS),
    MeasureSpec("talks.coverage", "谈心谈话覆盖率", _talk_coverage, _fixed("谈心谈话全覆盖（100%）", 1000)),
    MeasureSpec("appraisal.done", "民主评议党员", _appraisal_done, _fixed("年底前完成民主评议党员", None)),
    MeasureSpec("life.held", "组织生活会", _life_held, _fixed("年内召开组织生活会", None)),
    MeasureSpec("rectification.rate", "整改完成率", _rectification_rate, _fixed("整改完成率 100%", 1000)),
    MeasureSpec("attendance.rate", "党员参会率", _attendance_rate, _fixed("党员参会率不低于 90%", 900)),
]}
# 服务群众 (docs/domain.md §15.6), in their own module
MEASURES.update({spec.key: spec for spec in service_measures.specs(MeasureSpec, _fixed)})


def _masses_rate(key: str, label: str, default_x10: int):
    """A 群众工作 share (masses/measures.py) as a measure against its target."""
    from ..masses import measures as masses

    def compute(archive, period: Period, target_x10: int | None, today: dt.date) -> MeasureResult:
        share = getattr(masses, key.split(".")[1])(archive, period, today)
        target_x10 = target_x10 or default_x10
        target_text = f"{tenths_text(target_x10)}%"
        refs = [RecordRef(*ref) for ref in share.refs]
        if share.whole == 0:
            return MeasureResult(key, label, period, None, share.none_text, target_x10 / 10, target_text, None,
                                 share.text, refs, None)
        met, earned = _share(share.part, share.whole, target_x10)
        shown = _percent_text(share.part, share.whole, target_x10, 0)
        return MeasureResult(key, label, period, round(share.part / share.whole * 100, 1), shown, target_x10 / 10,
                             target_text, met, share.text.format(shown=shown), refs, earned)

    return compute


def _masses_measures() -> None:
    """群众工作's measures (docs/domain.md §14.5)."""
    for key, label, target in (
        ("masses.coverage", "联系群众覆盖率", ("联系户按期走访全覆盖（100%）", 1000)),
        ("masses.completion", "民情诉求办结率", ("到期民情诉求办结率 100%", 1000)),
        ("masses.satisfaction", "群众满意率", ("回访满意率不低于 90%", 900)),
    ):
        MEASURES[key] = MeasureSpec(key, label, _masses_rate(key, label, target[1]), _fixed(*target))


_masses_measures()


def measure(archive, key: str, period: Period, target_x10: int | None = None,
            today: dt.date | None = None) -> MeasureResult:
    """Compute one measure for ``period`` (``target_x10``: the plan's target value, if any)."""
    spec = MEASURES.get(key)
    if spec is None:
        from ..errors import ValidationError

        raise ValidationError("measure", "choice", f"没有{quoted(key)}这项自动计量，可选：{'、'.join(MEASURES)}。")
    return spec.compute(archive, period, target_x10, today or clock.today())


def default_target(archive, key: str, year: int) -> tuple[str, int | None]:
    spec = MEASURES.get(key)
    return spec.default_target(archive, year) if spec else ("", None)


def measure_labels() -> dict[str, str]:
    """Key → label, for choosers."""
    return {key: spec.label for key, spec in MEASURES.items()}

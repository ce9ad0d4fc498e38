"""When inspections are due, and the history of totals.

Inspections are expected at least every half year (setting ``targets.inspection_frequency``:
``half`` or ``quarter``), each filed within ``targets.grace_days`` (default 30) after its
period ends. An expected period is covered by a filed inspection whose own period ends
inside it (an h1 or a q2 inspection covers the first half). Periods are expected from
the first year the branch keeps targets (a library, a plan or an inspection)."""

from __future__ import annotations

import datetime as dt

from .. import clock
from ..errors import ValidationError
from ..storage.binding import uses_archive
from ..storage.target_models import IndicatorLibrary, TargetInspection, TargetPlan
from .forms import PeriodGap, TrendPoint
from .periods import PERIOD_KINDS, periods_of

FREQUENCY_SETTING = "targets.inspection_frequency"
GRACE_SETTING = "targets.grace_days"
DUE_SOON_DAYS = 45
DEFAULT_FREQUENCY = "half"
DEFAULT_GRACE_DAYS = 30


def frequency(archive) -> str:
    value = archive.settings.get(FREQUENCY_SETTING)
    return value if value in ("half", "quarter") else "half"


def set_frequency(archive, kind: str, grace_days: int | None = None) -> None:
    if kind not in ("half", "quarter"):
        raise ValidationError("frequency", "choice", "检查频次应为每半年（half）或每季度（quarter）：规定至少每半年检查一次。")
    if grace_days is not None and not 0 <= grace_days <= 180:
        raise ValidationError("grace_days", "range", f"归档期限 {grace_days} 天不合理，请填写 0 到 180 天。")
    with archive.db.atomic():
        archive.settings.set(FREQUENCY_SETTING, kind)
        if grace_days is not None:
            archive.settings.set(GRACE_SETTING, grace_days)


def _grace(archive) -> int:
    value = archive.settings.get(GRACE_SETTING)
    return value if isinstance(value, int) and 0 <= value <= 180 else 30


@uses_archive
def first_year(archive) -> int | None:
    branch_id = archive.branch.own_id()
    years = [m.select(m.year).where(m.branch == branch_id).order_by(m.year).first()
             for m in (IndicatorLibrary, TargetPlan, TargetInspection)]
    found = [r.year for r in years if r is not None]
    return min(found) if found else None


@uses_archive
def missing_inspections(archive, today: dt.date | None = None) -> list[PeriodGap]:
    """Expected periods without a filed inspection: over and not filed (``missing``,
    ``draft``, ``overdue`` past the grace days), or ending within 45 days (``due_soon``)."""
    today = today or clock.today()
    start = first_year(archive)
    if start is None or archive.branch.own_or_none() is None:
        return []
    kind = frequency(archive)
    grace = _grace(archive)
    inspections = archive.targets.inspections.list()
    filed_periods = [r for r in _all_versions(archive) if r.state == "reported"]
    gaps = []
    for year in range(start, today.year + 1):
        for period in periods_of(year, kind):
            if period.start > today:
                continue
            # A filed inspection counts even while a correction of it is being drafted.
            if any(period.contains(r.period.end) for r in filed_periods):
                continue
            covering = [s for s in inspections if period.contains(s.period.end)]
            draft = next((s.id for s in covering), None)
            deadline = period.end + dt.timedelta(days=grace)
            begun = "（已开始，尚未归档）" if draft else ""
            if period.end >= today:
                if (period.end - today).days > DUE_SOON_DAYS:
                    continue
                gaps.append(PeriodGap(period, "due_soon", deadline, draft,
                                      f"{period.label}目标管理检查考核即将到期{begun}：请在 {deadline:%Y-%m-%d} 前完成检查并归档。"))
            elif today > deadline:
                what = "草稿尚未归档" if draft else "还没有检查记录"
                gaps.append(PeriodGap(period, "overdue", deadline, draft,
                                      f"{period.label}目标管理检查考核已逾期：{what}（应于 {deadline:%Y-%m-%d} 前归档）。"))
            elif draft:
                gaps.append(PeriodGap(period, "draft", deadline, draft,
                                      f"{period.label}目标管理检查考核尚未归档（草稿），请在 {deadline:%Y-%m-%d} 前完成。"))
            else:
                gaps.append(PeriodGap(period, "missing", deadline, None,
                                      f"{period.label}还没有目标管理检查考核，请在 {deadline:%Y-%m-%d} 前完成检查并归档。"))
    return gaps


@uses_archive
def _all_versions(archive):
    """Every inspection row of the branch, corrected originals included."""
    ids = [r.id for r in TargetInspection.select(TargetInspection.id).where(
        TargetInspection.branch == archive.branch.own_id())]
    return archive.targets.inspections.summaries(ids)


@uses_archive
def trend(archive, from_year: int, to_year: int) -> list[TrendPoint]:
    """One total per period from ``from_year`` to ``to_year``, by period end: the newest
    filed version (a correction being drafted does not hide the filed total), else the draft."""
    if from_year > to_year:
        from_year, to_year = to_year, from_year
    chosen: dict[tuple, object] = {}
    for s in _all_versions(archive):
        if not from_year <= s.year <= to_year:
            continue
        key = (s.year, s.period_kind, s.period_no)
        best = chosen.get(key)
        if best is None or (s.filed, s.id) > (best.filed, best.id):
            chosen[key] = s
    points = [TrendPoint(s.period, s.id, s.total_x10, s.self_total_x10, s.total_points_x10, s.grade, s.filed)
              for s in chosen.values()]
    return sorted(points, key=lambda p: (p.period.end, p.period.months))


def frequency_label(kind: str) -> str:
    return "每" + PERIOD_KINDS.get(kind, kind)

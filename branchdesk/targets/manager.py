"""``archive.targets``: the 目标管理 facade — ``library``, ``plans`` and ``inspections``
managers, the grade thresholds, the inspection schedule and the auto-measures."""

from __future__ import annotations

import datetime as dt

from ..storage.binding import ArchiveBound
from . import grading, schedule
from .forms import PeriodGap, TrendPoint
from .inspections import InspectionManager
from .library import LibraryManager
from .measures import MeasureResult, measure
from .periods import Period
from .plans import PlanManager


class TargetsManager(ArchiveBound):
    def __init__(self, archive):
        self._archive = archive
        self.library = LibraryManager(archive)
        self.plans = PlanManager(archive)
        self.inspections = InspectionManager(archive)

    # -- settings --------------------------------------------------------------
    def thresholds(self) -> grading.Thresholds:
        return grading.thresholds(self._archive)

    def set_thresholds(self, value) -> grading.Thresholds:
        """Store the grade scale (validated: ordered, 0–100, distinct names); draft
        inspections are regraded, filed ones keep the scale they were filed with."""
        self._archive.require_writable()
        with self._archive.db.atomic():
            cleaned = grading.set_thresholds(self._archive, value)
            self.inspections.regrade_drafts()
        return cleaned

    def frequency(self) -> str:
        return schedule.frequency(self._archive)

    def set_frequency(self, kind: str, grace_days: int | None = None) -> None:
        self._archive.require_writable()
        schedule.set_frequency(self._archive, kind, grace_days)

    # -- facts -----------------------------------------------------------------
    def years(self) -> list[int]:
        """Years with a library, a plan or an inspection, newest first."""
        years = set(self.library.years()) | set(self.plans.years())
        years |= {s.year for s in self.inspections.list()}
        return sorted(years, reverse=True)

    def measure(self, key: str, period: Period, target_x10: int | None = None,
                today: dt.date | None = None) -> MeasureResult:
        return measure(self._archive, key, period, target_x10, today)

    def measures_for(self, period: Period, today: dt.date | None = None) -> list[tuple[object, MeasureResult]]:
        """Every auto-measured indicator of the year's plan (or library), with its result."""
        plan = self.plans.get_or_none(period.year)
        if plan is not None:
            rows = [(item, item.measure, item.target_value_x10) for item in plan.items if item.measure]
        else:
            library = self.library.get(period.year)
            rows = [(row, row.measure, None) for row in library.seconds if row.measure]
        return [(row, measure(self._archive, key, period, target, today)) for row, key, target in rows]

    def missing_inspections(self, today: dt.date | None = None) -> list[PeriodGap]:
        return schedule.missing_inspections(self._archive, today)

    def trend(self, from_year: int, to_year: int) -> list[TrendPoint]:
        return schedule.trend(self._archive, from_year, to_year)

    def attention(self, today: dt.date | None = None) -> list[str]:
        """Sentences for the home page: inspections missing, overdue or due soon."""
        return [gap.message for gap in self.missing_inspections(today)]

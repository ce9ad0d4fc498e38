"""What every auto-measure shares (``measures.py`` and ``service_measures.py``): the result
with the records behind it, the spec that names a measure, and the rules of a rate — met
in whole numbers, a shortfall never shown as reaching the target, a yearly fact scored
in the period that ends the year."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from fractions import Fraction

from .periods import Period
from .points import scaled


@dataclass(frozen=True)
class RecordRef:
    """A record a measure counted: ``kind`` meeting / talk / appraisal / life_cycle / rectification."""

    kind: str
    id: int
    title: str
    date: dt.date | None


@dataclass(frozen=True)
class MeasureResult:
    key: str
    label: str
    period: Period
    value: float | None
    value_text: str
    target: float | None
    target_text: str
    met: bool | None  # None: not yet due in this period
    explanation: str
    refs: list[RecordRef] = field(default_factory=list)
    # share of the points the result earns (met / required); None when it is not yet due
    earned: tuple[int, int] | None = None

    def suggested_x10(self, points_x10: int) -> int | None:
        """The natural score for an indicator of ``points_x10`` points (e.g. 3 of 4
        meetings held → points × 3/4, to a tenth); the user decides."""
        if self.earned is None:
            return None
        part, whole = self.earned
        return scaled(points_x10, part, whole)

    def as_dict(self) -> dict:
        return {
            "key": self.key, "label": self.label, "period": self.period.label, "value": self.value,
            "value_text": self.value_text, "target": self.target, "target_text": self.target_text, "met": self.met,
            "explanation": self.explanation,
            "refs": [{"kind": r.kind, "id": r.id, "title": r.title, "date": r.date.isoformat() if r.date else None}
                     for r in self.refs],
        }


@dataclass(frozen=True)
class MeasureSpec:
    key: str
    label: str
    compute: object  # (archive, period, target_x10, today) -> MeasureResult
    default_target: object  # (archive, year) -> (text, value_x10 | None)


def _as_of(period: Period, today: dt.date) -> dt.date:
    return min(period.end, today)


def _year_end_due(period: Period) -> bool:
    """Yearly facts are scored in the period that ends the year."""
    return period.end.month == 12


def _still_open(period: Period, today: dt.date, done: bool) -> bool:
    """A yearly fact not yet done while its period is still running is pending, not missed."""
    return not done and today <= period.end


PENDING = "本期尚未结束，年底前完成即可。"


def _share(part: int, whole: int, target_x10: int) -> tuple[bool, tuple[int, int]]:
    """(met, earned) of a rate ``part / whole`` against a target in tenths of a percent.
    Met is compared in whole numbers, never floats (8 of 9 is not 90 %); a met target
    earns all the points, a shortfall the share (part / whole) ÷ target, which
    ``scaled`` rounds down."""
    met = part * 1000 >= whole * target_x10
    return met, ((1, 1) if met else (part * 1000, whole * target_x10))


def _percent_text(part: int, whole: int, target_x10: int, decimals: int) -> str:
    """「88.9%」, rounded as usual, except that a shortfall is never shown as reaching the
    target (89.96 % of a 90 % target reads 89.9 %, not 90.0 %)."""
    scale = 10 ** decimals
    exact = Fraction(part * 100 * scale, whole)
    shown = math.floor(exact + Fraction(1, 2))
    if exact * 10 < target_x10 * scale <= shown * 10:
        shown = math.floor(exact)
    return f"{shown / scale:.{decimals}f}%"

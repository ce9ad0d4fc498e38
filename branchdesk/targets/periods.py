"""Inspection periods: a half-year (上/下半年), a quarter or the whole year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..errors import ValidationError
from ..text import quoted

PERIOD_KINDS = {"half": "半年", "quarter": "季度", "year": "年度"}
_COUNTS = {"half": 2, "quarter": 4, "year": 1}
_MONTHS = {"half": 6, "quarter": 3, "year": 12}
_CODES = {"h1": ("half", 1), "h2": ("half", 2), "q1": ("quarter", 1), "q2": ("quarter", 2),
          "q3": ("quarter", 3), "q4": ("quarter", 4), "year": ("year", 1), "y": ("year", 1)}
_QUARTERS = "一二三四"


@dataclass(frozen=True, order=True)
class Period:
    """One period of ``year``: ``kind`` half / quarter / year, ``no`` from 1."""

    year: int
    kind: str
    no: int

    def __post_init__(self):
        if self.kind not in PERIOD_KINDS:
            raise ValidationError("period_kind", "choice", "检查周期应为半年、季度或年度。")
        if not 1 <= self.no <= _COUNTS[self.kind]:
            raise ValidationError(
                "period_no", "range",
                f"{PERIOD_KINDS[self.kind]}检查的序号应为 1 到 {_COUNTS[self.kind]}，不是 {self.no}。")

    @property
    def label(self) -> str:
        """「2026年上半年」「2026年第三季度」「2026年度」."""
        if self.kind == "half":
            return f"{self.year}年{'上' if self.no == 1 else '下'}半年"
        if self.kind == "quarter":
            return f"{self.year}年第{_QUARTERS[self.no - 1]}季度"
        return f"{self.year}年度"

    @property
    def short(self) -> str:
        """「26上」「26Q3」「26年」 for chart axes."""
        yy = f"{self.year % 100:02d}"
        if self.kind == "half":
            return f"{yy}{'上' if self.no == 1 else '下'}"
        return f"{yy}Q{self.no}" if self.kind == "quarter" else f"{yy}年"

    @property
    def code(self) -> str:
        return {"half": f"h{self.no}", "quarter": f"q{self.no}", "year": "year"}[self.kind]

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, (self.no - 1) * _MONTHS[self.kind] + 1, 1)

    @property
    def end(self) -> dt.date:
        last_month = self.no * _MONTHS[self.kind]
        following = dt.date(self.year + 1, 1, 1) if last_month == 12 else dt.date(self.year, last_month + 1, 1)
        return following - dt.timedelta(days=1)

    @property
    def months(self) -> int:
        return _MONTHS[self.kind]

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def within(self, other: Period) -> bool:
        return other.start <= self.start and self.end <= other.end


def parse_period(year: int, text: str | None) -> Period:
    """``h1`` / ``h2`` / ``q1``…``q4`` / ``year`` (also 上半年, 下半年, 第三季度, 全年)."""
    raw = (text or "year").strip().lower()
    chinese = {"上半年": "h1", "下半年": "h2", "全年": "year", "年度": "year"}
    for n, ch in enumerate(_QUARTERS, start=1):
        chinese[f"第{ch}季度"] = f"q{n}"
    raw = chinese.get(raw, raw)
    if raw not in _CODES:
        raise ValidationError("period", "choice", f"检查周期{quoted(text)}无法识别，请写 h1、h2、q1–q4 或 year。")
    kind, no = _CODES[raw]
    return Period(year, kind, no)


def periods_of(year: int, kind: str) -> list[Period]:
    return [Period(year, kind, n) for n in range(1, _COUNTS[kind] + 1)]


def period_containing(day: dt.date, kind: str) -> Period:
    return Period(day.year, kind, (day.month - 1) // _MONTHS[kind] + 1)

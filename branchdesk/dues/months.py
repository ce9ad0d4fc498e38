"""Months as the ledger keeps them: stored as 'YYYY-MM' text, handled as the first day."""

from __future__ import annotations

import datetime as dt

from ..dates import DateTextError, parse_date
from ..errors import ValidationError


def key(month: dt.date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def from_key(text: str) -> dt.date:
    return dt.date(int(text[:4]), int(text[5:7]), 1)


def first(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def span(start: dt.date, end: dt.date) -> list[dt.date]:
    """Every month from ``start`` to ``end``, both included."""
    result, month = [], first(start)
    while month <= end:
        result.append(month)
        month = add(month, 1)
    return result


def label(month: dt.date) -> str:
    return f"{month.year}年{month.month}月"


def labels(months: list[dt.date]) -> str:
    """「2026年1月—6月、2026年9月」: runs of months joined, for sentences."""
    runs: list[list[dt.date]] = []
    for month in sorted(months):
        if runs and add(runs[-1][-1], 1) == month:
            runs[-1].append(month)
        else:
            runs.append([month])
    parts = []
    for run in runs:
        if len(run) == 1:
            parts.append(label(run[0]))
        elif run[0].year == run[-1].year:
            parts.append(f"{label(run[0])}—{run[-1].month}月")
        else:
            parts.append(f"{label(run[0])}—{label(run[-1])}")
    return "、".join(parts)


def parse(text: object, what: str = "月份") -> dt.date:
    """「2026-03」「2026年3月」「2026.3」 or a date: the first of that month."""
    if isinstance(text, dt.date):
        return first(text)
    try:
        day = parse_date(text)
    except DateTextError as error:
        raise ValidationError("month", "date", f"{what}「{error.text}」{error.reason}，请写成 2026-03。") from None
    if day is None:
        raise ValidationError("month", "required", f"请填写{what}，例如 2026-03。")
    return first(day)

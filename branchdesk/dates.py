"""Reading dates the way Chinese spreadsheets write them, and the one rule bounding every date a user types."""

from __future__ import annotations

import datetime as dt
import re

from . import clock
from .text import quoted

# The earliest date any record can carry: the Party's founding (commemorated on 1 July 1921).
PARTY_FOUNDED = dt.date(1921, 7, 1)
# How far ahead a plan or a deadline may reach: a mistyped year (2199, 9999) is refused.
PLAN_YEARS_AHEAD = 5

_FULL = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


class DateTextError(ValueError):
    """``text`` is what the user wrote; ``reason`` says in Chinese why it is no date."""

    def __init__(self, text: str, reason: str):
        self.text = text
        self.reason = reason
        super().__init__(f"{quoted(text)}{reason}")


def _make(year: int, month: int, day: int, text: str) -> dt.date:
    if not 1 <= month <= 12:
        raise DateTextError(text, f"中的月份 {month} 不存在")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateTextError(text, f"：{year} 年 {month} 月没有 {day} 日") from None


def parse_date(value: object) -> dt.date | None:
    """A date from a cell: date/datetime objects, ``2001-07-01``, ``2001/7/1``,
    ``2001.07.01``, ``2001年7月1日``, ``20010701``; ``2001.07`` and ``2001年7月`` mean
    the first of the month. Empty gives None; anything else raises DateTextError
    (a ValueError) with a Chinese reason.

    A spreadsheet number such as 1995.1 is refused: Excel turned "1995.10" into it
    and nobody can tell October from January any more."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float) and not value.is_integer():
        raise DateTextError(
            f"{value:g}", "在表格里是数字格式，无法区分 1995.1 和 1995.10；请把这一列设为“文本”格式后重新输入"
        )
    if isinstance(value, float):
        value = int(value)
    text = str(value).strip().translate({0xFF10 + i: ord("0") + i for i in range(10)})
    if not text:
        return None
    for pattern in (_FULL, _COMPACT):
        match = pattern.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return _make(year, month, day, text)
    match = _MONTH.match(text)
    if match:
        return _make(int(match.group(1)), int(match.group(2)), 1, text)
    raise DateTextError(text, "无法识别，请写成 2001-07-01 的形式")


def format_date(value: dt.date | str | None) -> str:
    """「2024年6月30日」: Arabic numerals without leading zeros, as GB/T 9704 asks."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dt.datetime):
        return f"{value.year}年{value.month}月{value.day}日 {value.hour:02d}:{value.minute:02d}"
    return f"{value.year}年{value.month}月{value.day}日"


def date_problem(label: str, day: dt.date, planned: bool = False, earliest: dt.date = PARTY_FOUNDED,
                 today: dt.date | None = None) -> tuple[str, str] | None:
    """(code, Chinese sentence) when ``day`` is not a date the record can carry, else None.

    The one bound rule for every date a user types: nothing before ``earliest`` (the
    Party's founding unless the field allows less); something that happened not after
    today; a plan or a deadline (``planned``) at most PLAN_YEARS_AHEAD years ahead."""
    today = today or clock.today()
    if day < earliest:
        return "too_early", f"「{label}」{day:%Y-%m-%d} 早于 {earliest.year} 年，请核对年份。"
    if planned:
        latest = clock.add_years(today, PLAN_YEARS_AHEAD)
        if day > latest:
            return "too_late", (f"「{label}」{day:%Y-%m-%d} 在 {PLAN_YEARS_AHEAD} 年之后，请核对年份"
                                f"（最晚可填 {latest:%Y-%m-%d}）。")
    elif day > today:
        return "future", f"「{label}」{day:%Y-%m-%d} 不能晚于今天，请核对（也请检查电脑日期）。"
    return None


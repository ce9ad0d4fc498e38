"""Reading dates the way Chinese spreadsheets write them, and the one rule bounding every date a user types."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import clock
from .patterns import compile_on_use
from .text import quoted

# The earliest date any record can carry: the Party's founding (commemorated on 1 July 1921).
PARTY_FOUNDED = dt.date(1921, 7, 1)
# How far ahead a plan or a deadline may reach: a mistyped year (2199, 9999) is refused.
PLAN_YEARS_AHEAD = 5

_FULL = compile_on_use(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_MONTH = compile_on_use(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_COMPACT = compile_on_use(r"^(\d{4})(\d{2})(\d{2})$")


# Spreadsheet serial dates (1900 date system): day 1 is 1900-01-01, and day 60 is the
# 1900-02-29 that never was (Lotus 1-2-3's leap-year bug, kept by Excel and WPS). From
# day 61 on, the serial counts from 1899-12-30.
_SERIAL_EPOCH = dt.date(1899, 12, 30)
_SERIAL_FIRST_REAL = 61  # 1900-03-01: below it the bug shifts every date by a day
_SERIAL_TEXT = compile_on_use(r"^[0-9]{1,6}$")
_YEAR_ONLY = range(1900, 2101)


class MonthShown(dt.date):
    """A date cell whose number format shows only year and month (``yyyy.mm``): the
    spreadsheet holds a day, but the clerk meant the month."""


@dataclass(frozen=True)
class CellDate:
    """A date read from a cell; ``month_only`` when the cell gave a year and month alone
    (``1968.03``, ``1968年3月`` or a date cell formatted ``yyyy.mm``)."""

    day: dt.date
    month_only: bool = False


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


def read_cell_date(value: object) -> CellDate | None:
    """``parse_date`` for cells of a file a clerk made: also says whether only a year and
    month were given, and reads spreadsheet serial numbers (``24909``: a date cell that
    lost its format, or a date column saved to CSV as numbers) within a plausible range."""
    if isinstance(value, MonthShown):
        return CellDate(dt.date(value.year, value.month, value.day), month_only=True)
    if isinstance(value, (dt.date, type(None))) or (isinstance(value, float) and not value.is_integer()):
        day = parse_date(value)
        return CellDate(day) if day else None
    if isinstance(value, float):
        value = int(value)
    text = str(value).strip().translate({0xFF10 + i: ord("0") + i for i in range(10)})
    if not text:
        return None
    if _SERIAL_TEXT.match(text) and not _COMPACT.match(text):
        return CellDate(_serial_date(int(text), text))
    return CellDate(parse_date(text), month_only=bool(_MONTH.match(text)))


def _serial_date(number: int, text: str) -> dt.date:
    if number in _YEAR_ONLY:
        raise DateTextError(text, "只有年份，请写出年月日，如 1968.03.12（出生年月可只写年月，如 1968.03）")
    what = "像是表格里的日期序号（单元格丢了日期格式）"
    if number == _SERIAL_FIRST_REAL - 1:
        raise DateTextError(text, f"{what}，但它对应的 1900 年 2 月 29 日并不存在，请写成 2001-07-01 的形式")
    if number < _SERIAL_FIRST_REAL:
        raise DateTextError(text, f"{what}，但它对应 1900 年初，不可能是这里的日期，请写成 2001-07-01 的形式")
    latest = clock.add_years(clock.today(), PLAN_YEARS_AHEAD)
    day = _SERIAL_EPOCH + dt.timedelta(days=number)
    if day > latest:
        raise DateTextError(text, f"{what}，但它对应 {day.year} 年，不合理；请核对后写成 2001-07-01 的形式")
    return day


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


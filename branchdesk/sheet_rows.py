"""Rows of a spreadsheet someone sent us, whatever its format (.xlsx, .xls): bounded in
count, blank rows kept in place so row numbers match the spreadsheet's, and, for a
workbook of several sheets, the sheet that holds what the importer looks for.

The readers (``xlsx_safety``, ``xls_safety``) hand each sheet over as a title and a
function giving a fresh iterator of row tuples; this module decides how much of it is
read."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .dates import MonthShown
from .errors import BranchDeskError

ROWS_ABOVE_DATA = 10  # title rows and the header, on top of an importer's row limit
HEAD_ROWS = 10  # rows of each sheet looked at when searching for the header

RowSource = Callable[[], Iterator[tuple]]
# Literal text ("年") and sections ([Red], [$-804]) in a number format say nothing about its fields.
_FORMAT_NOISE = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


@dataclass
class ChosenSheet:
    title: str
    rows: list[list[object]]
    titles: list[str] = field(default_factory=list)  # every sheet of the workbook, in order


class RowCollector:
    """Rows with content, each preceded by the blank rows above it (trailing blanks neither
    count nor cost memory); more than ``max_rows`` + ROWS_ABOVE_DATA raise ``error(too_many)``."""

    def __init__(self, max_rows: int, too_many: str, error: type[BranchDeskError]):
        self.rows: list[list[object]] = []
        self.filled = 0
        self._blank_run = 0
        self._limit = max_rows + ROWS_ABOVE_DATA
        self._too_many = too_many
        self._error = error

    def add(self, values: tuple) -> None:
        if values.count(None) == len(values) or _blank(values):  # count(): a million empty rows stay fast
            self._blank_run += 1
            return
        self.filled += 1
        if self.filled > self._limit:
            raise self._error(self._too_many)
        self.rows.extend([] for _ in range(self._blank_run))
        self._blank_run = 0
        self.rows.append(list(values))

    def take(self, values: Iterable[tuple], until_filled: int | None = None) -> list[list[object]]:
        for row in values:
            self.add(row)
            if until_filled is not None and self.filled >= until_filled:
                break
        return self.rows


def pick_sheet(sheets: list[tuple[str, RowSource]], score: Callable[[list[list[object]]], int],
               max_rows: int, too_many: str, error: type[BranchDeskError]) -> ChosenSheet | None:
    """The sheet whose first HEAD_ROWS rows ``score`` highest (the first of equals), read
    whole; None when every sheet scores 0. Other sheets are read no further than their head."""
    best: tuple[int, int] = (0, -1)
    for index, (_, rows) in enumerate(sheets):
        head = RowCollector(max_rows, too_many, error).take(rows(), until_filled=HEAD_ROWS)
        points = score(head)
        if points > best[0]:
            best = (points, index)
    if best[1] < 0:
        return None
    title, rows = sheets[best[1]]
    return ChosenSheet(title, RowCollector(max_rows, too_many, error).take(rows()), [t for t, _ in sheets])


def shows_month_only(number_format: str | None) -> bool:
    """A date format without a day field (``yyyy.mm``, ``yyyy"年"m"月"``): the clerk means the month."""
    fields = _FORMAT_NOISE.sub("", (number_format or "").lower())
    return "y" in fields and "m" in fields and "d" not in fields


def month_shown(value: object, number_format: str | None) -> object:
    """``value`` marked as a month when its date cell shows only year and month."""
    if isinstance(value, dt.date) and shows_month_only(number_format):
        return MonthShown(value.year, value.month, value.day)
    return value


def _blank(values: tuple) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in values)


def header_columns(rows: list[list[object]], required: Iterable[str], known: Iterable[str],
                   template_hint: str) -> tuple[int, dict[str, int]]:
    """Where an import's header is (a row among the first ``HEAD_ROWS`` holding 「姓名」)
    and the column of each ``known`` header found there; a Chinese ValidationError when
    there is none or a ``required`` column is missing."""
    from .errors import ValidationError
    from .text import clean_line

    header_at = next((n for n, r in enumerate(rows[:HEAD_ROWS]) if "姓名" in [clean_line(c) for c in r]), None)
    if header_at is None:
        raise ValidationError("file", "header", f"导入表的前 {HEAD_ROWS} 行里没有「姓名」等表头，请用{template_hint}生成的模板。")
    header = [clean_line(c) for c in rows[header_at]]
    missing = [c for c in required if c not in header]
    if missing:
        raise ValidationError("file", "columns", f"导入表缺少「{'」「'.join(missing)}」列。")
    return header_at, {name: header.index(name) for name in known if name in header}

"""What an indicator sheet holds besides indicators: a running 序号 column and a 合计 row.

Upper levels' sheets usually number their rows 1, 2, 3 … in a 序号 column beside the
merged 一级 cells, or number the 一级 rows 一、二、三 and the 二级 rows 1, 2, 3. Such a
number says where a row stands, not which indicator it is: read as codes, the 二级 row
「1」 collides with the 一级 indicator numbered 1 on the same line. An indicator code
holds the hierarchy (1, 1.1, 1.2 …) or is a name of its own (A1, 党建-3).

Decided here (docs/domain.md §5.1): the 序号/编号 column is a running serial number —
and left out, so codes are numbered 1, 1.1, 1.2 … — when its whole numbers (Arabic or
Chinese, 「1、」「（一）」 too) count up by one from 1 down the sheet's rows; or, per
level, down the 一级 rows, or down the 二级 rows (over the whole sheet, or starting
again at 1 under each 一级). Anything else is read as codes, as written, so an exported
library (1, 1.1, 2, 2.1 …) imports back with its codes."""

from __future__ import annotations

import re

from ..text import clean_line
from .points import tenths_text

_DIGITS = {ch: n for n, ch in enumerate("零一二三四五六七八九")}
_DECORATION = re.compile(r"^[（(\[【]?\s*(.*?)\s*[)）\]】]?\s*[、.．,，]?$")
TOTAL_WORDS = ("合计", "总计", "总分", "合计分", "总分值", "分值合计")


def serial_value(text: str) -> int | None:
    """1 for 「1」「1、」「（一）」「一、」; None when ``text`` is no whole number."""
    match = _DECORATION.match(clean_line(text))
    core = match.group(1) if match else ""
    if core.isascii() and core.isdigit():
        return int(core)
    return _chinese_number(core)


def _chinese_number(text: str) -> int | None:
    if not text or any(ch not in _DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or (tens and tens == "零"):
        return None
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


def _counts_up(values: list[int], restarts: list[bool] | None = None) -> bool:
    """1, 2, 3 … (starting again at 1 where ``restarts`` says a new 一级 begins)."""
    expected = 1
    for n, value in enumerate(values):
        if restarts and restarts[n] and value == 1:
            expected = 1
        if value != expected:
            return False
        expected += 1
    return bool(values)


def drop_serial_numbers(rows, header: str) -> str:
    """Clear the codes of ``rows`` (LibraryPreviewRow) that are a running serial number;
    returns a note for the preview ('' when the column holds codes)."""
    given = [(n, row) for n, row in enumerate(rows) if row.form.code]
    if not given:
        return ""
    numbers = {n: serial_value(row.form.code) for n, row in given}
    by_line: dict[int, int | None] = {}
    for n, row in given:
        by_line.setdefault(row.row_number, numbers[n])
    firsts = [n for n, row in given if row.form.level == 1]
    seconds = [n for n, row in given if row.form.level == 2]
    parents = _parents(rows)
    restarts = [n == seconds[0] or parents[n] != parents[seconds[k - 1]] for k, n in enumerate(seconds)]

    def whole(indices) -> list[int] | None:
        values = [numbers[n] for n in indices]
        return None if None in values else values

    line_values = list(by_line.values())
    if None not in line_values and _counts_up(line_values):
        cleared = [n for n, _ in given]
    else:
        cleared = []
        first_values, second_values = whole(firsts), whole(seconds)
        if first_values is not None and _counts_up(first_values):
            cleared += firsts
        if second_values is not None and (_counts_up(second_values) or _counts_up(second_values, restarts)):
            cleared += seconds
    if not cleared:
        return ""
    for n in cleared:
        rows[n].form.code = ""
    return (f"“{header}”列是顺序号（1、2、3…），不是指标编号，没有导入；指标编号按 1、1.1、1.2… 自动编排。"
            "如需自己的编号，请把编号写成 1.1 这样的形式。")


def _parents(rows) -> dict[int, int]:
    """Each row's 一级 (its index; a 一级 row is its own)."""
    parent, found = -1, {}
    for n, row in enumerate(rows):
        if row.form.level == 1:
            parent = n
        found[n] = parent
    return found


def is_total_row(cells: list[object], positions: list[int]) -> bool:
    """A 合计 row at the foot of the sheet (「合计」 in the 序号 or a name column)."""
    for position in positions:
        if position < len(cells):
            text = clean_line(cells[position]).replace(" ", "").replace("\u3000", "").rstrip("：:")
            if text in TOTAL_WORDS:
                return True
    return False


def total_problem(row_number: int, written_x10: int | None, total_x10: int) -> str:
    """'' when the 合计 row agrees with the indicators (or gives no points)."""
    if written_x10 is None or written_x10 == total_x10:
        return ""
    return (f"第 {row_number} 行（合计）写的是 {tenths_text(written_x10)} 分，各一级指标的分值加起来是 "
            f"{tenths_text(total_x10)} 分，两者应相等。请核对各项分值或合计。")

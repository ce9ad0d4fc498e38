"""Points and scores as whole tenths of a point (``*_x10``), read from what people type
or what a spreadsheet holds, and printed back the way a scoring sheet writes them."""

from __future__ import annotations

import decimal
import re

from ..errors import ValidationError
from ..text import clean_line, quoted

_NUMBER = re.compile(r"^[+]?(\d{1,4})(?:\.(\d+))?$")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


def parse_tenths(value: object, field: str, what: str, required: bool = True) -> int | None:
    """``5`` / ``2.5`` / ``"2.5分"`` / ``Decimal('3')`` → 50 / 25 / 25 / 30. At most one
    decimal place: scoring sheets score in half and tenth points, never finer."""
    if value is None or (isinstance(value, str) and not clean_line(value)):
        if required:
            raise ValidationError(field, "required", f"请填写{what}。")
        return None
    if isinstance(value, bool):
        raise ValidationError(field, "number", f"{what}应为数字。")
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        text = repr(round(value, 6)).removesuffix(".0") if value == value else "nan"
    elif isinstance(value, decimal.Decimal):
        text = format(value.normalize(), "f")
    else:
        text = clean_line(value).translate(_FULL_WIDTH).replace(" ", "").removesuffix("分")
    shown = clean_line(value) if isinstance(value, str) else text  # messages quote what was written
    if text.startswith("-"):
        raise ValidationError(field, "negative", f"{what}{quoted(shown)}不能是负数。")
    match = _NUMBER.match(text)
    if match is None:
        raise ValidationError(field, "number", f"{what}{quoted(shown)}不是数字，请写成 5 或 2.5 这样的分数。")
    whole, fraction = match.group(1), (match.group(2) or "").rstrip("0")
    if len(fraction) > 1:
        raise ValidationError(field, "precision", f"{what}{quoted(shown)}最多保留一位小数（如 2.5）。")
    return int(whole) * 10 + (int(fraction) if fraction else 0)


def tenths_text(value: int | None, empty: str = "") -> str:
    """50 → "5", 25 → "2.5", None → ``empty``."""
    if value is None:
        return empty
    whole, tenth = divmod(int(value), 10)
    return f"{whole}.{tenth}" if tenth else str(whole)


def tenths_number(value: int | None) -> float | int | None:
    """For a spreadsheet cell or JSON: 50 → 5, 25 → 2.5."""
    if value is None:
        return None
    return value // 10 if value % 10 == 0 else value / 10


def scaled(points_x10: int, part: int, whole: int) -> int:
    """``points × part / whole`` to a tenth, rounded down (3 of 4 meetings of 5 points →
    3.7): only a result that met its requirement earns all the points, so a shortfall
    never rounds up to full marks (8/9 of a 90 % target on 4 points is 3.9, not 4)."""
    if whole <= 0:
        return points_x10
    part = max(0, min(part, whole))
    return points_x10 * part // whole

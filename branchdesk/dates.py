"""Reading dates the way Chinese spreadsheets write them."""

from __future__ import annotations

import datetime as dt
import re

_FULL = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_date(value: object) -> dt.date | None:
    """A date from a cell: date/datetime objects, ``2001-07-01``, ``2001/7/1``,
    ``2001.07.01``, ``2001年7月1日``, ``20010701``; ``2001.07`` and ``2001年7月`` mean
    the first of the month. Empty gives None; anything else raises ValueError."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip().translate({0xFF10 + i: ord("0") + i for i in range(10)})
    if not text:
        return None
    for pattern in (_FULL, _COMPACT):
        match = pattern.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return dt.date(year, month, day)
    match = _MONTH.match(text)
    if match:
        return dt.date(int(match.group(1)), int(match.group(2)), 1)
    raise ValueError(text)

"""How meeting papers name things: the branch with its party prefix, and a day with its
weekday. Shared by the record, the notice and the 签到表 (papers.py, signin.py)."""

from __future__ import annotations

import datetime as dt

from ..papers import format_date

WEEKDAYS = "一二三四五六日"


def party_name(branch: str) -> str:
    """「中共前进村党支部」: papers name the branch with its party prefix."""
    return branch if branch.startswith(("中共", "中国共产党")) else f"中共{branch}"


def when(day: dt.date | None, start: str = "", end: str = "") -> str:
    if day is None:
        return ""
    text = f"{format_date(day)}（星期{WEEKDAYS[day.weekday()]}）"
    if start:
        text += start + (f"—{end}" if end else "")
    return text

"""How meeting papers name things: the branch with its party prefix, and a day with its
weekday, and who a notice is addressed to. Shared by the record, the notice and the 签到表
(papers.py, signin.py) and the meeting manager."""

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


def default_attendees(kind: str, group_name: str = "") -> str:
    """Who must attend, for the notice, when the secretary wrote nothing else."""
    if kind == "committee":
        return "全体支部委员"
    if kind == "group":
        return f"{group_name}全体党员" if group_name else "本党小组全体党员"
    return "全体党员（预备党员参加，不参加表决）" if kind == "general" else "全体党员"

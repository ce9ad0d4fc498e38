"""The rules of docs/domain.md §15, as pure functions: hours, the state of a 实事, the
satisfaction rate of a 群众评议, and which 党务公开 postings are due when."""

from __future__ import annotations

import datetime as dt

from ..errors import ValidationError

# Hours are kept in tenths: 0.5 h is the smallest part a sign-in sheet records.
MAX_HOURS = 24.0
# A posting counts as done on time when it went up by its due day and hung this long.
MIN_HUNG_DAYS = 7
# 民主评议结果 is posted within this many days of the committee's 组织评定.
APPRAISAL_POST_DAYS = 15

# kind -> how often it is due: "year" (计划, by 31 January of its year), "quarter"
# (党费收缴, by the 15th of the month after the quarter), "half" (实事进展, by the 15th
# of the month after the half-year, in a year with 实事), "appraisal" (民主评议结果,
# within 15 days of the 组织评定). The other kinds are posted when there is something.
DUE_RULE = {"plan": "year", "dues": "quarter", "pledges": "half", "appraisal": "appraisal"}
PARTS = {"year": 1, "quarter": 4, "half": 2, "appraisal": 1}


def hours_x10(value, who: str, row: int | None = None) -> int:
    """Hours as entered (3, 2.5, "1.5") to tenths; refused outside 0–24 h."""
    try:
        hours = float(str(value).strip())
    except ValueError:
        raise ValidationError("hours", "not_number", f"{who}的服务时长「{value}」不是数字，请填小时数，如 2 或 1.5。",
                              row) from None
    if not 0 < hours <= MAX_HOURS:
        raise ValidationError("hours", "range", f"{who}的服务时长应大于 0、不超过 {MAX_HOURS:g} 小时。", row)
    return round(hours * 10)


def pledge_state(promised_by: dt.date, done_on: dt.date | None, today: dt.date) -> str:
    if done_on is not None:
        return "done" if done_on <= promised_by else "done_late"
    return "overdue" if today > promised_by else "open"


def satisfaction_rate(satisfied: int, basic: int, unsatisfied: int, unknown: int) -> float | None:
    """(满意 + 基本满意) ÷ (all ballots − 不了解); None when nobody could judge."""
    judged = satisfied + basic + unsatisfied
    return None if judged == 0 else (satisfied + basic) / judged


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def part_label(kind: str, part: int) -> str:
    rule = DUE_RULE.get(kind)
    if rule == "quarter" and part:
        return f"第{'一二三四'[part - 1]}季度"
    if rule == "half" and part:
        return "上半年" if part == 1 else "下半年"
    return "全年"


def parts_of(kind: str) -> list[int]:
    """The parts a posting of ``kind`` may cover: 1–4, 1–2, or 0 (the whole year)."""
    rule = DUE_RULE.get(kind)
    if rule == "quarter":
        return [1, 2, 3, 4]
    if rule == "half":
        return [1, 2]
    return [0]


def due_day(kind: str, year: int, part: int, decided_on: dt.date | None = None) -> dt.date | None:
    rule = DUE_RULE.get(kind)
    if rule == "year":
        return dt.date(year, 1, 31)
    if rule == "quarter":
        end_month = part * 3
        return dt.date(year + 1, 1, 15) if end_month == 12 else dt.date(year, end_month + 1, 15)
    if rule == "half":
        return dt.date(year, 7, 15) if part == 1 else dt.date(year + 1, 1, 15)
    if rule == "appraisal" and decided_on is not None:
        return decided_on + dt.timedelta(days=APPRAISAL_POST_DAYS)
    return None


def on_time(posted_on: dt.date, hung_from: dt.date, hung_to: dt.date, due_on: dt.date) -> bool:
    return posted_on <= due_on and (hung_to - hung_from).days + 1 >= MIN_HUNG_DAYS


def period_began(kind: str, year: int, part: int) -> dt.date:
    """The first day of the period a posting covers (a period that began before the
    archive's records begin is not asked for)."""
    rule = DUE_RULE.get(kind)
    if rule == "quarter":
        return dt.date(year, part * 3 - 2, 1)
    if rule == "half":
        return dt.date(year, 1 if part == 1 else 7, 1)
    return dt.date(year, 1, 1)


def period_words(kind: str, year: int, part: int) -> str:
    """「2026年第一季度」「2026年上半年」「2026年度」."""
    return f"{year}年度" if not part else f"{year}年{part_label(kind, part)}"

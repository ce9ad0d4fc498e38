"""The rules of 群众工作 that need no database (docs/domain.md §14): masking of what
people told the branch about themselves, the contact period, and the order of a
request's steps."""

from __future__ import annotations

import datetime as dt

from .. import labels
from ..meetings.compliance import PERIOD_MONTHS, period_bounds, period_of

CONTACT_PERIOD_SETTING = "masses.contact_period"
DEFAULT_CONTACT_PERIOD = "monthly"
# Whether a bundle carries households, names, phones and what people said (default: no).
BUNDLE_PEOPLE_SETTING = "masses.bundle_people"
DEFAULT_BUNDLE_PEOPLE = False

HIDDEN = "（已隐藏）"
# The order of a request's steps; a step is accepted only right after the one before.
STEP_ORDER = ("received", "assigned", "handling", "done", "fed_back", "revisited")
STEP_NAMES = {"assigned": "交办", "handling": "办理", "done": "办结", "fed_back": "反馈", "revisited": "回访"}


def mask_phone(phone: str) -> str:
    """``138****5678``: the first three and last four digits shown."""
    phone = phone or ""
    if len(phone) <= 4:
        return "*" * len(phone)
    if len(phone) <= 7:
        return "*" * (len(phone) - 4) + phone[-4:]
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def mask_text(text: str) -> str:
    """What a household's circumstances hide behind on screens and papers."""
    return HIDDEN if text else ""


def mask_name(name: str) -> str:
    """``张*明`` / ``张*``: the surname and, for three characters or more, the last one."""
    name = name or ""
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def period_span(period: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The contact period (a month, quarter, half year or year) that holds ``day``."""
    return period_bounds(period, day.year, period_of(period, day.month))


def previous_span(period: str, day: dt.date) -> tuple[dt.date, dt.date]:
    start, _ = period_span(period, day)
    return period_span(period, start - dt.timedelta(days=1))


def spans_between(period: str, first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Every whole or partial contact period from the one holding ``first`` to the one holding ``last``."""
    spans = []
    day = first
    while day <= last:
        span = period_span(period, day)
        spans.append(span)
        day = span[1] + dt.timedelta(days=1)
    return spans


def contact_state(period: str, listed_on: dt.date, visits: list[dt.date], today: dt.date) -> str:
    """``visited`` in the current period; ``behind`` when the whole previous period (one the
    household was already listed in) passed without a visit and none came since; else ``due``."""
    start, end = period_span(period, today)
    if any(start <= day <= end for day in visits):
        return "visited"
    before_start, before_end = previous_span(period, today)
    if listed_on <= before_end and not any(before_start <= day <= before_end for day in visits):
        return "behind"
    return "due"


def state_of(row) -> str:
    """Where a request stands, from the steps filled in on its row."""
    if row.revisit_on is not None:
        return "revisited"
    if row.feedback_on is not None:
        return "fed_back"
    if row.done_on is not None:
        return "done"
    if row.assigned_on is not None:
        return "handling" if getattr(row, "notes_count", 0) else "assigned"
    return "received"


def step_problem(state: str, step: str) -> str:
    """Why ``step`` cannot be taken on a request in ``state`` ('' when it can)."""
    now = labels.label(labels.MASSES_STATES, state)
    if step == "assigned":
        return "" if state in ("received", "assigned", "handling") else f"这件诉求已{now}，不能再交办。"
    if step in ("handling", "done"):
        if state == "received":
            return f"这件诉求还没有交办，请先「交办」（确定承办人和办理时限）再{STEP_NAMES[step]}。"
        return "" if state in ("assigned", "handling") else f"这件诉求已{now}，不能再{STEP_NAMES[step]}。"
    if step == "fed_back":
        if state in ("received", "assigned", "handling"):
            return "这件诉求还没有办结，请先登记「办结」再向群众反馈。"
        return "" if state == "done" else "这件诉求已经反馈过了。"
    if step == "revisited":
        if state != "fed_back" and state != "revisited":
            return "这件诉求还没有向群众反馈办理结果，请先登记「反馈」再回访。"
        return "" if state == "fed_back" else "这件诉求已经回访过了。"
    return ""


def contact_period_label(period: str) -> str:
    return labels.label(labels.MASSES_CONTACT_PERIODS, period)


def valid_period(period: str) -> bool:
    return period in PERIOD_MONTHS

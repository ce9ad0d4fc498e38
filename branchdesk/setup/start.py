"""从何时开始记录: the month from which the archive holds the branch's records.

The compliance calendar does not count the periods before it as missing: a branch
that starts using BranchDesk in December did not miss the year's earlier meetings in
it. Archives made before the setting existed use the month of the earliest of the
branch's creation in the archive and its first meeting (docs/domain.md §2.4.1)."""

from __future__ import annotations

import datetime as dt

from .. import clock
from ..dates import DateTextError, date_problem, parse_date
from ..errors import ValidationError
from ..storage.binding import uses_archive
from ..storage.models import Branch, Meeting

SETTING = "archive.start_month"
LABEL = "从何时开始记录"


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_label(day: dt.date) -> str:
    return f"{day.year}年{day.month}月"


def parse_start(text: object) -> dt.date:
    """「2026-12」, 「2026年12月」 or a whole date: the first of that month."""
    try:
        day = parse_date(text)
    except DateTextError as error:
        raise ValidationError("start", "date", f"「{LABEL}」{error.text}{error.reason}，请写成 2026-12。") from None
    if day is None:
        raise ValidationError("start", "required", f"请填写「{LABEL}」的年月，例如 2026-12。")
    return month_start(day)


def check_start(day: dt.date, today: dt.date | None = None) -> dt.date:
    """The month start of ``day``, or ValidationError for a year nobody means."""
    day = month_start(day)
    if bad := date_problem(LABEL, day, planned=True, today=today):
        raise ValidationError("start", *bad)
    return day


@uses_archive
def record_start(archive) -> dt.date:
    """The first day of the month the archive's records begin."""
    stored = archive.settings.get(SETTING)
    if stored:
        return dt.date.fromisoformat(stored)
    return derived_start(archive)


@uses_archive
def derived_start(archive) -> dt.date:
    """For archives without the setting: the earliest of the branch's creation here and
    its first meeting (planned or held), so nothing recorded is ever before the start."""
    candidates = [clock.today()]
    branch = Branch.select(Branch.id, Branch.created_at).where(Branch.is_own == True).first()  # noqa: E712 - peewee expression
    if branch is None:
        return month_start(clock.today())
    candidates.append(branch.created_at.date())
    for column in (Meeting.held_on, Meeting.planned_on):
        first = (Meeting.select(column).where(Meeting.branch == branch.id, column.is_null(False))
                 .order_by(column).first())
        if first is not None:
            candidates.append(getattr(first, column.name))
    return month_start(min(candidates))


@uses_archive
def set_record_start(archive, day: dt.date) -> dt.date:
    day = check_start(day)
    archive.settings.set(SETTING, day.isoformat())
    return day

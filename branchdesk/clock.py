"""Today's date and the current time, in one place so tests and rules agree."""

from __future__ import annotations

import datetime as dt


def today() -> dt.date:
    return dt.date.today()


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def add_years(day: dt.date, years: int) -> dt.date:
    """Same day ``years`` later. 29 February in a year without it becomes 1 March:
    the same rule as ``age_on`` (a year is complete only once 28 February has passed),
    so "a year after joining" and "18 years old" never disagree."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def age_on(birth: dt.date, day: dt.date) -> int:
    """Full years on ``day``; someone born on 29 February turns a year older on 1 March
    in years without a 29 February."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))

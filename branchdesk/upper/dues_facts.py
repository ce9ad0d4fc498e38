"""党费 of a branch per month, from its bundle's rows, for the upper level's dashboard:
what was due (the branch's bases and rates, docs/domain.md §10), what was paid for the
month, how many members still owed it, and what was handed over (上缴) in the month.

The same rules as the branch's own ledger (``DuesManager.ledger``): members in the
branch now, and anyone who paid for the month; a month before a member's first base is
not a dues month for them; an excused month owes nothing. Pure functions over plain
rows, like ``facts.py``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from .. import clock, labels
from ..dues import months as mo
from ..dues.forms import Base
from ..dues.rates import DEFAULT_FARMER_FEN, calculate
from ..dues.store import base_in_force
from ..errors import ValidationError


@dataclass(frozen=True)
class DuesMonthFact:
    year: int
    month: int
    due_fen: int
    paid_fen: int
    unpaid: int  # members who paid less than due
    handed_fen: int


def _ref(row: dict, name: str):
    value = row.get(f"{name}_id", row.get(name))
    return value.get("id") if isinstance(value, dict) else value


def _bases(tables: dict) -> dict[int, list[Base]]:
    found: dict[int, list[Base]] = defaultdict(list)
    for row in sorted(tables.get("dues_base", ()), key=lambda r: str(r.get("from_month"))):
        found[_ref(row, "member")].append(Base(
            row["id"], _ref(row, "member"), mo.from_key(row["from_month"]), row["category"], row.get("base_fen"),
            row.get("voluntary_fen"), dt.date.fromisoformat(str(row["set_on"])[:10]), row.get("set_by", ""), ""))
    return found


def _due(base: Base, farmer_fen: int) -> int:
    try:
        return calculate(base.category, base.base_fen, farmer_fen, base.voluntary_fen).due_fen
    except ValidationError:
        return 0  # a base the branch's program accepted and this one cannot read: counted as nothing due


def dues_months(tables: dict[str, list[dict]], farmer_fen: int | None, today: dt.date | None = None) -> list[DuesMonthFact]:
    """One fact per month from the branch's first base (or payment) to this month."""
    bases = _bases(tables)
    payments = {row["id"]: row for row in tables.get("dues_payment", ())}
    paid: dict[tuple[int, dt.date], int] = defaultdict(int)
    for line in tables.get("dues_payment_month", ()):
        payment = payments.get(_ref(line, "payment"))
        if payment is not None:
            paid[(_ref(payment, "member"), mo.from_key(line["month"]))] += int(line["amount_fen"])
    excused = set()
    for row in tables.get("dues_excuse", ()):
        for month in mo.span(mo.from_key(row["from_month"]), mo.from_key(row["to_month"])):
            excused.add((_ref(row, "member"), month))
    handed: dict[dt.date, int] = defaultdict(int)
    for row in tables.get("dues_handover", ()):
        handed[mo.first(dt.date.fromisoformat(str(row["handed_on"])[:10]))] += int(row["amount_fen"])
    starts = [b[0].from_month for b in bases.values()] + [m for _, m in paid] + list(handed)
    if not starts:
        return []
    active = {row["id"] for row in tables.get("member", ()) if row.get("status") in labels.ACTIVE_STATUSES}
    fen = farmer_fen if isinstance(farmer_fen, int) else DEFAULT_FARMER_FEN
    facts = []
    for month in mo.span(min(starts), mo.first(today or clock.today())):
        due_total = paid_total = unpaid = 0
        members = active | {member for member, m in paid if m == month}
        for member in members:
            base = base_in_force(bases.get(member, []), month)
            amount = paid.get((member, month), 0)
            paid_total += amount
            if base is None or (member, month) in excused:
                continue
            due = _due(base, fen)
            due_total += due
            unpaid += amount < due
        facts.append(DuesMonthFact(month.year, month.month, due_total, paid_total, unpaid, handed.get(month, 0)))
    return facts

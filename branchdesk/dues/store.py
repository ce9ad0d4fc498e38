"""Reading the 党费 tables: bases in force, what was paid for which month, closed months.
Functions take the archive first (``@uses_archive``); the manager holds the rules."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ..storage.binding import uses_archive
from ..storage.dues_models import DuesBase, DuesExcuse, DuesMonth, DuesPayment, DuesPaymentMonth
from . import months as mo
from .forms import Base
from .rates import DEFAULT_FARMER_FEN, FARMER_SETTING, Calculation, calculate


def base_of(row: DuesBase) -> Base:
    return Base(row.id, row.member_id, mo.from_key(row.from_month), row.category, row.base_fen, row.voluntary_fen,
                row.set_on, row.set_by, row.note)


@uses_archive
def bases_by_member(archive, member_ids=None) -> dict[int, list[Base]]:
    """Every base of the members (all members when None), oldest month first."""
    query = DuesBase.select().order_by(DuesBase.member, DuesBase.from_month)
    if member_ids is not None:
        query = query.where(DuesBase.member.in_(list(member_ids)))
    found: dict[int, list[Base]] = defaultdict(list)
    for row in query:
        found[row.member_id].append(base_of(row))
    return found


def base_in_force(bases: list[Base], month: dt.date) -> Base | None:
    """The newest base whose month has come by ``month``."""
    current = None
    for base in bases:
        if base.from_month <= month:
            current = base
    return current


@uses_archive
def farmer_fen(archive) -> int:
    return int(archive.settings.get(FARMER_SETTING, DEFAULT_FARMER_FEN))


@uses_archive
def calculation_for(archive, base: Base, farmer: int | None = None) -> Calculation:
    """The base's calculation; ``farmer``: the farmer amount when the caller read it once already."""
    return calculate(base.category, base.base_fen, farmer_fen(archive) if farmer is None else farmer,
                     base.voluntary_fen)


@uses_archive
def paid_by_month(archive, member_ids=None, first: dt.date | None = None,
                  last: dt.date | None = None) -> dict[tuple[int, dt.date], int]:
    """(member, month) -> fen paid, corrections included."""
    query = (
        DuesPaymentMonth.select(DuesPayment.member, DuesPaymentMonth.month, DuesPaymentMonth.amount_fen)
        .join(DuesPayment)
    )
    if member_ids is not None:
        query = query.where(DuesPayment.member.in_(list(member_ids)))
    if first is not None:
        query = query.where(DuesPaymentMonth.month >= mo.key(first))
    if last is not None:
        query = query.where(DuesPaymentMonth.month <= mo.key(last))
    paid: dict[tuple[int, dt.date], int] = defaultdict(int)
    for member_id, month, amount in query.tuples():
        paid[(member_id, mo.from_key(month))] += amount
    return paid


@uses_archive
def excused_months(archive, member_ids=None) -> dict[tuple[int, dt.date], str]:
    """(member, month) -> the reason the member is excused from that month."""
    query = DuesExcuse.select().order_by(DuesExcuse.id)
    if member_ids is not None:
        query = query.where(DuesExcuse.member.in_(list(member_ids)))
    found = {}
    for row in query:
        for month in mo.span(mo.from_key(row.from_month), mo.from_key(row.to_month)):
            found[(row.member_id, month)] = row.reason
    return found


@uses_archive
def closed_months(archive) -> set[dt.date]:
    """Every month closed (sealed); read as plain keys: a payment checks it each time."""
    return {mo.from_key(key) for (key,) in DuesMonth.select(DuesMonth.month).tuples()}


@uses_archive
def total_collected(archive) -> int:
    from peewee import fn

    return int(DuesPayment.select(fn.COALESCE(fn.SUM(DuesPayment.total_fen), 0)).scalar() or 0)

"""Closing a month (结账) and 上缴.

A month is closed after its 公示 or its 上缴: what each member owed and had paid is
written as the month's lines and the month is sealed like other records (the
database's triggers refuse any change to it, docs/reliability.md promise 6). Money
taken for a closed month later (补交) or a correction is a new entry with its
reason; the sealed month keeps what it said when it was closed.

上缴 records are append-only; the balance is everything collected minus everything
handed over, and a handover larger than the balance is refused."""

from __future__ import annotations

import datetime as dt

from peewee import fn

from .. import clock, labels
from ..errors import Conflict, ErrorCollector
from ..safety.sealing import ChildSpec, SealSpec
from ..storage.binding import uses_archive
from ..storage.dues_models import DuesHandover, DuesMonth, DuesMonthLine
from ..text import LINE_MAX, NAME_MAX, bounded, clean_line, clean_name
from . import months as mo
from . import store
from .forms import Handover, HandoverForm
from .money import yuan_words

DUES_MONTH = SealSpec("dues_month", "党费月度账", children=(ChildSpec("dues_month_line", "month_id"),))


def _now() -> str:
    return clock.now().isoformat(sep=" ")


@uses_archive
def close_month(archive, month: dt.date, closed_for: str, ledger, closed_on: dt.date | None = None) -> int:
    """Seal ``month`` with the lines of ``ledger`` (its MonthLedger); inside the caller's
    transaction or its own. Returns the month record's id."""
    archive.require_writable()
    month = mo.first(month)
    if closed_for not in labels.DUES_CLOSED_FOR:
        raise ValueError(closed_for)
    if month > mo.first(clock.today()):
        raise Conflict(f"{mo.label(month)}还没有到，不能结账。")
    if DuesMonth.get_or_none(DuesMonth.month == mo.key(month)) is not None:
        raise Conflict(f"{mo.label(month)}的党费账已经结账封存。")
    with archive.db.atomic():
        month_id = DuesMonth.insert(
            month=mo.key(month), state="draft", closed_on=closed_on or clock.today(), closed_by=archive.actor,
            closed_for=closed_for, due_fen=ledger.due_fen, paid_fen=ledger.paid_fen, created_at=_now(),
        ).execute()
        for row in ledger.rows:
            DuesMonthLine.insert(
                month=month_id, member=row.member_id, member_name=row.name, category=row.category,
                due_fen=0 if row.state == "excused" else row.due_fen, paid_fen=row.paid_fen,
                receipts="、".join(row.receipts),
            ).execute()
        archive.records.finalise(DUES_MONTH, month_id)
        archive.records.report(DUES_MONTH, month_id, note=f"{mo.label(month)}党费{labels.DUES_CLOSED_FOR[closed_for]}")
    return month_id


def _handover(row: DuesHandover) -> Handover:
    return Handover(row.id, row.handed_on, row.amount_fen, row.to_org, mo.from_key(row.from_month),
                    mo.from_key(row.to_month), row.voucher, row.handed_by, row.note)


@uses_archive
def handovers(archive, year: int | None = None) -> list[Handover]:
    query = DuesHandover.select().order_by(DuesHandover.handed_on, DuesHandover.id)
    if year is not None:
        query = query.where(DuesHandover.from_month.startswith(f"{year}-") | DuesHandover.to_month.startswith(f"{year}-"))
    return [_handover(row) for row in query]


@uses_archive
def handed_total(archive) -> int:
    return int(DuesHandover.select(fn.COALESCE(fn.SUM(DuesHandover.amount_fen), 0)).scalar() or 0)


@uses_archive
def balance(archive) -> int:
    """What the branch holds: collected minus handed over, in fen."""
    return store.total_collected(archive) - handed_total(archive)


@uses_archive
def check_handover(archive, form: HandoverForm) -> dict:
    errors = ErrorCollector()
    to_org = clean_line(form.to_org) or archive.branch.own().higher_org
    to_org = errors.check(bounded, "to_org", "上缴给（上级党委）", to_org, LINE_MAX, True)
    handed_by = errors.check(bounded, "handed_by", "经手人", clean_name(form.handed_by), NAME_MAX, True)
    voucher = errors.check(bounded, "voucher", "上级收据号", clean_line(form.voucher), LINE_MAX) or ""
    note = errors.check(bounded, "note", "备注", clean_line(form.note), LINE_MAX) or ""
    if form.handed_on > clock.today():
        errors.add("handed_on", "future", f"上缴日期 {form.handed_on:%Y-%m-%d} 还没到，请填写实际上缴的日期。")
    first, last = mo.first(form.from_month), mo.first(form.to_month)
    if last < first:
        errors.add("months", "order", "上缴的起止月份颠倒了：结束月份不能早于开始月份。")
    if last > mo.first(form.handed_on):
        errors.add("months", "future", f"上缴的月份到{mo.label(last)}，晚于上缴日期所在的月份；预交的党费随收缴当月上缴。")
    if form.amount_fen <= 0:
        errors.add("amount", "positive", "上缴金额必须大于 0。")
    held = balance(archive)
    if form.amount_fen > held:
        errors.add(
            "amount", "over_balance",
            f"上缴金额{yuan_words(form.amount_fen)}多于支部现有党费结余{yuan_words(held)}，请核对金额。",
        )
    errors.raise_if_any()
    return {"handed_on": form.handed_on, "amount_fen": form.amount_fen, "to_org": to_org, "from_month": mo.key(first),
            "to_month": mo.key(last), "voucher": voucher, "handed_by": handed_by, "note": note}

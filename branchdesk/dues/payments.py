"""Taking money in: payments for named months with gapless receipt numbers, and
corrections with a reason. Both are append-only rows; nothing here edits a payment.

Receipt numbers are 「2026-0001」: the year paid, then a running number in that year.
The number is taken from ``dues_receipt_counter`` in the payment's own transaction, so
a payment that fails (a power cut, a refused row) takes its number back with it: the
numbers have no gaps. Payments are never deleted, and the number is UNIQUE, so a
number is never given twice."""

from __future__ import annotations

import datetime as dt

from .. import clock, labels
from ..errors import ErrorCollector, NotFound, ValidationError, ValidationErrors
from ..storage.binding import uses_archive
from ..storage.dues_models import DuesPayment, DuesPaymentMonth, DuesReceiptCounter
from ..storage.models import Member
from ..text import LINE_MAX, NAME_MAX, bounded, clean_line, clean_name
from . import months as mo
from . import store
from .forms import CorrectionForm, PaymentForm, Receipt
from .money import yuan_words

# 预交 runs at most a year ahead (by quarter, half-year or year, with the branch's consent).
ADVANCE_LIMIT_MONTHS = 12


def _now() -> str:
    return clock.now().isoformat(sep=" ")


def timing(month: dt.date, paid_on: dt.date) -> str:
    paid_month = mo.first(paid_on)
    return "current" if month == paid_month else ("advance" if month > paid_month else "late")


@uses_archive
def check_payment(archive, form: PaymentForm, name: str, row: int | None = None) -> tuple[dict, list[tuple]]:
    """The payment's row values and (month, amount, due, timing) lines, or ValidationErrors
    naming the member: nothing is written here."""
    errors = ErrorCollector(row)
    paid_on = form.paid_on or clock.today()
    who = f"{name}："
    if paid_on > clock.today():
        errors.add("paid_on", "future", f"{who}交纳日期 {paid_on:%Y-%m-%d} 还没到，请填写实际收到党费的日期。")
    received_by = errors.check(bounded, "received_by", "收款人", clean_name(form.received_by), NAME_MAX, True)
    if form.method not in labels.DUES_METHODS:
        errors.add("method", "choice", f"{who}交纳方式只能是现金、转账或代交。")
    payer = clean_name(form.payer)
    if form.method == "proxy" and not payer:
        errors.add("payer", "required", f"{who}代交时请填写代交人的姓名。")
    payer = errors.check(bounded, "payer", "代交人", payer, NAME_MAX) or ""
    reason = errors.check(bounded, "reason", "补交说明", clean_line(form.reason), LINE_MAX) or ""
    if not form.months:
        errors.add("months", "required", f"{who}请选择这次交的是哪几个月的党费。")
    if len(set(form.months)) != len(form.months):
        errors.add("months", "twice", f"{who}同一个月选了两次，请检查所交月份。")
    bases = store.bases_by_member(archive, [form.member_id]).get(form.member_id, [])
    paid = store.paid_by_month(archive, [form.member_id])
    closed = store.closed_months(archive)
    excused = store.excused_months(archive, [form.member_id])
    farmer = store.farmer_fen(archive)
    lines = []
    for month in sorted(set(form.months)):
        month = mo.first(month)
        when = mo.label(month)
        if month > mo.add(mo.first(paid_on), ADVANCE_LIMIT_MONTHS):
            errors.add("months", "too_far", f"{who}{when}超过一年，预交最多交到一年以后的同一个月。")
            continue
        base = store.base_in_force(bases, month)
        if base is None:
            errors.add("months", "no_base", f"{who}还没有设定{when}适用的党费基数，请先在「党费基数」里设定。")
            continue
        if (form.member_id, month) in excused:
            errors.add("months", "excused", f"{who}{when}已登记免交（{excused[(form.member_id, month)]}），不必收缴。")
            continue
        calc = store.calculation_for(archive, base, farmer)
        already = paid.get((form.member_id, month), 0)
        if already >= calc.due_fen:
            errors.add("months", "paid", f"{who}{when}的党费已交清（{yuan_words(already)}），不能重复收缴。")
            continue
        amount = calc.usual_fen - already if form.amount_each_fen is None else form.amount_each_fen
        if amount < calc.due_fen - already:
            errors.add(
                "amount", "too_small",
                f"{who}{when}应交{yuan_words(calc.due_fen - already)}，填的{yuan_words(amount)}不够；"
                "请按应交金额收缴（多交的记为自愿多交）。",
            )
            continue
        if month in closed and not reason:
            errors.add(
                "reason", "closed",
                f"{who}{when}已经结账（公示或上缴后封存），补交这个月要写明补交说明，例如「外出务工返乡后补交」。",
            )
            continue
        lines.append((month, amount, calc.due_fen, timing(month, paid_on)))
    errors.raise_if_any()
    values = {
        "member": form.member_id, "paid_on": paid_on, "received_by": received_by, "method": form.method,
        "payer": payer if form.method == "proxy" else "", "kind": "payment", "reason": reason,
        "total_fen": sum(line[1] for line in lines),
    }
    return values, lines


@uses_archive
def next_receipt_number(archive, year: int) -> str:
    """Take the next number of ``year``; call inside the payment's transaction."""
    db = archive.db
    p = db.param
    updated = db.execute_sql(
        f"UPDATE dues_receipt_counter SET last_number = last_number + 1 WHERE year = {p}", (year,)
    ).rowcount
    if not updated:
        DuesReceiptCounter.insert(year=year, last_number=1).execute()
    number = db.execute_sql(f"SELECT last_number FROM dues_receipt_counter WHERE year = {p}", (year,)).fetchone()[0]
    return f"{year}-{int(number):04d}"


@uses_archive
def store_payment(archive, values: dict, lines: list[tuple]) -> str:
    """Write one checked payment with its receipt number (returned); inside the caller's transaction."""
    receipt_no = next_receipt_number(archive, values["paid_on"].year)
    payment_id = DuesPayment.insert(
        receipt_no=receipt_no, created_at=_now(), created_by=archive.actor, **values
    ).execute()
    for month, amount, due, when in lines:
        DuesPaymentMonth.insert(
            payment=payment_id, month=mo.key(month), amount_fen=amount, due_fen=due, timing=when
        ).execute()
    archive.audit.record(
        "dues.pay",
        f"收缴党费：收据{receipt_no}，{yuan_words(values['total_fen'])}（{mo.labels([line[0] for line in lines])}）",
        "dues_payment", payment_id,
        {"receipt_no": receipt_no, "member_id": values["member"], "total_fen": values["total_fen"],
         "months": [mo.key(line[0]) for line in lines]},
    )
    return receipt_no


@uses_archive
def member_name(archive, member_id: int) -> str:
    name = Member.select(Member.name).where(Member.id == member_id).scalar()
    if name is None:
        raise NotFound("党员", member_id)
    return name


def not_yet_come(forms: list[PaymentForm], today: dt.date) -> ValidationError | None:
    """An ordinary collection (the month's ledger, ``dues month --pay-all``) is for this
    month or earlier: paying for a month not yet begun is a 预交, taken member by member
    and recorded as such (docs/domain.md §10, 「按月收缴」)."""
    this_month = mo.first(today)
    ahead = sorted({mo.first(m) for form in forms for m in form.months if mo.first(m) > this_month})
    if not ahead:
        return None
    when = mo.labels(ahead)
    return ValidationError(
        "months", "not_yet",
        f"{when}还没到（本月是{mo.label(this_month)}），不能按月收缴{when}的党费。"
        f"党员要提前交的，请逐人办理预交：在「收缴（预交/补交）…」里勾选{when}"
        f"（命令行：dues pay 姓名 --months {mo.key(ahead[0])}）。",
    )


@uses_archive
def pay_many(archive, forms: list[PaymentForm], advance: bool = False) -> list[str]:
    """Several members' payments (the month's ledger in one pass): every form is checked
    first, then all are stored in one transaction or none. Returns the receipt numbers.
    Months not yet begun are refused unless ``advance`` (one member's 预交)."""
    archive.require_writable()
    refused = None if advance else not_yet_come(forms, clock.today())
    if refused is not None:
        raise ValidationErrors([refused])
    checked, problems = [], []
    for row, form in enumerate(forms, start=1):
        try:
            checked.append(check_payment(archive, form, member_name(archive, form.member_id),
                                         row if len(forms) > 1 else None))
        except ValidationErrors as errors:
            problems.extend(errors.errors)
    if problems:
        raise ValidationErrors(problems)
    with archive.db.atomic():
        return [store_payment(archive, values, lines) for values, lines in checked]


@uses_archive
def correct(archive, form: CorrectionForm) -> int:
    """A correction entry for one month (plus or minus), with its reason; no receipt."""
    archive.require_writable()
    name = member_name(archive, form.member_id)
    errors = ErrorCollector()
    reason = errors.check(bounded, "reason", "更正原因", clean_line(form.reason), LINE_MAX, True)
    entered_by = errors.check(bounded, "entered_by", "经办人", clean_name(form.entered_by), NAME_MAX, True)
    month = mo.first(form.month)
    if form.amount_fen == 0:
        errors.add("amount", "zero", "更正金额不能是 0：多记了写负数，少记了写正数。")
    already = store.paid_by_month(archive, [form.member_id]).get((form.member_id, month), 0)
    if already + form.amount_fen < 0:
        errors.add(
            "amount", "below_zero",
            f"{name}{mo.label(month)}只记有{yuan_words(already)}，减去{yuan_words(-form.amount_fen)}后会成为负数，请检查更正金额。",
        )
    corrects_id = None
    if form.corrects_receipt:
        found = DuesPayment.get_or_none(DuesPayment.receipt_no == form.corrects_receipt.strip())
        if found is None or found.member_id != form.member_id:
            errors.add("corrects", "unknown", f"{name}没有收据号为「{form.corrects_receipt}」的交纳记录。")
        else:
            corrects_id = found.id
    errors.raise_if_any()
    entered_on = form.entered_on or clock.today()
    with archive.db.atomic():
        payment_id = DuesPayment.insert(
            receipt_no=None, member=form.member_id, paid_on=entered_on, received_by=entered_by, method="cash",
            kind="correction", reason=reason, corrects=corrects_id, total_fen=form.amount_fen, created_at=_now(),
            created_by=archive.actor,
        ).execute()
        DuesPaymentMonth.insert(
            payment=payment_id, month=mo.key(month), amount_fen=form.amount_fen, due_fen=0, timing="correction"
        ).execute()
        archive.audit.record(
            "dues.correct", f"更正{name}{mo.label(month)}党费{yuan_words(form.amount_fen)}：{reason}",
            "dues_payment", payment_id, {"amount_fen": form.amount_fen, "month": mo.key(month)},
        )
    return payment_id


def _receipt(row: DuesPayment, name: str, lines) -> Receipt:
    # what was paid above the due (自愿多交); a correction keeps no due, so none of it is
    voluntary = sum(max(amount - due, 0) for _, amount, _, due in lines) if row.kind == "payment" else 0
    return Receipt(row.id, row.receipt_no or "", row.member_id, name, row.paid_on, row.received_by, row.method,
                   row.payer, [(mo.from_key(m), a, t) for m, a, t, _ in lines], row.total_fen, row.reason, voluntary)


@uses_archive
def receipt(archive, payment_id: int) -> Receipt:
    row = DuesPayment.get_or_none(DuesPayment.id == payment_id)
    if row is None:
        raise NotFound("党费交纳记录", payment_id)
    lines = (DuesPaymentMonth.select(DuesPaymentMonth.month, DuesPaymentMonth.amount_fen, DuesPaymentMonth.timing,
                                     DuesPaymentMonth.due_fen)
             .where(DuesPaymentMonth.payment == payment_id).order_by(DuesPaymentMonth.month).tuples())
    return _receipt(row, member_name(archive, row.member_id), list(lines))


@uses_archive
def receipt_by_number(archive, receipt_no: str) -> Receipt:
    row = DuesPayment.get_or_none(DuesPayment.receipt_no == clean_line(receipt_no))
    if row is None:
        raise ValidationError("receipt", "unknown", f"没有收据号为「{receipt_no}」的党费收据，请核对收据号（形如 2026-0001）。")
    return receipt(archive, row.id)


@uses_archive
def receipts(archive, year: int | None = None, member_id: int | None = None) -> list[Receipt]:
    """Receipts (not corrections) in number order."""
    query = DuesPayment.select(DuesPayment.id).where(DuesPayment.kind == "payment")
    if year is not None:
        query = query.where(DuesPayment.receipt_no.startswith(f"{year}-"))
    if member_id is not None:
        query = query.where(DuesPayment.member == member_id)
    return [receipt(archive, pid) for (pid,) in query.order_by(DuesPayment.receipt_no).tuples()]

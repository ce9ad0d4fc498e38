"""``archive.dues``: the 党费 ledger (docs/domain.md §10) — bases, payments and receipts,
the month's ledger, closing, 上缴 and the balance, and the six-month warnings."""

from __future__ import annotations

import datetime as dt

from .. import clock, labels
from ..errors import ErrorCollector, ValidationError, ValidationErrors
from ..storage.binding import ArchiveBound, uses_archive
from ..storage.dues_models import (
    DuesBase,
    DuesExcuse,
    DuesHandover,
    DuesMonth,
    DuesPayment,
    DuesPaymentMonth,
)
from ..text import LINE_MAX, NAME_MAX, bounded, clean_line, clean_name
from . import closing, payments, six_months, store
from . import months as mo
from .due_from import first_due_months
from .forms import (
    Base,
    BaseForm,
    CorrectionForm,
    Handover,
    HandoverForm,
    MonthLedger,
    MonthRow,
    PaymentForm,
    Receipt,
    SixMonthWarning,
)
from .money import yuan_words
from .rates import FARMER_SETTING, Calculation, calculate, check_farmer_fen


def _now() -> str:
    return clock.now().isoformat(sep=" ")


class DuesManager(ArchiveBound):
    def __init__(self, archive):
        self._archive = archive

    # -- bases -----------------------------------------------------------------
    def calculate(self, category: str, base_fen: int | None = None, voluntary_fen: int | None = None) -> Calculation:
        """The calculator: the monthly amount and the band and arithmetic in words."""
        return calculate(category, base_fen, store.farmer_fen(self._archive), voluntary_fen)

    def set_farmer_fen(self, fen: int) -> None:
        self._archive.settings.set(FARMER_SETTING, check_farmer_fen(fen))

    def collector_name(self) -> str:
        """Who usually receives dues: the 组织委员, else the secretary (pre-filled as 收款人)."""
        seats = {seat.post: seat for seat in self._archive.branch.own().committee}
        for post in ("organisation", "secretary"):
            seat = seats.get(post)
            if seat is not None and seat.member_id is not None:
                return payments.member_name(self._archive, seat.member_id)
            if seat is not None and seat.holder_name:
                return seat.holder_name
        return ""

    def farmer_fen(self) -> int:
        return store.farmer_fen(self._archive)

    def bases(self, member_id: int) -> list[Base]:
        return store.bases_by_member(self._archive, [member_id]).get(member_id, [])

    def base_on(self, member_id: int, month: dt.date) -> Base | None:
        return store.base_in_force(self.bases(member_id), mo.first(month))

    def bases_for_year(self, year: int) -> dict[int, Base]:
        """Member -> the base in force in January of ``year``, or the first one set
        later that year (a member who joined mid-year)."""
        found = {}
        for member_id, bases in store.bases_by_member(self._archive).items():
            base = store.base_in_force(bases, dt.date(year, 1, 1)) or next(
                (b for b in bases if b.from_month.year == year), None)
            if base is not None:
                found[member_id] = base
        return found

    def set_bases(self, forms: list[BaseForm]) -> list[int]:
        """Set the bases of several members (the year's table): every row is checked first,
        then all are stored in one transaction or none. A base for the same member and
        month as an existing one replaces it, unless that month is closed."""
        archive = self._archive
        archive.require_writable()
        checked, problems = [], []
        closed = store.closed_months(archive)
        for row, form in enumerate(forms, start=1):
            errors = ErrorCollector(row if len(forms) > 1 else None)
            name = payments.member_name(archive, form.member_id)
            month = mo.first(form.from_month)
            if month in closed:
                errors.add("from_month", "closed",
                           f"{name}：{mo.label(month)}已经结账封存，新的基数请从下一个未结账的月份起算。")
            calc = errors.check(self._calculate_for, name, form)
            set_by = errors.check(bounded, "set_by", "核定人", clean_name(form.set_by), NAME_MAX, True)
            note = errors.check(bounded, "note", "备注", clean_line(form.note), LINE_MAX) or ""
            set_on = form.set_on or clock.today()
            if set_on > clock.today():
                errors.add("set_on", "future", f"{name}：核定日期 {set_on:%Y-%m-%d} 还没到。")
            if errors.errors:
                problems.extend(errors.errors)
                continue
            fixed = form.category not in ("employed", "retired")
            checked.append((form, name, month, calc, {
                "member": form.member_id, "from_month": mo.key(month), "category": form.category,
                "base_fen": None if fixed else form.base_fen,
                "voluntary_fen": form.voluntary_fen if calc.voluntary else None,
                "set_on": set_on, "set_by": set_by, "note": note,
            }))
        if problems:
            raise ValidationErrors(problems)
        ids = []
        with archive.db.atomic():
            for form, name, month, calc, values in checked:
                old = DuesBase.get_or_none(DuesBase.member == form.member_id, DuesBase.from_month == mo.key(month))
                if old is not None:
                    DuesBase.update(**values).where(DuesBase.id == old.id).execute()
                    base_id = old.id
                else:
                    base_id = DuesBase.insert(created_at=_now(), **values).execute()
                ids.append(base_id)
                archive.audit.record(
                    "dues.base",
                    f"设定{name}自{mo.label(month)}起的党费基数：{labels.label(labels.DUES_CATEGORIES, form.category)}，"
                    f"每月{yuan_words(calc.usual_fen)}",
                    "dues_base", base_id,
                    {k: v for k, v in values.items() if k not in ("set_on",)} | {"set_on": values["set_on"].isoformat()},
                )
        return ids

    def _calculate_for(self, name: str, form: BaseForm) -> Calculation:
        """The calculator, its messages naming the member (the year's table has many rows)."""
        try:
            return self.calculate(form.category, form.base_fen, form.voluntary_fen)
        except ValidationError as error:
            error.detail = f"{name}：{error.detail}"
            raise

    def set_base(self, form: BaseForm) -> int:
        return self.set_bases([form])[0]

    # -- payments --------------------------------------------------------------
    def pay(self, form: PaymentForm) -> Receipt:
        """Take one member's payment for named months (预交 ahead, 补交 of months past);
        returns its receipt."""
        number = payments.pay_many(self._archive, [form], advance=True)[0]
        return payments.receipt_by_number(self._archive, number)

    def pay_many(self, forms: list[PaymentForm]) -> list[str]:
        """The month's collection in one pass (按月收缴, all or none): this month or earlier
        only — a month not yet begun is refused and pointed to 预交 (docs/domain.md §10)."""
        return payments.pay_many(self._archive, forms)

    def correct(self, form: CorrectionForm) -> int:
        return payments.correct(self._archive, form)

    def receipt(self, receipt_no: str) -> Receipt:
        return payments.receipt_by_number(self._archive, receipt_no)

    def receipts(self, year: int | None = None, member_id: int | None = None) -> list[Receipt]:
        return payments.receipts(self._archive, year, member_id)

    def excuse(self, member_id: int, from_month: dt.date, to_month: dt.date, reason: str, set_by: str) -> int:
        """Months a member is excused from (免交 or 缓交, with the branch's reason)."""
        archive = self._archive
        archive.require_writable()
        name = payments.member_name(archive, member_id)
        errors = ErrorCollector()
        reason = errors.check(bounded, "reason", "免交原因", clean_line(reason), LINE_MAX, True)
        set_by = errors.check(bounded, "set_by", "经办人", clean_name(set_by), NAME_MAX, True)
        first, last = mo.first(from_month), mo.first(to_month)
        if last < first:
            errors.add("months", "order", "免交的起止月份颠倒了：结束月份不能早于开始月份。")
        errors.raise_if_any()
        with archive.db.atomic():
            excuse_id = DuesExcuse.insert(
                member=member_id, from_month=mo.key(first), to_month=mo.key(last), reason=reason,
                set_on=clock.today(), set_by=set_by, created_at=_now(),
            ).execute()
            archive.audit.record("dues.excuse", f"{name}{mo.labels(mo.span(first, last))}免交党费：{reason}",
                                 "dues_excuse", excuse_id)
        return excuse_id

    # -- the month -------------------------------------------------------------
    def ledger(self, month: dt.date) -> MonthLedger:
        """Every member in the branch (and anyone who paid for the month), what they owed,
        paid and by which receipts. A closed month is read live too: later 补交 and
        corrections show; the sealed lines keep what it said when closed."""
        archive = self._archive
        month = mo.first(month)
        members = {m.id: m for m in archive.members.all_active()}
        paid_ids = {member_id for member_id, _ in store.paid_by_month(archive, None, month, month)}
        for member in archive.members.records(sorted(paid_ids - members.keys())):
            members[member.id] = member
        ordered = archive.members.in_roster_order(list(members.values()))
        ids = [m.id for m in ordered]
        bases = store.bases_by_member(archive, ids)
        paid = store.paid_by_month(archive, ids, month, month)
        excused = store.excused_months(archive, ids)
        receipts = _receipts_of_month(archive, month, ids)
        farmer = store.farmer_fen(archive)
        owes_from = first_due_months(archive, [m.id for m in ordered if m.status in labels.ACTIVE_STATUSES])
        rows = []
        for member in ordered:
            row = MonthRow(member.id, member.name, member.group_id)
            row.owes = member.id in owes_from and owes_from[member.id] <= month
            base = store.base_in_force(bases.get(member.id, []), month)
            if base is not None:
                calc = store.calculation_for(archive, base, farmer)
                row.category, row.base_fen, row.due_fen, row.usual_fen = (
                    base.category, base.base_fen, calc.due_fen, calc.usual_fen)
            row.paid_fen = paid.get((member.id, month), 0)
            row.receipts, row.paid_on = receipts.get(member.id, ([], None))
            row.excused = excused.get((member.id, month), "")
            rows.append(row)
        closed = DuesMonth.get_or_none(DuesMonth.month == mo.key(month))
        return MonthLedger(month, rows, closed is not None, closed.closed_on if closed else None)

    def without_base(self, month: dt.date | None = None) -> list[MonthRow]:
        """Members who owe dues in the month (default this one) but have no base set for it."""
        return [row for row in self.ledger(month or clock.today()).rows if row.base_missing]

    def is_closed(self, month: dt.date) -> bool:
        return DuesMonth.select().where(DuesMonth.month == mo.key(month)).exists()

    def close_month(self, month: dt.date, closed_for: str = "publicity") -> int:
        """Seal a month after its 公示 or 上缴."""
        return closing.close_month(self._archive, month, closed_for, self.ledger(month))

    def close_months(self, first: dt.date, last: dt.date, closed_for: str) -> list[int]:
        """Seal every month of a period not yet closed (up to the current month)."""
        archive = self._archive
        closed = store.closed_months(archive)
        with archive.db.atomic():
            return [
                self.close_month(month, closed_for) for month in mo.span(first, min(last, mo.first(clock.today())))
                if month not in closed
            ]

    # -- 上缴 and the balance ------------------------------------------------------
    def hand_over(self, form: HandoverForm) -> int:
        """Record a 上缴 and close its months (those not closed yet), all at once."""
        archive = self._archive
        archive.require_writable()
        values = closing.check_handover(archive, form)
        with archive.db.atomic():
            handover_id = DuesHandover.insert(created_at=_now(), created_by=archive.actor, **values).execute()
            archive.audit.record(
                "dues.handover",
                f"上缴党费{yuan_words(form.amount_fen)}给{values['to_org']}"
                f"（{mo.labels(mo.span(form.from_month, form.to_month))}）",
                "dues_handover", handover_id, {"amount_fen": form.amount_fen},
            )
            self.close_months(form.from_month, form.to_month, "handover")
        return handover_id

    def handovers(self, year: int | None = None) -> list[Handover]:
        return closing.handovers(self._archive, year)

    def collected(self) -> int:
        return store.total_collected(self._archive)

    def handed_over(self) -> int:
        return closing.handed_total(self._archive)

    def balance(self) -> int:
        return closing.balance(self._archive)

    def balance_sentence(self) -> str:
        return (f"累计收缴{yuan_words(self.collected())}，已上缴{yuan_words(self.handed_over())}，"
                f"结余{yuan_words(self.balance())}。")

    # -- the six-month rule ------------------------------------------------------
    def warnings(self, today: dt.date | None = None) -> list[SixMonthWarning]:
        return six_months.warnings(self._archive, today)

    def member_year(self, member_id: int, year: int, today: dt.date | None = None):
        """One member's dues and 组织生活 month by month, with the warnings naming them."""
        from .glance import member_year

        return member_year(self._archive, member_id, year, today)

@uses_archive
def _receipts_of_month(archive, month: dt.date, ids: list[int]) -> dict[int, tuple[list[str], dt.date | None]]:
    """Member -> the receipt numbers that paid for ``month`` and the last day paid."""
    query = (
        DuesPayment.select(DuesPayment.member, DuesPayment.receipt_no, DuesPayment.paid_on)
        .join(DuesPaymentMonth)
        .where(DuesPaymentMonth.month == mo.key(month), DuesPayment.member.in_(ids), DuesPayment.kind == "payment")
        .order_by(DuesPayment.receipt_no)
    )
    found: dict[int, tuple[list[str], dt.date | None]] = {}
    for member_id, number, paid_on in query.tuples():
        numbers, _ = found.get(member_id, ([], None))
        numbers.append(number)
        found[member_id] = (numbers, paid_on)
    return found

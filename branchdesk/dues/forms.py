"""Plain data of the 党费 ledger: what the window and the command line hand in, and what
the ledger hands back. Money is whole fen, months are the first day of the month."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .. import labels


@dataclass
class BaseForm:
    """A member's category and monthly base from ``from_month`` on (usually January)."""

    member_id: int
    from_month: dt.date
    category: str
    base_fen: int | None = None  # 在职: the after-tax wage; 离退休: the pension; others: None
    voluntary_fen: int | None = None  # a larger monthly amount the member chose to pay
    set_on: dt.date | None = None  # default: today
    set_by: str = ""
    note: str = ""


@dataclass
class PaymentForm:
    """Money received from one member for named months. ``amount_each_fen`` None: each
    month's usual amount; a larger amount is recorded as paid voluntarily."""

    member_id: int
    months: list[dt.date]
    paid_on: dt.date | None = None
    received_by: str = ""
    method: str = "cash"
    payer: str = ""  # 代交: who paid on the member's behalf
    amount_each_fen: int | None = None
    reason: str = ""  # needed for a month already closed (补交 after the 公示 or 上缴)


@dataclass
class CorrectionForm:
    """A correction of what a month shows as paid (plus or minus), with its reason."""

    member_id: int
    month: dt.date
    amount_fen: int
    reason: str
    corrects_receipt: str = ""
    entered_on: dt.date | None = None
    entered_by: str = ""


@dataclass
class HandoverForm:
    """上缴: money handed to the higher 党委 for the months ``from_month``–``to_month``."""

    handed_on: dt.date
    amount_fen: int
    from_month: dt.date
    to_month: dt.date
    to_org: str = ""  # default: the branch's 上级党委
    voucher: str = ""  # the receipt number the higher 党委 gave
    handed_by: str = ""
    note: str = ""


@dataclass(frozen=True)
class Base:
    id: int
    member_id: int
    from_month: dt.date
    category: str
    base_fen: int | None
    voluntary_fen: int | None
    set_on: dt.date
    set_by: str
    note: str

    @property
    def category_label(self) -> str:
        return labels.label(labels.DUES_CATEGORIES, self.category)


@dataclass(frozen=True)
class Receipt:
    """One payment as its receipt shows it."""

    id: int
    receipt_no: str
    member_id: int
    member_name: str
    paid_on: dt.date
    received_by: str
    method: str
    payer: str
    months: list[tuple[dt.date, int, str]]  # (month, amount fen, timing)
    total_fen: int
    reason: str
    voluntary_fen: int = 0  # paid above the due amount (自愿多交)

    @property
    def method_label(self) -> str:
        text = labels.label(labels.DUES_METHODS, self.method)
        return f"{text}（{self.payer}代交）" if self.method == "proxy" and self.payer else text


@dataclass
class MonthRow:
    """One member in a month's ledger."""

    member_id: int
    name: str
    group_id: int | None
    category: str = ""
    base_fen: int | None = None
    due_fen: int = 0
    usual_fen: int = 0
    paid_fen: int = 0
    receipts: list[str] = field(default_factory=list)
    paid_on: dt.date | None = None
    excused: str = ""  # the reason, when the month is excused
    owes: bool = False  # the month is one the member owes dues here (dues/due_from.py)

    @property
    def has_base(self) -> bool:
        return bool(self.category)

    @property
    def base_missing(self) -> bool:
        """Owes dues this month but has no base for it: listed 「未设基数」, not left out."""
        return self.owes and self.state == "no_base"

    @property
    def listed(self) -> bool:
        """Whether the row belongs in the month's 公示 and register."""
        return self.has_base or bool(self.paid_fen) or self.base_missing

    @property
    def state(self) -> str:
        if self.excused:
            return "excused"
        if not self.has_base:
            return "no_base"
        if self.paid_fen >= self.due_fen:
            return "paid"
        return "partial" if self.paid_fen else "unpaid"

    @property
    def state_label(self) -> str:
        return MONTH_ROW_STATES[self.state]


MONTH_ROW_STATES = {"paid": "已交", "partial": "未交足", "unpaid": "未交", "excused": "免交", "no_base": "未设基数"}


@dataclass
class MonthLedger:
    month: dt.date
    rows: list[MonthRow]
    closed: bool
    closed_on: dt.date | None = None

    @property
    def due_fen(self) -> int:
        return sum(r.due_fen for r in self.rows if r.state != "excused")

    @property
    def paid_fen(self) -> int:
        return sum(r.paid_fen for r in self.rows)

    @property
    def unpaid(self) -> list[MonthRow]:
        return [r for r in self.rows if r.state in ("unpaid", "partial")]

    @property
    def paid_count(self) -> int:
        return sum(1 for r in self.rows if r.state == "paid")


@dataclass(frozen=True)
class Handover:
    id: int
    handed_on: dt.date
    amount_fen: int
    to_org: str
    from_month: dt.date
    to_month: dt.date
    voucher: str
    handed_by: str
    note: str


@dataclass(frozen=True)
class SixMonthWarning:
    """党章 第九条: six months in a row without paying, or without attending 组织生活."""

    member_id: int
    name: str
    kind: str  # "dues" or "attendance"
    months: tuple[dt.date, ...]

    def sentence(self) -> str:
        from .months import labels as month_labels

        what = "未交纳党费" if self.kind == "dues" else "未参加党的组织生活"
        return (
            f"{self.name}连续{len(self.months)}个月无正当理由{what}（{month_labels(list(self.months))}），"
            "按党章第九条应予批评教育、限期改正，经教育仍无转变的按自行脱党处理。"
        )

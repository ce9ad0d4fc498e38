"""月度收缴: the month's ledger — who has paid, who has not, the totals — and the whole
month entered in one pass: tick those who paid (「未交的全部勾选」 ticks every one still
owing), the usual amount is filled in, 保存收缴 stores them all or none."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

from branchdesk import clock, labels
from branchdesk.dues import PaymentForm, parse_yuan, yuan
from branchdesk.dues import months as mo
from branchdesk.errors import ValidationError

from ...text import tr
from ...toolkit import styles
from ...toolkit.actions import button
from ...toolkit.form_state import TrackedForm
from ...toolkit.forms import DateField, error_label
from ...toolkit.models.rows_model import Column, RowsModel
from ...toolkit.tables import editable_table, selected_row
from .grid_tab import GridTab, named_rows

OWING = ("unpaid", "partial")


def month_choices(today: dt.date) -> list[dt.date]:
    """Three years back to this month, newest first: the month's collection is for this
    month or earlier (补交); paying ahead is a 预交 in 「收缴（预交/补交）…」 (docs/domain.md §10)."""
    return list(reversed(mo.span(dt.date(today.year - 3, 1, 1), mo.first(today))))


class MonthTab(GridTab):
    nothing_to_save = "没有勾选要收缴的党员：请在「收缴」一列打勾。"

    def __init__(self, page):
        super().__init__()
        self.page = page
        self.archive = page.archive
        self.month_box = QComboBox()
        self.month_box.setObjectName("dues_month")
        for month in month_choices(clock.today()):
            self.month_box.addItem(mo.label(month), mo.key(month))  # data as text: Qt keeps no Python date
        self.month_box.setCurrentIndex(self.month_box.findData(mo.key(clock.today())))
        self.month = mo.first(clock.today())
        self.month_box.currentIndexChanged.connect(self._month_chosen)
        self.totals = QLabel()
        self.totals.setObjectName("dues_totals")
        self.totals.setWordWrap(True)
        editable = lambda row: row["state"] in OWING  # noqa: E731 - the rows still owing
        self.model = RowsModel([
            Column("name", "姓名", width=72, display=lambda r: r["name"]),
            Column("category", "类别", width=64, display=lambda r: labels.label(labels.DUES_CATEGORIES_SHORT, r["category"])),
            Column("due", "应交", width=56, display=lambda r: yuan(r["due"]) if r["category"] else "—"),
            Column("paid", "已交", width=56, display=lambda r: yuan(r["paid"]) if r["paid"] else ""),
            Column("state", "状态", width=72, display=lambda r: r["state_label"]),
            Column("take", "收缴", kind="check", width=48, editable=editable),
            Column("amount", "金额（元）", width=80, editable=editable),
            Column("method", "方式", kind="choice", choices=labels.DUES_METHODS, width=64, editable=editable),
            Column("payer", "代交人", width=64, editable=editable),
            Column("receipts", "收据号", width=120, display=lambda r: "、".join(r["receipts"])),
        ], "dues", self)
        self.model.row_tint = lambda r: styles.ROW_DONE if r["state"] in ("paid", "excused") else None
        self.table = editable_table(self.model, "dues_month_table", stretch=9)
        self.received_by = QLineEdit()
        self.received_by.setObjectName("dues_received_by")
        self.paid_on = DateField("paid_on", "交纳日期")
        self.reason = QLineEdit()
        self.reason.setObjectName("dues_reason")
        self.reason.setPlaceholderText(tr("dues", "已结账月份补交时填写，例如：外出务工返乡后补交"))
        self.error = error_label("dues_month_error")
        self.tick_all = button(tr("dues", "未交的全部勾选"), self.tick_owing, "dues_tick_owing")
        self.save_button = button(tr("dues", "保存收缴"), self.save, "dues_save_month")
        self.pay_button = button(tr("dues", "收缴（预交/补交）…"), self.pay_selected, "dues_pay_dialog")
        self.print_button = button(tr("dues", "打印收据…"), self.print_selected, "dues_print_receipt")
        self.correct_button = button(tr("dues", "更正…"), lambda: self.member_dialog("correct"), "dues_correct")
        self.excuse_button = button(tr("dues", "免交…"), lambda: self.member_dialog("excuse"), "dues_excuse")
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("dues", "月份")))
        top.addWidget(self.month_box)
        top.addWidget(self.totals, 1)
        entry = QHBoxLayout()
        entry.addWidget(QLabel(tr("dues", "收款人")))
        entry.addWidget(self.received_by)
        entry.addWidget(QLabel(tr("dues", "交纳日期")))
        entry.addWidget(self.paid_on)
        entry.addWidget(QLabel(tr("dues", "补交说明")))
        entry.addWidget(self.reason, 1)
        actions = QHBoxLayout()
        for widget in (self.tick_all, self.save_button, self.pay_button, self.print_button, self.correct_button,
                       self.excuse_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(entry)
        layout.addWidget(self.error)
        layout.addLayout(actions)
        self.tracked = TrackedForm(self, exclude=[self.month_box])
        self.load()

    # -- loading -----------------------------------------------------------------
    def load(self) -> None:
        this_month = mo.first(clock.today())
        if self.month_box.findData(mo.key(this_month)) < 0:  # left open into a new month: it joins the list
            self.month_box.blockSignals(True)
            self.month_box.insertItem(0, mo.label(this_month), mo.key(this_month))
            self.month_box.blockSignals(False)
        ledger = self.archive.dues.ledger(self.month)
        self.ledger = ledger
        self.model.set_rows([{
            "member_id": r.member_id, "name": r.name, "category": r.category, "due": r.due_fen, "paid": r.paid_fen,
            "state": r.state, "state_label": r.state_label, "receipts": r.receipts, "take": False,
            "amount": yuan(max(r.usual_fen - r.paid_fen, 0), grouped=False) if r.state in OWING else "",
            "method": "cash" if r.state in OWING else "", "payer": "",
        } for r in ledger.rows])
        self.received_by.setText(self.archive.dues.collector_name())
        self.paid_on.set_date(min(clock.today(), mo.add(self.month, 1) - dt.timedelta(days=1))
                              if self.month < mo.first(clock.today()) else clock.today())
        self.reason.clear()
        self.error.hide()
        closed = tr("dues", "（已结账封存，补交需写明说明）") if ledger.closed else ""
        self.totals.setText(tr("dues", "应交 {0} 元，已交 {1} 元；已交清 {2} 人，未交 {3} 人{4}").format(
            yuan(ledger.due_fen), yuan(ledger.paid_fen), ledger.paid_count, len(ledger.unpaid), closed))
        self.tracked.loaded()

    def _month_chosen(self) -> None:
        month = mo.from_key(self.month_box.currentData())
        if month == self.month:
            return
        from ...toolkit.unsaved import ask_before_leaving

        if not ask_before_leaving(self, [self]):
            self.month_box.blockSignals(True)
            self.month_box.setCurrentIndex(self.month_box.findData(mo.key(self.month)))
            self.month_box.blockSignals(False)
            return
        self.month = month
        self.load()

    def show_month(self, month: dt.date) -> bool:
        """Whether ``month`` is one of the list (a month not yet come, or older than three
        years, is not: the month shown stays)."""
        index = self.month_box.findData(mo.key(month))
        if index >= 0:
            self.month_box.setCurrentIndex(index)
        return index >= 0

    # -- entering ------------------------------------------------------------------
    def tick_owing(self) -> None:
        for n, row in enumerate(self.model.rows()):
            if row["state"] in OWING:
                self.model.update_row(n, {"take": True})

    def forms(self) -> list[PaymentForm]:
        """The ticked rows as payments; a wrong amount raises naming the row."""
        def form(row: dict) -> PaymentForm | None:
            if not row["take"]:
                return None
            try:
                amount = parse_yuan(row["amount"], tr("dues", "金额"))
            except ValidationError as error:
                raise ValidationError("amount", error.code, error.detail) from None
            return PaymentForm(row["member_id"], [self.month], self.paid_on.date(), self.received_by.text(),
                               row["method"], row["payer"], amount, self.reason.text())
        return named_rows(self.model.rows(), form)

    def store(self, forms: list[PaymentForm]) -> str:
        numbers = self.archive.dues.pay_many(forms)
        return tr("dues", "已收缴 {0} 人，收据号 {1}。").format(
            len(numbers), numbers[0] if len(numbers) == 1 else f"{numbers[0]}—{numbers[-1]}")

    def selected(self) -> dict | None:
        row = selected_row(self.table)
        return self.model.row(row) if row >= 0 else None

    def pay_selected(self) -> None:
        row = self.selected()
        if row is None:
            self.page.say(tr("dues", "请先在表中选中一名党员。"))
            return
        from .dialogs import PaymentDialog

        dialog = PaymentDialog(self.archive, row["member_id"], self.month, self)
        if dialog.exec() and dialog.receipt is not None:
            self.load()
            self.page.changed(tr("dues", "已收缴，收据号 {0}。").format(dialog.receipt.receipt_no))

    def member_dialog(self, which: str) -> bool:
        """更正… or 免交… for the selected member in this month."""
        row = self.selected()
        if row is None:
            self.page.say(tr("dues", "请先在表中选中一名党员。"))
            return False
        from .dialogs import CorrectionDialog, ExcuseDialog

        dialog = (CorrectionDialog(self.archive, row["member_id"], self.month, row["receipts"], self)
                  if which == "correct" else ExcuseDialog(self.archive, row["member_id"], self.month, self))
        if not dialog.exec():
            return False
        self.load()
        self.page.changed(tr("dues", "已登记更正。") if which == "correct" else tr("dues", "已登记免交。"))
        return True

    def print_selected(self, path: str | None = None) -> bool:
        row = self.selected()
        if row is None or not row["receipts"]:
            self.page.say(tr("dues", "请先选中一名本月已交党费的党员，再打印其收据。"))
            return False
        return self.page.exports.receipt(row["receipts"][-1], path)

    # -- unsaved typing (GridTab answers the rest) -----------------------------------
    def unsaved_description(self) -> str:
        return tr("dues", "{0}党费收缴").format(mo.label(self.month))


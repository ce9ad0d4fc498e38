"""收缴 for one member over several named months (预交 ahead, 补交 of months past), 上缴 to
the higher 党委 against the balance, and a member's 更正 or 免交."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListWidget, QListWidgetItem

from branchdesk import clock, labels
from branchdesk.dues import CorrectionForm, HandoverForm, PaymentForm, parse_yuan, yuan, yuan_words
from branchdesk.dues import months as mo
from branchdesk.errors import ValidationError

from ...text import tr
from ...toolkit.fitting import WrappedLabel
from ...toolkit.forms import DateField, FormDialog, choice_combo


def _amount(text: str, what: str, field: str = "amount", optional: bool = False) -> int | None:
    if optional and not text.strip():
        return None
    try:
        return parse_yuan(text, what)
    except ValidationError as error:
        raise ValidationError(field, error.code, error.detail) from None


class PaymentDialog(FormDialog):
    """Tick the months paid: the member's unpaid months of the last year and the coming
    year are listed with what each owes."""

    def __init__(self, archive, member_id: int, month: dt.date, parent=None):
        name = archive.members.get(member_id).name
        super().__init__(tr("dues", "收缴党费：{0}").format(name), parent, width=560, height=620)
        self.archive, self.member_id, self.receipt = archive, member_id, None
        form = self.form
        self.months = form.add_row("months", tr("dues", "所交月份 *"), QListWidget())
        self.months.setObjectName("dues_months")
        self.months.setMinimumHeight(200)
        today = mo.first(clock.today())
        for shown in mo.span(mo.add(today, -12), mo.add(today, 12)):
            row = next((r for r in archive.dues.ledger(shown).rows if r.member_id == member_id), None)
            if row is None or row.state not in ("unpaid", "partial"):
                continue
            when = tr("dues", "预交") if shown > today else (tr("dues", "补交") if shown < today else tr("dues", "本月"))
            item = QListWidgetItem(tr("dues", "{0}　应交 {1}（{2}）").format(mo.label(shown), yuan_words(
                row.usual_fen - row.paid_fen), when))
            item.setData(Qt.ItemDataRole.UserRole, shown.isoformat())
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if shown == month else Qt.CheckState.Unchecked)
            self.months.addItem(item)
        self.amount = form.add_row("amount", tr("dues", "每月金额（元）"), QLineEdit())
        self.amount.setPlaceholderText(tr("dues", "留空按每月应交金额；多交的记为自愿多交"))
        self.paid_on = form.add_row("paid_on", tr("dues", "交纳日期 *"), DateField("paid_on", "交纳日期"))
        self.paid_on.set_date(clock.today())
        self.received_by = form.add_row("received_by", tr("dues", "收款人 *"), QLineEdit(archive.dues.collector_name()))
        self.method = form.add_row("method", tr("dues", "交纳方式"), choice_combo(labels.DUES_METHODS))
        self.payer = form.add_row("payer", tr("dues", "代交人"), QLineEdit())
        self.reason = form.add_row("reason", tr("dues", "补交说明"), QLineEdit())
        self.reason.setPlaceholderText(tr("dues", "已结账的月份补交时必填"))

    def chosen_months(self) -> list[dt.date]:
        return [dt.date.fromisoformat(self.months.item(n).data(Qt.ItemDataRole.UserRole))
                for n in range(self.months.count()) if self.months.item(n).checkState() == Qt.CheckState.Checked]

    def commit(self) -> int | None:
        amount = _amount(self.amount.text(), tr("dues", "每月金额"), optional=True)
        self.receipt = self.archive.dues.pay(PaymentForm(
            self.member_id, self.chosen_months(), self.paid_on.date(), self.received_by.text(),
            self.method.currentData(), self.payer.text(), amount, self.reason.text()))
        return self.receipt.id


class HandoverDialog(FormDialog):
    """上缴: the balance is offered as the amount; the months default to those not yet closed."""

    def __init__(self, archive, parent=None):
        super().__init__(tr("dues", "上缴党费"), parent, width=560, height=560)
        self.archive = archive
        form = self.form
        self.balance = form.add_row("balance", tr("dues", "结余"), WrappedLabel(archive.dues.balance_sentence()))
        self.handed_on = form.add_row("handed_on", tr("dues", "上缴日期 *"), DateField("handed_on", "上缴日期"))
        self.handed_on.set_date(clock.today())
        self.amount = form.add_row("amount", tr("dues", "上缴金额（元） *"), QLineEdit(
            yuan(max(archive.dues.balance(), 0), grouped=False)))
        today = mo.first(clock.today())
        choices = mo.span(mo.add(today, -24), today)
        self.from_month = form.add_row("months", tr("dues", "所属月份：自"), _month_box(choices, _first_open(archive, today)))
        self.to_month = form.add_row("to_month", tr("dues", "至"), _month_box(choices, mo.add(today, -1)))
        self.to_org = form.add_row("to_org", tr("dues", "上缴给 *"), QLineEdit(archive.branch.own().higher_org))
        self.voucher = form.add_row("voucher", tr("dues", "上级收据号"), QLineEdit())
        self.handed_by = form.add_row("handed_by", tr("dues", "经手人 *"), QLineEdit(archive.dues.collector_name()))
        self.note = form.add_row("note", tr("dues", "备注"), QLineEdit())
        form.add_row("hint", "", QLabel(tr("dues", "上缴后，所属月份的党费账结账封存。")))

    def commit(self) -> int | None:
        amount = _amount(self.amount.text(), tr("dues", "上缴金额"))
        handed_on = self.handed_on.date()
        if handed_on is None:
            raise ValidationError("handed_on", "required", tr("dues", "请填写上缴日期。"))
        return self.archive.dues.hand_over(HandoverForm(
            handed_on, amount, mo.from_key(self.from_month.currentData()), mo.from_key(self.to_month.currentData()),
            self.to_org.text(),
            self.voucher.text(), self.handed_by.text(), self.note.text()))


def _month_box(choices: list[dt.date], current: dt.date) -> QComboBox:
    box = QComboBox()
    for month in choices:
        box.addItem(mo.label(month), mo.key(month))  # data as text: Qt keeps no Python date
    box.setCurrentIndex(max(box.findData(mo.key(current)), 0))
    return box


def _first_open(archive, today: dt.date) -> dt.date:
    """The earliest month of the last two years not closed yet (where a 上缴 starts)."""
    for month in mo.span(mo.add(today, -24), today):
        if not archive.dues.is_closed(month):
            return month
    return today


class CorrectionDialog(FormDialog):
    """更正: a new entry for one month (plus or minus) with its reason; nothing is edited."""

    def __init__(self, archive, member_id: int, month: dt.date, receipts: list[str], parent=None):
        name = archive.members.get(member_id).name
        super().__init__(tr("dues", "更正党费记录：{0}").format(name), parent, width=560, height=420)
        self.archive, self.member_id = archive, member_id
        form = self.form
        today = mo.first(clock.today())
        self.month = form.add_row("month", tr("dues", "月份 *"), _month_box(mo.span(mo.add(today, -36), mo.add(today, 12)),
                                                                          month))
        self.amount = form.add_row("amount", tr("dues", "更正金额（元） *"), QLineEdit())
        self.amount.setPlaceholderText(tr("dues", "多记了写负数，如 -10；少记了写正数"))
        self.receipt = form.add_row("corrects", tr("dues", "所更正的收据号"), QComboBox())
        self.receipt.addItem(tr("dues", "（不指定）"), "")
        for number in receipts:
            self.receipt.addItem(number, number)
        self.reason = form.add_row("reason", tr("dues", "更正原因 *"), QLineEdit())
        self.entered_by = form.add_row("entered_by", tr("dues", "经办人 *"), QLineEdit(archive.dues.collector_name()))

    def commit(self) -> int | None:
        try:
            amount = parse_yuan(self.amount.text(), tr("dues", "更正金额"), allow_negative=True)
        except ValidationError as error:
            raise ValidationError("amount", error.code, error.detail) from None
        return self.archive.dues.correct(CorrectionForm(
            self.member_id, mo.from_key(self.month.currentData()), amount, self.reason.text(),
            self.receipt.currentData(), entered_by=self.entered_by.text()))


class ExcuseDialog(FormDialog):
    """免交 or 缓交 for some months, with the branch's reason."""

    def __init__(self, archive, member_id: int, month: dt.date, parent=None):
        name = archive.members.get(member_id).name
        super().__init__(tr("dues", "免交党费：{0}").format(name), parent, width=560, height=380)
        self.archive, self.member_id = archive, member_id
        form = self.form
        today = mo.first(clock.today())
        choices = mo.span(mo.add(today, -36), mo.add(today, 12))
        self.from_month = form.add_row("months", tr("dues", "自 *"), _month_box(choices, month))
        self.to_month = form.add_row("to_month", tr("dues", "至 *"), _month_box(choices, month))
        self.reason = form.add_row("reason", tr("dues", "原因 *"), QLineEdit())
        self.reason.setPlaceholderText(tr("dues", "例如：重病住院，经支委会研究同意免交"))
        self.set_by = form.add_row("set_by", tr("dues", "经办人 *"), QLineEdit(archive.dues.collector_name()))

    def commit(self) -> int | None:
        return self.archive.dues.excuse(self.member_id, mo.from_key(self.from_month.currentData()),
                                        mo.from_key(self.to_month.currentData()), self.reason.text(),
                                        self.set_by.text())

"""上缴与公示: the balance (always shown), every 上缴 with the months it covered, and the
papers of a period — the 公示 (after which its months can be closed) and the year's 登记表."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from branchdesk import clock
from branchdesk.dues import months as mo
from branchdesk.dues import yuan
from branchdesk.dues.papers import period_label, period_months
from branchdesk.errors import BranchDeskError

from ...errors import show_error
from ...text import tr
from ...toolkit.actions import button
from ...toolkit.fitting import WrappedLabel
from ...toolkit.models.ids_model import Col, IdsModel
from ...toolkit.tables import read_only_table

HALVES = {"上半年": 1, "下半年": 2, "全年": None}


class HandoverTab(QWidget):
    def __init__(self, page):
        super().__init__()
        self.page = page
        self.archive = page.archive
        self.balance = WrappedLabel()
        self.balance.setObjectName("dues_balance")
        self.model = IdsModel([
            Col("上缴日期", lambda h: h.handed_on.isoformat(), 90),
            Col("金额（元）", lambda h: yuan(h.amount_fen), 90),
            Col("所属月份", lambda h: mo.labels(mo.span(h.from_month, h.to_month)), 150),
            Col("上缴给", lambda h: h.to_org, 160),
            Col("上级收据号", lambda h: h.voucher, 160),
            Col("经手人", lambda h: h.handed_by, 80),
        ], "dues", self)
        self.table = read_only_table(self.model, "dues_handovers", stretch=3)
        self.hand_over_button = button(tr("dues", "上缴…"), self.hand_over, "dues_hand_over")
        self.year_box = QSpinBox()
        self.year_box.setObjectName("dues_paper_year")
        self.year_box.setRange(2000, clock.today().year)
        self.year_box.setValue(clock.today().year)
        self.half_box = QComboBox()
        self.half_box.setObjectName("dues_paper_half")
        for text, half in HALVES.items():
            self.half_box.addItem(tr("dues", text), half)
        self.half_box.setCurrentIndex(1 if clock.today().month > 6 else 0)
        self.publicity_button = button(tr("dues", "导出公示 PDF…"), self.export_publicity, "dues_publicity")
        self.close_button = button(tr("dues", "公示后结账…"), self.close_period, "dues_close_period")
        self.register_button = button(tr("dues", "导出登记表 PDF…"), self.export_register, "dues_register_pdf")
        self.register_xlsx_button = button(tr("dues", "导出登记表 Excel…"), self.export_register_xlsx,
                                           "dues_register_xlsx")
        self.import_button = button(tr("dues", "导入 Excel 台账…"), self.import_ledger, "dues_import_ledger")
        actions = QHBoxLayout()
        actions.addWidget(self.hand_over_button)
        actions.addStretch(1)
        # the period's 公示 on one row, the year's 登记表 and the import on the next: in one row
        # the seven would make the page wider than 1024×768 leaves at the font size 大
        publicity = QHBoxLayout()
        publicity.addWidget(QLabel(tr("dues", "年度")))
        for widget in (self.year_box, self.half_box, self.publicity_button, self.close_button):
            publicity.addWidget(widget)
        publicity.addStretch(1)
        register = QHBoxLayout()
        for widget in (self.register_button, self.register_xlsx_button, self.import_button):
            register.addWidget(widget)
        register.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.balance)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(tr("dues", "公示与登记表")))
        layout.addLayout(publicity)
        layout.addLayout(register)
        self.load()

    def load(self) -> None:
        self.balance.setText(self.archive.dues.balance_sentence())
        found = {h.id: h for h in self.archive.dues.handovers()}
        self.model.set_ids(sorted(found, reverse=True), lambda ids: [found[i] for i in ids])

    def hand_over(self) -> bool:
        from .dialogs import HandoverDialog

        dialog = HandoverDialog(self.archive, self)
        if not dialog.exec():
            return False
        self.load()
        self.page.changed(tr("dues", "已登记上缴。") + self.archive.dues.balance_sentence())
        return True

    def period(self) -> tuple[int, int | None]:
        return self.year_box.value(), self.half_box.currentData()

    def export_publicity(self, path: str | None = None) -> bool:
        year, half = self.period()
        return self.page.exports.publicity(year, half, path)

    def export_register(self, path: str | None = None) -> bool:
        return self.page.exports.register(self.year_box.value(), path)

    def export_register_xlsx(self, path: str | None = None) -> bool:
        return self.page.exports.register_xlsx(self.year_box.value(), path)

    def import_ledger(self, path: str | None = None, confirmed: bool = False) -> bool:
        """A year's hand-kept ledger (姓名, 类别, 月基数, 1月…12月) into the year chosen above:
        checked whole first; every problem is listed by its row, or all is stored."""
        from branchdesk.dues.ledger_import import import_ledger, read_ledger

        year = self.year_box.value()
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, tr("dues", "导入{0}年党费台账").format(year), "",
                                                  tr("dues", "Excel 工作簿 (*.xlsx)"))
            if not path:
                return False
        by = self.archive.dues.collector_name()
        try:
            plan = read_ledger(self.archive, path, year)
            import_ledger(self.archive, plan, by, dry_run=True)
        except BranchDeskError as error:
            show_error(self, error, tr("dues", "台账没有导入"))
            return False
        if not confirmed:
            answer = QMessageBox.question(
                self, tr("dues", "导入党费台账"),
                tr("dues", "检查通过：{0}名党员、{1}笔交纳将记入{2}年，收款人记为{3}，各补录一张收据。确定导入吗？").format(
                    len(plan.rows), plan.payments, year, by or tr("dues", "（未填写）")),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            numbers = import_ledger(self.archive, plan, by)
        except BranchDeskError as error:
            show_error(self, error, tr("dues", "台账没有导入"))
            return False
        self.page.changed(tr("dues", "已导入{0}年党费台账：{1}名党员、{2}笔交纳。").format(year, len(plan.rows), len(numbers)))
        return True

    def close_period(self, confirmed: bool = False) -> bool:
        """Close (seal) the period's months that have begun, after its 公示 went up."""
        year, half = self.period()
        months = [m for m in period_months(year, half) if m <= mo.first(clock.today())
                  and not self.archive.dues.is_closed(m)]
        if not months:
            self.page.say(tr("dues", "{0}的月份都已结账，或还没有到。").format(period_label(year, half)))
            return False
        if not confirmed:
            answer = QMessageBox.question(
                self, tr("dues", "公示后结账"),
                tr("dues", "结账后，{0}的党费账封存，不能再改动，补交须写明说明。确定结账吗？").format(mo.labels(months)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            self.archive.dues.close_months(months[0], months[-1], "publicity")
        except BranchDeskError as error:
            show_error(self, error)
            return False
        self.page.changed(tr("dues", "{0}已结账封存。").format(mo.labels(months)))
        return True

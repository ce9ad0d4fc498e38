"""组织关系 page (docs/domain.md §16): the tab 组织关系转接 lists transfers out and in with
their 介绍信 number and 回执 (overdue ones tinted), and records, corrects, cancels and prints;
the tab 流动党员 keeps the register of members working away."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QCheckBox, QLabel, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from branchdesk import clock, labels

from ...text import tr
from ...toolkit import styles
from ...toolkit.actions import ask_text, button, exec_dialog, run_action
from ...toolkit.fitting import FlowLayout
from ...toolkit.models.plain_table import PlainTableModel, TextColumn
from ...toolkit.paper_preview import PaperPreviews
from ...toolkit.tables import read_only_table, selected_id
from .dialogs import AwayDialog, DateDialog, TransferDialog


@dataclass(frozen=True)
class Column(TextColumn):
    width: int = 100


class RecordsModel(PlainTableModel):
    """A plain list of records with ``id``: the row of a record and back."""

    def id_at(self, row: int) -> int:
        return self.item(row).id

    def row_of(self, record_id: int) -> int:
        return next((n for n, item in enumerate(self.items()) if item.id == record_id), -1)


def _bar(widgets) -> QWidget:
    flow = FlowLayout()
    for widget in widgets:
        flow.addWidget(widget)
    box = QWidget()
    box.setLayout(flow)
    return box


def _spell(record) -> str:
    """「2026-05-20 起」 while away, 「2026-05-20—2026-10-01」 once back."""
    if record.until is None:
        return tr("transfers", "{0} 起").format(f"{record.since:%Y-%m-%d}")
    return f"{record.since:%Y-%m-%d}—{record.until:%Y-%m-%d}"


class TransfersTab(QWidget):
    def __init__(self, page):
        super().__init__()
        self.page, self.archive = page, page.archive
        today = clock.today
        self.model = RecordsModel([
            Column("日期", lambda r: f"{r.moved_on:%Y-%m-%d}", width=90),
            Column("转接", lambda r: r.direction_label, width=48),
            Column("党员", lambda r: r.member_name, width=70),
            Column("介绍信编号", lambda r: r.letter_no or "—", width=110),
            Column("转往 / 来自", lambda r: r.to_org if r.direction == "out" else r.from_org, width=220),
            Column("原因", lambda r: r.reason_label, width=80),
            Column("范围", lambda r: r.scope_short, width=48),
            Column("回执", lambda r: r.state_label(today()) + (f" {r.receipt_on:%m-%d}" if r.receipt_on else ""),
                   width=120),
        ], "transfers", self)
        self.model.tint = lambda r, _c: styles.ROW_WARN if r.receipt_overdue(today()) else None
        self.table = read_only_table(self.model, "transfers_table", stretch=4)
        self.buttons = {
            "out": button(tr("transfers", "转出…"), self.transfer_out, "transfers_out"),
            "in": button(tr("transfers", "转入…"), self.transfer_in, "transfers_in"),
            "receipt": button(tr("transfers", "登记回执…"), self.receipt, "transfers_receipt"),
            "edit": button(tr("transfers", "修改…"), self.edit, "transfers_edit"),
            "cancel": button(tr("transfers", "撤销转接…"), self.cancel, "transfers_cancel"),
        }
        self.letter_button = button(tr("transfers", "预览 / 打印介绍信…"), self.preview_letter, "transfers_letter")
        self.full_id = QCheckBox(tr("transfers", "印出完整身份证号码"))
        self.full_id.setObjectName("transfers_full_id")
        self.count = QLabel()
        self.count.setObjectName("transfers_count")
        layout = QVBoxLayout(self)
        layout.addWidget(_bar([*self.buttons.values(), self.letter_button, self.full_id, self.count]))
        layout.addWidget(self.table, 1)
        self.load()

    def load(self) -> None:
        keep = selected_id(self.table) if self.model.rowCount() else None
        records = self.archive.transfers.records()
        self.model.set_items(records)
        overdue = sum(r.receipt_overdue(clock.today()) for r in records)
        self.count.setText(tr("transfers", "共 {0} 次，回执逾期 {1} 次（{2} 个月未回）").format(
            len(records), overdue, self.archive.transfers.receipt_months()))
        for widget in self.buttons.values():
            widget.setEnabled(not self.archive.read_only)
        if keep is not None:
            self.select(keep)

    def select(self, transfer_id: int) -> None:
        row = self.model.row_of(transfer_id)
        if row >= 0:
            self.table.selectRow(row)

    def selected(self):
        transfer_id = selected_id(self.table)
        if transfer_id is None:
            QMessageBox.information(self, tr("transfers", "组织关系"), tr("transfers", "请先在列表中选择一次转接。"))
            return None
        return self.archive.transfers.get(transfer_id)

    def transfer_out(self, member_id: int | None = None):
        dialog = TransferDialog(self.archive, "out", self, member_id=member_id)
        return self._after(exec_dialog(dialog, self.page.changed, self.table), tr("transfers", "已登记转出。"))

    def transfer_in(self):
        dialog = TransferDialog(self.archive, "in", self)
        return self._after(exec_dialog(dialog, self.page.changed, self.table), tr("transfers", "已登记转入。"))

    def edit(self):
        record = self.selected()
        if record is not None:
            dialog = TransferDialog(self.archive, record.direction, self, record=record)
            self._after(exec_dialog(dialog, self.page.changed, self.table), tr("transfers", "已保存修改。"))

    def receipt(self):
        record = self.selected()
        if record is None:
            return
        what = tr("transfers", "收到回执的日期 *") if record.direction == "out" else tr("transfers", "寄回回执的日期 *")
        dialog = DateDialog(tr("transfers", "登记回执：{0}").format(record.member_name), what,
                            tr("transfers", "{0}的介绍信{1}（{2}）").format(record.member_name, record.letter_no or "",
                                                                      f"{record.moved_on:%Y-%m-%d}"),
                            lambda day: self.archive.transfers.record_receipt(record.id, day), self, record.id)
        self._after(exec_dialog(dialog, self.page.changed, self.table), tr("transfers", "已登记回执。"))

    def cancel(self):
        record = self.selected()
        if record is None:
            return
        reason = ask_text(self, tr("transfers", "撤销转接"), tr("transfers", "撤销{0}的组织关系{1}，党员状态恢复原样。撤销原因：").format(
            record.member_name, record.direction_label))
        if reason and run_action(self, self.archive.transfers.cancel, record.id, reason):
            self.page.changed(tr("transfers", "已撤销，党员状态已恢复。"))
            self.select(record.id)

    def preview_letter(self):
        record = self.selected()
        if record is None:
            return False
        if record.direction != "out":
            QMessageBox.information(self, tr("transfers", "介绍信"), tr("transfers", "转入的介绍信由原党组织开具，本支部只开具转出的介绍信。"))
            return False
        from branchdesk import export_names
        from branchdesk.transfers.papers import letter_paper

        from ...toolkit.paper_preview import paper_renderer

        paper = letter_paper(self.archive, record.id, full_id=self.full_id.isChecked())
        return self.page.previews.open(tr("transfers", "介绍信"), export_names.transfer_letter(
            record.letter_no, record.member_name) + ".pdf", paper_renderer(paper))

    def _after(self, saved_id, message: str):
        if saved_id is not None:
            self.page.say(message)
        return saved_id


class AwayTab(QWidget):
    def __init__(self, page):
        super().__init__()
        self.page, self.archive = page, page.archive
        self.model = RecordsModel([
            Column("党员", lambda r: r.member_name, width=70),
            Column("外出地点", lambda r: r.place, width=140),
            Column("外出时间", _spell, width=110),
            Column("联系电话", lambda r: r.contact_masked, width=100),
            Column("流入地党组织", lambda r: r.host_org or "—", width=150),
            Column("组织生活", lambda r: labels.label(labels.AWAY_LIFE_WAYS, r.life_way), width=140),
            Column("党费", lambda r: labels.label(labels.AWAY_DUES_WAYS, r.dues_way), width=130),
        ], "transfers", self)
        self.model.tooltip = lambda r: r.summary()  # the notes of each way, in full
        self.table = read_only_table(self.model, "away_table", stretch=4)
        self.buttons = {
            "add": button(tr("transfers", "登记流动党员…"), self.add, "away_add"),
            "edit": button(tr("transfers", "修改…"), self.edit, "away_edit"),
            "end": button(tr("transfers", "登记返回…"), self.end, "away_end"),
            "delete": button(tr("transfers", "删除（录入错误）"), self.delete, "away_delete"),
        }
        self.count = QLabel()
        self.count.setObjectName("away_count")
        layout = QVBoxLayout(self)
        layout.addWidget(_bar([*self.buttons.values(), self.count]))
        layout.addWidget(self.table, 1)
        self.load()

    def load(self) -> None:
        records = self.archive.away.records()
        self.model.set_items(records)
        self.count.setText(tr("transfers", "在外 {0} 人").format(sum(r.is_open for r in records)))
        for widget in self.buttons.values():
            widget.setEnabled(not self.archive.read_only)

    def selected(self):
        away_id = selected_id(self.table)
        if away_id is None:
            QMessageBox.information(self, tr("transfers", "流动党员"), tr("transfers", "请先在列表中选择一名流动党员。"))
            return None
        return self.archive.away.get(away_id)

    def add(self):
        return exec_dialog(AwayDialog(self.archive, self), self.page.changed, self.table)

    def edit(self):
        record = self.selected()
        if record is not None:
            exec_dialog(AwayDialog(self.archive, self, record), self.page.changed, self.table)

    def end(self):
        record = self.selected()
        if record is None:
            return
        dialog = DateDialog(tr("transfers", "流动党员返回：{0}").format(record.member_name), tr("transfers", "返回时间 *"),
                            tr("transfers", "返回后自该日起恢复为正式（预备）党员。"),
                            lambda day: self.archive.away.end(record.id, day), self, record.id)
        exec_dialog(dialog, self.page.changed, self.table)

    def delete(self):
        record = self.selected()
        if record is None:
            return
        question = tr("transfers", "删除{0}的这条流动党员登记（录入错误）？党员状态恢复原样。").format(record.member_name)
        if QMessageBox.question(self, tr("transfers", "删除"), question) == QMessageBox.StandardButton.Yes:
            if run_action(self, self.archive.away.delete, record.id):
                self.page.changed(tr("transfers", "已删除。"))


class TransfersPage(QWidget):
    def __init__(self, archive, window=None):
        super().__init__()
        self.archive, self.window_ = archive, window
        self.previews = PaperPreviews(self)
        self.transfers = TransfersTab(self)
        self.away = AwayTab(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.transfers, tr("transfers", "组织关系转接"))
        self.tabs.addTab(self.away, tr("transfers", "流动党员"))
        self.status = QLabel()
        self.status.setObjectName("transfers_status")
        self.status.setStyleSheet(styles.SUCCESS_TEXT)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)

    def changed(self, message: str = "") -> None:
        self.transfers.load()
        self.away.load()
        self.say(message)

    def say(self, message: str) -> None:
        self.status.setText(message)

    def refresh(self) -> None:
        self.changed()

    def open_transfer(self, transfer_id: int) -> None:
        """From 首页: the transfer selected, ready for its 回执."""
        self.tabs.setCurrentWidget(self.transfers)
        self.transfers.select(transfer_id)
        return self.transfers

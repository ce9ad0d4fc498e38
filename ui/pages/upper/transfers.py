"""组织关系 at the upper level: each enrolled branch's 转入, 转出, letters whose 回执 has not
come back and 流动党员 of a year, from the latest bundles (branchdesk/upper/transfers_overview.py,
the same figures as ``branchdesk upper transfers``). No ID numbers come upward."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from branchdesk import clock
from branchdesk.errors import BranchDeskError
from branchdesk.upper.transfers_overview import COUNTS

from ...errors import show_error
from ...text import tr
from ...toolkit import styles
from ...toolkit.styles import BAD_TINT


class UpperTransfersPage(QWidget):
    def __init__(self, archive, window=None):
        super().__init__()
        self.archive = archive
        self.rows = []
        self.year = QSpinBox()
        self.year.setObjectName("upper_transfers_year")
        self.year.setRange(2000, clock.today().year + 1)
        self.year.setValue(clock.today().year)
        self.year.setSuffix(tr("upper_transfers", " 年"))
        self.year.valueChanged.connect(self.refresh)
        self.summary = QLabel()
        self.summary.setObjectName("upper_transfers_summary")
        self.summary.setWordWrap(True)
        reload_button = QPushButton(tr("upper_transfers", "刷新"))
        reload_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.year)
        top.addWidget(self.summary, 1)
        top.addWidget(reload_button)
        headers = [tr("upper_transfers", "支部")] + [tr("upper_transfers", text) for text in COUNTS.values()]
        self.table = QTableWidget(0, len(headers))
        self.table.setObjectName("upper_transfers_table")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(column, self.table.fontMetrics().horizontalAdvance(headers[column]) + 32)
        hint = QLabel(tr("upper_transfers", "按各支部最近导入的数据包统计；撤销的转接不计。「回执未回」是该年转出、"
                                            "尚未收到接收党组织回执的介绍信份数；「流动党员」是该年内曾在外流动的党员人数。"))
        hint.setWordWrap(True)
        hint.setStyleSheet(styles.HINT_TEXT)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        self.refresh()

    def refresh(self, *args) -> None:
        year = self.year.value()
        try:
            self.rows = self.archive.upper.transfers(year)
        except BranchDeskError as error:
            show_error(self, error)
            return
        self.table.setRowCount(0)
        for number, row in enumerate(self.rows):
            self.table.insertRow(number)
            self.table.setItem(number, 0, QTableWidgetItem(row.branch_name))
            for column, key in enumerate(COUNTS, start=1):
                item = QTableWidgetItem(str(row.counts[key]))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if key == "receipt_missing" and row.counts[key]:
                    item.setBackground(QBrush(BAD_TINT))
                self.table.setItem(number, column, item)
        totals = {key: sum(r.counts[key] for r in self.rows) for key in COUNTS}
        self.summary.setText(tr("upper_transfers", "{0}年：{1} 个支部，转入 {2} 人，转出 {3} 人，回执未回 {4} 份，流动党员 {5} 人。").format(
            year, len(self.rows), totals["in"], totals["out"], totals["receipt_missing"], totals["away"]))

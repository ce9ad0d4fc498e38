"""奖惩 at the upper level: each enrolled branch's 表彰 and its 党纪处分 and 组织处理 of a year,
counted by kind from the latest bundles (branchdesk/upper/honours_overview.py, the same
figures as ``branchdesk upper honours``). A 处分 comes up as its kind and date alone:
no names, no facts (docs/domain.md §17)."""

from __future__ import annotations

from PySide6.QtCore import Qt
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

from branchdesk import clock, labels
from branchdesk.errors import BranchDeskError

from ...errors import show_error
from ...text import tr
from ...toolkit import styles


class UpperHonoursPage(QWidget):
    def __init__(self, archive, window=None):
        super().__init__()
        self.archive = archive
        self.rows = []
        self.year = QSpinBox()
        self.year.setObjectName("upper_honours_year")
        self.year.setRange(2000, clock.today().year + 1)
        self.year.setValue(clock.today().year)
        self.year.setSuffix(tr("upper_honours", " 年"))
        self.year.valueChanged.connect(self.refresh)
        self.summary = QLabel()
        self.summary.setObjectName("upper_honours_summary")
        self.summary.setWordWrap(True)
        reload_button = QPushButton(tr("upper_honours", "刷新"))
        reload_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.year)
        top.addWidget(self.summary, 1)
        top.addWidget(reload_button)
        self.kinds = list(labels.DISCIPLINE_KINDS)
        headers = [tr("upper_honours", "支部"), tr("upper_honours", "表彰")] + [
            tr("upper_honours", labels.DISCIPLINE_KINDS[k]) for k in self.kinds]
        self.table = QTableWidget(0, len(headers))
        self.table.setObjectName("upper_honours_table")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(column, self.table.fontMetrics().horizontalAdvance(headers[column]) + 20)
        hint = QLabel(tr("upper_honours", "按各支部最近导入的数据包统计（人次）。处分只报种类和日期，"
                                          "不含姓名和事实；批评教育、诫勉是组织处理，不是党纪处分。"))
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
            self.rows = self.archive.upper.honours(year)
        except BranchDeskError as error:
            show_error(self, error)
            return
        self.table.setRowCount(len(self.rows))
        for number, row in enumerate(self.rows):
            self.table.setItem(number, 0, QTableWidgetItem(row.branch_name))
            values = [row.commendations] + [row.disciplines.get(k, 0) for k in self.kinds]
            for column, value in enumerate(values, start=1):
                item = QTableWidgetItem(str(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(number, column, item)
        praised = sum(r.commendations for r in self.rows)
        punished = sum(sum(r.disciplines.values()) for r in self.rows)
        self.summary.setText(tr("upper_honours", "{0}年：{1} 个支部，表彰 {2} 人次，处分和组织处理 {3} 人次。").format(
            year, len(self.rows), praised, punished))

"""A year's counts per enrolled branch, one row each (the upper level's 奖惩 and 学习汇报
pages): a year chooser, a summary line, the table and a hint under it. A page names its
columns and says how to fetch the rows, read one row's counts and sum them up."""

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

from ...errors import show_error
from ...text import tr
from ...toolkit import styles
from ...toolkit.styles import BAD_TINT


class BranchCountsPage(QWidget):
    """``name`` prefixes the widgets' object names; ``headers`` follow the 支部 column, each
    as wide as its header and ``padding``."""

    def __init__(self, archive, name: str, headers: list[str], hint: str, padding: int = 20):
        super().__init__()
        self.archive = archive
        self.rows = []
        self.year = QSpinBox()
        self.year.setObjectName(f"{name}_year")
        self.year.setRange(2000, clock.today().year + 1)
        self.year.setValue(clock.today().year)
        self.year.setSuffix(tr("upper_counts", " 年"))
        self.year.valueChanged.connect(self.refresh)
        self.summary = QLabel()
        self.summary.setObjectName(f"{name}_summary")
        self.summary.setWordWrap(True)
        reload_button = QPushButton(tr("upper_counts", "刷新"))
        reload_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.year)
        top.addWidget(self.summary, 1)
        top.addWidget(reload_button)
        headers = [tr("upper_counts", "支部")] + headers
        self.table = QTableWidget(0, len(headers))
        self.table.setObjectName(f"{name}_table")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(column, self.table.fontMetrics().horizontalAdvance(headers[column]) + padding)
        below = QLabel(hint)
        below.setWordWrap(True)
        below.setStyleSheet(styles.HINT_TEXT)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(below)

    def fetch(self, year: int) -> list:
        raise NotImplementedError

    def counts_of(self, row) -> list[int]:
        raise NotImplementedError

    def summary_of(self, year: int, rows: list) -> str:
        raise NotImplementedError

    def needs_attention(self, column: int, value: int) -> bool:
        """A count tinted red (a page says which)."""
        return False

    def refresh(self, *args) -> None:
        year = self.year.value()
        try:
            self.rows = self.fetch(year)
        except BranchDeskError as error:
            show_error(self, error)
            return
        self.table.setRowCount(len(self.rows))
        for number, row in enumerate(self.rows):
            self.table.setItem(number, 0, QTableWidgetItem(row.branch_name))
            for column, value in enumerate(self.counts_of(row), start=1):
                item = QTableWidgetItem(str(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if self.needs_attention(column, value):
                    item.setBackground(QBrush(BAD_TINT))
                self.table.setItem(number, column, item)
        self.summary.setText(self.summary_of(year, self.rows))

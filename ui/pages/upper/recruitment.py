"""发展党员 at the upper level: each enrolled branch's people per stage of the 发展党员
record and its overdue steps, from the latest bundles (branchdesk/upper/recruit_overview.py,
the same figures as ``branchdesk upper recruit``). Choosing a branch lists its overdue steps."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from branchdesk import clock, labels
from branchdesk.errors import BranchDeskError
from branchdesk.upper.recruit_overview import COUNTED_STAGES

from ...errors import show_error
from ...text import tr
from ...toolkit import styles
from ...toolkit.styles import BAD_TINT

BRANCH_ROLE = Qt.ItemDataRole.UserRole


class RecruitmentPage(QWidget):
    def __init__(self, archive, window=None):
        super().__init__()
        self.archive = archive
        self.rows = []
        self.summary = QLabel()
        self.summary.setObjectName("recruitment_summary")
        self.summary.setWordWrap(True)
        reload_button = QPushButton(tr("upper_recruit", "刷新"))
        reload_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(reload_button)

        headers = [tr("upper_recruit", "支部")] + [labels.RECRUIT_STAGES[k] for k in COUNTED_STAGES] + [
            tr("upper_recruit", "逾期事项")]
        self.table = QTableWidget(0, len(headers))
        self.table.setObjectName("recruitment_table")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        fm = self.table.fontMetrics()
        for column in range(1, len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(column, fm.horizontalAdvance(headers[column]) + 24)
        self.table.itemSelectionChanged.connect(self._show_overdue)

        self.overdue_title = QLabel()
        self.overdue = QPlainTextEdit()
        self.overdue.setObjectName("recruitment_overdue")
        self.overdue.setReadOnly(True)
        self.overdue.setMaximumHeight(fm.height() * 8)
        hint = QLabel(tr("upper_recruit", "按各支部最近导入的数据包统计；「逾期事项」是已过期限而未办的步骤"
                                          "（谈话、考察、转正讨论、审批等）。点选一个支部，下方列出它的逾期事项。"))
        hint.setWordWrap(True)
        hint.setStyleSheet(styles.HINT_TEXT)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.overdue_title)
        layout.addWidget(self.overdue)
        layout.addWidget(hint)
        self.refresh()

    def refresh(self) -> None:
        try:
            self.rows = self.archive.upper.recruitment(clock.today())
        except BranchDeskError as error:
            show_error(self, error)
            return
        self.table.setRowCount(0)
        for number, row in enumerate(self.rows):
            self.table.insertRow(number)
            name = QTableWidgetItem(row.branch_name)
            name.setData(BRANCH_ROLE, row.branch_id)
            name.setToolTip(row.branch_name)
            self.table.setItem(number, 0, name)
            for column, stage in enumerate(COUNTED_STAGES, start=1):
                self._set_number(number, column, row.stages.get(stage, 0))
            late = self._set_number(number, len(COUNTED_STAGES) + 1, len(row.overdue))
            if row.overdue:
                late.setBackground(QBrush(BAD_TINT))
                late.setToolTip("\n".join(row.overdue))
        people = sum(sum(r.stages.values()) for r in self.rows)
        late_branches = sum(1 for r in self.rows if r.overdue)
        self.summary.setText(tr("upper_recruit", "截至 {0}：{1} 个支部，发展党员在册 {2} 人；有逾期事项的支部 {3} 个。").format(
            clock.today().isoformat(), len(self.rows), people, late_branches))
        if self.rows:
            first_late = next((n for n, r in enumerate(self.rows) if r.overdue), 0)
            self.table.selectRow(first_late)
        self._show_overdue()

    def _set_number(self, row: int, column: int, value: int) -> QTableWidgetItem:
        item = QTableWidgetItem(str(value))
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table.setItem(row, column, item)
        return item

    def selected_branch(self):
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _show_overdue(self) -> None:
        branch = self.selected_branch()
        if branch is None:
            self.overdue_title.setText(tr("upper_recruit", "逾期事项"))
            self.overdue.setPlainText("")
            return
        self.overdue_title.setText(tr("upper_recruit", "{0} 的逾期事项（{1} 项）").format(
            branch.branch_name, len(branch.overdue)))
        self.overdue.setPlainText("\n".join(branch.overdue) or tr("upper_recruit", "没有逾期事项。"))

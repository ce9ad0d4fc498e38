"""Under the roster, beside the member's year: the selected member's status history
(登记, 转正, 转出, 流动, 去世 …) as the status history table keeps it, oldest first. It is
only read here: a change is made in the member's dialog, with its reason."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from branchdesk.roster.history import status_name

from ..text import tr
from ..toolkit.tables import row_height

HEADERS = ["日期", "原状态", "新状态", "原因"]


class MemberHistoryView(QWidget):
    def __init__(self, archive, parent=None):
        super().__init__(parent)
        self.archive = archive
        self.title = QLabel()
        self.title.setObjectName("member_history_title")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("member_history_table")
        self.table.setHorizontalHeaderLabels([tr("members", h) for h in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(row_height())
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        # as tall as the year grid beside it: the roster above keeps the room
        self.table.setFixedHeight(header.sizeHint().height() + 3 * row_height() + 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        self.show_member(None)

    def show_member(self, member_id: int | None) -> None:
        self.table.setRowCount(0)
        if member_id is None:
            self.title.setText(tr("members", "选中一名党员，这里显示其党员状态的每一次变化（登记、转正、转出、流动……）。"))
            return
        name = self.archive.members.get(member_id).name
        history = self.archive.members.status_history(member_id)
        self.title.setText(tr("members", "{0}　党员状态变化 {1} 次").format(name, len(history)))
        self.table.setRowCount(len(history))
        for row, change in enumerate(history):
            cells = [change.changed_on.isoformat(), status_name(change.status_from), status_name(change.status_to),
                     change.reason or "—"]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)

"""Under the roster: the selected member's year at a glance — 党费 and 组织生活 month by
month — and the six-month warnings that name them (党章 第九条, docs/domain.md §10)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from branchdesk import clock

from ..text import tr
from ..toolkit import styles
from ..toolkit.fitting import WrappedLabel
from ..toolkit.tables import row_height

ATTENTION = {"unpaid": styles.ROW_WARN, "partial": styles.ROW_WARN, "missed": styles.ROW_WARN}


class MemberYearView(QWidget):
    def __init__(self, archive, parent=None):
        super().__init__(parent)
        self.archive = archive
        self.title = QLabel()
        self.title.setObjectName("member_year_title")
        self.warnings = WrappedLabel()
        self.warnings.setObjectName("member_year_warnings")
        self.warnings.setStyleSheet(styles.banner("warning"))
        self.warnings.hide()
        self.grid = QTableWidget(2, 12)
        self.grid.setObjectName("member_year_grid")
        self.grid.setHorizontalHeaderLabels([tr("members", "{0}月").format(m) for m in range(1, 13)])
        self.grid.setVerticalHeaderLabels([tr("members", "党费"), tr("members", "组织生活")])
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setDefaultSectionSize(row_height())
        self.grid.setFixedHeight(self.grid.horizontalHeader().sizeHint().height() + 2 * row_height() + 4)
        self.grid.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.warnings)
        layout.addWidget(self.grid)
        self.show_member(None)

    def show_member(self, member_id: int | None) -> None:
        self.grid.clearContents()
        self.warnings.hide()
        if member_id is None:
            self.title.setText(tr("members", "选中一名党员，这里显示其本年度交纳党费和参加组织生活的情况。"))
            return
        year = clock.today().year
        glance = self.archive.dues.member_year(member_id, year)
        name = self.archive.members.get(member_id).name
        self.title.setText(tr("members", "{0}　{1}年交纳党费和参加组织生活情况").format(name, year))
        for column, month in enumerate(glance.months):
            for row, (text, state) in enumerate(((month.dues_text, month.dues),
                                                 (month.attendance_text, month.attendance))):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if state in ATTENTION:  # the text says the same: 未交, 缺席
                    item.setBackground(ATTENTION[state])
                self.grid.setItem(row, column, item)
        if glance.warnings:
            self.warnings.setText("\n".join(w.sentence() for w in glance.warnings))
            self.warnings.show()

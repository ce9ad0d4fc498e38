"""档案 → 操作记录: the audit log an auditor reads — every change, newest first, filtered
by record kind, text (a member's name, an operator, an action) and date range, with the
hash chain's verification shown above it. Rows are fetched a page at a time as the view
scrolls, so tens of thousands of entries open at once."""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from branchdesk.errors import BranchDeskError, ValidationError, ValidationErrors
from branchdesk.safety.audit_query import AuditFilter, action_label, kind_label

from ..text import tr
from ..toolkit import styles
from ..toolkit.fitting import SearchBox, WrappedLabel
from ..toolkit.forms import DateField, read_dates
from ..toolkit.tables import row_height

PAGE = 200
SEARCH_DELAY_MS = 250
Index = QModelIndex | QPersistentModelIndex


class AuditEntryModel(QAbstractTableModel):
    """The entries matching a filter: the count at once, the rows a page at a time."""

    HEADERS = ["序号", "时间", "操作人", "操作", "记录类别", "内容"]

    def __init__(self, archive, parent=None):
        super().__init__(parent)
        self.archive = archive
        self.chosen = AuditFilter()
        self.total = 0
        self._entries: list = []

    def set_filter(self, chosen: AuditFilter) -> None:
        self.beginResetModel()
        self.chosen = chosen
        self.total = self.archive.audit.count_matching(chosen)
        self._entries = self.archive.audit.matching(chosen, 0, PAGE)
        self.endResetModel()

    def entry(self, row: int):
        return self._entries[row]

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and len(self._entries) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        more = self.archive.audit.matching(self.chosen, len(self._entries), PAGE)
        if more:
            self.beginInsertRows(QModelIndex(), len(self._entries), len(self._entries) + len(more) - 1)
            self._entries += more
            self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr("audit", self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._entries)):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return [str(entry.seq), entry.at[:16], entry.actor, action_label(entry.action),
                    kind_label(entry.record_table) if entry.record_table else "—", entry.summary][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.summary
        return None


class AuditLogTab(QWidget):
    def __init__(self, archive, window=None):
        super().__init__()
        self.archive = archive
        self.model = AuditEntryModel(archive, self)

        self.verification = WrappedLabel()
        self.verification.setObjectName("audit_verification")
        self.kind = QComboBox()
        self.kind.setObjectName("audit_kind")
        self.kind.addItem(tr("audit", "全部类别"), "")
        self.text = SearchBox(tr("audit", "查找：姓名、操作人或内容"))
        self.text.setObjectName("audit_text")
        self.date_from = DateField("date_from", "开始日期")
        self.date_from.setObjectName("audit_from")
        self.date_to = DateField("date_to", "结束日期")
        self.date_to.setObjectName("audit_to")
        for field in (self.date_from, self.date_to):
            field.setPlaceholderText(tr("audit", "如 2026-01-01"))
            # the whole placeholder and the calendar button, at any font size
            field.setMinimumWidth(field.fontMetrics().horizontalAdvance(field.placeholderText()) + 4 * row_height() // 2)
        search = QPushButton(tr("audit", "查找"))
        search.clicked.connect(self.apply_filter)
        clear = QPushButton(tr("audit", "清除条件"))
        clear.clicked.connect(self.clear_filter)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.text.textChanged.connect(self._timer.start)
        self.kind.currentIndexChanged.connect(self.apply_filter)
        for field in (self.date_from, self.date_to):
            field.returnPressed.connect(self.apply_filter)
            field.editingFinished.connect(self.apply_filter)

        self.problem = QLabel()
        self.problem.setObjectName("audit_filter_problem")
        self.problem.setStyleSheet(styles.ERROR_TEXT)
        self.problem.hide()
        self.count = QLabel()
        self.count.setObjectName("audit_count")
        self.table = QTableView()
        self.table.setObjectName("audit_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(row_height())
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate([60, 130, 90, 130, 100]):
            self.table.setColumnWidth(column, width)

        filters = QHBoxLayout()
        filters.addWidget(self.kind)
        filters.addWidget(self.text, 2)
        filters.addWidget(QLabel(tr("audit", "从")))
        filters.addWidget(self.date_from, 1)
        filters.addWidget(QLabel(tr("audit", "到")))
        filters.addWidget(self.date_to, 1)
        filters.addWidget(search)
        filters.addWidget(clear)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verification)
        layout.addLayout(filters)
        layout.addWidget(self.problem)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self._loaded = False

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._loaded:  # read the log the first time the tab is looked at
            self.refresh()

    def refresh(self) -> None:
        self._loaded = True
        self._reload_kinds()
        self.show_verification()
        self.apply_filter()

    def _reload_kinds(self) -> None:
        current = self.kind.currentData()
        self.kind.blockSignals(True)
        while self.kind.count() > 1:
            self.kind.removeItem(1)
        for kind in self.archive.audit.kinds():
            self.kind.addItem(kind_label(kind), kind)
        self.kind.setCurrentIndex(max(self.kind.findData(current), 0))
        self.kind.blockSignals(False)

    def show_verification(self) -> None:
        report = self.archive.audit.verify()
        if report.ok:
            text = tr("audit", "操作日志完整：共 {0} 条，每条都与前一条的校验值相连，逐条校验通过，没有被改动或删除的痕迹。")
            self.verification.setText(text.format(report.entries))
            self.verification.setStyleSheet(styles.SUCCESS_TEXT)
        else:
            self.verification.setText(html.escape(report.message()) + tr(
                "audit", "<br>请不要再修改档案库，用最近一次校验通过的备份核对，并报告上级党组织。"))
            self.verification.setStyleSheet(styles.banner("error", padding=8))

    def current_filter(self) -> AuditFilter:
        dates = read_dates(self.date_from, self.date_to)
        return AuditFilter(self.kind.currentData() or "", self.text.text(), dates["date_from"],
                           dates["date_to"]).checked()

    def apply_filter(self) -> None:
        try:
            chosen = self.current_filter()
        except ValidationErrors as errors:
            self._show_problem("\n".join(e.message() for e in errors.errors))
            return
        except ValidationError as error:
            self._show_problem(error.message())
            return
        try:
            self.model.set_filter(chosen)
        except BranchDeskError as error:
            self._show_problem(error.message())
            return
        self.problem.hide()
        if self.model.total:
            self.count.setText(tr("audit", "符合条件的操作记录 {0} 条，最新的在前。").format(self.model.total))
        else:
            self.count.setText(tr("audit", "没有符合条件的操作记录。"))

    def _show_problem(self, text: str) -> None:
        """A filter that cannot be read changes nothing: the rows shown stay as they were."""
        self.problem.setText(text)
        self.problem.show()

    def clear_filter(self) -> None:
        for widget in (self.kind, self.text, self.date_from, self.date_to):
            widget.blockSignals(True)
        self.kind.setCurrentIndex(0)
        self.text.clear()
        self.date_from.clear()
        self.date_to.clear()
        for widget in (self.kind, self.text, self.date_from, self.date_to):
            widget.blockSignals(False)
        self.apply_filter()

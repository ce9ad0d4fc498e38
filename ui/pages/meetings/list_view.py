"""会议列表: meetings of a year (or all), filtered by kind and state, overdue ones marked."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from branchdesk import clock, labels

from ...text import tr
from ...toolkit.tables import row_height
from .meeting_table import MeetingTableModel

COLUMN_WIDTHS = [95, 185, 300, 150, 110, 45, 45, 45]


def meeting_table_view(model, name: str) -> QTableView:
    """A read-only, row-selecting view of a MeetingTableModel (the list, the year's plan)."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setDefaultSectionSize(row_height())
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    for column, width in enumerate(COLUMN_WIDTHS):
        view.setColumnWidth(column, width)
    view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    return view


class MeetingList(QWidget):
    open_meeting = Signal(int)
    new_meeting = Signal()

    def __init__(self, archive):
        super().__init__()
        self.archive = archive
        self.model = MeetingTableModel(archive, self)
        self.year = QComboBox()
        self.year.setObjectName("meeting_year")
        self.kind = QComboBox()
        self.kind.setObjectName("meeting_kind")
        self.kind.addItem(tr("meetings", "全部类型"), None)
        for key, text in labels.MEETING_KINDS.items():
            self.kind.addItem(text, key)
        self.state = QComboBox()
        self.state.setObjectName("meeting_state")
        self.state.addItem(tr("meetings", "全部状态"), None)
        for key, text in labels.MEETING_STATES.items():
            self.state.addItem(text, key)
        self.overdue = QCheckBox(tr("meetings", "只看逾期未开"))
        self.text = QLineEdit()
        self.text.setPlaceholderText(tr("meetings", "按名称、主题、地点筛选"))
        self.text.setClearButtonEnabled(True)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.apply_filters)
        self.text.textChanged.connect(self._timer.start)
        for box in (self.year, self.kind, self.state):
            box.currentIndexChanged.connect(self.apply_filters)
        self.overdue.toggled.connect(self.apply_filters)

        self.new_button = QPushButton(tr("meetings", "新建会议 (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_meeting)
        self.open_button = QPushButton(tr("meetings", "打开"))
        self.open_button.clicked.connect(self.open_selected)
        self.count = QLabel()

        self.table = meeting_table_view(self.model, "meeting_table")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.doubleClicked.connect(lambda index: self.open_meeting.emit(self.model.meeting_id(index.row())))

        filters = QHBoxLayout()
        for widget in (self.year, self.kind, self.state):
            filters.addWidget(widget)
        filters.addWidget(self.overdue)
        filters.addWidget(self.text, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addWidget(self.open_button)
        actions.addStretch(1)
        actions.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table)
        self.reload_years()
        self.apply_filters()

    def reload_years(self) -> None:
        current = self.year.currentData() if self.year.count() else clock.today().year
        self.year.blockSignals(True)
        self.year.clear()
        for year in self.archive.meetings.years(extra=(clock.today().year, clock.today().year + 1)):
            self.year.addItem(tr("meetings", "{0}年").format(year), year)
        self.year.addItem(tr("meetings", "全部年份"), 0)
        self.year.setCurrentIndex(max(self.year.findData(current), 0))
        self.year.blockSignals(False)

    def apply_filters(self) -> None:
        year = self.year.currentData()
        self.model.set_filters(year=year or None, kind=self.kind.currentData(), state=self.state.currentData(),
                               overdue_only=self.overdue.isChecked(), text=self.text.text())
        overdue = sum(1 for _ in self.archive.meetings.query_ids(year=None, overdue_only=True))
        text = tr("meetings", "共 {0} 次").format(self.model.rowCount())
        if overdue:
            text += tr("meetings", "　逾期未开 {0} 次（红色）").format(overdue)
        self.count.setText(text)

    def refresh(self) -> None:
        self.reload_years()
        self.apply_filters()

    def open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.open_meeting.emit(self.model.meeting_id(rows[0].row()))

    def select(self, meeting_id: int) -> None:
        row = self.model.row_of(meeting_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def hideEvent(self, event) -> None:
        self._timer.stop()
        super().hideEvent(event)

"""会议列表: meetings of a year (or all), filtered by kind and state, overdue ones marked."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
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
from .meeting_table import COLUMNS, MeetingTableModel

# 会议名称 takes the spare width. Date, state and counts are as wide as what they show;
# 类型 and 地点 too, up to their share of the width, so that on a 1024-pixel screen the
# name is not cut to 「2026年11月…」 while 「党小组会（第三党小组）」 or a long place keeps
# its room (QA round 2).
NAME_COLUMN = 2
CONTENT_COLUMNS = (0, 4, 5, 6, 7)
SHARED_COLUMNS = {1: 0.2, 3: 0.15}
NAME_SHARE = 1 / 3


class MeetingTableView(QTableView):
    """A read-only, row-selecting view of a MeetingTableModel (the list, the year's plan)
    whose columns follow what its visible rows show, at any width and font size."""

    def __init__(self, model, name: str):
        super().__init__()
        self.setObjectName(name)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setDefaultSectionSize(row_height())
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setResizeContentsPrecision(0)  # the rows in sight: a lazy model reads no more
        for column in (*CONTENT_COLUMNS, *SHARED_COLUMNS):
            # Fixed: set here, not scaled again by font_size.fit_table
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
            signal.connect(self._fit_later)

    def _fit_later(self, *_args) -> None:
        QTimer.singleShot(0, self, self.fit_columns)

    def fit_columns(self) -> None:
        if not self.isVisible():
            # Fitted when shown (showEvent): a hidden view reads no rows, and a closed
            # window's view may get a late resize after its archive has closed.
            return
        header = self.horizontalHeader()
        width = self.viewport().width()
        metrics = header.fontMetrics()

        def wanted(column: int) -> int:
            title = str(self.model().headerData(column, Qt.Orientation.Horizontal))
            # a column that cannot be sorted needs no room for the sort arrow
            label = header.sectionSizeHint(column) if COLUMNS[column][2] else \
                metrics.horizontalAdvance(title) + metrics.height()
            return max(self.sizeHintForColumn(column), label)

        for column in CONTENT_COLUMNS:
            self.setColumnWidth(column, wanted(column))
        shared = {column: min(wanted(column), round(width * share)) for column, share in SHARED_COLUMNS.items()}
        # the name keeps at least a third of the width (at 特大, on 1024 pixels): the shared
        # columns give up what it lacks, in proportion
        room = width - sum(self.columnWidth(c) for c in CONTENT_COLUMNS)
        lacking = min(wanted(NAME_COLUMN), round(width * NAME_SHARE)) - (room - sum(shared.values()))
        if lacking > 0 and sum(shared.values()):
            scale = max(1 - lacking / sum(shared.values()), 0.0)
            shared = {column: max(round(w * scale), metrics.height() * 2) for column, w in shared.items()}
        for column, column_width in shared.items():
            self.setColumnWidth(column, column_width)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.fit_columns()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_later()


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

        self.table = MeetingTableView(self.model, "meeting_table")
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

"""年度计划与落实: the compliance calendar (months × required kinds, per party group)
above the year's plan (every meeting of the year by date); generate the year's plan
from the required frequencies; change the frequencies."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from branchdesk import clock, labels
from branchdesk.errors import BranchDeskError
from branchdesk.meetings.manager import THEME_DAY_SETTING

from ...errors import show_error
from ...text import tr
from ...toolkit import styles
from ...toolkit.tables import row_height
from ...toolkit.unsaved import AsksBeforeClosing
from .compliance_model import COLOURS, ComplianceModel, MeetingIdRole
from .list_view import MeetingTableView
from .meeting_table import MeetingTableModel


class FrequencyDialog(AsksBeforeClosing, QDialog):
    """How often each kind must be held — a setting of the archive."""

    def __init__(self, archive, parent=None):
        super().__init__(parent)
        self.archive = archive
        self.setWindowTitle(tr("meetings", "会议频次要求"))
        layout = QFormLayout(self)
        self.boxes: dict[str, QComboBox] = {}
        current = archive.meetings.frequencies()
        for kind, name in labels.MEETING_KINDS.items():
            box = QComboBox()
            for key, text in labels.FREQUENCIES.items():
                box.addItem(text, key)
            box.setCurrentIndex(max(box.findData(current[kind]), 0))
            self.boxes[kind] = box
            layout.addRow(name, box)
        self.theme_day = QSpinBox()
        self.theme_day.setRange(1, 28)
        self.theme_day.setValue(int(archive.settings.get(THEME_DAY_SETTING) or 10))
        layout.addRow(tr("meetings", "主题党日固定在每月"), self.theme_day)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def save(self) -> None:
        try:
            self.archive.meetings.set_frequencies({k: box.currentData() for k, box in self.boxes.items()})
            self.archive.settings.set(THEME_DAY_SETTING, self.theme_day.value())
        except BranchDeskError as error:
            show_error(self, error)
            return
        self.accept()


class CalendarView(QWidget):
    open_meeting = Signal(int)
    plan_meeting = Signal(str, object)  # kind, first day of the month

    def __init__(self, archive):
        super().__init__()
        self.archive = archive
        self.year = QComboBox()
        self.year.setObjectName("calendar_year")
        self.year.currentIndexChanged.connect(self.refresh_report)
        self.generate = QPushButton(tr("meetings", "按规定频次生成全年计划"))
        self.generate.setObjectName("generate_plan")
        self.generate.clicked.connect(self.generate_plan)
        frequencies = QPushButton(tr("meetings", "频次要求…"))
        frequencies.clicked.connect(self.edit_frequencies)
        legend = QLabel(" ".join(
            f'<span style="background:{COLOURS[k].name()}">&nbsp;{labels.COMPLIANCE_STATES[k]}&nbsp;</span>'
            for k in ("held", "planned", "overdue", "missing", "open", "before_start")
        ))
        self.model = ComplianceModel(self)
        self.grid = QTableView()
        self.grid.setObjectName("compliance_table")
        self.grid.setModel(self.model)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.verticalHeader().setDefaultSectionSize(row_height())
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (0, 13):
            self.grid.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.grid.setColumnWidth(column, 60)
        self.grid.doubleClicked.connect(self._cell_opened)
        self.message = QLabel()
        self.message.setObjectName("plan_message")
        self.message.setStyleSheet(styles.SUCCESS_TEXT)
        self.message.hide()
        self.summary = QLabel()
        self.summary.setObjectName("compliance_summary")
        self.summary.setWordWrap(True)
        self.plan = MeetingTableModel(archive, self, descending=False)
        self.plan_table = MeetingTableView(self.plan, "plan_table")
        self.plan_table.doubleClicked.connect(lambda i: self.open_meeting.emit(self.plan.meeting_id(i.row())))

        top = QHBoxLayout()
        top.addWidget(self.year)
        top.addWidget(self.generate)
        top.addWidget(frequencies)
        top.addStretch(1)
        top.addWidget(legend)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.grid, 1)
        upper_layout.addWidget(self.summary)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(QLabel(tr("meetings", "本年度会议计划（按日期；双击打开）")))
        lower_layout.addWidget(self.plan_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setSizes([330, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        self.refresh()

    def refresh(self) -> None:
        current = self.year.currentData() or clock.today().year
        self.year.blockSignals(True)
        self.year.clear()
        for year in self.archive.meetings.years(extra=(clock.today().year, clock.today().year + 1)):
            self.year.addItem(tr("meetings", "{0}年").format(year), year)
        self.year.setCurrentIndex(max(self.year.findData(current), 0))
        self.year.blockSignals(False)
        self.refresh_report()

    def refresh_report(self) -> None:
        year = self.year.currentData() or clock.today().year
        report = self.archive.meetings.compliance(year)
        self.model.set_report(report)
        self.grid.clearSpans()
        for row, column, count in self.model.spans():
            self.grid.setSpan(row, column, 1, count)
        rows = [r for r in report.rows if r.frequency != "none"]
        self.summary.setText(tr("meetings", "全年应开 {0} 期，已开 {1} 期，缺 {2} 期，逾期未开 {3} 期。").format(
            sum(r.required for r in rows), sum(r.held for r in rows), sum(r.missing for r in rows),
            sum(r.overdue for r in rows)))
        self.summary.setToolTip("\n".join(report.summary_lines()))
        self.plan.set_filters(year=year)
        self.generate.setEnabled(not self.archive.read_only and year >= clock.today().year)

    def _cell_opened(self, index) -> None:
        meeting_id = index.data(MeetingIdRole)
        if meeting_id is not None:
            self.open_meeting.emit(meeting_id)

    def generate_plan(self) -> list[int]:
        year = self.year.currentData()
        try:
            ids = self.archive.meetings.plan_year(year)
        except BranchDeskError as error:
            show_error(self, error)
            return []
        self.refresh_report()
        text = (tr("meetings", "已为 {0} 年新建 {1} 次会议计划，见下方列表。").format(year, len(ids)) if ids
                else tr("meetings", "{0} 年各期会议都已召开或已有计划，没有新建。").format(year))
        self.message.setText(text)
        self.message.show()
        return ids

    def edit_frequencies(self) -> None:
        if FrequencyDialog(self.archive, self).exec():
            self.refresh_report()

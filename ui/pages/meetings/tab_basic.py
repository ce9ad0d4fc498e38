"""基本信息: the plan and notice (kind, date, place, theme, who attends, what to
prepare) beside what happened (actual date and times, host, recorder, speaker, minutes)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from branchdesk import labels
from branchdesk.meetings.manager import default_attendees
from branchdesk.meetings.validate import ALSO_COUNTABLE

from ...text import tr
from ...toolkit.forms import DateField, ErrorForm, name_box


class BasicTab(QWidget):
    def __init__(self, archive):
        super().__init__()
        self.archive = archive
        plan = self.plan_form = ErrorForm()
        self.kind = plan.add_row("kind", tr("meetings", "会议类型 *"), QComboBox())
        for key, text in labels.MEETING_KINDS.items():
            self.kind.addItem(text, key)
        self.group = plan.add_row("group_id", tr("meetings", "党小组"), QComboBox())
        for box in (self.kind, self.group):
            box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.title = plan.add_row("title", tr("meetings", "会议名称"), QLineEdit())
        self.title.setPlaceholderText(tr("meetings", "留空则按类型和月份命名"))
        self.theme = plan.add_row("theme", tr("meetings", "主题"), QLineEdit())
        self.planned_on = plan.add_row("planned_on", tr("meetings", "计划日期 *"), DateField("planned_on", "计划日期"))
        self.planned_time = plan.add_row("planned_time", tr("meetings", "时间"), QLineEdit())
        self.planned_time.setPlaceholderText("14:30")
        self.place = plan.add_row("place", tr("meetings", "地点"), QLineEdit())
        also = QWidget()
        also_layout = QHBoxLayout(also)
        also_layout.setContentsMargins(0, 0, 0, 0)
        self.also: dict[str, QCheckBox] = {}
        for key in ALSO_COUNTABLE:
            self.also[key] = QCheckBox(labels.MEETING_KINDS[key])
            also_layout.addWidget(self.also[key])
        also_layout.addStretch(1)
        plan.add_row("also_counts", tr("meetings", "同时计为"), also)
        self.attendees = plan.add_row("attendees_text", tr("meetings", "参会人员"), QLineEdit())
        self.preparation = plan.add_row("preparation", tr("meetings", "会前准备"), QPlainTextEdit())
        self.preparation.setFixedHeight(60)
        self.notice_state = QLabel()
        self.notice_state.setObjectName("notice_state")
        plan.layout_.addRow("", self.notice_state)

        held = self.held_form = ErrorForm()
        self.held_on = held.add_row("held_on", tr("meetings", "实际召开日期"), DateField("held_on", "实际召开日期"))
        self.started_at = held.add_row("started_at", tr("meetings", "开始时间"), QLineEdit())
        self.ended_at = held.add_row("ended_at", tr("meetings", "结束时间"), QLineEdit())
        self.host = held.add_row("host_name", tr("meetings", "主持人"), name_box())
        self.recorder = held.add_row("recorder_name", tr("meetings", "记录人"), name_box())
        self.speaker = held.add_row("speaker_name", tr("meetings", "主讲人（党课）"), name_box())
        self.minutes = held.add_row("minutes", tr("meetings", "会议内容"), QPlainTextEdit())
        self.minutes.setPlaceholderText(tr("meetings", "会议概况、活动纪实；发言请在「议题与发言」中逐条记录"))

        plan_box = QGroupBox(tr("meetings", "计划与通知"))
        plan_layout = QVBoxLayout(plan_box)
        plan_layout.addWidget(plan)
        plan_layout.addStretch(1)
        held_box = QGroupBox(tr("meetings", "召开情况（会后填写）"))
        QVBoxLayout(held_box).addWidget(held)
        layout = QHBoxLayout(self)
        layout.addWidget(plan_box, 1)
        layout.addWidget(held_box, 1)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.group.currentIndexChanged.connect(self._kind_changed)

    def edits(self):
        """Signals that mean 'the user changed something'."""
        return [self.kind.currentIndexChanged, self.group.currentIndexChanged, self.title.textEdited,
                self.theme.textEdited, self.planned_on.textEdited, self.planned_time.textEdited,
                self.place.textEdited, self.attendees.textEdited, self.preparation.textChanged,
                self.held_on.textEdited, self.started_at.textEdited, self.ended_at.textEdited,
                self.host.editTextChanged, self.recorder.editTextChanged, self.speaker.editTextChanged,
                self.minutes.textChanged] + [box.toggled for box in self.also.values()]

    def load(self, form, detail, names: list[str]) -> None:
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem(tr("meetings", "（不是党小组会）"), None)
        for group in self.archive.groups.list():
            self.group.addItem(group.name, group.id)
        self.group.setCurrentIndex(max(self.group.findData(form.group_id), 0))
        self.group.blockSignals(False)
        self.kind.setCurrentIndex(max(self.kind.findData(form.kind), 0))
        self.title.setText(form.title)
        self.theme.setText(form.theme)
        self.planned_on.set_date(form.planned_on)
        self.planned_time.setText(form.planned_time)
        self.place.setText(form.place)
        for key, box in self.also.items():
            box.setChecked(key in form.also_counts)
        self.attendees.setText(form.attendees_text)
        self.preparation.setPlainText(form.preparation)
        self.held_on.set_date(form.held_on)
        self.started_at.setText(form.started_at)
        self.ended_at.setText(form.ended_at)
        for box, value in ((self.host, form.host_name), (self.recorder, form.recorder_name),
                           (self.speaker, form.speaker_name)):
            box.clear()
            box.addItems([""] + names)
            box.setEditText(value)
        self.minutes.setPlainText(form.minutes)
        notified = detail.notified_on
        if notified:
            self.notice_state.setText(tr("meetings", "通知已于 {0} 发出").format(notified.isoformat()))
        else:
            self.notice_state.setText(tr("meetings", "尚未发出通知") if detail.state == "planned" else "")
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.group.setEnabled(kind == "group")
        for key, box in self.also.items():
            box.setEnabled(key != kind)
        self.attendees.setPlaceholderText(default_attendees(kind, self.group.currentText() if kind == "group" else ""))

    def fill(self, form) -> None:
        """Copy the widgets into ``form`` (dates are read by the caller)."""
        form.kind = self.kind.currentData()
        form.group_id = self.group.currentData() if form.kind == "group" else None
        form.title, form.theme = self.title.text(), self.theme.text()
        form.planned_time, form.place = self.planned_time.text(), self.place.text()
        form.also_counts = tuple(k for k, box in self.also.items() if box.isChecked() and box.isEnabled())
        form.attendees_text, form.preparation = self.attendees.text(), self.preparation.toPlainText()
        form.started_at, form.ended_at = self.started_at.text(), self.ended_at.text()
        form.host_name, form.recorder_name = self.host.currentText(), self.recorder.currentText()
        form.speaker_name, form.minutes = self.speaker.currentText(), self.minutes.toPlainText()

    def show_errors(self, errors):
        rest = self.plan_form.show_errors(errors)
        return self.held_form.show_errors(rest)

    def has_errors(self) -> bool:
        return self.plan_form.has_errors() or self.held_form.has_errors()

    def set_editable(self, editable: bool) -> None:
        for form in (self.plan_form, self.held_form):
            form.setEnabled(editable)

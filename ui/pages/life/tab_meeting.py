"""会议记录: the 组织生活会 itself as an ordinary meeting record — actual date, times,
place, host, recorder, the attendance grid with absence reasons (the meetings page's
grid) — with the secretary's report and the summary."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from branchdesk.errors import BranchDeskError, ValidationError, ValidationErrors

from ...errors import show_error
from ...text import tr
from ...toolkit.actions import button
from ...toolkit.attendance import AttendanceTab
from ...toolkit.form_state import TrackedForm
from ...toolkit.forms import DateField, ErrorForm, error_label, name_box, read_dates
from .edits import EditedForm, TabEdits


class MeetingTab(TabEdits, QWidget):
    def __init__(self, page):
        super().__init__()
        self.page = page
        self.meeting_id: int | None = None
        self.open_note = QLabel(tr("life", "会议召开时，在这里登记出席情况（缺席须写明原因）、主持人和记录人。会议记录按支部党员大会"
                                           "（或所选形式）保存，计入“三会一课”。"))
        self.open_note.setWordWrap(True)
        self.open_button = button(tr("life", "建立会议记录"), self.open_meeting, "open_meeting")
        opener = QWidget()
        opener_layout = QVBoxLayout(opener)
        opener_layout.addWidget(self.open_note)
        opener_layout.addWidget(self.open_button)
        opener_layout.addStretch(1)

        self.form = ErrorForm()
        self.held_on = self.form.add_row("held_on", tr("life", "实际召开日期 *"), DateField("held_on", "实际召开日期"))
        self.started_at = self.form.add_row("started_at", tr("life", "开始时间"), QLineEdit())
        self.ended_at = self.form.add_row("ended_at", tr("life", "结束时间"), QLineEdit())
        self.started_at.setPlaceholderText("19:00")
        self.ended_at.setPlaceholderText("21:30")
        self.place = self.form.add_row("place", tr("life", "地点"), QLineEdit())
        self.host = self.form.add_row("host_name", tr("life", "主持人 *"), name_box())
        self.recorder = self.form.add_row("recorder_name", tr("life", "记录人 *"), name_box())
        self.state = QLabel()
        self.state.setObjectName("meeting_state")
        self.attendance = AttendanceTab(page.archive)
        self.report = QPlainTextEdit()
        self.report.setObjectName("secretary_report")
        self.report.setPlaceholderText(tr("life", "书记代表支委会报告一年来的工作，并代表支委会作对照检查"))
        self.summary = QPlainTextEdit()
        self.summary.setObjectName("meeting_summary")
        self.summary.setPlaceholderText(tr("life", "会议小结：会议开得怎样，批评与自我批评的情况，下一步整改方向"))
        self.save_button = button(tr("life", "保存会议记录 (Ctrl+S)"), self.save, "save_meeting")
        self.save_button.setShortcut("Ctrl+S")
        self.banner = error_label("meeting_banner")

        left = QVBoxLayout()
        left.addWidget(self.state)
        left.addWidget(self.form)
        texts = QGroupBox(tr("life", "书记报告与会议小结"))
        text_layout = QVBoxLayout(texts)
        text_layout.addWidget(QLabel(tr("life", "书记报告支部工作：")))
        text_layout.addWidget(self.report, 2)
        text_layout.addWidget(QLabel(tr("life", "会议小结：")))
        text_layout.addWidget(self.summary, 1)
        top = QHBoxLayout()
        top.addLayout(left, 2)
        top.addWidget(texts, 3)
        record = QWidget()
        record_layout = QVBoxLayout(record)
        record_layout.setContentsMargins(0, 0, 0, 0)
        record_layout.addLayout(top)
        record_layout.addWidget(self.attendance, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.banner, 1)
        bottom.addWidget(self.save_button)
        record_layout.addLayout(bottom)
        self.stack = QStackedWidget()
        self.stack.addWidget(opener)
        self.stack.addWidget(record)
        QVBoxLayout(self).addWidget(self.stack)
        self._track_edits()

    def load(self) -> None:
        page = self.page
        detail = page.detail
        self.meeting_id = detail.meeting_id if detail else None
        self.banner.hide()
        self.form.clear_errors()
        if self.meeting_id is None:
            self.stack.setCurrentIndex(0)
            self.open_button.setEnabled(page.editable)
            self.loaded_all()
            return
        self.stack.setCurrentIndex(1)
        meeting = page.archive.meetings.detail(self.meeting_id)
        form = page.archive.meetings.form(self.meeting_id)
        self.state.setText(tr("life", "会议记录编号 {0}，{1}").format(self.meeting_id, meeting.state_label))
        self.held_on.set_date(form.held_on)
        self.started_at.setText(form.started_at)
        self.ended_at.setText(form.ended_at)
        self.place.setText(form.place)
        names = [e.name for e in form.attendance if not e.is_guest]
        for box, value in ((self.host, form.host_name), (self.recorder, form.recorder_name)):
            box.clear()
            box.addItems(names)
            box.setCurrentText(value)
        self.attendance.load(form.attendance, form.kind)
        self.report.setPlainText(detail.secretary_report)
        self.summary.setPlainText(detail.summary)
        meeting_editable = page.editable and meeting.state in ("planned", "notified", "held")
        for widget in (self.held_on, self.started_at, self.ended_at, self.place, self.host, self.recorder):
            widget.setEnabled(meeting_editable)
        self.attendance.set_editable(meeting_editable)
        self.report.setReadOnly(not page.editable)
        self.summary.setReadOnly(not page.editable)
        self.save_button.setEnabled(page.editable)
        self._meeting_editable = meeting_editable
        self.loaded_all()

    # -- unsaved edits and drafts (edits.py) ------------------------------------
    def _track_edits(self) -> None:
        self.draft_kind = "life"
        self.edited = {"meeting": EditedForm(
            TrackedForm(self.stack.widget(1)), lambda: tr("life", "{0} 年度组织生活会会议记录").format(self.page.year),
            lambda: self.meeting_id is not None and self.save_button.isEnabled(), self.save)}

    def open_meeting(self) -> int | None:
        try:
            meeting_id = self.page.archive.life.open_meeting(self.page.cycle_id)
        except BranchDeskError as error:
            show_error(self, error)
            return None
        self.page.reload_cycle()
        return meeting_id

    def save(self) -> bool:
        """Save the meeting record and the two texts; a wrong field stops before anything is saved."""
        self.banner.hide()
        self.form.clear_errors()
        self.attendance.show_errors([])
        archive, life = self.page.archive, self.page.archive.life
        try:
            if self._meeting_editable:
                form = archive.meetings.form(self.meeting_id, with_roster=False)
                form.held_on = read_dates(self.held_on)["held_on"]
                form.started_at, form.ended_at = self.started_at.text(), self.ended_at.text()
                form.place = self.place.text()
                form.host_name, form.recorder_name = self.host.currentText(), self.recorder.currentText()
                form.attendance = self.attendance.entries()
                archive.meetings.save(self.meeting_id, form)
            with archive.db.atomic():
                life.save_text(self.page.cycle_id, "secretary_report", self.report.toPlainText())
                life.save_text(self.page.cycle_id, "summary", self.summary.toPlainText())
        except (ValidationErrors, ValidationError) as error:
            errors = error.errors if isinstance(error, ValidationErrors) else [error]
            rest = self.form.show_errors([e for e in errors if e.field != "attendance"])
            self.attendance.show_errors([e.message() for e in errors if e.field == "attendance"])
            if rest:
                self.banner.setText("\n".join(e.message() for e in rest))
                self.banner.show()
            return False
        except BranchDeskError as error:
            show_error(self, error)
            return False
        self.page.reload_cycle()
        return True


"""会议: the list of meetings with the editor, the year's plan and compliance calendar,
search, and the 学习 and 汇报 kept with the meetings (docs/domain.md §18) — one page, five tabs."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from branchdesk.errors import NotFound

from ...text import tr
from ...toolkit.drafting import BUSY, GONE
from ..study import ReportsTab, StudyTab
from .calendar import CalendarView
from .editor import MeetingEditor
from .list_view import MeetingList
from .plan_dialog import PlanDialog
from .search_view import SearchView


class MeetingsPage(QWidget):
    def __init__(self, archive, window=None):
        super().__init__()
        self.archive = archive
        self.list = MeetingList(archive)
        self.editor = MeetingEditor(archive)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.editor)
        self.calendar = CalendarView(archive)
        self.search = SearchView(archive)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("meeting_tabs")
        self.tabs.addTab(self.stack, tr("meetings", "会议记录"))
        self.tabs.addTab(self.calendar, tr("meetings", "年度计划与落实"))
        self.tabs.addTab(self.search, tr("meetings", "查找"))
        self.study = StudyTab(archive)
        self.reports = ReportsTab(archive)
        self.tabs.addTab(self.study, tr("meetings", "学习"))
        self.tabs.addTab(self.reports, tr("meetings", "汇报"))
        QVBoxLayout(self).addWidget(self.tabs)

        self.list.open_meeting.connect(self.open_meeting)
        self.list.new_meeting.connect(lambda: self.new_meeting())
        self.calendar.open_meeting.connect(self.open_meeting)
        self.search.open_meeting.connect(self.open_meeting)
        self.editor.back.connect(self.show_list)
        self.editor.changed.connect(self._changed)
        QShortcut(QKeySequence.StandardKey.New, self, activated=lambda: self.new_meeting())

    def refresh(self) -> None:
        if self.stack.currentWidget() is self.list:
            self.list.refresh()
        self.calendar.refresh()
        self.study.load()
        self.reports.load()

    def open_topic(self, topic_id: int) -> StudyTab:
        """From 首页: the 学习 tab with the topic selected."""
        self.tabs.setCurrentWidget(self.study)
        return self.study.open_topic(topic_id)

    def open_reports(self, member_id: int | None = None) -> ReportsTab:
        self.tabs.setCurrentWidget(self.reports)
        self.reports.load()
        return self.reports

    def new_meeting(self, kind: str | None = None, day: dt.date | None = None, group_id: int | None = None) -> int | None:
        """The 新建会议 form, prefilled with ``kind``, ``day`` and party group when given
        (首页 opens it for a period that went without its meeting)."""
        if self.archive.read_only:
            QMessageBox.information(self, tr("meetings", "只读"), tr("meetings", "档案库以只读方式打开，不能新建会议。"))
            return None
        dialog = PlanDialog(self.archive, self, kind=kind or "committee", day=day)
        if group_id is not None:
            dialog.group.setCurrentIndex(max(dialog.group.findData(group_id), 0))
        if dialog.exec() and dialog.saved_id is not None:
            self._changed(dialog.saved_id)
            self.open_meeting(dialog.saved_id)
            return dialog.saved_id
        return None

    def open_meeting(self, meeting_id: int) -> MeetingEditor:
        if self.stack.currentWidget() is self.editor and self.editor.dirty:
            self.editor.go_back()
            if self.editor.dirty:
                return self.editor
        self.tabs.setCurrentIndex(0)
        self.editor.open(meeting_id)
        self.stack.setCurrentWidget(self.editor)
        return self.editor

    # -- unsaved edits (ui/toolkit/unsaved.py): the open meeting's -------------
    def has_unsaved_changes(self) -> bool:
        return self.editor.has_unsaved_changes()

    def unsaved_description(self) -> str:
        return self.editor.unsaved_description()

    def save_changes(self) -> bool:
        if self.editor.save_changes():
            return True
        self.tabs.setCurrentIndex(0)  # the editor, where its errors are shown
        self.stack.setCurrentWidget(self.editor)
        return False

    def discard_changes(self) -> None:
        self.editor.discard_changes()

    # -- power-cut drafts (ui/toolkit/drafting.py): the open meeting's ------------
    def draft_items(self) -> list:
        draft = self.editor.draft_item()
        return [draft] if draft is not None else []

    def restore_draft(self, draft) -> str:
        meeting_id = int(draft.key.split("-", 1)[1])
        if self.editor.has_unsaved_changes():  # another meeting's draft, restored just now
            return BUSY
        try:
            self.editor.open(meeting_id)
        except NotFound:
            return GONE
        self.tabs.setCurrentIndex(0)
        self.stack.setCurrentWidget(self.editor)
        return self.editor.apply_draft(draft)

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.list)
        self.list.refresh()
        if self.editor.meeting_id is not None:
            self.list.select(self.editor.meeting_id)

    def _changed(self, meeting_id: int) -> None:
        self.list.refresh()
        self.calendar.refresh_report()

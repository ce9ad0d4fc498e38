"""目标管理: the year's 标杆指标库, its plan, its inspections, and the archive of every
period — one tab each, under one year chooser."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from branchdesk import clock
from branchdesk.errors import NotFound

from ...text import tr
from ...toolkit.actions import ask_year, button, run_action
from ...toolkit.drafting import BUSY, GONE
from ...toolkit.fitting import WrappedLabel
from ...toolkit.tables import select_id
from ...toolkit.unsaved import choose_year
from .exports import TargetsExports
from .tab_archive import ArchiveTab
from .tab_inspections import InspectionsTab
from .tab_library import LibraryTab
from .tab_plan import PlanTab

# evidence kinds of the 服务群众 measures: shown on the 群众工作 page
MASSES_KINDS = ("service_activity", "service_pledge", "openness_posting", "service_verdict", "masses_request",
                "masses_visit")

class TargetsPage(QWidget):
    def __init__(self, archive, window=None):
        super().__init__()
        self.archive = archive
        self.window_ = window
        self.year = clock.today().year
        self.exports = TargetsExports(self)
        self.year_box = QComboBox()
        self.year_box.setObjectName("targets_year")
        self.year_box.activated.connect(lambda: choose_year(self, self.year_box.currentData()))
        self.other_year = button(tr("targets", "其他年度…"), self.ask_year)
        self.state = WrappedLabel()  # wraps on a narrow screen rather than widening the window
        self.state.setObjectName("targets_state")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("targets_tabs")
        self.library = LibraryTab(self)
        self.plan = PlanTab(self)
        self.inspections = InspectionsTab(self)
        self.archive_tab = ArchiveTab(self)
        self.tab_keys = ["library", "plan", "inspections", "archive"]
        for widget, title in ((self.library, "指标库"), (self.plan, "年度计划"), (self.inspections, "检查考核"),
                              (self.archive_tab, "档案")):
            self.tabs.addTab(widget, tr("targets", title))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("targets", "年度：")))
        bar.addWidget(self.year_box)
        bar.addWidget(self.other_year)
        bar.addWidget(self.state, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.set_year(self._starting_year())

    # -- unsaved edits (ui/toolkit/unsaved.py): the open inspection's ---------------------
    def has_unsaved_changes(self) -> bool:
        return self.inspections.editor.has_unsaved_changes()

    def unsaved_description(self) -> str:
        return self.inspections.editor.unsaved_description()

    def save_changes(self) -> bool:
        if self.inspections.editor.save_changes():
            return True
        self.show_tab("inspections")  # the editor, where its errors are shown
        self.inspections.setCurrentWidget(self.inspections.editor)
        return False

    def discard_changes(self) -> None:
        self.inspections.editor.discard_changes()

    # -- power-cut drafts (ui/toolkit/drafting.py): the open inspection's header ----------
    def draft_items(self) -> list:
        draft = self.inspections.editor.draft_item()
        return [draft] if draft is not None else []

    def restore_draft(self, draft) -> str:
        if self.has_unsaved_changes():  # another inspection's draft, restored just now
            return BUSY
        try:
            self.show_tab("inspections")
            editor = self.inspections.open(int(draft.key.split("-", 1)[1]))
        except NotFound:
            return GONE
        return editor.apply_draft(draft)

    def _starting_year(self) -> int:
        """This year, unless nothing is kept for it yet and an earlier year has a library."""
        years = self.archive.targets.years()
        today = clock.today().year
        return today if today in years or not years else max(y for y in years if y <= today + 1)

    # -- tabs ------------------------------------------------------------------
    def tab(self, key: str) -> QWidget:
        return {"library": self.library, "plan": self.plan, "inspections": self.inspections,
                "archive": self.archive_tab}[key]

    def show_tab(self, key: str) -> QWidget:
        self.tabs.setCurrentIndex(self.tab_keys.index(key))
        return self.tab(key)

    def _tab_shown(self, index: int) -> None:
        """Scores typed in the editor reach the archive's table and trend when it is shown."""
        if self.tab_keys[index] == "archive":
            self.archive_tab.load()

    # -- loading ---------------------------------------------------------------
    def set_year(self, year: int) -> None:
        self.year = year
        years = set(self.archive.targets.years()) | {clock.today().year, year}
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for y in sorted(years, reverse=True):
            self.year_box.addItem(tr("targets", "{0} 年度").format(y), y)
        self.year_box.setCurrentIndex(self.year_box.findData(year))
        self.year_box.blockSignals(False)
        self.library.load()
        self.plan.load()
        self.inspections.set_year()
        self.archive_tab.load()
        self.show_state()

    def refresh(self) -> None:
        """The page is shown again: records counted by the measures may have changed."""
        editor = self.inspections.editor
        if self.inspections.currentWidget() is editor and editor.inspection_id is not None:
            self.library.load()
            self.plan.load()
            editor.reload(measures=True)
            self.archive_tab.load()
            self.show_state()
            return
        self.set_year(self.year)

    def show_state(self) -> None:
        targets = self.archive.targets
        library = targets.library.get_or_none(self.year)
        plan = targets.plans.get_or_none(self.year)
        summaries = targets.inspections.list(self.year)
        parts = [tr("targets", "指标库：{0}").format(tr("targets", "已建立") if library else tr("targets", "未建立")),
                 tr("targets", "年度计划：{0}").format(tr("targets", "已制定") if plan else tr("targets", "未制定")),
                 tr("targets", "检查考核 {0} 次（已归档 {1} 次）").format(len(summaries), sum(s.filed for s in summaries))]
        self.state.setText("　" + " · ".join(parts))

    def library_changed(self) -> None:
        self.library.load()
        self.plan.load()
        self.inspections.load()
        self.show_state()

    def inspections_changed(self) -> None:
        """The editor saved, filed, corrected or deleted: the lists and the lock follow."""
        self.inspections.load(editor_too=False)
        self.library.load()  # the first filed inspection locks the library
        self.archive_tab.load()
        self.show_state()

    def ledger_changed(self) -> None:
        """A problem went onto the 整改台账: the 整改完成率 measure may move."""
        self.plan.load()

    # -- actions ---------------------------------------------------------------
    def run(self, action, *args) -> bool:
        """Carry out a domain call; a refusal is shown and changes nothing."""
        return run_action(self, action, *args)

    def ask_year(self) -> int | None:
        year = ask_year(self, self.year)
        if year is not None and not choose_year(self, year):
            return None
        return year

    def open_inspection(self, inspection_id: int):
        self.show_tab("inspections")
        return self.inspections.open(inspection_id)

    def open_record(self, record) -> QWidget | None:
        """Show a record a measure counted or an inspection row cites, in its own page
        (meetings, 组织生活会 tabs); without the main window, its details instead."""
        window = self.window_
        if window is None or not hasattr(window, "show_page"):
            QMessageBox.information(self, tr("targets", "记录"), f"{record.title}\n{record.date}")
            return None
        kind, record_id = record.kind, record.record_id
        if kind == "meeting":
            page = window.show_page("meetings")
            page.open_meeting(record_id)
            return page
        if kind == "rectification":
            page = window.show_page("ledger")
            page.show_item(record_id)
            return page
        if kind in MASSES_KINDS:  # 服务群众 records: their tab on the 群众工作 page
            page = window.show_page("masses")
            page.show_record(kind, record_id)
            return page
        page = window.show_page("life")
        year = self._year_of(kind, record_id, record.date)
        if year is not None and year != page.year:
            page.set_year(year)
        tab = page.show_tab({"life_cycle": "plan", "appraisal": "appraisal", "talk": "talks"}[kind])
        if kind == "talk":
            select_id(tab.log, record_id)
        return page

    def _year_of(self, kind: str, record_id: int, date_text: str) -> int | None:
        if kind == "life_cycle":
            return next((y for y in self.archive.life.years() if self.archive.life.cycle_id(y) == record_id), None)
        if kind == "appraisal":
            appraisal = self.archive.appraisal
            return next((y for y in appraisal.years() if appraisal.appraisal_id(y) == record_id), None)
        try:
            return dt.date.fromisoformat(date_text[:10]).year
        except ValueError:
            return None

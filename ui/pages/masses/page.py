"""群众工作 page (docs/domain.md §14, §15): tabs over one connected ledger. ``TABS`` is a
plain list of (key, title, factory); a factory takes ``(archive, page)`` and returns the
tab's widget, so a further part of 群众工作 joins by adding a line."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from ...text import tr
from ...toolkit import styles
from .common import Reveal
from .contacts_tab import ContactsTab
from .files import MassesFiles
from .requests_tab import RequestsTab
from .visits_tab import VisitsTab


def _service(archive, page):
    from .service_tab import ServiceTab

    return ServiceTab(archive, page)


def _openness(archive, page):
    from .openness_tab import OpennessTab

    return OpennessTab(archive, page)


def _verdict(archive, page):
    from .verdict_tab import VerdictTab

    return VerdictTab(archive, page)


TABS = [
    ("contacts", "联系户", ContactsTab),
    ("visits", "走访", VisitsTab),
    ("requests", "民情诉求", RequestsTab),
    ("service", "志愿服务与实事", _service),
    ("openness", "党务公开", _openness),
    ("verdict", "群众评议", _verdict),
]


class MassesPage(QWidget):
    def __init__(self, archive, window=None):
        super().__init__()
        self.archive = archive
        self.window_ = window
        self.reveal = Reveal(self)
        self.files = MassesFiles(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("masses_tabs")
        # Tabs are found by key (「service」) or by title (「民情诉求」).
        self.by_key: dict[str, QWidget] = {}
        for key, title, factory in TABS:
            widget = factory(archive, self)
            self.by_key[key] = self.by_key[title] = widget
            self.tabs.addTab(widget, tr("masses", title))
        self.status = QLabel()
        self.status.setObjectName("masses_status")
        self.status.setStyleSheet(styles.SUCCESS_TEXT)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)

    def tab(self, key: str) -> QWidget:
        return self.by_key[key]

    def show_tab(self, key: str) -> QWidget:
        widget = self.by_key[key]
        self.tabs.setCurrentWidget(widget)
        return widget

    def changed(self) -> None:
        """Something was stored: every tab reads the records again."""
        for key, _title, _factory in TABS:
            self.by_key[key].load()
        self.by_key["contacts"].fill_members()

    def refresh(self) -> None:
        """Shown again: records may have changed elsewhere (the roster, 党费, 民主评议);
        people's details are masked again."""
        self.reveal.shown = False
        self.changed()

    def record_visit(self, household_id: int | None, parent: QWidget) -> int | None:
        """登记走访 (from either tab); a request taken in on the way is shown at once."""
        from .dialogs import VisitDialog

        dialog = VisitDialog(self.archive, household_id, parent=parent)
        if not (dialog.exec() and dialog.saved_id is not None):
            return None
        self.changed()
        if dialog.request_id is not None:
            self.open_request(dialog.request_id)
        return dialog.saved_id

    def open_request(self, request_id: int):
        """From 首页 or a 走访: the request in the 民情诉求 tab."""
        tab = self.show_tab("requests")
        tab.open_request(request_id)
        return tab

    def open_contacts(self, member_id: int | None):
        """From 首页: one member's households, those behind first to catch the eye."""
        tab = self.show_tab("contacts")
        tab.show_member(member_id)
        return tab

    def show_pledge(self, pledge_id: int) -> QWidget:
        """The 实事 selected on its tab (首页's overdue 实事 opens here)."""
        self.show_tab("service").show_pledge(pledge_id)
        return self

    def show_record(self, kind: str, record_id: int) -> QWidget:
        """A record a 目标管理 measure counted (its evidence kind), selected on its tab."""
        if kind == "masses_request":
            return self.open_request(record_id)
        if kind == "masses_visit":
            return self.show_tab("visits")
        if kind == "service_pledge":
            return self.show_pledge(record_id)
        tab = self.show_tab({"service_activity": "service", "openness_posting": "openness",
                             "service_verdict": "verdict"}[kind])
        tab.show_record(kind, record_id)
        return self

    def say(self, message: str) -> bool:
        """A notice under the tabs that blocks nothing (a selection missing, a step stored)."""
        self.status.setText(message)
        return False

    def ask(self, text: str) -> bool:
        return QMessageBox.question(self, tr("masses", "群众工作"), text) == QMessageBox.StandardButton.Yes

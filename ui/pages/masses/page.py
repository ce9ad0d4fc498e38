"""群众工作 page (docs/domain.md §13): tabs over one connected ledger. ``TABS`` is a plain
list of (title, factory); a factory takes ``(archive, page)`` and returns the tab's widget,
so tabs of other parts of 群众工作 join by adding a line."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QTabWidget, QVBoxLayout, QWidget

from ...text import tr
from .common import Reveal
from .contacts_tab import ContactsTab
from .files import MassesFiles
from .requests_tab import RequestsTab
from .visits_tab import VisitsTab

TABS = [
    ("联系户", ContactsTab),
    ("走访", VisitsTab),
    ("民情诉求", RequestsTab),
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
        self.by_title: dict[str, QWidget] = {}
        for title, factory in TABS:
            widget = factory(archive, self)
            self.by_title[title] = widget
            self.tabs.addTab(widget, tr("masses", title))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def tab(self, title: str) -> QWidget:
        return self.by_title[title]

    def show_tab(self, title: str) -> QWidget:
        widget = self.by_title[title]
        self.tabs.setCurrentWidget(widget)
        return widget

    def changed(self) -> None:
        """Something was stored: every tab reads the records again."""
        for widget in self.by_title.values():
            if hasattr(widget, "load"):
                widget.load()
        contacts = self.by_title.get("联系户")
        if contacts is not None:
            contacts.fill_members()

    def refresh(self) -> None:
        """Shown again: records may have changed elsewhere; details are masked again."""
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
        tab = self.show_tab("民情诉求")
        tab.open_request(request_id)
        return tab

    def open_contacts(self, member_id: int | None):
        """From 首页: one member's households, those behind first to catch the eye."""
        tab = self.show_tab("联系户")
        tab.show_member(member_id)
        return tab

    def say(self, text: str) -> bool:
        QMessageBox.information(self, tr("masses", "群众工作"), text)
        return False

    def ask(self, text: str) -> bool:
        return QMessageBox.question(self, tr("masses", "群众工作"), text) == QMessageBox.StandardButton.Yes

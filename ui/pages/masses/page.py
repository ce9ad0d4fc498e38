"""群众工作 page: one tab per part of the work with the masses. ``TABS`` lists them as
(key, title, factory); each factory takes (archive, page) and returns the tab widget."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ...text import tr
from ...toolkit import styles


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
    ("service", "志愿服务与实事", _service),
    ("openness", "党务公开", _openness),
    ("verdict", "群众评议", _verdict),
]


class MassesPage(QWidget):
    def __init__(self, archive, window=None):
        super().__init__()
        self.archive = archive
        self.window_ = window
        self.tabs = QTabWidget()
        self.tabs.setObjectName("masses_tabs")
        self.by_key: dict[str, QWidget] = {}
        for key, title, factory in TABS:
            self.by_key[key] = factory(archive, self)
            self.tabs.addTab(self.by_key[key], tr("masses", title))
        self.status = QLabel()
        self.status.setObjectName("masses_status")
        self.status.setStyleSheet(styles.SUCCESS_TEXT)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)

    def show_tab(self, key: str) -> QWidget:
        self.tabs.setCurrentWidget(self.by_key[key])
        return self.by_key[key]

    def show_pledge(self, pledge_id: int) -> QWidget:
        """The 实事 selected on its tab (首页's overdue 实事 opens here)."""
        tab = self.show_tab("service")
        tab.show_pledge(pledge_id)
        return self

    def show_record(self, kind: str, record_id: int) -> QWidget:
        """A record a 目标管理 measure counted (its evidence kind), selected on its tab."""
        if kind == "service_pledge":
            return self.show_pledge(record_id)
        tab = self.show_tab({"service_activity": "service", "openness_posting": "openness",
                             "service_verdict": "verdict"}[kind])
        tab.show_record(kind, record_id)
        return self

    def say(self, message: str) -> None:
        self.status.setText(message)

    def refresh(self) -> None:
        """Shown again: the roster, dues or appraisal may have changed."""
        for tab in self.by_key.values():
            tab.load()

"""档案: the archive's safekeeping. Backups and restore on every archive; on a branch
archive also the yearly archive PDF and the bundles carried up to the higher
organisation (上报数据包). An upper archive makes neither: it imports them. Every archive
shows its audit log (操作记录) with the hash chain's verification."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ..text import tr
from .audit_log import AuditLogTab
from .backups import BackupsTab
from .yearbook import YearbookTab


class ArchivePage(QWidget):
    def __init__(self, archive, window=None):
        super().__init__()
        self.tabs = QTabWidget()
        self.backups = BackupsTab(archive, window)
        self.tabs.addTab(self.backups, tr("archive", "备份与恢复"))
        self.yearbook = None
        self.bundles = None
        if archive.mode != "upper":
            from .bundles import BundlesTab

            self.yearbook = YearbookTab(archive, window)
            self.tabs.addTab(self.yearbook, tr("archive", "年度档案"))
            self.bundles = BundlesTab(archive, window)
            self.tabs.addTab(self.bundles, tr("archive", "上报数据包"))
        self.audit_log = AuditLogTab(archive, window)
        self.tabs.addTab(self.audit_log, tr("archive", "操作记录"))
        # a tab shows what is new since it was last looked at (a backup taken, a year added)
        self.tabs.currentChanged.connect(lambda _index: self.refresh())
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def show_tab(self, widget: QWidget) -> QWidget:
        self.tabs.setCurrentWidget(widget)
        return widget

    def refresh(self) -> None:
        current = self.tabs.currentWidget()
        if hasattr(current, "refresh"):
            current.refresh()

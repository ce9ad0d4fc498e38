"""档案: the archive's safekeeping. Backups and restore on every archive; on a branch
archive also the bundles carried up to the higher organisation (上报数据包)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ..text import tr
from .backups import BackupsTab


class ArchivePage(QWidget):
    def __init__(self, archive, window=None):
        super().__init__()
        self.tabs = QTabWidget()
        self.backups = BackupsTab(archive, window)
        self.tabs.addTab(self.backups, tr("archive", "备份与恢复"))
        self.bundles = None
        if archive.mode != "upper":  # an upper archive imports bundles, it does not send any
            from .bundles import BundlesTab

            self.bundles = BundlesTab(archive, window)
            self.tabs.addTab(self.bundles, tr("archive", "上报数据包"))
        self.tabs.currentChanged.connect(lambda _: self.refresh())
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def show_tab(self, widget: QWidget) -> QWidget:
        self.tabs.setCurrentWidget(widget)
        return widget

    def refresh(self) -> None:
        current = self.tabs.currentWidget()
        if hasattr(current, "refresh"):
            current.refresh()

"""档案: the archive's safekeeping. Backups and restore, the yearly archive PDF;
bundles for the higher organisation join as further tabs."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ..text import tr
from .backups import BackupsTab
from .yearbook import YearbookTab


class ArchivePage(QWidget):
    def __init__(self, archive, window=None):
        super().__init__()
        self.tabs = QTabWidget()
        self.backups = BackupsTab(archive, window)
        self.tabs.addTab(self.backups, tr("archive", "备份与恢复"))
        self.yearbook = YearbookTab(archive, window)
        self.tabs.addTab(self.yearbook, tr("archive", "年度档案"))
        # a tab shows what is new since it was last looked at (a backup taken, a year added)
        self.tabs.currentChanged.connect(lambda _index: self.refresh())
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def refresh(self) -> None:
        current = self.tabs.currentWidget()
        if hasattr(current, "refresh"):
            current.refresh()

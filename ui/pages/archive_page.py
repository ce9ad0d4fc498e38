"""档案: the archive's safekeeping. Backups and restore now; yearly archives and
bundles for the higher organisation join as further tabs."""

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
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def refresh(self) -> None:
        current = self.tabs.currentWidget()
        if hasattr(current, "refresh"):
            current.refresh()

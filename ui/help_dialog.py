"""The 使用说明 dialog (resources/help/manual.html in a browser), loaded the first time F1 or
the 帮助 menu opens it: the window's start does not build its widget classes (ui/help.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from .text import tr

HELP_DIR = Path(__file__).resolve().parent.parent / "resources" / "help"
MANUAL = HELP_DIR / "manual.html"


class HelpDialog(QDialog):
    """The 使用说明 in a browser that follows the manual's own links."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("help_dialog")
        self.setWindowTitle(tr("help", "BranchDesk 使用说明"))
        self.browser = QTextBrowser()
        self.browser.setObjectName("help_browser")
        self.browser.setOpenExternalLinks(False)
        self.browser.setSearchPaths([str(HELP_DIR)])
        self.browser.setSource(QUrl.fromLocalFile(str(MANUAL)))
        buttons = QDialogButtonBox()
        buttons.addButton(tr("help", "目录"), QDialogButtonBox.ButtonRole.ActionRole).clicked.connect(
            lambda: self.show_section(""))
        buttons.addButton(tr("help", "关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.section = ""

    def show_section(self, anchor: str) -> None:
        """Scroll to ``anchor`` (a PAGE_SECTIONS value), or to the top when empty."""
        self.section = anchor
        if anchor:
            self.browser.scrollToAnchor(anchor)
        else:
            self.browser.verticalScrollBar().setValue(0)

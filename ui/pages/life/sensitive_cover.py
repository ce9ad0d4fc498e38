"""The cover in front of the sensitive texts of a 组织生活会 (对照检查材料, 批评与自我
批评): the only piece the life tabs share that no other feature uses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from ...access import confirm_sensitive
from ...text import tr
from ...toolkit.actions import button


class SensitiveCover(QStackedWidget):
    """Self-examination and criticism texts stay covered until ``confirm_sensitive``
    passes (the app password, when one is set). Covered again when the page comes back
    after the grace time."""

    def __init__(self, content: QWidget, session, what: str):
        super().__init__()
        self.session = session
        cover = QWidget()
        layout = QVBoxLayout(cover)
        note = QLabel(tr("life", "{0}属于敏感内容，查看前需要确认。").format(what))
        note.setWordWrap(True)
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reveal_button = button(tr("life", "显示内容（验证密码）"), self.reveal, "reveal_sensitive")
        layout.addStretch(1)
        layout.addWidget(note)
        layout.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        self.addWidget(cover)
        self.addWidget(content)
        self.content = content
        self.check()

    @property
    def revealed(self) -> bool:
        return self.currentWidget() is self.content

    def check(self) -> None:
        """Cover again if the password would be asked now (set, or grace time over)."""
        self.setCurrentIndex(1 if not self.session.sensitive_gate() else 0)

    def reveal(self) -> bool:
        if confirm_sensitive(self, self.session):
            self.setCurrentIndex(1)
        return self.revealed

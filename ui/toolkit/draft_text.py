"""The text of a draft that could not be applied, to read and copy (ui/toolkit/drafting.py
offers it); loaded only when shown."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from branchdesk.drafts import Draft

from ..text import tr


class DraftTextDialog(QDialog):
    """A draft's texts, read-only, to select and copy."""

    def __init__(self, draft: Draft, parent=None):
        super().__init__(parent)
        self.setObjectName("draft_text")
        self.setWindowTitle(tr("drafts", "草稿内容：{0}").format(draft.title))
        self.resize(620, 440)
        note = QLabel(tr("drafts", "保存于 {0}。可选中文字后按 Ctrl+C 复制。").format(f"{draft.saved_at:%Y-%m-%d %H:%M}"))
        note.setWordWrap(True)
        self.text = QPlainTextEdit("\n\n".join(draft.texts()))
        self.text.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("drafts", "关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)

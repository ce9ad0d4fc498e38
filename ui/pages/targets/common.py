"""Small pieces the 目标管理 tabs share (the lists, dialogs and buttons come from
``ui/pages/life/common.py``)."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit

# why something cannot change: the colours of the home page's notice
LOCK_STYLE = "color: #7a4b00; background: #fff6e0; padding: 6px;"


def text_box(height: int) -> QPlainTextEdit:
    """A several-line text field of a fixed height; Tab moves on to the next field."""
    edit = QPlainTextEdit()
    edit.setFixedHeight(height)
    edit.setTabChangesFocus(True)
    return edit

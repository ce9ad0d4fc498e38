"""Small pieces the 目标管理 tabs share (the lists, dialogs and buttons come from
``ui/pages/life/common.py``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPlainTextEdit, QWidget

# why something cannot change: the colours of the home page's notice
LOCK_STYLE = "color: #7a4b00; background: #fff6e0; padding: 6px;"


def text_box(height: int) -> QPlainTextEdit:
    """A several-line text field of a fixed height; Tab moves on to the next field."""
    edit = QPlainTextEdit()
    edit.setFixedHeight(height)
    edit.setTabChangesFocus(True)
    return edit


def on_enter(view: QWidget, slot) -> QShortcut:
    """Enter (either key) on ``view`` runs ``slot`` — only while ``view`` has the focus,
    so two lists on one tab never compete for the key, and an open cell editor keeps it."""
    shortcuts = []
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        shortcut = QShortcut(QKeySequence(key), view, activated=slot)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcuts.append(shortcut)
    return shortcuts[0]

"""Small pieces only the 目标管理 tabs use (the lists, dialogs and buttons they share
with other pages come from ``ui/toolkit``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPlainTextEdit, QWidget


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

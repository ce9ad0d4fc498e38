"""A user at the real window who counts what they do: each mouse click and each key
press beyond the text typed is one action (typing a name or a date is text; the Tab,
Enter or arrow key after it is an action). Journeys assert their count stays within
what a secretary can be asked for.

Every action goes through Qt's own input events (pytest-qt's mouse and key clicks),
so a button that is hidden, disabled or covered by a dialog cannot be "clicked"."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QWidget,
)

from tests.helpers import type_text


class CountingUser:
    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.actions: list[str] = []  # what was done, in order: the count and its story

    @property
    def count(self) -> int:
        return len(self.actions)

    def _note(self, what: str) -> None:
        self.actions.append(what)

    # -- the mouse ----------------------------------------------------------------
    def click(self, widget: QWidget, what: str = "") -> None:
        """One left click in the middle of a visible, enabled widget."""
        assert widget.isVisible(), f"clicked an invisible widget: {what or widget}"
        assert widget.isEnabled(), f"clicked a disabled widget: {what or widget}"
        self._note(what or _label(widget))
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())

    def click_later(self, find, what: str) -> None:
        """Click what ``find()`` returns once it exists: for a button inside a modal
        dialog, which blocks the call that opened it."""
        def attempt():
            widget = find()
            if widget is None or not widget.isVisible():
                QTimer.singleShot(10, attempt)
                return
            self.click(widget, what)
        QTimer.singleShot(0, attempt)

    def click_cell(self, view: QAbstractItemView, row: int, column: int, what: str = "") -> None:
        index = view.model().index(row, column)
        view.scrollTo(index)
        rect = view.visualRect(index)
        self._note(what or f"单元格 {row},{column}")
        self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    def choose(self, combo: QComboBox, text: str) -> None:
        """Open a drop-down and pick an entry: two clicks."""
        index = combo.findText(text)
        assert index >= 0, f"{text!r} is not offered: {[combo.itemText(i) for i in range(combo.count())]}"
        self._note(f"打开「{combo.currentText()}」下拉")
        self._note(f"选「{text}」")
        combo.setCurrentIndex(index)
        combo.activated.emit(index)

    # -- the keyboard --------------------------------------------------------------
    def press(self, key: Qt.Key, widget: QWidget | None = None, modifier=Qt.KeyboardModifier.NoModifier,
              what: str = "") -> None:
        target = widget or QApplication.focusWidget()
        assert target is not None, "a key pressed with nothing focused"
        self._note(what or f"按键 {Qt.Key(key).name}")
        self.qtbot.keyClick(target, key, modifier)

    def type(self, widget: QWidget, text: str) -> None:
        """Text typed (through the input method, as Chinese is): not an action."""
        type_text(widget, text)


def _label(widget: QWidget) -> str:
    if isinstance(widget, QAbstractButton) and widget.text():
        return f"「{widget.text()}」"
    return widget.objectName() or type(widget).__name__


def centre_of(widget: QWidget) -> QPoint:
    return widget.rect().center()

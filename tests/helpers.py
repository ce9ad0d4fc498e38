"""Test helpers: valid ID numbers and typing Chinese as an input method would."""

from __future__ import annotations

import datetime as dt

from branchdesk import idnumber


def make_id(birth: dt.date, serial: int = 123, region: str = "110105") -> str:
    """A valid 18-digit ID number (odd ``serial`` last digit: male)."""
    first17 = f"{region}{birth:%Y%m%d}{serial:03d}"
    return first17 + idnumber.check_digit(first17)


def type_text(widget, text: str) -> None:
    """Type ``text`` into a line edit the way a Chinese input method commits it.
    (qtbot.keyClicks aborts the process on non-ASCII keys.)"""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def answer_modal(callback) -> None:
    """Run ``callback(dialog)`` on the next modal dialog, from the event loop (a modal
    dialog blocks the call that opened it)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def attempt():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, attempt)
            return
        callback(dialog)

    QTimer.singleShot(0, attempt)

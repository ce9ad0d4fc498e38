"""Test helpers: valid ID numbers and typing Chinese as an input method would."""

from __future__ import annotations

import datetime as dt

from branchdesk.roster import idnumber


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


def saved(fill):
    """For ``answer_modal``: fill a form dialog and save it; if saving is refused, close
    it and say why."""

    def run(dialog):
        fill(dialog)
        if not dialog.save():
            dialog.reject()
            raise AssertionError(f"{dialog.windowTitle()} not saved: {dialog.general_error.text()}")
    return run


def answer_dialog(kind, callback) -> None:
    """Like ``answer_modal``, for the next dialog of class ``kind`` (a progress dialog
    shown while a worker reads a file may come first)."""

    def check(dialog):
        if isinstance(dialog, kind):
            callback(dialog)
        else:
            answer_modal(check)

    answer_modal(check)


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

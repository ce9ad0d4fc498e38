"""The app password in the window: unlock at start, lock after inactivity, and the
gate in front of criticism and self-examination texts."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from branchdesk.safety.notice import PASSWORD_SCOPE_NOTICE

from .text import tr
from .toolkit import styles

LOCK_CHECK_MS = 15_000
TOUCH_EVERY_MS = 5_000
ACTIVITY_EVENTS = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel}


class UnlockDialog(QDialog):
    """Asks for the password; ``unlock`` is the session's unlock or confirm call."""

    def __init__(self, unlock, title: str, explanation: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._unlock = unlock
        self.setWindowTitle(title)
        self.explanation = QLabel(explanation)
        self.explanation.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("unlock_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setObjectName("unlock_message")
        self.message.setStyleSheet(styles.ERROR_TEXT)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("access", "确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("access", "取消"))
        buttons.accepted.connect(self.try_unlock)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.password)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def try_unlock(self) -> None:
        result = self._unlock(self.password.text())
        self.password.clear()
        if result.ok:
            self.accept()
            return
        self.message.setText(result.message)


def ask_to_unlock(parent, session, title: str = "", explanation: str = "") -> bool:
    dialog = UnlockDialog(
        session.unlock,
        title or tr("access", "BranchDesk 已锁定"),
        explanation or tr("access", "请输入应用密码继续。"),
        parent,
    )
    return dialog.exec() == QDialog.DialogCode.Accepted


def confirm_sensitive(parent, session) -> bool:
    """Call before showing criticism or self-examination texts: True when they may be shown."""
    if not session.sensitive_gate():
        return True
    dialog = UnlockDialog(
        session.confirm_sensitive,
        tr("access", "查看敏感内容"),
        tr("access", "以下内容包含批评与自我批评、对照检查等敏感记录。请再次输入应用密码。"),
        parent,
    )
    return dialog.exec() == QDialog.DialogCode.Accepted


class InactivityLock(QObject):
    """Watches the user's keys and clicks; after the archive's idle time, hides the
    window's content behind the unlock dialog (and quits if the user cancels)."""

    def __init__(self, window, session):
        super().__init__(window)
        self._window = window
        self._session = session
        self._asking = False
        self._since_touch = QElapsedTimer()
        self._since_touch.start()
        self.timer = QTimer(self, interval=LOCK_CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def eventFilter(self, watched, event) -> bool:
        # touch() reads the policy from the database: once every few seconds is enough.
        if (event.type() in ACTIVITY_EVENTS and not self._asking and self._since_touch.elapsed() > TOUCH_EVERY_MS
                and self._session.archive_open()):
            self._session.touch()
            self._since_touch.restart()
        return False

    def check(self) -> None:
        if not self._session.archive_open():
            # the archive closed before the window went (a restore, the end of a test)
            self.timer.stop()
            return
        if self._asking or not self._session.locked():
            return
        self._asking = True
        # What is typed stays in its editor under the lock; a draft is kept too, in case
        # the PC is switched off while locked (ui/toolkit/drafting.py).
        keep_drafts = getattr(self._window, "keep_drafts", None)
        if keep_drafts is not None:
            keep_drafts()
        # Every window goes out of sight: an open member dialog shows ID numbers too.
        hidden = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not self._window]
        for widget in hidden:
            widget.hide()
        central = self._window.centralWidget()
        central.hide()
        try:
            if ask_to_unlock(self._window, self._session):
                central.show()
                for widget in hidden:
                    widget.show()
            else:
                for widget in hidden:
                    if isinstance(widget, QDialog):
                        # done(), not reject(): reject() of a dialog with typing asks whether
                        # to save it, and whoever could not unlock must not be asked that
                        widget.done(QDialog.DialogCode.Rejected)
                # Whoever could not unlock may neither save nor discard the edits: they
                # wait as drafts, offered at the next start.
                close_keeping = getattr(self._window, "close_keeping_drafts", self._window.close)
                close_keeping()
        finally:
            self._asking = False


def password_scope_label() -> QLabel:
    label = QLabel(PASSWORD_SCOPE_NOTICE)
    label.setWordWrap(True)
    label.setStyleSheet(styles.HINT_TEXT)
    return label

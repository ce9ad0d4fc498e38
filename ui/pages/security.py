"""The 应用密码 part of 设置: set, change or remove the password and the lock timings."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from branchdesk.errors import BranchDeskError, ValidationError

from ..access import password_scope_label
from ..errors import show_error
from ..text import tr
from ..toolkit import styles


class SecurityBox(QGroupBox):
    def __init__(self, archive, parent=None):
        super().__init__(tr("security", "应用密码"), parent)
        self.archive = archive
        self.state = QLabel()
        self.state.setObjectName("password_state")
        self.current = QLineEdit()
        self.current.setObjectName("current_password")
        self.new = QLineEdit()
        self.new.setObjectName("new_password")
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeat_password")
        for edit in (self.current, self.new, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.idle = QSpinBox()
        self.idle.setRange(0, 240)
        self.idle.setSuffix(tr("security", " 分钟（0 = 不自动锁定）"))
        self.confirm = QCheckBox(tr("security", "查看批评、对照检查等内容前再次输入密码"))
        self.message = QLabel()
        self.message.setObjectName("security_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(styles.ERROR_TEXT)
        form = QFormLayout()
        form.addRow(tr("security", "状态"), self.state)
        form.addRow(tr("security", "当前密码"), self.current)
        form.addRow(tr("security", "新密码"), self.new)
        form.addRow(tr("security", "再输一次"), self.repeat)
        form.addRow(tr("security", "无操作自动锁定"), self.idle)
        form.addRow("", self.confirm)
        save = QPushButton(tr("security", "保存密码设置"))
        save.clicked.connect(self.save)
        remove = QPushButton(tr("security", "取消密码"))
        remove.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        buttons.addWidget(save)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addWidget(password_scope_label())
        self.refresh()

    def refresh(self) -> None:
        has = self.archive.access.has_password()
        self.state.setText(tr("security", "已设置密码") if has else tr("security", "未设置密码"))
        self.current.setEnabled(has)
        policy = self.archive.access.policy()
        self.idle.setValue(policy.lock_after_minutes)
        self.confirm.setChecked(policy.confirm_sensitive)

    def save(self) -> bool:
        """Change the password when a new one is typed, and the timings in any case."""

        def change() -> None:
            if self.new.text() or self.repeat.text():
                if self.new.text() != self.repeat.text():
                    raise ValidationError("repeat", "mismatch", tr("security", "两次输入的新密码不一致，请重新输入。"))
                self.archive.access.set_password(self.new.text(), self.current.text() or None)
            self.archive.access.set_policy(
                lock_after_minutes=self.idle.value(), confirm_sensitive=self.confirm.isChecked()
            )

        if not self._attempt(change):
            return False
        QMessageBox.information(self, tr("security", "已保存"), tr("security", "密码设置已保存。"))
        return True

    def remove(self) -> bool:
        return self._attempt(lambda: self.archive.access.remove_password(self.current.text()))

    def _attempt(self, action) -> bool:
        """Run ``action``; show what went wrong; never leave a password in the fields."""
        self.message.clear()
        try:
            action()
        except ValidationError as error:
            self.message.setText(error.detail)
            return False
        except BranchDeskError as error:
            show_error(self, error)
            return False
        finally:
            for edit in (self.current, self.new, self.repeat):
                edit.clear()
        self.refresh()
        return True

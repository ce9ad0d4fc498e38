"""登记支部公钥: the card (from a USB stick) is shown first — branch name, code, uid —
then the user types the fingerprint as read from the branch's paper or over the
phone. The same key again changes nothing; another key for an enrolled branch is
taken only with a reason (the domain logs it)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from branchdesk.errors import BranchDeskError, ValidationError, ValidationErrors

from ...text import tr
from ...toolkit import styles
from ...toolkit.forms import ErrorForm, error_label
from ...toolkit.unsaved import AsksBeforeClosing


class EnrolDialog(AsksBeforeClosing, QDialog):
    def __init__(self, upper, card_path, parent=None):
        super().__init__(parent)
        self.upper = upper
        self.card_path = card_path
        self.card = upper.read_card(card_path)  # a damaged card is refused before the dialog opens
        self.result_ = None
        self.setWindowTitle(tr("enrol", "登记支部公钥"))
        self.setMinimumWidth(560)
        enrolled = {b.branch_uid: b for b in upper.branches()}.get(self.card.branch_uid)
        self.replacing = enrolled is not None and enrolled.fingerprint != self.card.fingerprint

        self.form = ErrorForm()
        for key, label, value in (
            ("branch_name", "支部名称", self.card.branch_name),
            ("branch_code", "组织代码", self.card.branch_code or tr("enrol", "（未填）")),
            ("branch_uid", "支部编号", self.card.branch_uid),
        ):
            shown = QLabel(value)
            shown.setObjectName(f"card_{key}")
            shown.setWordWrap(key == "branch_name")  # a uid breaks badly at its hyphens
            self.form.layout_.addRow(tr("enrol", label), shown)
        self.fingerprint = self.form.add_row("fingerprint", tr("enrol", "纸上的指纹 *"), QLineEdit())
        self.fingerprint.setObjectName("enrol_fingerprint")
        self.fingerprint.setPlaceholderText(tr("enrol", "例如 3F2A 91C0 …（大小写、空格、短横线都可以）"))
        self.fingerprint.setFont(styles.monospace_font())
        how = QLabel(tr("enrol", "请照支部盖章的纸质材料（或电话里支部书记读出的）逐组输入指纹，不要从 U 盘上的文件复制。"
                                 "指纹一致才会登记。"))
        how.setWordWrap(True)
        how.setStyleSheet(styles.HINT_TEXT)
        self.reason = None
        if self.replacing:
            warning = QLabel(tr("enrol", "「{0}」已经登记了另一把公钥（指纹 {1}）。只有确认该支部更换了密钥"
                                         "（例如电脑损坏后重新建档）时才能更换。被调换的公钥正是攻击者会做的事，请先电话核实。"
                                ).format(enrolled.name, enrolled.fingerprint))
            warning.setWordWrap(True)
            warning.setObjectName("enrol_replace_warning")
            warning.setStyleSheet(styles.banner("warning"))
            self.form.layout_.addRow(warning)
            self.reason = self.form.add_row("reason", tr("enrol", "更换原因 *"), QLineEdit())
            self.reason.setObjectName("enrol_reason")
        self.general_error = error_label("enrol_error")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            tr("enrol", "更换公钥") if self.replacing else tr("enrol", "核对并登记"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("enrol", "取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("enrol", "公钥卡片：{0}").format(card_path)))
        layout.addWidget(self.form)
        layout.addWidget(how)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)

    def save(self) -> bool:
        self.general_error.hide()
        if self.reason is not None and not self.reason.text().strip():
            self.form.show_errors([ValidationError("reason", "required", tr("enrol", "请写明为什么更换该支部的公钥。"))])
            return False
        try:
            self.result_ = self.upper.enrol(self.card_path, self.fingerprint.text(),
                                            replace_reason=self.reason.text() if self.reason is not None else "")
        except ValidationErrors as errors:
            self._show(self.form.show_errors(errors.errors))
            return False
        except ValidationError as error:
            self._show(self.form.show_errors([error]))
            return False
        except BranchDeskError as error:  # e.g. the key is enrolled for another branch
            self._show([error])
            return False
        self.accept()
        return True

    def _show(self, errors) -> None:
        if errors:
            self.general_error.setText("\n".join(e.message() for e in errors))
            self.general_error.show()

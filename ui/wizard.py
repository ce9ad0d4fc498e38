"""First run: a short dialog that creates the branch (or a demo branch to try things out)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton, QVBoxLayout

from branchdesk import labels
from branchdesk.branch import BranchInfo
from branchdesk.errors import BranchDeskError, ValidationError, ValidationErrors

from .errors import show_error
from .text import tr
from .widgets import DateField, ErrorForm


class FirstRunWizard(QDialog):
    def __init__(self, archive, parent=None):
        super().__init__(parent)
        self.archive = archive
        self.demo_requested = False
        self.setWindowTitle(tr("wizard", "欢迎使用 BranchDesk — 建立支部档案"))
        intro = QLabel(
            tr(
                "wizard",
                "这是本机第一次使用。请填写支部的基本信息，以后可在“设置”中修改。\n档案库位置：{0}",
            ).format(archive.location)
        )
        intro.setWordWrap(True)
        self.form = ErrorForm()
        self.name = self.form.add_row("name", tr("wizard", "支部名称 *"), QLineEdit())
        self.name.setObjectName("wizard_name")
        self.name.setPlaceholderText(tr("wizard", "例如：前进村党支部"))
        self.kind = self.form.add_row("kind", tr("wizard", "支部类型 *"), QComboBox())
        for key, text in labels.BRANCH_KINDS.items():
            self.kind.addItem(text, key)
        self.higher = self.form.add_row("higher_org", tr("wizard", "上级党组织"), QLineEdit())
        self.higher.setPlaceholderText(tr("wizard", "例如：中共安溪镇委员会"))
        self.term = self.form.add_row(
            "term_started_on", tr("wizard", "本届任期开始"), DateField("term_started_on", "本届任期开始")
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("wizard", "建立档案"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("wizard", "退出"))
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        demo = QPushButton(tr("wizard", "先用演示数据看看（另存一处，不影响本档案库）"))
        demo.setObjectName("wizard_demo")
        demo.clicked.connect(self.create_demo)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(demo)
        layout.addWidget(buttons)

    def create(self) -> None:
        try:
            info = BranchInfo(
                name=self.name.text(),
                kind=self.kind.currentData(),
                higher_org=self.higher.text(),
                term_started_on=self.term.date(),
            )
            self.archive.branch.save_own(info)
        except ValidationErrors as errors:
            self.form.show_errors(errors.errors)
            return
        except ValidationError as error:
            self.form.show_errors([error])
            return
        except BranchDeskError as error:
            show_error(self, error)
            return
        self.accept()

    def create_demo(self) -> None:
        """Try the program on a demo branch kept in a separate folder; this archive
        stays empty, and the wizard comes back on the next start."""
        self.demo_requested = True
        self.accept()

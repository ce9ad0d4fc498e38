"""First run: a short dialog that creates the archive — a Party branch's own archive
(党支部档案) or an upper-level archive that gathers many branches (上级党委汇总档案) —
or a demo branch to try things out. The kind is chosen here and fixed afterwards."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
)

from branchdesk import labels
from branchdesk.branch import BranchInfo
from branchdesk.errors import BranchDeskError, ValidationError, ValidationErrors

from .errors import show_error
from .text import tr
from .toolkit.forms import DateField, ErrorForm

BRANCH, UPPER = "branch", "upper"


class FirstRunWizard(QDialog):
    def __init__(self, archive, parent=None):
        super().__init__(parent)
        self.archive = archive
        self.demo_requested = False
        self.setWindowTitle(tr("wizard", "欢迎使用 BranchDesk — 建立档案"))
        intro = QLabel(
            tr(
                "wizard",
                "这是本机第一次使用。请先选择档案库的类型（建立后不能更改），再填写基本信息。\n档案库位置：{0}",
            ).format(archive.location)
        )
        intro.setWordWrap(True)
        self.branch_mode = QRadioButton(tr("wizard", "党支部档案：记录本支部的党员、会议和组织生活"))
        self.branch_mode.setObjectName("wizard_mode_branch")
        self.upper_mode = QRadioButton(tr("wizard", "上级党委汇总档案：登记各支部公钥，导入各支部数据包，汇总查看"))
        self.upper_mode.setObjectName("wizard_mode_upper")
        self.modes = QButtonGroup(self)
        self.modes.addButton(self.branch_mode)
        self.modes.addButton(self.upper_mode)
        self.branch_mode.setChecked(True)

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
        self.upper_form = ErrorForm()
        self.org_name = self.upper_form.add_row("name", tr("wizard", "上级党组织名称 *"), QLineEdit())
        self.org_name.setObjectName("wizard_org_name")
        self.org_name.setPlaceholderText(tr("wizard", "例如：中共安溪镇委员会"))
        self.org_code = self.upper_form.add_row("code", tr("wizard", "组织代码"), QLineEdit())
        self.org_code.setObjectName("wizard_org_code")
        upper_note = QLabel(tr("wizard", "汇总档案库只导入、查看各支部上报的数据，不记录本级的党员和会议。"))
        upper_note.setWordWrap(True)
        self.upper_form.layout_.addRow(upper_note)
        self.forms = QStackedWidget()
        self.forms.addWidget(self.form)
        self.forms.addWidget(self.upper_form)
        self.branch_mode.toggled.connect(lambda on: self.choose_mode(BRANCH if on else UPPER))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("wizard", "建立档案"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("wizard", "退出"))
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        self.demo = QPushButton(tr("wizard", "先用演示数据看看（另存一处，不影响本档案库）"))
        self.demo.setObjectName("wizard_demo")
        self.demo.clicked.connect(self.create_demo)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.branch_mode)
        layout.addWidget(self.upper_mode)
        layout.addWidget(self.forms)
        layout.addWidget(self.demo)
        layout.addWidget(buttons)

    @property
    def mode(self) -> str:
        return BRANCH if self.branch_mode.isChecked() else UPPER

    def choose_mode(self, mode: str) -> None:
        (self.branch_mode if mode == BRANCH else self.upper_mode).setChecked(True)
        self.forms.setCurrentWidget(self.form if mode == BRANCH else self.upper_form)
        self.demo.setVisible(mode == BRANCH)

    def create(self) -> None:
        form = self.form if self.mode == BRANCH else self.upper_form
        try:
            if self.mode == BRANCH:
                info = BranchInfo(
                    name=self.name.text(),
                    kind=self.kind.currentData(),
                    higher_org=self.higher.text(),
                    term_started_on=self.term.date(),
                )
                self.archive.branch.save_own(info)
            else:
                self.archive.upper.create(self.org_name.text(), self.org_code.text())
        except ValidationErrors as errors:
            form.show_errors(errors.errors)
            return
        except ValidationError as error:
            form.show_errors([error])
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

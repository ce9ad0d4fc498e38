"""First run: a short dialog that creates the archive — a Party branch's own archive
(党支部档案) or an upper-level archive that gathers many branches (上级党委汇总档案) —
or a demo branch to try things out. The kind is chosen here and fixed afterwards.

A branch archive then takes, one step each and every step skippable, its committee,
its party groups and its roster (``steps.py``); 设置 reopens each step later. Enter
moves on, so a secretary types and presses Enter from the first field to the end."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from branchdesk import clock, labels
from branchdesk.branch import BranchInfo
from branchdesk.errors import BranchDeskError, ValidationError, ValidationErrors
from branchdesk.setup.start import parse_start, set_record_start

from ..errors import show_error
from ..text import tr
from ..toolkit.forms import DateField, ErrorForm
from ..toolkit.unsaved import ask_before_leaving
from .steps import CommitteeStep, GroupsStep, RosterStep

BRANCH, UPPER = "branch", "upper"


class FirstRunWizard(QDialog):
    def __init__(self, archive, parent=None):
        super().__init__(parent)
        self.archive = archive
        self.demo_requested = False
        self.steps: list = []  # the set-up steps, made once the branch exists
        self.setWindowTitle(tr("wizard", "欢迎使用 BranchDesk — 建立档案"))
        self.resize(820, 600)
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
        self.code = self.form.add_row("code", tr("wizard", "组织代码"), QLineEdit())
        self.code.setObjectName("wizard_code")
        self.kind = self.form.add_row("kind", tr("wizard", "支部类型 *"), QComboBox())
        for key, text in labels.BRANCH_KINDS.items():
            self.kind.addItem(text, key)
        self.higher = self.form.add_row("higher_org", tr("wizard", "上级党组织"), QLineEdit())
        self.higher.setPlaceholderText(tr("wizard", "例如：中共安溪镇委员会"))
        self.term = self.form.add_row(
            "term_started_on", tr("wizard", "本届任期开始"), DateField("term_started_on", "本届任期开始")
        )
        self.start = self.form.add_row("start", tr("wizard", "从何时开始记录 *"), QLineEdit())
        self.start.setObjectName("wizard_start")
        self.start.setText(f"{clock.today():%Y-%m}")
        self.start.setToolTip(tr("wizard", "此前各月不计入三会一课缺失。可在「设置」中修改。"))
        self.form.layout_.addRow(QLabel(tr("wizard", "（年-月；此前各月不计入三会一课缺失）")))
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
        self.demo = QPushButton(tr("wizard", "先用演示数据看看（另存一处，不影响本档案库）"))
        self.demo.setObjectName("wizard_demo")
        self.demo.setAutoDefault(False)
        self.demo.clicked.connect(self.create_demo)

        first = QWidget()
        first_layout = QVBoxLayout(first)
        first_layout.setContentsMargins(0, 0, 0, 0)
        first_layout.addWidget(intro)
        first_layout.addWidget(self.branch_mode)
        first_layout.addWidget(self.upper_mode)
        first_layout.addWidget(self.forms)
        first_layout.addStretch(1)
        first_layout.addWidget(self.demo)
        self.pages = QStackedWidget()
        self.pages.addWidget(first)

        self.heading = QLabel()
        self.heading.setObjectName("wizard_heading")
        self.heading.setStyleSheet("font-weight: bold;")
        self.back_button = QPushButton(tr("wizard", "上一步"))
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self.back)
        self.skip_button = QPushButton(tr("wizard", "跳过此步"))
        self.skip_button.setObjectName("wizard_skip")
        self.skip_button.setAutoDefault(False)
        self.skip_button.clicked.connect(self.skip)
        self.next_button = QPushButton()
        self.next_button.setObjectName("wizard_next")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next)
        self.quit_button = QPushButton(tr("wizard", "退出"))
        self.quit_button.setAutoDefault(False)
        self.quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        for button in (self.back_button, self.skip_button, self.next_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self._show_step(0)
        self.name.setFocus()

    @property
    def mode(self) -> str:
        return BRANCH if self.branch_mode.isChecked() else UPPER

    @property
    def step_index(self) -> int:
        return self.pages.currentIndex()

    def current_step(self):
        return self.steps[self.step_index - 1] if self.step_index > 0 else None

    def choose_mode(self, mode: str) -> None:
        (self.branch_mode if mode == BRANCH else self.upper_mode).setChecked(True)
        self.forms.setCurrentWidget(self.form if mode == BRANCH else self.upper_form)
        self.demo.setVisible(mode == BRANCH)

    # -- moving between steps ----------------------------------------------------
    def _show_step(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        total = 1 + len(self.steps) if self.steps else 4
        title = tr("wizard", "支部基本信息") if index == 0 else tr("wizard", self.steps[index - 1].title)
        self.heading.setText(tr("wizard", "第 {0} 步，共 {1} 步：{2}").format(index + 1, total, title))
        last = index == total - 1
        self.next_button.setText(tr("wizard", "完成") if last and index else
                                 (tr("wizard", "建立档案") if index == 0 and not self.steps else tr("wizard", "下一步")))
        self.back_button.setVisible(index > 0)
        self.skip_button.setVisible(index > 0)
        self.quit_button.setText(tr("wizard", "退出") if not self.steps else tr("wizard", "以后再填"))
        step = self.current_step()
        if step is not None:
            step.load()
            step.table.start()

    def next(self) -> None:
        if self.step_index == 0:
            if self.create() and self.steps:
                self._show_step(1)
            return
        if not self.current_step().save():
            return
        self._advance()

    def skip(self) -> None:
        step = self.current_step()
        if step is not None:
            step.discard_changes()
        self._advance()

    def back(self) -> None:
        step = self.current_step()
        if step is not None and not ask_before_leaving(self, [step]):
            return
        self._show_step(self.step_index - 1)

    def _advance(self) -> None:
        if self.step_index >= len(self.steps):
            self.accept()
        else:
            self._show_step(self.step_index + 1)

    def reject(self) -> None:
        """Before the archive exists: leave, after 保存 / 不保存 / 取消 when the first page
        holds typing (保存 creates the archive and opens the window). After: what is
        typed is saved (or not, as answered) and the window opens; the rest is in 设置."""
        if not self.isVisible():
            super().reject()
        elif not self.steps:
            if not ask_before_leaving(self, [_FirstPageTyping(self)]):
                return
            if self.steps or self.archive.upper.is_upper:
                self.accept()  # 保存 made the archive: the window opens on it
            else:
                super().reject()
        elif ask_before_leaving(self, [s for s in self.steps]):
            self.accept()

    def first_page_typed(self) -> bool:
        fields = (self.name, self.code, self.higher) if self.mode == BRANCH else (self.org_name, self.org_code)
        return any(field.text().strip() for field in fields)

    # -- the first step ------------------------------------------------------------
    def create(self) -> bool:
        """Create (or, coming back, update) the archive; True when it was stored."""
        form = self.form if self.mode == BRANCH else self.upper_form
        form.clear_errors()
        try:
            if self.mode == BRANCH:
                self._save_branch()
            else:
                self.archive.upper.create(self.org_name.text(), self.org_code.text())
        except ValidationErrors as errors:
            form.show_errors(errors.errors)
            return False
        except ValidationError as error:
            form.show_errors([error])
            return False
        except BranchDeskError as error:
            show_error(self, error)
            return False
        if self.mode == UPPER:
            self.accept()
            return True
        if not self.steps:
            self.steps = [CommitteeStep(self.archive), GroupsStep(self.archive), RosterStep(self.archive)]
            for step in self.steps:
                self.pages.addWidget(step)
                step.finished.connect(self.next, Qt.ConnectionType.QueuedConnection)
            self.branch_mode.setEnabled(False)
            self.upper_mode.setEnabled(False)
            self.demo.hide()
        return True

    def _save_branch(self) -> None:
        problems = []
        start = term = None
        try:
            start = parse_start(self.start.text())
        except ValidationError as error:
            problems.append(error)
        try:
            term = self.term.date()
        except ValidationError as error:
            problems.append(error)
        if problems:
            raise ValidationErrors(problems)
        current = self.archive.branch.own_or_none()
        info = BranchInfo(name=self.name.text(), kind=self.kind.currentData(), code=self.code.text(),
                          higher_org=self.higher.text(), term_started_on=term,
                          committee=current.committee if current else [])
        with self.archive.bound(), self.archive.db.atomic():
            self.archive.branch.save_own(info)
            set_record_start(self.archive, start)

    def create_demo(self) -> None:
        """Try the program on a demo branch kept in a separate folder; this archive
        stays empty, and the wizard comes back on the next start."""
        self.demo_requested = True
        self.accept()



class _FirstPageTyping:
    """The first page as an editor with unsaved edits (ui/toolkit/unsaved.py): before
    the archive exists, 退出 or ✕ would drop a typed branch name without a word."""

    def __init__(self, wizard: FirstRunWizard):
        self.wizard = wizard

    def has_unsaved_changes(self) -> bool:
        return self.wizard.first_page_typed()

    def unsaved_description(self) -> str:
        return tr("wizard", "「支部基本信息」") if self.wizard.mode == BRANCH else tr("wizard", "「上级党组织」")

    def save_changes(self) -> bool:
        return self.wizard.create()

    def discard_changes(self) -> None:
        """Nothing is stored yet: leaving is the discarding."""

"""Add or edit one member; errors appear under the field they concern."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
)

from branchdesk import labels
from branchdesk.errors import BranchDeskError, ValidationError, ValidationErrors
from branchdesk.roster import idnumber, status_rules
from branchdesk.roster.members import MemberForm
from branchdesk.text import NAME_MAX

from ..errors import show_error
from ..text import tr
from ..toolkit.forms import DateField, ErrorForm, error_label, read_dates
from ..toolkit.unsaved import AsksBeforeClosing


class MemberDialog(AsksBeforeClosing, QDialog):
    def __init__(self, archive, member_id: int | None = None, parent=None):
        super().__init__(parent)
        self.archive = archive
        self.member_id = member_id
        self.saved_id: int | None = None
        self.setWindowTitle(tr("members", "新增党员") if member_id is None else tr("members", "编辑党员信息"))
        self.resize(560, 640)

        form = self.form = ErrorForm()
        self.name_edit = form.add_row("name", tr("members", "姓名 *"), QLineEdit())
        self.name_edit.setMaxLength(NAME_MAX)
        self.id_edit = form.add_row("id_number", tr("members", "公民身份号码 *"), QLineEdit())
        self.id_edit.setMaxLength(24)
        self.show_id = QCheckBox(tr("members", "显示完整号码"))
        self.show_id.setChecked(member_id is None)
        self.show_id.toggled.connect(self._toggle_id_echo)
        form.layout_.addRow("", self.show_id)
        self.derived = QLabel()
        form.layout_.addRow("", self.derived)
        self.id_edit.textChanged.connect(self._update_derived)
        self.ethnicity = form.add_row("ethnicity", tr("members", "民族"), QComboBox())
        self.ethnicity.setEditable(True)
        self.ethnicity.addItems(labels.ETHNICITIES)
        self.education = form.add_row("education", tr("members", "学历"), QComboBox())
        self.education.setEditable(True)
        self.education.addItems([""] + labels.EDUCATION_LEVELS)
        self.phone = form.add_row("phone", tr("members", "联系电话"), QLineEdit())
        self.job = form.add_row("job", tr("members", "工作岗位"), QLineEdit())
        self.status = form.add_row("status", tr("members", "党员状态 *"), QComboBox())
        self.status_hint = QLabel()
        self.status_hint.hide()
        form.layout_.addRow("", self.status_hint)
        self.status_date = form.add_row("status_changed_on", tr("members", "状态变更日期 *"),
                                        DateField("status_changed_on", "状态变更日期"))
        self.status_reason = form.add_row("status_reason", tr("members", "状态变更原因 *"), QLineEdit())
        self.status_reason.setPlaceholderText(tr("members", "例如：支部大会讨论通过；因病去世"))
        self.loaded_status: str | None = None
        self._fill_statuses(None)
        self._show_status_change()
        self.status.currentIndexChanged.connect(self._show_status_change)
        self.joined = form.add_row("joined_on", tr("members", "入党日期 *"), DateField("joined_on", "入党日期"))
        self.full = form.add_row("full_on", tr("members", "转正日期"), DateField("full_on", "转正日期"))
        self.exception = form.add_row("full_exception", tr("members", "提前转正说明"), QLineEdit())
        self.exception.setPlaceholderText(tr("members", "转正不满一年时写明原因，否则留空"))
        self.group = form.add_row("group_id", tr("members", "党小组"), QComboBox())
        self.group.addItem(tr("members", "（未分组）"), None)
        for group in archive.groups.list():
            self.group.addItem(group.name, group.id)
        self.note = form.add_row("note", tr("members", "备注"), QPlainTextEdit())
        self.note.setFixedHeight(70)
        # fixed height: the row keeps it, the label stays beside the box (a growing row centred it far below)
        self.note.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        scroll = QScrollArea()
        scroll.setWidget(form)
        scroll.setWidgetResizable(True)
        self.general_error = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("members", "保存 (Ctrl+S)"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("members", "取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)

        if member_id is not None:
            self._load(member_id)
        self._toggle_id_echo(self.show_id.isChecked())
        self.name_edit.setFocus()

    def _load(self, member_id: int) -> None:
        record = self.archive.members.get(member_id)
        self.name_edit.setText(record.name)
        self.id_edit.setText(record.id_number)
        self.ethnicity.setCurrentText(record.ethnicity)
        self.education.setCurrentText(record.education)
        self.phone.setText(record.phone)
        self.job.setText(record.job)
        self.loaded_status = record.status
        self._fill_statuses(record.status)
        self.joined.set_date(record.joined_on)
        self.full.set_date(record.full_on)
        self.exception.setText(record.full_exception)
        self.group.setCurrentIndex(max(self.group.findData(record.group_id), 0))
        self.note.setPlainText(record.note)

    def _fill_statuses(self, current: str | None) -> None:
        """The statuses a hand edit may set; 已转出 and 开除党籍 come from their registers
        (docs/domain.md §1, 党员状态的变更): shown, fixed, for a member who has one."""
        self.status.blockSignals(True)
        self.status.clear()
        for key, text in labels.MEMBER_STATUSES.items():
            if status_rules.by_hand(key) or key == current:
                self.status.addItem(text, key)
        self.status.setCurrentIndex(max(self.status.findData(current), 0))
        self.status.blockSignals(False)
        fixed = current is not None and not status_rules.by_hand(current)
        self.status.setEnabled(not fixed)
        self.status_hint.setText(tr("members", "回到本支部：「组织关系」页「转入…」")
                                 if current == "transferred" else
                                 tr("members", "由「奖惩」中的处分记录产生") if fixed else
                                 tr("members", "转出：「组织关系」页「转出…」（开具介绍信）"))
        self.status_hint.setVisible(current is not None)

    def _show_status_change(self) -> None:
        """Its day and reason are asked for only when the status changes (the day of a
        death is called 去世日期)."""
        status = self.status.currentData()
        changing = self.loaded_status is not None and status != self.loaded_status
        for widget in (self.status_date, self.status_reason):
            self.form.layout_.setRowVisible(widget.parentWidget(), changing)
        self.status_date.label = status_rules.date_label(status or "")
        label = self.form.layout_.labelForField(self.status_date.parentWidget())
        if status == "full":  # a 转正 is dated by the 转正日期 unless told otherwise
            label.setText(tr("members", "状态变更日期"))
            self.status_date.setPlaceholderText(tr("members", "留空即按转正日期"))
            return
        label.setText(tr("members", "去世日期 *") if status == "deceased" else tr("members", "状态变更日期 *"))
        self.status_date.setPlaceholderText(tr("members", "例如 2024-03-01"))

    def _toggle_id_echo(self, show: bool) -> None:
        self.id_edit.setEchoMode(QLineEdit.EchoMode.Normal if show else QLineEdit.EchoMode.Password)

    def _update_derived(self, text: str) -> None:
        try:
            facts = idnumber.parse(text)
        except ValidationError:
            self.derived.setText("")
            return
        self.derived.setText(tr("members", "出生日期 {0}，性别 {1}（由号码得出）").format(facts.birth_date.isoformat(), facts.gender))

    def collect(self) -> MemberForm:
        """The form's contents; unreadable dates raise ValidationErrors for their fields."""
        dates = read_dates(self.joined, self.full)
        return MemberForm(
            name=self.name_edit.text(),
            id_number=self.id_edit.text(),
            ethnicity=self.ethnicity.currentText(),
            education=self.education.currentText(),
            phone=self.phone.text(),
            job=self.job.text(),
            joined_on=dates["joined_on"],
            full_on=dates["full_on"],
            full_exception=self.exception.text(),
            status=self.status.currentData(),
            group_id=self.group.currentData(),
            note=self.note.toPlainText(),
        )

    def save(self) -> None:
        """Validate and store; on error nothing is saved and each message sits by its field."""
        self.general_error.hide()
        try:
            form = self.collect()
            if self.member_id is None:
                self.saved_id = self.archive.members.add(form)
            else:
                changing = form.status != self.loaded_status
                day = read_dates(self.status_date)["status_changed_on"] if changing else None
                self.archive.members.update(self.member_id, form, status_reason=self.status_reason.text(),
                                            status_changed_on=day)
                self.saved_id = self.member_id
        except ValidationErrors as errors:
            self._show_validation(errors.errors)
            return
        except ValidationError as error:
            self._show_validation([error])
            return
        except BranchDeskError as error:
            show_error(self, error)
            return
        self.form.clear_errors()
        self.accept()

    def _show_validation(self, errors: list[ValidationError]) -> None:
        rest = self.form.show_errors(errors)
        if rest:
            self.general_error.setText("\n".join(e.message() for e in rest))
            self.general_error.show()

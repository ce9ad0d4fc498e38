"""The form for a person's next step: only the fields that step records are shown
(people from the roster, the 审批 body, the decision, the meeting that decided it …).
What is typed here is kept until saved or discarded (docs/design.md rule 16)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from branchdesk import clock, labels
from branchdesk.errors import BranchDeskError, ValidationError, ValidationErrors
from branchdesk.recruit import BY_KEY, StepForm, StepPerson, numbered_title

from ...errors import show_error
from ...text import tr
from ...toolkit.actions import button
from ...toolkit.drafting import CHANGED, GONE, apply_draft, draft_of
from ...toolkit.form_state import TrackedForm
from ...toolkit.forms import DateField, ErrorForm, error_label
from ...toolkit.name_completer import attach_name_completer, has_member

PEOPLE_SLOTS = 3
EXTENSIONS = range(6, 13)


def _people_box(archive) -> QComboBox:
    """A 正式党员 picked from the roster by typing (characters or pinyin), or a name typed
    for someone outside the branch (the 上级党委's 谈话人)."""
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.setMinimumContentsLength(6)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.addItem("", None)
    for member in archive.members.all_active():
        if member.status == "full":
            box.addItem(member.name, member.id)
    attach_name_completer(box, has_member)
    return box


def _number(field: QLineEdit, key: str, label: str) -> int | None:
    text = field.text().strip()
    if not text:
        return None
    if not text.isdigit():
        raise ValidationError(key, "number", tr("recruit", "「{0}」请填写整数，例如 3。").format(label))
    return int(text)


class StepEditor(QWidget):
    def __init__(self, page):
        super().__init__()
        self.page = page
        self.archive = page.archive
        self.person_id: int | None = None
        self.person_name = ""
        # (person, step, meeting) of the record made with 「新建会议记录…」: coming back from
        # 会议 once it is held, the form shows that step with that meeting already chosen.
        self.planned: tuple[int, str, int] | None = None
        self.title = QLabel()
        self.title.setObjectName("recruit_editor_title")
        self.title.setWordWrap(True)
        self.step = QComboBox()
        self.step.setObjectName("recruit_step")
        self.step.currentIndexChanged.connect(self._step_chosen)
        form = self.form = ErrorForm()
        self.done_on = form.add_row("done_on", tr("recruit", "日期"), DateField("done_on", tr("recruit", "日期")))
        meeting_row = QWidget()
        meeting_layout = QHBoxLayout(meeting_row)
        meeting_layout.setContentsMargins(0, 0, 0, 0)
        self.meeting = QComboBox()
        self.meeting.setObjectName("recruit_meeting")
        self.meeting.currentIndexChanged.connect(self._fill_resolutions)
        self.new_meeting = button(tr("recruit", "新建会议记录…"), self.plan_meeting, "recruit_new_meeting")
        meeting_layout.addWidget(self.meeting, 1)
        meeting_layout.addWidget(self.new_meeting)
        form.add_row("meeting_id", tr("recruit", "会议记录"), meeting_row)
        self.resolution = form.add_row("resolution_no", tr("recruit", "对应决议"), QComboBox())
        self.resolution.setObjectName("recruit_resolution")
        people_row = QWidget()
        people_layout = QHBoxLayout(people_row)
        people_layout.setContentsMargins(0, 0, 0, 0)
        self.people = [_people_box(self.archive) for _ in range(PEOPLE_SLOTS)]
        for number, box in enumerate(self.people, start=1):
            box.setObjectName(f"recruit_person_{number}")
            people_layout.addWidget(box)
        self.people_label = QLabel()
        form.add_row("people", tr("recruit", "人员"), people_row)
        self.body = form.add_row("body", tr("recruit", "机关"), QLineEdit())
        self.body.setObjectName("recruit_body")
        self.decision = form.add_row("decision", tr("recruit", "结果"), QComboBox())
        self.decision.setObjectName("recruit_decision")
        self.decision.currentIndexChanged.connect(self._show_rows)
        self.extension = form.add_row("extension_months", tr("recruit", "延长月数"), QComboBox())
        for months in EXTENSIONS:
            self.extension.addItem(tr("recruit", "{0} 个月").format(months), months)
        self.days = form.add_row("days", tr("recruit", "培训天数"), QLineEdit())
        self.hours = form.add_row("hours", tr("recruit", "培训学时"), QLineEdit())
        self.group = form.add_row("group_id", tr("recruit", "编入党小组"), QComboBox())
        for box in (self.resolution, self.decision, self.extension, self.group):
            box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)  # choices shown whole
        self.text = form.add_row("text", tr("recruit", "情况记载"), QPlainTextEdit())
        self.text.setObjectName("recruit_text")
        self.text.setFixedHeight(80)
        self.reason = form.add_row("reason", tr("recruit", "情况说明"), QPlainTextEdit())
        self.reason.setObjectName("recruit_reason")
        self.reason.setPlaceholderText(tr("recruit", "超出《细则》一般期限时，写明原因"))
        self.reason.setFixedHeight(56)
        self.error = error_label("recruit_error")
        self.save_button = button(tr("recruit", "登记此步骤 (Ctrl+S)"), self.save, "recruit_save")
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        step_row = QHBoxLayout()
        step_row.addWidget(QLabel(tr("recruit", "下一步")))
        step_row.addWidget(self.step, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(step_row)
        layout.addWidget(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        # choosing which step to record is not typing: only the fields count as edits
        self.tracked = TrackedForm(self, exclude=[self.step])
        self.load(None)

    # -- loading ---------------------------------------------------------------
    def load(self, person_id: int | None) -> None:
        """Show the next step of ``person_id`` (nothing when None), fields empty."""
        self.person_id = person_id
        self.error.hide()
        self.form.clear_errors()
        self.step.blockSignals(True)
        self.step.clear()
        if person_id is not None:
            dossier = self.archive.recruit.dossier(person_id)
            self.person_name = dossier.name
            for key in dossier.next_steps:
                self.step.addItem(numbered_title(key), key)
            self.title.setText(tr("recruit", "{0}（{1}）").format(dossier.name, dossier.stage_label))
        else:
            self.person_name = ""
            self.title.setText(tr("recruit", "请在上面的名单中选择一人，或新建发展档案。"))
        if self.planned and self.planned[0] == person_id and self.step.findData(self.planned[1]) >= 0:
            self.step.setCurrentIndex(self.step.findData(self.planned[1]))
        self.step.blockSignals(False)
        for field in (self.done_on, self.body, self.days, self.hours):
            field.clear()
        for field in (self.text, self.reason):
            field.clear()
        for box in self.people:
            box.setCurrentIndex(0)
        self._configure()
        self.tracked.loaded()

    def _step_chosen(self, *args) -> None:
        """Another step: its fields appear; a form with nothing typed stays unchanged."""
        untouched = not self.tracked.changed()
        self._configure()
        if untouched:
            self.tracked.loaded()

    def _configure(self, *args) -> None:
        key = self.step.currentData()
        kind = BY_KEY.get(key) if key else None
        self.decision.blockSignals(True)
        self.decision.clear()
        if kind and kind.decisions:
            for value, text in getattr(labels, kind.decisions).items():
                self.decision.addItem(text, value)
        self.decision.blockSignals(False)
        if kind and kind.body and key != "upper_filing" and not self.body.text():
            self.body.setText(self.archive.branch.own().higher_org)
        self.group.clear()
        self.group.addItem(tr("recruit", "（不编入党小组）"), None)
        for group in self.archive.groups.list():
            self.group.addItem(group.name, group.id)
        self.meeting.blockSignals(True)
        self.meeting.clear()
        if kind and kind.meeting:
            self.meeting.addItem(tr("recruit", "（请选择已召开的会议）"), None)
            for summary in self.archive.recruit.meetings_for(key):
                self.meeting.addItem(f"{summary.held_on:%Y-%m-%d} {summary.title}", summary.id)
            if self.planned and self.planned[:2] == (self.person_id, key):
                self.meeting.setCurrentIndex(max(self.meeting.findData(self.planned[2]), 0))
        self.meeting.blockSignals(False)
        self._fill_resolutions()
        if kind is not None:
            self.form.layout_.labelForField(self.text.parentWidget()).setText(kind.text_label)
        self._show_rows()
        enabled = kind is not None and not self.archive.read_only
        self.save_button.setEnabled(enabled)
        self.new_meeting.setEnabled(enabled)

    def _fill_resolutions(self, *args) -> None:
        self.resolution.clear()
        self.resolution.addItem(tr("recruit", "（按姓名自动查找）"), None)
        meeting_id = self.meeting.currentData()
        if meeting_id is not None:
            for number, text in self.archive.recruit.resolutions_of(meeting_id):
                self.resolution.addItem(tr("recruit", "第 {0} 项：{1}").format(number, text), number)

    def _show_rows(self, *args) -> None:
        key = self.step.currentData()
        kind = BY_KEY.get(key) if key else None
        shown = {
            "done_on": bool(kind) and not kind.meeting,
            "meeting_id": bool(kind and kind.meeting), "resolution_no": bool(kind and kind.meeting),
            "people": bool(kind and kind.role), "body": bool(kind and kind.body),
            "decision": bool(kind and kind.decisions),
            "extension_months": key == "full_vote" and self.decision.currentData() == "extend",
            "days": key == "training", "hours": key == "training", "group_id": key == "placement",
            "text": bool(kind), "reason": bool(kind),
        }
        for name, visible in shown.items():
            self.form.layout_.setRowVisible(self._field(name).parentWidget(), visible)
        if kind and kind.role:
            self.form.layout_.labelForField(self._field("people").parentWidget()).setText(
                labels.RECRUIT_ROLES[kind.role])
            for number, box in enumerate(self.people):
                box.setVisible(number < kind.most)

    def _field(self, key: str) -> QWidget:
        return self.form._fields[key]

    # -- saving ----------------------------------------------------------------
    def step_form(self) -> StepForm:
        key = self.step.currentData()
        kind = BY_KEY[key]
        people = []
        for box in self.people[:kind.most] if kind.role else []:
            text = box.currentText().strip()
            index = box.findText(text, Qt.MatchFlag.MatchExactly)
            member_id = box.itemData(index) if index >= 0 else None
            if text:
                people.append(StepPerson(kind.role, text, member_id))
        errors: list[ValidationError] = []

        def read(fn, *args):
            try:
                return fn(*args)
            except ValidationError as error:
                errors.append(error)
                return None

        done_on = read(self.done_on.date) if not kind.meeting else None
        days = read(_number, self.days, "days", tr("recruit", "培训天数"))
        hours = read(_number, self.hours, "hours", tr("recruit", "培训学时"))
        if errors:
            raise ValidationErrors(errors)
        return StepForm(
            step=key, done_on=done_on, people=people, body=self.body.text(),
            decision=self.decision.currentData() or "", text=self.text.toPlainText(),
            reason=self.reason.toPlainText(), days=days, hours=hours,
            extension_months=self.extension.currentData(), group_id=self.group.currentData(),
            meeting_id=self.meeting.currentData(), resolution_no=self.resolution.currentData(),
        )

    def save(self) -> bool:
        """Record the step; problems show by their fields and nothing is stored."""
        if self.person_id is None or self.step.currentData() is None:
            return False
        self.error.hide()
        try:
            self.archive.recruit.record_step(self.person_id, self.step_form())
        except (ValidationErrors, ValidationError) as error:
            errors = error.errors if isinstance(error, ValidationErrors) else [error]
            rest = self.form.show_errors(errors)
            if rest:
                self.error.setText("\n".join(e.message() for e in rest))
                self.error.show()
            return False
        except BranchDeskError as error:
            show_error(self, error)
            return False
        person_id = self.person_id
        self.load(person_id)
        self.page.step_saved(person_id)
        return True

    def plan_meeting(self) -> int | None:
        """Create the 支委会/支部党员大会 record deciding this step and open it in 会议."""
        key = self.step.currentData()
        if self.person_id is None or key is None:
            return None
        try:
            day = self.done_on.date() or clock.today()
            meeting_id = self.archive.recruit.plan_meeting([self.person_id], key, day)
        except BranchDeskError as error:
            show_error(self, error)
            return None
        self.planned = (self.person_id, key, meeting_id)
        self._configure()
        self.page.open_meeting(meeting_id)
        return meeting_id

    # -- unsaved edits (ui/toolkit/unsaved.py) ----------------------------------
    def has_unsaved_changes(self) -> bool:
        return self.person_id is not None and self.tracked.changed()

    def unsaved_description(self) -> str:
        return tr("recruit", "{0}的发展档案（{1}）").format(self.person_name, self.step.currentText())

    def discard_changes(self) -> None:
        self.load(self.person_id)

    # -- power-cut drafts (ui/toolkit/drafting.py) -------------------------------
    def draft_items(self) -> list:
        if not self.has_unsaved_changes():
            return []
        key = f"recruit-{self.person_id}-{self.step.currentData()}"
        return [draft_of(key, self.unsaved_description(), self.tracked)]

    def restore_draft(self, draft) -> str:
        """The person's next step as the draft had it, with what was typed."""
        _, person, step_key = draft.key.split("-", 2)
        try:
            self.page.open_person(int(person))
        except BranchDeskError:
            return GONE
        if self.person_id != int(person):
            return GONE
        index = self.step.findData(step_key)
        if index < 0:
            return CHANGED  # that step was recorded (or taken back) since
        self.step.setCurrentIndex(index)
        return apply_draft(self.tracked, draft, not self.archive.read_only)

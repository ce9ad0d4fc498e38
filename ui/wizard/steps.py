"""The set-up steps after the branch itself — 支部委员会, 党小组, 党员名册 — each typed in a
table and saved as a whole. The first-run wizard runs them in turn; 设置 opens each one
again later (``SetupStepDialog``). Each implements ``toolkit/unsaved.UnsavedChanges``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from branchdesk import labels
from branchdesk.branch import PROBATIONARY_REASON
from branchdesk.errors import BranchDeskError, ValidationError, ValidationErrors
from branchdesk.roster import files as roster_io
from branchdesk.roster.members import MemberForm
from branchdesk.setup.committee import CommitteeEntry, set_committee
from branchdesk.setup.roster_template import write_template

from ..dialogs.roster_import import RosterImportDialog
from ..errors import show_error
from ..text import tr
from ..toolkit import styles
from ..toolkit.exporting import ask_export_path
from ..workers import run_in_background
from .typing_table import TypedColumn, TypingTable

# The posts offered row by row: a committee of 3 first, then 5, then more.
POST_ORDER = ["secretary", "organisation", "publicity", "discipline", "deputy_secretary"]


def _member_columns() -> list[TypedColumn]:
    return [
        TypedColumn("id_number", "公民身份号码", 170),
        TypedColumn("joined_on", "入党日期", 100, is_date=True),
        TypedColumn("full_on", "转正日期", 100, is_date=True),
    ]


class SetupStep(QWidget):
    """A heading, a sentence, a table, and the messages of the last save."""

    title = ""
    finished = Signal()  # Enter on the table's empty last row: go on

    def __init__(self, archive, intro: str, table: TypingTable):
        super().__init__()
        self.archive = archive
        self.table = table
        self.table.finished_typing = self.finished.emit
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("step_error")
        self.error.setStyleSheet(styles.ERROR_TEXT)
        self.error.setWordWrap(True)
        self.error.hide()
        self.note = QLabel()
        self.note.setObjectName("step_note")
        self.note.setStyleSheet(styles.SUCCESS_TEXT)
        self.note.setWordWrap(True)
        self.note.hide()
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.intro)
        self.layout_.addWidget(self.table, 1)
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.note)
        self._loaded: list[tuple] = []

    def _cells(self) -> list[tuple]:
        keys = [c.key for c in self.table.columns]
        return [tuple(self.table.text(r, k) for k in keys) for r in self.table.typed_rows()]

    def mark_loaded(self) -> None:
        self._loaded = self._cells()

    def show_problems(self, errors: list[ValidationError], rows: list[int]) -> None:
        """Each message with its table row (``rows`` maps the n-th saved row to the table's)."""
        lines, bad = [], set()
        for error in errors:
            row = rows[error.row - 1] if error.row and error.row <= len(rows) else None
            if row is not None:
                bad.add(row)
            lines.append((tr("wizard", "第 {0} 行：").format(row + 1) if row is not None else "") + error.detail)
        self.table.mark_rows(bad)
        self.error.setText("\n".join(lines))
        self.error.show()

    def store(self, rows: list[int], read: Callable[[int], object], write: Callable[[list], object],
              sentence: Callable[[object], str]) -> bool:
        """Read every row (``read(row)``; a cell it cannot read names its row), then
        ``write`` them all — or, when any row is wrong, show every problem and store nothing."""
        values, problems = [], []
        for position, row in enumerate(rows, start=1):
            try:
                values.append(read(row))
            except ValidationError as error:
                error.row = position
                problems.append(error)
        try:
            if problems:
                raise ValidationErrors(problems)
            result = write(values)
        except ValidationErrors as errors:
            self.show_problems(errors.errors, rows)
            return False
        except BranchDeskError as error:
            show_error(self, error)
            return False
        self.load()
        self.say(sentence(result))
        return True

    def clear_problems(self) -> None:
        self.table.mark_rows(set())
        self.error.hide()

    def say(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    # -- toolkit/unsaved.UnsavedChanges ---------------------------------------------
    def has_unsaved_changes(self) -> bool:
        return not self.archive.read_only and self._cells() != self._loaded

    def unsaved_description(self) -> str:
        return self.title

    def save_changes(self) -> bool:
        return self.save()

    def discard_changes(self) -> None:
        self.clear_problems()
        self.load()

    def load(self) -> None:
        raise NotImplementedError

    def save(self) -> bool:
        raise NotImplementedError


class CommitteeStep(SetupStep):
    title = "支部委员会"

    def __init__(self, archive):
        columns = [TypedColumn("post", "职务", 100, choices=labels.COMMITTEE_POSTS),
                   TypedColumn("name", "姓名", 100)] + _member_columns()
        table = TypingTable(columns, first_typed=1, defaults=self._default_post)
        table.setObjectName("committee_entry_table")
        intro = tr("wizard", "请按职务填写支委姓名（3 至 7 人；只有书记的可只填一行）。还不在党员名册中的，"
                             "同时填写公民身份号码、入党日期和转正日期，会一并登记为党员，以后不用再填。"
                             "支委须为正式党员：{0}。一行填完按回车键到下一行，在空行上按回车键进入下一步；也可以从 Excel 表格中复制多行后粘贴（Ctrl+V）。"
                   ).format(PROBATIONARY_REASON)
        super().__init__(archive, intro, table)
        self.load()

    @staticmethod
    def _default_post(row: int) -> dict[str, str]:
        key = POST_ORDER[row] if row < len(POST_ORDER) else "committee_member"
        return {"post": labels.COMMITTEE_POSTS[key]}

    def load(self) -> None:
        seats = self.archive.branch.own().committee
        self.table.set_rows([{"post": labels.COMMITTEE_POSTS[s.post], "name": s.holder_name} for s in seats])
        self.mark_loaded()

    def save(self) -> bool:
        self.clear_problems()
        rows = self.table.typed_rows()
        if not rows or not self.has_unsaved_changes():
            return True
        def entry(row: int) -> CommitteeEntry:
            dates = {k: self.table.date(row, k) for k in ("joined_on", "full_on")}
            return CommitteeEntry(self.table.choice(row, "post") or "", self.table.text(row, "name"),
                                  self.table.text(row, "id_number"), **dates)

        return self.store(rows, entry, lambda entries: set_committee(self.archive, entries),
                          lambda saved: saved.summary())


class GroupsStep(SetupStep):
    title = "党小组"

    def __init__(self, archive):
        self.leaders = {"": ""}  # member id → name, refreshed at each load
        table = TypingTable([TypedColumn("name", "党小组名称", 240),
                             TypedColumn("leader", "组长（可不填）", 140, choices=self.leaders)])
        table.setObjectName("groups_entry_table")
        intro = tr("wizard", "支部分党小组的，请每行填写一个党小组的名称（如“第一党小组”）；不分小组的可跳过。"
                             "组长从已登记的党员中选择，也可以以后在「设置」的党小组「逐行填写…」中指定。")
        super().__init__(archive, intro, table)
        self.load()

    def load(self) -> None:
        self.leaders.clear()
        self.leaders.update({"": ""} | {str(r.id): r.name for r in self.archive.members.all_active()})
        self.groups = self.archive.groups.list()
        self.table.set_rows([{"name": g.name, "leader": g.leader_name} for g in self.groups])
        self.mark_loaded()

    def save(self) -> bool:
        self.clear_problems()
        if not self.has_unsaved_changes():
            return True
        rows = self.table.typed_rows()
        try:
            with self.archive.bound(), self.archive.db.atomic():
                for position, row in enumerate(rows):
                    current = self.groups[position] if position < len(self.groups) else None
                    try:
                        name, leader = self.table.text(row, "name"), self.table.choice(row, "leader")
                        self.archive.groups.save(name, leader_id=int(leader) if leader else None,
                                                 group_id=current.id if current else None)
                    except ValidationError as error:
                        error.row = position + 1
                        raise ValidationErrors([error]) from None
                    except ValidationErrors as errors:
                        for error in errors.errors:
                            error.row = position + 1
                        raise
                    except BranchDeskError as error:  # a name already taken
                        raise ValidationErrors([ValidationError("name", "conflict", error.message(), position + 1)]) from None
        except ValidationErrors as errors:
            self.show_problems(errors.errors, rows)
            return False
        self.load()
        self.say(tr("wizard", "党小组已保存，共 {0} 个。").format(len(self.groups)))
        return True


class RosterStep(SetupStep):
    title = "党员名册"

    def __init__(self, archive):
        self.group_choices = {"": ""}
        columns = [TypedColumn("name", "姓名", 90)] + _member_columns() + [
            TypedColumn("group", "党小组", 120, choices=self.group_choices)]
        table = TypingTable(columns)
        table.setObjectName("roster_entry_table")
        intro = tr("wizard", "其余党员可以直接在下表中逐行填写（转正日期空着的登记为预备党员），"
                             "也可以先保存 Excel 模板，填好后导入。已登记的支委不用再填。")
        super().__init__(archive, intro, table)
        self.already = QLabel()
        self.already.setObjectName("roster_already")
        self.already.setWordWrap(True)
        self.save_template_button = QPushButton(tr("wizard", "保存 Excel 模板…"))
        self.save_template_button.clicked.connect(lambda: self.save_template())
        self.import_button = QPushButton(tr("wizard", "从 Excel 导入…"))
        self.import_button.clicked.connect(lambda: self.import_roster())
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_template_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        self.layout_.insertWidget(1, self.already)
        self.layout_.insertLayout(2, buttons)
        self.load()

    def load(self) -> None:
        self.group_choices.clear()
        self.group_choices.update({"": ""} | {str(g.id): g.name for g in self.archive.groups.list()})
        self.table.setColumnHidden(4, len(self.group_choices) == 1)
        names = [r.name for r in self.archive.members.all_active()]
        self.already.setText(tr("wizard", "名册中已有 {0} 人：{1}").format(len(names), "、".join(names)) if names
                             else tr("wizard", "名册中还没有党员。"))
        self.table.set_rows([])
        self.mark_loaded()

    def save(self) -> bool:
        self.clear_problems()
        rows = self.table.typed_rows()
        if not rows:
            return True
        def form(row: int) -> MemberForm:
            full, group = self.table.date(row, "full_on"), self.table.choice(row, "group")
            return MemberForm(name=self.table.text(row, "name"), id_number=self.table.text(row, "id_number"),
                              joined_on=self.table.date(row, "joined_on"), full_on=full,
                              status="full" if full else "probationary", group_id=int(group) if group else None)

        return self.store(rows, form, self.archive.members.add_many,
                          lambda ids: tr("wizard", "已登记 {0} 名党员。").format(len(ids)))

    def save_template(self, path: str | None = None) -> Path | None:
        if not path:
            # like every export: the archive's exports/ folder, a name that is not taken yet
            path = ask_export_path(self, self.archive, tr("wizard", "保存党员名册模板"), "党员名册模板.xlsx",
                                   tr("wizard", "Excel 文件 (*.xlsx)"))
        if not path:
            return None
        try:
            saved = write_template(path)
        except BranchDeskError as error:
            show_error(self, error)
            return None
        self.say(tr("wizard", "模板已保存：{0}。请用 Excel 等表格软件填写，保存后点「从 Excel 导入…」。").format(saved))
        return saved

    def import_roster(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, tr("wizard", "选择党员名册"), str(Path.home()),
                                                  tr("wizard", "名册 (*.xlsx *.csv)"))
        if not path:
            return
        self.preview_job = run_in_background(
            self, tr("wizard", "正在检查名册…"), lambda progress: roster_io.preview(self.archive, path),
            self._show_preview, lambda error: show_error(self, error, tr("wizard", "无法读取名册")),
            db=self.archive.db,
        )

    def _show_preview(self, checked) -> None:
        dialog = RosterImportDialog(self.archive, checked, self)
        if dialog.exec():
            self.load()
            self.say(tr("wizard", "已导入 {0} 名党员。").format(len(dialog.imported_ids)))


class SetupStepDialog(QDialog):
    """One step opened from 设置: the same table, 保存 and 取消."""

    def __init__(self, step: SetupStep, parent=None):
        super().__init__(parent)
        self.step = step
        self.setWindowTitle(tr("wizard", step.title))
        self.resize(760, 460)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("wizard", "保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("wizard", "取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        step.finished.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(step, 1)
        layout.addWidget(buttons)
        step.table.start()

    def save(self) -> None:
        if self.step.save():
            self.accept()

    def reject(self) -> None:
        from ..toolkit.unsaved import ask_before_leaving

        if ask_before_leaving(self, [self.step]):
            super().reject()


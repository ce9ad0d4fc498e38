"""民主评议: the register of the year — ballot tallies in four grades (never more than
the voters), the committee's grade (优秀 at most one third, shown as you type), its
reason, feedback date and handling — saved as one record, 定稿 and 上报 like others."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from branchdesk import labels
from branchdesk.errors import BranchDeskError, ValidationError, ValidationErrors
from branchdesk.life import AppraisalEntry, AppraisalForm
from branchdesk.life.appraisal_rules import grade_counts, tally_problem

from ...errors import show_error
from ...text import tr
from ...toolkit import styles
from ...toolkit.actions import ask_text, button
from ...toolkit.form_state import TrackedForm
from ...toolkit.forms import DateField, ErrorForm, error_label, read_dates
from ...toolkit.models.rows_model import Column, RowsModel
from ...toolkit.tables import editable_table, selected_row
from ...toolkit.unsaved import AsksBeforeClosing
from .edits import EditedForm, TabEdits

GRADE_CHOICES = {"": ""} | labels.GRADES
HANDLING_CHOICES = {"": ""} | labels.HANDLINGS
FORM_FIELDS = ("held_on", "voters", "decided_on", "note")


def _total(row: dict) -> str:
    votes = [row[k] for k in ("votes_excellent", "votes_qualified", "votes_basic", "votes_unqualified")]
    return "" if all(v is None for v in votes) else str(sum(v or 0 for v in votes))


def columns() -> list[Column]:
    return [
        Column("member_name", "姓名", width=70, editable=False),
        Column("self_grade", "自评", "choice", GRADE_CHOICES, width=68),
        Column("votes_excellent", "优秀", "int", width=45),
        Column("votes_qualified", "合格", "int", width=45),
        Column("votes_basic", "基本合格", "int", width=62),
        Column("votes_unqualified", "不合格", "int", width=55),
        Column("total", "合计", width=45, display=_total),
        Column("decided_grade", "组织评定", "choice", GRADE_CHOICES, width=75),
        Column("decision_reason", "评定理由", width=90),
        Column("feedback_on", "反馈日期", "date", width=90),
        Column("handling", "处置", "choice", HANDLING_CHOICES, width=100,
               editable=lambda r: r["decided_grade"] in labels.HANDLINGS_FOR),
        Column("handling_note", "处置说明", width=120),
    ]


class AppraisalTab(TabEdits, QWidget):
    def __init__(self, page):
        super().__init__()
        self.page = page
        self.appraisal_id: int | None = None
        self.start_button = button(tr("life", "开始民主评议"), self.start, "start_appraisal")
        self.form = ErrorForm()
        self.held_on = self.form.add_row("held_on", tr("life", "民主测评日期"), DateField("held_on", "民主测评日期"))
        self.voters = self.form.add_row("voters", tr("life", "参加测评人数"), QSpinBox())
        self.voters.setRange(0, 1000)
        self.decided_on = self.form.add_row("decided_on", tr("life", "支委会评定日期"), DateField("decided_on", "支委会评定日期"))
        self.note = self.form.add_row("note", tr("life", "说明"), QLineEdit())
        self.state = QLabel()
        self.state.setObjectName("appraisal_state")
        self.limit = QLabel()
        self.limit.setObjectName("appraisal_limit")
        self.limit.setWordWrap(True)
        self.model = RowsModel(columns(), "life", self)
        self.model.row_tint = lambda r: styles.ROW_WARN if tally_problem(_entry(r), self.voters.value()) else None
        self.model.edited.connect(self.update_limit)
        self.voters.valueChanged.connect(self.update_limit)
        self.table = editable_table(self.model, "appraisal_table")
        self.banner = error_label("appraisal_banner")
        self.edit_buttons = [
            button(tr("life", "自评与互评…"), self.edit_texts, "appraisal_texts"),
            button(tr("life", "按名册补充名单"), self.from_roster),
            button(tr("life", "移出所选党员"), self.remove_selected),
            button(tr("life", "保存 (Ctrl+S)"), self.save, "save_appraisal"),
        ]
        self.edit_buttons[-1].setShortcut("Ctrl+S")
        self.state_buttons = {
            "finalise": button(tr("life", "定稿"), self.finalise, "finalise_appraisal"),
            "reopen": button(tr("life", "退回草稿…"), self.reopen),
            "report": button(tr("life", "上报并封存…"), self.report, "report_appraisal"),
        }
        head = QHBoxLayout()
        head.addWidget(self.form, 2)
        side = QVBoxLayout()
        side.addWidget(self.state)
        side.addWidget(self.limit)
        side.addStretch(1)
        head.addLayout(side, 3)
        actions = QHBoxLayout()
        actions.addWidget(self.start_button)
        for widget in self.edit_buttons + list(self.state_buttons.values()):
            actions.addWidget(widget)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.banner)
        self._track_edits()

    # -- loading ---------------------------------------------------------------
    def load(self) -> None:
        archive = self.page.archive
        self.appraisal_id = archive.appraisal.appraisal_id(self.page.year)
        self.banner.hide()
        self.form.clear_errors()
        exists = self.appraisal_id is not None
        self.start_button.setVisible(not exists)
        self.start_button.setText(tr("life", "开始 {0} 年度民主评议").format(self.page.year))
        self.start_button.setEnabled(not archive.read_only)
        if not exists:
            self.state.setText(tr("life", "{0} 年度民主评议党员还没有开始。").format(self.page.year))
            self.model.set_rows([])
            self.limit.clear()
            for widget in self.edit_buttons + list(self.state_buttons.values()):
                widget.setVisible(False)
            self.loaded_all()
            return
        detail = archive.appraisal.detail(self.appraisal_id)
        form = detail.form
        self.held_on.set_date(form.held_on)
        self.voters.setValue(form.voters)
        self.decided_on.set_date(form.decided_on)
        self.note.setText(form.note)
        self.model.set_rows([dataclasses.asdict(e) for e in form.entries])
        draft = detail.state == "draft" and not archive.read_only
        self.state.setText(tr("life", "{0} 年度民主评议（{1}）").format(detail.year, detail.state_label))
        self.model.set_read_only(not draft)
        for widget in (self.held_on, self.voters, self.decided_on, self.note):
            widget.setEnabled(draft)
        for widget in self.edit_buttons:
            widget.setVisible(True)
            widget.setEnabled(draft)
        writable = not archive.read_only
        self.state_buttons["finalise"].setVisible(detail.state == "draft")
        self.state_buttons["reopen"].setVisible(detail.state == "final")
        self.state_buttons["report"].setVisible(detail.state == "final")
        for widget in self.state_buttons.values():
            widget.setEnabled(writable)
        self.update_limit()
        self.loaded_all()

    # -- unsaved edits and drafts (edits.py) ------------------------------------
    def _track_edits(self) -> None:
        self.draft_kind = "appraisal"
        self.edited = {"grid": EditedForm(
            TrackedForm(self), lambda: tr("life", "{0} 年度民主评议党员").format(self.page.year),
            lambda: self.appraisal_id is not None and not self.model.read_only and not self.page.archive.read_only,
            self.save)}

    def entries(self) -> list[AppraisalEntry]:
        return [_entry(row) for row in self.model.rows()]

    def collect(self) -> AppraisalForm:
        """The form; a date or a count the grid could not read is named by its row."""
        dates = read_dates(self.held_on, self.decided_on)
        for n, row in enumerate(self.model.rows(), start=1):
            if isinstance(row["feedback_on"], str) and row["feedback_on"].strip():
                raise ValidationError("feedback_on", "date", tr("life", "第 {0} 行（{1}）：反馈日期“{2}”不是有效日期，"
                                                                "请写成 2024-12-20。").format(n, row["member_name"], row["feedback_on"]))
        return AppraisalForm(dates["held_on"], self.voters.value(), dates["decided_on"], self.note.text(),
                             entries=self.entries())

    def update_limit(self) -> None:
        counts = grade_counts(self.entries())
        text = counts.sentence() + "\n" + counts.limit_sentence()
        self.limit.setText(text)
        self.limit.setStyleSheet("" if counts.within_limit else styles.ERROR_TEXT_BOLD)
        self.model.refresh_computed()

    # -- actions ---------------------------------------------------------------
    def start(self) -> int | None:
        try:
            appraisal_id = self.page.archive.appraisal.create(self.page.year)
        except BranchDeskError as error:
            show_error(self, error)
            return None
        self.load()
        return appraisal_id

    def save(self) -> bool:
        self.form.clear_errors()
        return self._do(tr("life", "没有保存："),
                        lambda: self.page.archive.appraisal.save(self.appraisal_id, self.collect()))

    def from_roster(self) -> None:
        form = AppraisalForm(entries=self.entries())
        added = self.page.archive.appraisal.with_roster(form)[len(form.entries):]
        for entry in added:
            self.model.append(dataclasses.asdict(entry))

    def remove_selected(self) -> None:
        self.model.remove(selected_row(self.table))

    def edit_texts(self) -> bool:
        row = selected_row(self.table)
        if row < 0:
            return False
        values = self.model.row(row)
        dialog = RemarksDialog(values["member_name"], values["self_appraisal"], values["mutual_remarks"], self)
        if dialog.exec():
            self.model.update_row(row, {"self_appraisal": dialog.self_text.toPlainText(),
                                        "mutual_remarks": dialog.mutual.toPlainText()})
            return True
        return False

    def finalise(self) -> bool:
        if self.model.rows() and not self.model.read_only and not self.save():
            return False
        return self._do(tr("life", "还不能定稿："), lambda: self.page.archive.appraisal.finalise(self.appraisal_id))

    def reopen(self, reason: str | None = None) -> bool:
        reason = reason or ask_text(self, tr("life", "退回草稿"), tr("life", "退回原因（记入操作日志）："))
        return bool(reason) and self._do("", lambda: self.page.archive.appraisal.reopen(self.appraisal_id, reason))

    def report(self, note: str | None = None) -> bool:
        note = note if note is not None else ask_text(self, tr("life", "上报并封存"), tr("life", "上报说明（如 报镇党委）："))
        return note is not None and self._do("", lambda: self.page.archive.appraisal.report(self.appraisal_id, note))

    def _do(self, heading: str, action) -> bool:
        """Carry out a save or a state change; what is wrong is named and nothing changes."""
        self.banner.hide()
        try:
            action()
        except (ValidationErrors, ValidationError) as error:
            errors = error.errors if isinstance(error, ValidationErrors) else [error]
            rest = self.form.show_errors([e for e in errors if e.field in FORM_FIELDS])
            shown = rest + [e for e in errors if e.field not in FORM_FIELDS]
            self.banner.setText(heading + "\n" + "\n".join(e.message() for e in shown))
            self.banner.setVisible(bool(shown))
            return False
        except BranchDeskError as error:
            show_error(self, error)
            return False
        self.load()
        self.page.changed()
        return True


def _entry(row: dict) -> AppraisalEntry:
    fields = {f.name for f in dataclasses.fields(AppraisalEntry)}
    values = {k: v for k, v in row.items() if k in fields}
    for key in ("votes_excellent", "votes_qualified", "votes_basic", "votes_unqualified"):
        if values.get(key) is not None and not isinstance(values[key], int):
            values[key] = -1
    if isinstance(values.get("feedback_on"), str):
        values["feedback_on"] = None
    return AppraisalEntry(**values)


class RemarksDialog(AsksBeforeClosing, QDialog):
    def __init__(self, name: str, self_text: str, mutual: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("life", "{0}：自评与互评").format(name))
        self.resize(560, 420)
        self.self_text = QPlainTextEdit(self_text)
        self.mutual = QPlainTextEdit(mutual)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("life", "确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("life", "取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("life", "自评：")))
        layout.addWidget(self.self_text)
        layout.addWidget(QLabel(tr("life", "互评意见：")))
        layout.addWidget(self.mutual)
        layout.addWidget(buttons)

    def save(self) -> None:
        """The texts go into the grid (saved with it): nothing here can be refused."""
        self.accept()

"""发现的问题 of an inspection: each with the indicator it concerns and a suggestion;
「转入整改台账」 puts one on the 整改台账 (allowed after filing too: the ledger item is
not part of the sealed inspection)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from branchdesk import clock, labels

from ...text import tr
from ...toolkit.actions import button
from ...toolkit.forms import DateField, FormDialog, PersonCombo, choice_combo, read_dates
from ...toolkit.models.ids_model import Col, IdsModel
from ...toolkit.tables import read_only_table, select_id, selected_id
from .common import on_enter, text_box

# a problem found usually gets two months to be put right
LEDGER_DAYS = 60



class ProblemDialog(FormDialog):
    def __init__(self, archive, inspection_id: int, problem=None, code: str = "", parent=None):
        super().__init__(tr("targets", "检查发现的问题") if problem is None else tr("targets", "修改问题"), parent,
                         width=600, height=420)
        self.archive, self.inspection_id, self.problem_row = archive, inspection_id, problem
        detail = archive.targets.inspections.detail(inspection_id)
        self.code = self.form.add_row("code", tr("targets", "涉及指标"), QComboBox())
        self.code.addItem(tr("targets", "（不针对具体指标）"), "")
        for score in detail.scores:
            self.code.addItem(f"{score.code} {score.name}", score.code)
        self.problem = self.form.add_row("problem", tr("targets", "问题 *"), text_box(90))
        self.suggestion = self.form.add_row("suggestion", tr("targets", "整改建议"), text_box(70))
        wanted = problem.code if problem is not None else code
        self.code.setCurrentIndex(max(self.code.findData(wanted), 0))
        if problem is not None:
            self.problem.setPlainText(problem.problem)
            self.suggestion.setPlainText(problem.suggestion)

    def commit(self) -> int:
        inspections = self.archive.targets.inspections
        values = (self.problem.toPlainText(), self.code.currentData(), self.suggestion.toPlainText())
        if self.problem_row is None:
            return inspections.add_problem(self.inspection_id, *values)
        inspections.update_problem(self.problem_row.id, *values)
        return self.problem_row.id


class LedgerDialog(FormDialog):
    """The measure, owner and deadline a problem takes on the 整改台账."""

    def __init__(self, archive, problem, parent=None):
        super().__init__(tr("targets", "转入整改台账"), parent, width=600, height=400)
        self.archive, self.problem = archive, problem
        self.saved_item: int | None = None
        about = QPlainTextEdit(problem.problem)
        about.setReadOnly(True)
        about.setFixedHeight(60)
        self.form.add_row("problem", tr("targets", "问题"), about)
        self.measure = self.form.add_row("measure", tr("targets", "整改措施 *"), text_box(80))
        if problem.suggestion:
            self.measure.setPlainText(problem.suggestion)
        self.owner = self.form.add_row("owner_name", tr("targets", "责任人 *"), PersonCombo(archive))
        self.deadline = self.form.add_row("deadline", tr("targets", "完成时限 *"), DateField("deadline", "完成时限"))
        self.category = self.form.add_row("category", tr("targets", "类别"),
                                          choice_combo(labels.ISSUE_CATEGORIES, "other"))
        self.public = self.form.add_row("public", tr("targets", "公示"), QCheckBox(tr("targets", "在整改公示中列出")))

    def commit(self) -> int:
        member_id, name = self.owner.person()
        deadline = read_dates(self.deadline)["deadline"]
        return self.archive.targets.inspections.problem_to_ledger(
            self.problem.id, self.measure.toPlainText(), name, deadline, member_id,
            category=self.category.currentData(), public=self.public.isChecked())


class ProblemsView(QWidget):
    def __init__(self, editor):
        super().__init__()
        self.editor = editor
        self.model = IdsModel([
            Col("序号", lambda p: str(p.position), 40),
            Col("涉及指标", lambda p: p.code, 64),
            Col("问题", lambda p: p.problem, 300),
            Col("整改建议", lambda p: p.suggestion, 200),
            Col("整改台账", lambda p: "、".join(p.ledger) if p.ledger else tr("targets", "未列入"), 90),
        ], "targets", self)
        self.table = read_only_table(self.model, "problem_table", stretch=2)
        self.table.doubleClicked.connect(lambda _: self.edit())
        on_enter(self.table, self.edit)
        self.buttons = {
            "add": button(tr("targets", "新增问题…"), self.add, "problem_add"),
            "edit": button(tr("targets", "修改…"), self.edit, "problem_edit"),
            "remove": button(tr("targets", "删除"), self.remove, "problem_remove"),
            "ledger": button(tr("targets", "转入整改台账…"), self.to_ledger, "problem_ledger"),
        }
        actions = QHBoxLayout()
        for widget in self.buttons.values():
            actions.addWidget(widget)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)

    def set_problems(self, problems: list, editable: bool) -> None:
        keep = selected_id(self.table)
        self.model.set_items(problems)
        if keep is not None:
            select_id(self.table, keep)
        for key in ("add", "edit", "remove"):
            self.buttons[key].setEnabled(editable)
        self.buttons["ledger"].setEnabled(not self.editor.archive.read_only)

    def selected(self):
        problem_id = selected_id(self.table)
        return None if problem_id is None else self.model.record(self.model.row_of(problem_id))

    def _after(self, dialog) -> int | None:
        if dialog.exec() and dialog.saved_id is not None:
            self.editor.reload()
            select_id(self.table, dialog.saved_id)
            return dialog.saved_id
        return None

    def add(self) -> int | None:
        row = self.editor.scoring.current_row()
        code = row.code if row is not None else ""
        return self._after(ProblemDialog(self.editor.archive, self.editor.inspection_id, code=code, parent=self))

    def edit(self) -> int | None:
        problem = self.selected()
        if problem is None:
            return None
        if not self.buttons["edit"].isEnabled():
            self.editor.explain_locked()
            return None
        return self._after(ProblemDialog(self.editor.archive, self.editor.inspection_id, problem, parent=self))

    def remove(self) -> bool:
        problem = self.selected()
        if problem is None:
            return False
        if QMessageBox.question(self, tr("targets", "删除问题"), tr("targets", "删除这个问题吗？")) != \
                QMessageBox.StandardButton.Yes:
            return False
        if self.editor.page.run(self.editor.archive.targets.inspections.remove_problem, problem.id):
            self.editor.reload()
            return True
        return False

    def to_ledger(self) -> int | None:
        problem = self.selected()
        if problem is None:
            QMessageBox.information(self, tr("targets", "转入整改台账"), tr("targets", "请先选择一个问题。"))
            return None
        if problem.ledger and QMessageBox.question(
                self, tr("targets", "转入整改台账"),
                tr("targets", "这个问题已列入整改台账（{0}），还要再列一项吗？").format("、".join(problem.ledger))) != \
                QMessageBox.StandardButton.Yes:
            return None
        dialog = LedgerDialog(self.editor.archive, problem, self)
        dialog.deadline.set_date(clock.today() + dt.timedelta(days=LEDGER_DAYS))
        if dialog.exec() and dialog.saved_id is not None:
            self.editor.reload()
            self.editor.page.ledger_changed()
            return dialog.saved_id
        return None

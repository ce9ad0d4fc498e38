"""问题清单与对照检查: the committee's and each member's problem lists, and the 对照检查
materials (problems, causes, measures) — the latter behind the sensitive-text cover."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QHeaderView, QLabel, QVBoxLayout, QWidget

from branchdesk import labels
from branchdesk.life import ItemForm

from ...text import tr
from ...toolkit import styles
from ...toolkit.actions import button, delete_selected, exec_dialog
from ...toolkit.models.ids_model import Col, IdsModel
from ...toolkit.tables import read_only_table, selected_id
from .dialogs import ExaminationDialog, ProblemDialog
from .item_dialog import ledger_item_from
from .sensitive_cover import SensitiveCover


class ProblemsTab(QWidget):
    def __init__(self, page):
        super().__init__()
        self.page = page
        self.problem_model = IdsModel([
            Col("所属", lambda p: p.owner_label, 90),
            Col("来源", lambda p: labels.label(labels.PROBLEM_SOURCES, p.source), 70),
            Col("类别", lambda p: labels.label(labels.ISSUE_CATEGORIES, p.category), 70),
            Col("问题", lambda p: p.problem, 240),
        ], "life", self)
        self.problems = read_only_table(self.problem_model, "problem_table", stretch=3)
        self.problems.doubleClicked.connect(lambda _: self.edit_problem())
        self.problem_buttons = [
            button(tr("life", "登记问题…"), self.add_problem, "add_problem"),
            button(tr("life", "修改…"), self.edit_problem),
            button(tr("life", "删除"), self.delete_problem),
            button(tr("life", "列入整改台账…"), self.to_ledger, "problem_to_ledger"),
        ]
        problem_box = QGroupBox(tr("life", "问题清单"))
        problem_layout = QVBoxLayout(problem_box)
        problem_layout.addLayout(_row(self.problem_buttons))
        problem_layout.addWidget(self.problems, 1)

        self.exam_model = IdsModel([
            Col("检查人", lambda e: e.owner_label, 84),
            Col("提交日期", lambda e: e.submitted_on.isoformat() if e.submitted_on else "", 88),
            Col("存在的问题", lambda e: e.problems, 160),
            Col("整改措施", lambda e: e.measures, 160),
        ], "life", self)
        self.exams = read_only_table(self.exam_model, "examination_table", stretch=2)
        # the two texts share the spare width: with one of them fixed, half a 1024-pixel
        # window left the other a few pixels (「E的问」, cells of 「⋯」)
        self.exams.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.exams.doubleClicked.connect(lambda _: self.edit_exam())
        self.exam_buttons = [
            button(tr("life", "登记对照检查…"), self.add_exam, "add_examination"),
            button(tr("life", "修改…"), self.edit_exam),
            button(tr("life", "删除"), self.delete_exam),
        ]
        self.missing = QLabel()
        self.missing.setObjectName("examination_missing")
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet(styles.WARNING_TEXT)
        content = QWidget()
        exam_layout = QVBoxLayout(content)
        exam_layout.setContentsMargins(0, 0, 0, 0)
        exam_layout.addLayout(_row(self.exam_buttons))
        exam_layout.addWidget(self.exams, 1)
        exam_layout.addWidget(self.missing)
        self.cover = SensitiveCover(content, page.session, tr("life", "对照检查材料"))
        exam_box = QGroupBox(tr("life", "对照检查"))
        QVBoxLayout(exam_box).addWidget(self.cover)
        layout = QHBoxLayout(self)
        layout.addWidget(problem_box, 1)
        layout.addWidget(exam_box, 1)

    def load(self) -> None:
        detail = self.page.detail
        self.problem_model.set_items(detail.problems if detail else [])
        self.exam_model.set_items(detail.examinations if detail else [])
        self.cover.check()
        if detail is not None:
            done = {e.member_id for e in detail.examinations}
            waiting = [name for member_id, name in self.page.expected_people() if member_id not in done]
            self.missing.setText(tr("life", "尚未登记对照检查：{0}").format("、".join(waiting)) if waiting else "")
        for widget in self.problem_buttons + self.exam_buttons:
            widget.setEnabled(self.page.editable)

    def showEvent(self, event) -> None:
        self.cover.check()
        super().showEvent(event)

    # -- problems --------------------------------------------------------------
    def add_problem(self) -> int | None:
        return self._after(ProblemDialog(self.page.archive, self.page.cycle_id, parent=self), self.problems)

    def edit_problem(self) -> int | None:
        problem_id = selected_id(self.problems)
        if problem_id is None or not self.page.editable:
            return None
        return self._after(ProblemDialog(self.page.archive, self.page.cycle_id, problem_id, self), self.problems)

    def delete_problem(self) -> None:
        self._delete(self.problems, self.page.archive.life.problems.delete, tr("life", "确定删除这个问题吗？"))

    def to_ledger(self) -> int | None:
        problem_id = selected_id(self.problems)
        if problem_id is None:
            return None
        problem = self.page.archive.life.problems.get(problem_id)
        return ledger_item_from(self.page, self, ItemForm(
            self.page.year, problem.problem, source="problem", source_ref=problem.uid, category=problem.category,
            scope="member" if problem.member_id else "branch", owner_member_id=problem.member_id,
            owner_name=problem.owner_name))

    # -- examinations ----------------------------------------------------------
    def add_exam(self) -> int | None:
        if not self.cover.revealed and not self.cover.reveal():
            return None
        return self._after(ExaminationDialog(self.page.archive, self.page.cycle_id, parent=self), self.exams)

    def edit_exam(self) -> int | None:
        exam_id = selected_id(self.exams)
        if exam_id is None or not self.page.editable:
            return None
        return self._after(ExaminationDialog(self.page.archive, self.page.cycle_id, exam_id, self), self.exams)

    def delete_exam(self) -> None:
        self._delete(self.exams, self.page.archive.life.examinations.delete, tr("life", "确定删除这份对照检查吗？"))

    # -- helpers ---------------------------------------------------------------
    def _after(self, dialog, view) -> int | None:
        return exec_dialog(dialog, self.page.reload_cycle, view)

    def _delete(self, view, delete, question: str) -> None:
        delete_selected(self.page, view, question, delete, self.page.reload_cycle)


def _row(widgets) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row

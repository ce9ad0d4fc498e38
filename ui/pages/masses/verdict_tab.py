"""群众评议: the year's verdicts of the committee and of members with their satisfaction
rates, the masses' feedback, and — read-only, beside each member's 民主评议 grade — their
群众评议 (docs/domain.md §15.4). The 民主评议 rules are not touched here."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout

from branchdesk import clock
from branchdesk.service import rules

from ...text import tr
from ...toolkit.actions import button
from ...toolkit.models.ids_model import Col, IdsModel
from ...toolkit.tables import read_only_table, select_id, selected_id
from .service_common import YearTab
from .service_papers import ServicePapers


class _Beside:
    """A member's 民主评议 grade and 群众评议 rate, side by side."""

    def __init__(self, n: int, name: str, grade: str, verdict):
        self.id, self.name, self.grade, self.verdict = n, name, grade, verdict


class VerdictTab(YearTab):
    def __init__(self, archive, page=None):
        # the year-end 群众评议 is held in December: before then, last year's is the one to see
        super().__init__(archive, page, clock.today().year - (clock.today().month < 12), "verdict_year_shown")
        self.papers = ServicePapers(self)
        self.summary.setObjectName("verdict_summary")
        self.verdicts = IdsModel([
            Col(tr("masses", "评议对象"), lambda v: v.subject, 110),
            Col(tr("masses", "日期"), lambda v: v.held_on.isoformat(), 90),
            Col(tr("masses", "满意"), lambda v: str(v.satisfied), 50),
            Col(tr("masses", "基本满意"), lambda v: str(v.basic), 70),
            Col(tr("masses", "不满意"), lambda v: str(v.unsatisfied), 60),
            Col(tr("masses", "不了解"), lambda v: str(v.unknown), 60),
            Col(tr("masses", "满意率"), lambda v: rules.percent(v.rate), 70),
        ], "masses", self)
        self.table = read_only_table(self.verdicts, "verdict_table", stretch=0)
        self.table.doubleClicked.connect(lambda _: self.edit())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_feedback())
        self.feedback = QPlainTextEdit()
        self.feedback.setObjectName("verdict_feedback_view")
        self.feedback.setReadOnly(True)
        self.feedback.setMaximumHeight(90)
        self.beside = IdsModel([
            Col(tr("masses", "党员"), lambda b: b.name, 110),
            Col(tr("masses", "民主评议等次"), lambda b: b.grade, 100),
            Col(tr("masses", "群众评议满意率"), lambda b: rules.percent(b.verdict.rate) if b.verdict else "—", 110),
        ], "masses", self)
        self.beside_table = read_only_table(self.beside, "verdict_beside_appraisal", stretch=2)
        buttons = QHBoxLayout()
        for widget in (button(tr("masses", "登记评议…"), self.add, "verdict_add"),
                       button(tr("masses", "修改…"), self.edit, "verdict_edit"),
                       button(tr("masses", "删除"), self.delete, "verdict_delete"),
                       button(tr("masses", "预览 / 打印结果…"), self.preview, "verdict_preview"),
                       button(tr("masses", "导出结果 PDF…"), self.export, "verdict_export")):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        lists = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addWidget(QLabel(tr("masses", "群众意见")))
        left.addWidget(self.feedback)
        right = QVBoxLayout()
        right.addWidget(QLabel(tr("masses", "与民主评议对照（只读）")))
        right.addWidget(self.beside_table, 1)
        lists.addLayout(left, 3)
        lists.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(self.top_row())
        layout.addLayout(buttons)
        layout.addLayout(lists, 1)
        self.load()

    def load(self) -> None:
        year = self.year.value()
        verdicts = self.archive.verdicts.verdicts(year)
        self.verdicts.set_items(verdicts)
        committee = next((v for v in verdicts if v.member_id is None), None)
        self.summary.setText(
            tr("masses", "支部委员会满意率 {0}（收回 {1} 票，不了解 {2} 票不计）。").format(
                rules.percent(committee.rate), committee.ballots, committee.unknown) if committee
            else tr("masses", "{0}年还没有登记对支部委员会的群众评议。").format(year))
        self.beside.set_items(self._beside(year))
        self._show_feedback()

    def _beside(self, year: int) -> list[_Beside]:
        of_members = self.archive.verdicts.of_members(year)
        appraisal_id = self.archive.appraisal.appraisal_id(year)
        entries = self.archive.appraisal.form(appraisal_id).entries if appraisal_id else []
        rows = [_Beside(n, e.member_name, e.decided_label or tr("masses", "未评定"), of_members.get(e.member_id))
                for n, e in enumerate(entries, start=1)]
        shown = {e.member_id for e in entries}
        for member_id, verdict in of_members.items():
            if member_id not in shown:
                rows.append(_Beside(len(rows) + 1, verdict.subject, tr("masses", "未参加评议"), verdict))
        return rows

    def _show_feedback(self) -> None:
        verdict_id = selected_id(self.table)
        verdicts = {v.id: v for v in self.archive.verdicts.verdicts(self.year.value())}
        chosen = verdicts.get(verdict_id) or next((v for v in verdicts.values() if v.member_id is None), None)
        self.feedback.setPlainText("\n".join(chosen.feedback_lines) if chosen else "")

    def show_record(self, kind: str, verdict_id: int) -> None:
        verdict = self.archive.verdicts.verdict(verdict_id)
        if verdict.year != self.year.value():
            self.year.setValue(verdict.year)
        select_id(self.table, verdict_id)

    def add(self) -> bool:
        from .verdict_dialogs import VerdictDialog

        dialog = VerdictDialog(self.archive, self.year.value(), parent=self)
        if not dialog.exec():
            return False
        verdict = self.archive.verdicts.verdict(dialog.saved_id)
        if verdict.year != self.year.value():
            self.year.setValue(verdict.year)
        self._changed(tr("masses", "已登记群众评议（{0}）：满意率 {1}。").format(verdict.subject, rules.percent(verdict.rate)))
        return True

    def edit(self) -> bool:
        from .verdict_dialogs import VerdictDialog

        return self._edit_selected(self.table, lambda verdict_id: VerdictDialog(
            self.archive, self.year.value(), self.archive.verdicts.verdict(verdict_id), self),
            tr("masses", "已保存群众评议。"))

    def delete(self, confirmed: bool = False) -> bool:
        def question(verdict_id: int) -> str:
            verdict = self.archive.verdicts.verdict(verdict_id)
            return tr("masses", "删除{0}年对{1}的群众评议吗？").format(verdict.year, verdict.subject)

        return self._delete_selected(self.table, tr("masses", "删除群众评议"), question, self.archive.verdicts.delete,
                                     tr("masses", "已删除群众评议。"), confirmed)

    def _result(self):
        from branchdesk.service.boards import verdict_name, verdict_result_paper

        year = self.year.value()
        if not self.archive.verdicts.verdicts(year):
            self.page and self.page.say(tr("masses", "{0}年还没有登记群众评议。").format(year))
            return None
        return lambda: verdict_result_paper(self.archive, year), lambda: verdict_name(year)

    def preview(self) -> bool:
        result = self._result()
        return bool(result) and self.papers.preview(*result)

    def export(self, path: str | None = None) -> bool:
        result = self._result()
        return bool(result) and self.papers.export(*result, path)



"""The 换届选举 steps before the 大会: the 换届工作方案, a 批复 (of the plan or of the result)
and the candidates picked from the roster (docs/domain.md §14)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QSpinBox

from branchdesk import labels
from branchdesk.election import PlanForm, margin_needed
from branchdesk.meetings.rules import is_voting

from ...text import tr
from ...toolkit.forms import DateField, FormDialog, read_dates
from ...toolkit.models.rows_model import Column, RowsModel
from ...toolkit.tables import editable_table


class PlanDialog(FormDialog):
    """换届工作方案: the day of the 大会, the places, the 副书记, when the 请示 went up."""

    def __init__(self, archive, election_id: int | None = None, parent=None):
        title = tr("election", "登记换届工作方案") if election_id is None else tr("election", "修改换届工作方案")
        super().__init__(title, parent, width=520, height=430)
        self.archive = archive
        self.election_id = election_id
        form = self.form
        self.planned_on = form.add_row("planned_on", tr("election", "计划选举日期"), DateField("planned_on", "计划选举日期"))
        self.places = form.add_row("places", tr("election", "应选委员人数"), QSpinBox())
        self.places.setRange(1, 15)
        self.places.setValue(5)
        self.deputies = form.add_row("deputies", tr("election", "副书记人数"), QSpinBox())
        self.deputies.setRange(0, 2)
        self.submitted_on = form.add_row("submitted_on", tr("election", "请示报送日期"),
                                         DateField("submitted_on", "请示报送日期"))
        self.note = form.add_row("note", tr("election", "方案要点"), QPlainTextEdit())
        self.note.setFixedHeight(80)
        self.note.setPlaceholderText(tr("election", "如：选举办法、时间安排、工作人员（可不填）"))
        if election_id is not None:
            record = archive.election.get(election_id)
            self.planned_on.set_date(record.planned_on)
            self.places.setValue(record.places)
            self.deputies.setValue(record.deputies)
            self.submitted_on.set_date(record.plan_submitted_on)
            self.note.setPlainText(record.plan_note)

    def commit(self) -> int | None:
        dates = read_dates(self.planned_on, self.submitted_on)
        form = PlanForm(dates["planned_on"], self.places.value(), self.deputies.value(), self.note.toPlainText(),
                        dates["submitted_on"])
        return self.archive.election.plan(form, self.election_id)


class ApprovalDialog(FormDialog):
    """A 批复 of the upper organisation: of the plan (``which`` "plan") or of the result."""

    def __init__(self, archive, election_id: int, which: str = "plan", parent=None):
        title = tr("election", "登记方案批复") if which == "plan" else tr("election", "登记选举结果批复")
        super().__init__(title, parent, width=500, height=330)
        self.archive = archive
        self.election_id = election_id
        self.which = which
        form = self.form
        if which == "result":
            note = QLabel(tr("election", "登记批复后，新一届支委会和任期即生效（设置中的支委随之更新，原支委会保留在本记录中）。"))
            note.setWordWrap(True)
            form.layout_.addRow(note)
            self.submitted_on = form.add_row("submitted_on", tr("election", "结果报送日期"),
                                             DateField("submitted_on", "结果报送日期"))
        self.approved_on = form.add_row("approved_on", tr("election", "批复日期"), DateField("approved_on", "批复日期"))
        self.number = form.add_row("number", tr("election", "批复文号"), QLineEdit())
        self.number.setPlaceholderText(tr("election", "例如 安组〔2026〕12号"))

    def commit(self) -> int | None:
        if self.which == "plan":
            day = read_dates(self.approved_on)["approved_on"]
            self.archive.election.approve_plan(self.election_id, day, self.number.text())
        else:
            dates = read_dates(self.approved_on, self.submitted_on)
            self.archive.election.approve_result(self.election_id, dates["approved_on"], self.number.text(),
                                                 dates["submitted_on"])
        return self.election_id


class CandidatesDialog(FormDialog):
    """候选人: ticked in the roster; 预备党员 are listed but cannot be ticked."""

    def __init__(self, archive, election_id: int, parent=None):
        super().__init__(tr("election", "确定候选人（预备人选）"), parent, width=560, height=560)
        self.archive = archive
        self.election_id = election_id
        record = archive.election.get(election_id)
        chosen = {p.member_id for p in record.candidates}
        least = record.places + margin_needed(record.places)
        self.hint = QLabel(tr("election", "应选委员 {0} 名，差额选举：候选人至少 {1} 名（多出应选人数的 20% 以上）。"
                              "预备党员没有被选举权，不能勾选。").format(record.places, least))
        self.hint.setWordWrap(True)
        self.form.layout_.addRow(self.hint)
        self.candidates_on = self.form.add_row("candidates_on", tr("election", "确定日期"),
                                               DateField("candidates_on", "确定日期"))
        self.candidates_on.set_date(record.candidates_on)
        self.model = RowsModel([
            Column("chosen", "候选人", "check", width=60, editable=lambda r: r["eligible"]),
            Column("name", "姓名", width=100, editable=False),
            Column("status", "身份", width=200, editable=False),
        ], "election", self)
        rows = []
        for member in archive.members.all_active():
            eligible = is_voting(member.status, member.full_on)
            status = labels.label(labels.MEMBER_STATUSES, member.status)
            rows.append({"id": member.id, "chosen": member.id in chosen, "name": member.name, "eligible": eligible,
                         "status": status if eligible else status + tr("election", "（无被选举权）")})
        self.model.set_rows(rows)
        self.count = QLabel()
        self.model.edited.connect(self._count)
        self.table = editable_table(self.model, "election_candidates", stretch=2)
        self.table.setMinimumHeight(260)
        self.form.add_row("candidates", tr("election", "党员名册"), self.table)
        self.form.layout_.addRow(self.count)
        self._count()

    def _count(self) -> None:
        chosen = [r["name"] for r in self.model.rows() if r["chosen"]]
        self.count.setText(tr("election", "已选 {0} 名：{1}").format(len(chosen), "、".join(chosen)))

    def tick(self, names: list[str]) -> None:
        """Tick these members (as clicking their boxes does)."""
        from PySide6.QtCore import Qt

        for n, row in enumerate(self.model.rows()):
            if row["name"] in names:
                self.model.setData(self.model.index(n, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)

    def commit(self) -> int | None:
        day = read_dates(self.candidates_on)["candidates_on"]
        ids = [r["id"] for r in self.model.rows() if r["chosen"]]
        self.archive.election.set_candidates(self.election_id, ids, day)
        return self.election_id

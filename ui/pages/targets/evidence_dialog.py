"""Picking a record of the branch as evidence of a score row: the kind (meeting record,
组织生活会, 民主评议, rectification item, talk), then one of that year's records."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout

from branchdesk.errors import BranchDeskError
from branchdesk.targets import EVIDENCE_KINDS

from ...errors import show_error
from ...text import tr
from ...toolkit.models.ids_model import Col, IdsModel
from ...toolkit.tables import read_only_table, select_id, selected_id
from .common import on_enter


@dataclass(frozen=True)
class Candidate:
    id: int
    date: str
    title: str


def candidates(archive, kind: str, year: int) -> list[Candidate]:
    """The records of ``kind`` that may back a score of ``year``, oldest first."""
    if kind == "meeting":
        meetings = archive.meetings
        return [Candidate(s.id, s.date.isoformat(), f"{s.kind_label}：{s.title}")
                for s in meetings.summaries(meetings.query_ids(year=year, descending=False)) if s.held_on]
    if kind == "life_cycle":
        cycle = archive.life.cycle_id(year)
        return [Candidate(cycle, str(year), tr("targets", "{0}年度组织生活会").format(year))] if cycle else []
    if kind == "appraisal":
        appraisal = archive.appraisal.appraisal_id(year)
        return [Candidate(appraisal, str(year), tr("targets", "{0}年度民主评议党员").format(year))] if appraisal else []
    if kind == "rectification":
        ledger = archive.rectification
        return [Candidate(i.id, i.deadline.isoformat(), f"{i.code} {i.problem}")
                for i in ledger.summaries(ledger.query_ids(year=year))]
    talks = archive.talks
    return [Candidate(t.id, t.talked_on.isoformat() if t.talked_on else "",
                      f"{t.talker_name}—{t.partner_name} {t.content}")
            for t in talks.records(talks.query_ids(year=year, descending=False))]


class EvidencePickDialog(QDialog):
    """Link the chosen record to ``score_id``; ``saved_id`` is the evidence row's id."""

    def __init__(self, archive, score_id: int, year: int, kind: str = "meeting", parent=None):
        super().__init__(parent)
        self.archive, self.score_id, self.year = archive, score_id, year
        self.saved_id: int | None = None
        self.setWindowTitle(tr("targets", "关联佐证记录"))
        self.resize(680, 460)
        self.kind = QComboBox()
        self.kind.setObjectName("evidence_kind")
        for key, text in EVIDENCE_KINDS.items():
            if key != "file":
                self.kind.addItem(tr("targets", text), key)
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        self.kind.currentIndexChanged.connect(self.load)
        self.model = IdsModel([Col("日期", lambda c: c.date, 90), Col("记录", lambda c: c.title, 420)], "targets", self)
        self.table = read_only_table(self.model, "evidence_candidates", stretch=1)
        self.table.doubleClicked.connect(lambda _: self.link())
        on_enter(self.table, self.link)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("targets", "关联所选记录"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("targets", "取消"))
        buttons.accepted.connect(self.link)
        buttons.rejected.connect(self.reject)
        head = QHBoxLayout()
        head.addWidget(QLabel(tr("targets", "记录类别：")))
        head.addWidget(self.kind)
        head.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.load()

    def load(self) -> None:
        found = candidates(self.archive, self.kind.currentData(), self.year)
        self.model.set_items(found)
        self.empty.setText("" if found else tr("targets", "{0} 年度没有这类记录。").format(self.year))
        if found:
            self.table.selectRow(0)

    def choose(self, record_id: int) -> None:
        select_id(self.table, record_id)

    def link(self) -> bool:
        record_id = selected_id(self.table)
        if record_id is None:
            return False
        try:
            self.saved_id = self.archive.targets.inspections.add_evidence(self.score_id, self.kind.currentData(),
                                                                          record_id)
        except BranchDeskError as error:
            show_error(self, error, tr("targets", "不能关联"))
            return False
        self.accept()
        return True

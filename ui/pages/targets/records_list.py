"""The records behind a number (what an auto-measure counted, or an inspection row's
evidence) as a short list; a double click or Enter opens the record in its own page."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from branchdesk.targets import EVIDENCE_KINDS

from ...text import tr
from ...toolkit.models.ids_model import Col, IdsModel
from ...toolkit.tables import read_only_table, selected_id
from .common import on_enter


@dataclass(frozen=True)
class ShownRecord:
    """One record in the list: ``id`` is its place in the list (records of different
    kinds may share an id); ``kind`` and ``record_id`` say what to open."""

    id: int
    kind: str
    record_id: int | None
    title: str
    date: str
    evidence_id: int | None = None


def from_refs(refs) -> list[ShownRecord]:
    """MeasureResult.refs (RecordRef) as list rows."""
    return [ShownRecord(n, r.kind, r.id, r.title, r.date.isoformat() if r.date else "")
            for n, r in enumerate(refs, start=1)]


def from_evidence(links) -> list[ShownRecord]:
    """ScoreRow.evidence (EvidenceLink) as list rows."""
    return [ShownRecord(n, e.kind, e.record_id, e.title, (e.added_at or "")[:10], e.id)
            for n, e in enumerate(links, start=1)]


class RecordsList(QWidget):
    """``opened(ShownRecord)`` when the user opens one."""

    opened = Signal(object)

    def __init__(self, name: str, caption: str = "", parent=None):
        super().__init__(parent)
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        self.model = IdsModel([
            Col("类别", lambda r: tr("targets", EVIDENCE_KINDS.get(r.kind, r.kind)), 96),
            Col("日期", lambda r: r.date, 84),
            Col("记录", lambda r: r.title, 300),
        ], "targets", self)
        self.view: QTableView = read_only_table(self.model, name, stretch=2)
        self.view.doubleClicked.connect(lambda _: self.open_selected())
        on_enter(self.view, self.open_selected)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.view, 1)

    def set_records(self, rows: list[ShownRecord]) -> None:
        self.model.set_items(rows)

    def selected(self) -> ShownRecord | None:
        row_id = selected_id(self.view)
        return None if row_id is None else self.model.record(self.model.row_of(row_id))

    def open_selected(self) -> ShownRecord | None:
        record = self.selected()
        if record is not None:
            self.opened.emit(record)
        return record

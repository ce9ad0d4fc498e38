"""Meetings as a table model: the domain filters and sorts in SQL and returns ids;
rows are read in chunks the first time a view shows them."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from branchdesk import clock
from branchdesk.meetings import MeetingSummary

from ...text import tr
from ...toolkit import styles
from ...toolkit.models.lazy_ids import LazyIdTableModel

# (header, how the row shows it, sort key)
COLUMNS = [
    ("日期", lambda s, today: s.date.isoformat(), "date"),
    ("类型", lambda s, today: s.kind_label, "kind"),
    ("会议名称", lambda s, today: s.title, "title"),
    ("地点", lambda s, today: s.place, "place"),
    ("状态", lambda s, today: s.state_label(today), "state"),
    ("应到", lambda s, today: str(s.due) if s.due else "", None),
    ("实到", lambda s, today: str(s.present) if s.due else "", None),
    ("缺席", lambda s, today: str(s.absent) if s.due else "", None),
]


class MeetingTableModel(LazyIdTableModel):
    HEADERS = [title for title, _, _ in COLUMNS]
    CONTEXT = "meetings"

    def __init__(self, archive, parent=None, descending: bool = True):
        super().__init__(parent)
        self._archive = archive
        self.filters: dict = {"year": clock.today().year}
        self.sort_key = "date"
        self.descending = descending
        self.today = clock.today()
        self.refresh()

    def query_ids(self) -> list[int]:
        self.today = clock.today()
        return self._archive.meetings.query_ids(
            sort=self.sort_key, descending=self.descending, today=self.today, **self.filters
        )

    def fetch(self, ids: list[int]) -> list[MeetingSummary]:
        return self._archive.meetings.summaries(ids)

    def set_filters(self, **filters) -> None:
        self.filters = {k: v for k, v in filters.items() if v not in (None, "", False)}
        if "year" not in self.filters:
            self.filters["year"] = None
        self.refresh()

    def meeting_id(self, row: int) -> int:
        return self.id_at(row)

    def summary(self, row: int) -> MeetingSummary | None:
        return self.record(row)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not self.valid_row(index):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole):
            return None
        summary = self.summary(index.row())
        if summary is None:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return styles.ROW_WARN if summary.is_overdue(self.today) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if summary.is_overdue(self.today):
                days = (self.today - summary.planned_on).days
                return tr("meetings", "计划于 {0} 召开，已逾期 {1} 天").format(summary.planned_on.isoformat(), days)
            return None
        return COLUMNS[index.column()][1](summary, self.today)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][2] if 0 <= column < len(COLUMNS) else None
        if key is None:
            return
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()

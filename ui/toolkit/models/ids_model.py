"""A read-only list whose ids the page hands in (from a domain query that filters and
sorts in SQL), with columns described as data: ``Col(header, text, width)``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from .lazy_ids import LazyIdTableModel


@dataclass
class Col:
    header: str
    text: Callable[[object], str]
    width: int = 100


class IdsModel(LazyIdTableModel):
    """Rows are ids handed in by the page; the records behind them are fetched in
    chunks when first shown. ``fetch(ids)`` returns the records (each with an ``id``)."""

    def __init__(self, columns: Sequence[Col], context: str, parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self.HEADERS = [column.header for column in self.columns]
        self.CONTEXT = context
        self._fetch: Callable[[list[int]], list] = lambda ids: []
        self.tint: Callable[[object], QColor | None] | None = None
        # sorting happens where the ids come from (SQL): a key per column, None: not sortable
        self.sort_keys: list[str | None] = []
        self.on_sort: Callable[[str, bool], None] | None = None

    def set_ids(self, ids: list[int], fetch: Callable[[list[int]], list]) -> None:
        self.beginResetModel()
        self._ids, self._fetch = list(ids), fetch
        self._cache.clear()
        self.endResetModel()

    def set_items(self, items: list) -> None:
        """For short lists already read: the items are their own cache."""
        by_id = {item.id: item for item in items}
        self.set_ids([item.id for item in items], lambda ids: [by_id[i] for i in ids])

    def fetch(self, ids: list[int]) -> list:
        return self._fetch(ids)

    def item(self, row: int):
        return self.record(row)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.sort_keys[column] if 0 <= column < len(self.sort_keys) else None
        if key is not None and self.on_sort is not None:
            self.on_sort(key, order == Qt.SortOrder.DescendingOrder)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not self.valid_row(index):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole):
            return None
        record = self.item(index.row())
        if record is None:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.tint(record) if self.tint is not None else None
        text = self.columns[index.column()].text(record)
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if len(text) > 12 else None
        return " ".join(text.split()) if text else ""

"""The shape every list shares: the domain filters and sorts in SQL and returns ids;
rows are fetched in chunks the first time a view asks for them."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...text import tr

CHUNK = 200


class LazyIdTableModel(QAbstractTableModel):
    """Subclasses set ``HEADERS`` (column titles), ``CONTEXT`` (for ``tr``), and
    implement ``query_ids()`` and ``fetch(ids)`` (records with an ``id``)."""

    HEADERS: list[str] = []
    CONTEXT = "lists"

    def __init__(self, parent=None):
        super().__init__(parent)
        self._ids: list[int] = []
        self._cache: dict[int, object] = {}

    def query_ids(self) -> list[int]:
        raise NotImplementedError

    def fetch(self, ids: list[int]) -> list:
        raise NotImplementedError

    def refresh(self) -> None:
        self.beginResetModel()
        self._ids = self.query_ids()
        self._cache.clear()
        self.endResetModel()

    def ids(self) -> list[int]:
        """The ids shown, in display order."""
        return list(self._ids)

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, record_id: int) -> int:
        return self._ids.index(record_id) if record_id in self._ids else -1

    def record(self, row: int):
        record_id = self._ids[row]
        if record_id not in self._cache:
            start = row - row % CHUNK
            for item in self.fetch(self._ids[start : start + CHUNK]):
                self._cache[item.id] = item
        return self._cache.get(record_id)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
                return tr(self.CONTEXT, self.HEADERS[section])
            if orientation == Qt.Orientation.Vertical:
                return str(section + 1)
        return None

    def valid_row(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        return index.isValid() and 0 <= index.row() < len(self._ids)

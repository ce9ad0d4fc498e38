"""A read-only table over a list of plain objects: each column says its title and
how a cell's text is made. For short lists the domain already returns whole (the
bundles written, the branches enrolled, an import's results, a branch's records);
long lists use ``LazyIdTableModel``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from ...text import tr

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class TextColumn:
    header: str
    text: Callable[[object], str]
    centred: bool = False


class _Items:
    """The list behind a model, replaced whole."""

    _items: list

    def set_items(self, items: list) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list:
        return list(self._items)

    def item(self, row: int):
        return self._items[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)


class PlainTableModel(_Items, QAbstractTableModel):
    def __init__(self, columns: list[TextColumn], context: str, parent=None):
        super().__init__(parent)
        self.columns = columns
        self.context = context
        self._items: list = []
        # the row's background, or None: always with a cell text that says the same
        self.tint: Callable[[object, int], QColor | None] | None = None
        self.tooltip: Callable[[object], str] | None = None

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return tr(self.context, self.columns[section].header)
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._items)):
            return None
        item = self._items[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(item)
        if role == Qt.ItemDataRole.BackgroundRole and self.tint is not None:
            return self.tint(item, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and self.tooltip is not None:
            return self.tooltip(item)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.centred:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class PlainListModel(_Items, QAbstractListModel):
    """A one-column list (branches, years, categories) with the object behind each row."""

    def __init__(self, text: Callable[[object], str], parent=None, tooltip: Callable[[object], str] | None = None):
        super().__init__(parent)
        self._text = text
        self._tooltip = tooltip or text
        self._items: list = []

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._items)):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(self._items[index.row()])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(self._items[index.row()])
        return None

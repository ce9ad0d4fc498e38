"""The 标杆指标库 as a two-level tree over indicator ids: each 一级 row holds its 二级
rows. The library of a year is short (a few dozen rows), so the rows are read once per
load; the model keeps ids and looks the rows up by id."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from branchdesk.targets import measure_labels, tenths_text

from ...text import tr

Index = QModelIndex | QPersistentModelIndex
HEADERS = ["编号", "指标", "分值", "评分标准", "佐证材料", "自动计量"]
WIDTHS = [56, 190, 44, 300, 160, 104]
RULE_COLUMN = 3  # 评分标准 takes the spare width


class IndicatorTreeModel(QAbstractItemModel):
    """Top level: 一级 indicators; their children: 二级. ``internalId`` of an index is
    the indicator's id (ids are positive, so 0 never names a row)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._firsts: list[int] = []
        self._children: dict[int, list[int]] = {}
        self._parent_of: dict[int, int] = {}
        self._rows: dict[int, object] = {}
        self._measures = measure_labels()

    # -- content ---------------------------------------------------------------
    def set_library(self, detail) -> None:
        """Show ``detail`` (a LibraryDetail), or nothing for None."""
        self.beginResetModel()
        self._rows = {r.id: r for r in detail.indicators} if detail is not None else {}
        self._firsts = [r.id for r in detail.firsts] if detail is not None else []
        self._children = {f: [c.id for c in detail.children(f)] for f in self._firsts} if detail is not None else {}
        self._parent_of = {c: f for f, kids in self._children.items() for c in kids}
        self.endResetModel()

    def ids(self) -> list[int]:
        """Every indicator id in display order (一级 then its 二级)."""
        return [i for f in self._firsts for i in [f, *self._children[f]]]

    def row_for(self, index: Index):
        """The IndicatorRow at ``index`` (None for an invalid index)."""
        return self._rows.get(index.internalId()) if index.isValid() else None

    def index_of(self, indicator_id: int) -> QModelIndex:
        if indicator_id in self._children:
            return self.index(self._firsts.index(indicator_id), 0)
        parent = self._parent_of.get(indicator_id)
        if parent is None:
            return QModelIndex()
        return self.index(self._children[parent].index(indicator_id), 0, self.index(self._firsts.index(parent), 0))

    # -- Qt model --------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if column < 0 or column >= len(HEADERS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, self._firsts[row]) if row < len(self._firsts) else QModelIndex()
        kids = self._children.get(parent.internalId())
        if kids is None or parent.column() != 0 or row >= len(kids):
            return QModelIndex()
        return self.createIndex(row, column, kids[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        first = self._parent_of.get(index.internalId())
        if first is None:
            return QModelIndex()
        return self.createIndex(self._firsts.index(first), 0, first)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._firsts)
        if parent.column() != 0:
            return 0
        return len(self._children.get(parent.internalId(), ()))

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(HEADERS):
            return tr("targets", HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row_for(index)
        if row is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._text(row, column)
            if role == Qt.ItemDataRole.ToolTipRole:
                return text if len(text) > 14 else None
            return " ".join(text.split())
        if role == Qt.ItemDataRole.FontRole and row.level == 1:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _text(self, row, column: int) -> str:
        if column == 0:
            return row.code
        if column == 1:
            return row.name
        if column == 2:
            return tenths_text(row.points_x10)
        if column == 3:
            return row.scoring_rule
        if column == 4:
            return row.evidence_required
        return self._measures.get(row.measure, "") if row.measure else ""

"""The scoring sheet of one inspection: a row per 二级 indicator (over score-row ids),
the self-score, the inspector's score and the remark edited in place. An edit goes
straight to the domain (``set_score``: one transaction, bounded by the row's points);
a refusal comes back through ``edit`` and the cell keeps its stored value."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from branchdesk.targets import tenths_text

from ...text import tr
from ...toolkit import styles

Index = QModelIndex | QPersistentModelIndex


class ScoreModel(QAbstractTableModel):
    # key, header, width; the editable ones are the fields ``set_score`` takes
    # (the year's target of a row is shown beside the sheet, with its scoring rule)
    COLUMNS = [("first", "一级指标", 64), ("code", "编号", 38), ("name", "二级指标", 104), ("points", "分值", 36),
               ("measured", "自动计量", 112), ("self_score", "自评分", 50), ("score", "考核得分", 62),
               ("evidence", "佐证", 36), ("remark", "备注", 80)]
    EDITABLE = ("self_score", "score", "remark")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._ids: list[int] = []
        self._rows: dict[int, object] = {}
        self.measures: dict[str, object] = {}  # code -> MeasureResult
        self.editable = False
        # edit(row, key, text) -> True when stored; set by the editor
        self.edit: Callable[[object, str, str], bool] = lambda row, key, text: False

    def set_scores(self, scores: list, measures: dict, editable: bool) -> None:
        """Show ``scores``; the same ids as before update in place (the cursor stays)."""
        ids = [s.id for s in scores]
        self.measures, self.editable = measures, editable
        if ids == self._ids:
            self._rows = {s.id: s for s in scores}
            if ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(ids) - 1, len(self.COLUMNS) - 1))
            return
        self.beginResetModel()
        self._ids, self._rows = ids, {s.id: s for s in scores}
        self.endResetModel()

    def ids(self) -> list[int]:
        return list(self._ids)

    def row_at(self, row: int):
        return self._rows.get(self._ids[row]) if 0 <= row < len(self._ids) else None

    def row_of_code(self, code: str) -> int:
        return next((n for n, i in enumerate(self._ids) if self._rows[i].code == code), -1)

    def column_of(self, key: str) -> int:
        return [c[0] for c in self.COLUMNS].index(key)

    # -- Qt model --------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return tr("targets", self.COLUMNS[section][1])
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and self.COLUMNS[index.column()][0] in self.EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        row = self._rows[self._ids[index.row()]]
        key = self.COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return " ".join(self.text(index.row(), row, key).split())
        if role == Qt.ItemDataRole.EditRole:
            return self.text(index.row(), row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "name":
                return tr("targets", "评分标准：{0}").format(row.scoring_rule or "—")
            if key == "measured" and row.code in self.measures:
                return self.measures[row.code].explanation
            text = self.text(index.row(), row, key)
            return text if len(text) > 10 else None
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("points", "self_score", "score", "evidence"):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if key == "score" and row.score_x10 is None:
                return styles.ROW_PENDING
            if key == "first" and self.text(index.row(), row, key):
                return styles.ROW_HEADING
        return None

    def text(self, n: int, row, key: str) -> str:
        if key == "first":
            before = self.row_at(n - 1) if n > 0 else None
            return row.parent_name if before is None or before.parent_code != row.parent_code else ""
        if key == "code":
            return row.code
        if key == "name":
            return row.name
        if key == "points":
            return tenths_text(row.points_x10)
        if key == "measured":
            return suggestion_text(self.measures.get(row.code), row.points_x10)
        if key == "self_score":
            return tenths_text(row.self_score_x10)
        if key == "score":
            return tenths_text(row.score_x10)
        if key == "evidence":
            return str(len(row.evidence)) if row.evidence else ""
        return row.remark

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        row = self._rows[self._ids[index.row()]]
        return bool(self.edit(row, self.COLUMNS[index.column()][0], "" if value is None else str(value)))


def suggestion_text(result, points_x10: int) -> str:
    """「3/4 次 → 建议 15」: the measured value and the score it suggests."""
    if result is None:
        return ""
    suggested = result.suggested_x10(points_x10)
    if suggested is None:
        return tr("targets", "{0}（未到期）").format(result.value_text)
    return tr("targets", "{0} → 建议 {1}").format(result.value_text, tenths_text(suggested))

"""An editable list of rows (dicts) for the record's grids: attendance, agenda,
speeches, resolutions, tasks. Columns say how a value shows and edits; choice columns
edit through a combo box (``ChoiceDelegate``), check columns through a check box."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyledItemDelegate

from branchdesk.dates import parse_date

from ...text import tr

Index = QModelIndex | QPersistentModelIndex


@dataclass
class Column:
    key: str
    header: str
    kind: str = "text"  # text | int | date | choice | check
    choices: dict[str, str] | None = None
    width: int = 100
    # None: editable whenever the model is; a function of the row otherwise
    editable: Callable[[dict], bool] | bool | None = None
    # computed text (read-only columns)
    display: Callable[[dict], str] | None = None


class RowsModel(QAbstractTableModel):
    edited = Signal()

    def __init__(self, columns: list[Column], context: str, parent=None):
        super().__init__(parent)
        self.columns = columns
        self.context = context
        self._rows: list[dict] = []
        self.read_only = False
        self.row_tint: Callable[[dict], QColor | None] | None = None
        # tidies a row after an edit (e.g. a reason is dropped when 缺席 becomes 出席)
        self.normalise: Callable[[dict], None] | None = None

    # -- rows ------------------------------------------------------------------
    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = [dict(r) for r in rows]
        self.endResetModel()

    def rows(self) -> list[dict]:
        return [dict(r) for r in self._rows]

    def row(self, n: int) -> dict:
        return self._rows[n]

    def append(self, values: dict) -> int:
        n = len(self._rows)
        self.beginInsertRows(QModelIndex(), n, n)
        self._rows.append(dict(values))
        self.endInsertRows()
        self.edited.emit()
        return n

    def remove(self, n: int) -> None:
        if 0 <= n < len(self._rows):
            self.beginRemoveRows(QModelIndex(), n, n)
            del self._rows[n]
            self.endRemoveRows()
            self.edited.emit()

    def move(self, n: int, delta: int) -> int:
        target = n + delta
        if not (0 <= n < len(self._rows) and 0 <= target < len(self._rows)):
            return n
        self.beginMoveRows(QModelIndex(), n, n, QModelIndex(), target + (1 if delta > 0 else 0))
        self._rows.insert(target, self._rows.pop(n))
        self.endMoveRows()
        self.edited.emit()
        return target

    def update_row(self, n: int, values: dict) -> None:
        self._rows[n].update(values)
        self.dataChanged.emit(self.index(n, 0), self.index(n, len(self.columns) - 1))
        self.edited.emit()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))

    def refresh_computed(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))

    # -- Qt model interface ----------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

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

    def _editable(self, column: Column, row: dict) -> bool:
        if self.read_only or column.display is not None:
            return False
        if callable(column.editable):
            return column.editable(row)
        return column.editable is not False

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = self.columns[index.column()]
        if self._editable(column, self._rows[index.row()]):
            flags |= Qt.ItemFlag.ItemIsUserCheckable if column.kind == "check" else Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        value = row.get(column.key)
        if role == Qt.ItemDataRole.DisplayRole:
            if column.display is not None:
                return column.display(row)
            if column.kind == "check":
                return None
            return self._text(column, value)
        if role == Qt.ItemDataRole.EditRole:
            if column.kind == "date":
                return value.isoformat() if isinstance(value, dt.date) else (value or "")
            return "" if value is None else value
        if role == Qt.ItemDataRole.CheckStateRole and column.kind == "check":
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and self.row_tint is not None:
            return self.row_tint(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in ("int", "check"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _text(column: Column, value) -> str:
        if value is None:
            return ""
        if column.kind == "choice" and column.choices is not None:
            return column.choices.get(value, str(value))
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value)

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not (self.flags(index) & (Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable)):
            return False
        column = self.columns[index.column()]
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and column.kind == "check":
            row[column.key] = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        elif role == Qt.ItemDataRole.EditRole:
            row[column.key] = self._parse(column, value)
        else:
            return False
        if self.normalise is not None:
            self.normalise(row)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(self.columns) - 1))
        self.edited.emit()
        return True

    @staticmethod
    def _parse(column: Column, value):
        if column.kind == "int":
            text = str(value).strip()
            if text == "":
                return None
            try:
                return int(text)
            except ValueError:
                return -1  # the domain names the row and asks for a number
        if column.kind == "date":
            try:
                return parse_date(value)
            except ValueError:
                return str(value)  # kept as typed: saving names the row and the fix
        return "" if value is None else str(value)


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a choice column with a combo box of its labels; stores the key."""

    def __init__(self, choices: dict[str, str], parent=None):
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent, option, index):
        box = QComboBox(parent)
        for key, text in self.choices.items():
            box.addItem(text, key)
        return box

    def setEditorData(self, editor, index):
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class DateDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):
        edit = QLineEdit(parent)
        edit.setPlaceholderText("例如 2024-03-01")
        return edit

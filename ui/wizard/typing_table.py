"""A table typed like a spreadsheet: typing starts editing the current cell, Tab goes to
the next cell, Enter to the first typed column of the next row, and there is always an
empty row at the end — so a list of people is entered without a click per row. Rows
copied from Excel or WPS paste in with Ctrl+V."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QCompleter,
    QHeaderView,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
)

from branchdesk.dates import DateTextError, parse_date
from branchdesk.errors import ValidationError

from ..text import tr
from ..toolkit import styles


@dataclass
class TypedColumn:
    key: str
    title: str
    width: int = 110
    choices: dict[str, str] | None = None  # key → label: a drop-down instead of text
    is_date: bool = False


class _Delegate(QStyledItemDelegate):
    def __init__(self, table: TypingTable):
        super().__init__(table)
        self.table = table

    def createEditor(self, parent, option, index):
        column = self.table.columns[index.column()]
        if column.choices is None:
            return super().createEditor(parent, option, index)
        # editable, so the choice is typed like any other cell (the list completes it)
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for key, text in column.choices.items():
            combo.addItem(text, key)
        # inline completion: no popup to take the keyboard from the table
        combo.completer().setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
        return combo

    def setEditorData(self, editor, index):
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findText(index.data() or ""), 0))
            editor.lineEdit().selectAll()
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText())
        else:
            super().setModelData(editor, model, index)

    def eventFilter(self, editor, event):
        if event.type() == QEvent.Type.KeyPress and event.matches(QKeySequence.StandardKey.Paste):
            copied = QApplication.clipboard().text()
            if "\t" in copied or "\n" in copied.strip():
                # cells copied from a spreadsheet: into the table, not all into this one cell
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                self.table.paste(copied)
                return True
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            if self.table.currentRow() in self.table.typed_rows():
                self.table.next_row()
            else:  # Enter on an empty row: the list is done
                self.table.finished_typing()
            return True
        return super().eventFilter(editor, event)


class TypingTable(QTableWidget):
    def __init__(self, columns: list[TypedColumn], first_typed: int = 0, defaults=None, parent=None):
        """``first_typed``: the column Enter goes to; ``defaults(row)`` fills a new row's
        cells (e.g. the next committee post), as {key: label}."""
        super().__init__(0, len(columns), parent)
        self.columns = columns
        self.first_typed = first_typed
        self.defaults = defaults or (lambda row: {})
        self.finished_typing = lambda: None  # Enter on an empty row; the owner sets what follows
        self.setHorizontalHeaderLabels([tr("wizard", c.title) for c in columns])
        for index, column in enumerate(columns):
            self.setColumnWidth(index, column.width)
        self.horizontalHeader().setSectionResizeMode(len(columns) - 1, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setDefaultSectionSize(30)
        self.setItemDelegate(_Delegate(self))
        self.setTabKeyNavigation(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.CurrentChanged | QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.SelectedClicked)
        self.itemChanged.connect(self._keep_blank_row)
        self.add_row()

    # -- rows ------------------------------------------------------------------
    def add_row(self, values: dict[str, str] | None = None) -> int:
        row = self.rowCount()
        self.blockSignals(True)
        self.insertRow(row)
        filled = self.defaults(row) | (values or {})
        for index, column in enumerate(self.columns):
            self.setItem(row, index, QTableWidgetItem(filled.get(column.key, "")))
        self.blockSignals(False)
        return row

    def set_rows(self, rows: list[dict[str, str]]) -> None:
        self.setRowCount(0)
        for values in rows:
            self.add_row(values)
        self.add_row()

    def text(self, row: int, key: str) -> str:
        item = self.item(row, self._index(key))
        return (item.text() if item else "").strip()

    def choice(self, row: int, key: str) -> str | None:
        """The key of the cell's choice; None when empty. A text that is no choice raises
        ValidationError naming the row, the column and what can be chosen."""
        column = self.columns[self._index(key)]
        text = self.text(row, key)
        found = next((k for k, v in (column.choices or {}).items() if v == text), None)
        if text and found is None:
            offered = [v for v in (column.choices or {}).values() if v]
            hint = f"可选：{'、'.join(offered[:12])}{'等' if len(offered) > 12 else ''}" if offered else "现在没有可选的项"
            raise ValidationError(key, "choice", f"「{column.title}」“{text}”不在列表中，{hint}。", row + 1)
        return found or None

    def date(self, row: int, key: str):
        """The cell's date or None; ValidationError naming the row and column when unreadable."""
        try:
            return parse_date(self.text(row, key))
        except DateTextError as error:
            title = self.columns[self._index(key)].title
            raise ValidationError(key, "date", f"「{title}」{error.text}{error.reason}。", row + 1) from None

    def typed_rows(self) -> list[int]:
        """Rows with anything typed in a typed column (default-only rows are left out)."""
        typed = range(self.first_typed, len(self.columns))
        return [r for r in range(self.rowCount()) if any(self.text(r, self.columns[c].key) for c in typed)]

    def mark_rows(self, bad: set[int]) -> None:
        for row in range(self.rowCount()):
            for column in range(len(self.columns)):
                item = self.item(row, column)
                if item is not None:
                    item.setBackground(styles.ROW_REFUSED if row in bad else Qt.GlobalColor.transparent)

    def next_row(self) -> None:
        row = self.currentRow() + 1
        if row >= self.rowCount():
            self.add_row()
        self.setCurrentCell(row, self.first_typed)

    def start(self) -> None:
        """Focus the first empty typed cell, ready for typing."""
        row = self.typed_rows()[-1] + 1 if self.typed_rows() else 0
        if row >= self.rowCount():
            self.add_row()
        self.setFocus()
        self.setCurrentCell(row, self.first_typed)
        if self.state() != QAbstractItemView.State.EditingState:
            self.edit(self.currentIndex())  # the cell was current already: no CurrentChanged

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste(QApplication.clipboard().text())
            return
        super().keyPressEvent(event)

    def paste(self, text: str) -> int:
        """Rows copied from Excel or WPS (tab-separated lines) filled in from the current
        cell on; returns how many rows were filled."""
        lines = [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
        top, left = max(self.currentRow(), 0), max(self.currentColumn(), 0)
        for offset, line in enumerate(lines):
            while top + offset >= self.rowCount():
                self.add_row()
            for shift, cell in enumerate(line.split("\t")):
                if left + shift < len(self.columns):
                    self.item(top + offset, left + shift).setText(cell.strip())
        return len(lines)

    def _keep_blank_row(self, item: QTableWidgetItem) -> None:
        if item.row() == self.rowCount() - 1 and item.column() >= self.first_typed and item.text().strip():
            self.add_row()

    def _index(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

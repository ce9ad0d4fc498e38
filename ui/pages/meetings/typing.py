"""Typing a meeting as it happens: the 议题与发言, 决议 and 落实事项 grids edit a cell on a
single click or the first key, long texts (a speech, a discussion) are written in a
multi-line editor, a speaker is picked from the meeting's attendance as the name is
typed, and Enter goes on to the next cell — after a row's last cell, to a new row.
Shift+Enter (or Ctrl+Enter) starts a new line inside a text."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QStringListModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCompleter,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QTableView,
)

from ...text import tr
from ...toolkit.models.rows_model import RowsModel

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
NEW_LINE = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
# lines a multi-line editor shows while it is open (the row itself stays one line)
EDITOR_LINES = 6


def typing_hint() -> str:
    return tr("meetings", "单击格子或直接打字即可填写；按回车键转到下一格（每行最后一格按回车键新增一行），"
                          "Shift+回车键在内容中换行。")


class DirectTyping:
    """Makes ``view`` (over ``model``) edit directly. ``order``: the columns Enter walks
    through, in order; ``new_row()`` the values of a row added after the last one."""

    def __init__(self, view: QTableView, model: RowsModel, order: list[int], new_row: Callable[[], dict]):
        self.view, self.model, self.order, self.new_row = view, model, order, new_row
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.CurrentChanged | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        view.setTabKeyNavigation(True)

    def line(self, column: int, names: Callable[[], list[str]] | None = None) -> LineDelegate:
        delegate = LineDelegate(self, names)
        self.view.setItemDelegateForColumn(column, delegate)
        return delegate

    def text(self, column: int) -> TextDelegate:
        delegate = TextDelegate(self)
        self.view.setItemDelegateForColumn(column, delegate)
        return delegate

    def start(self, row: int, column: int | None = None) -> None:
        """Put the cursor on ``row`` (its first column by default) and open its editor."""
        index = self.model.index(row, self.order[0] if column is None else column)
        if not index.isValid():
            return
        self.view.setFocus()
        if self.view.currentIndex() == index:
            if self.view.state() != QAbstractItemView.State.EditingState and self.model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                self.view.edit(index)
        else:
            self.view.setCurrentIndex(index)

    def advance(self, index: QModelIndex | QPersistentModelIndex) -> None:
        """After Enter in ``index``: the next editable column of the row, else the next
        row (added when this was the last one and is not empty)."""
        row, column = index.row(), index.column()
        later = self.order[self.order.index(column) + 1:] if column in self.order else []
        for candidate in later:
            if self.model.flags(self.model.index(row, candidate)) & Qt.ItemFlag.ItemIsEditable:
                self.start(row, candidate)
                return
        if row + 1 >= self.model.rowCount():
            values = self.model.row(row)
            if not any(str(v).strip() for k, v in values.items() if k in self._typed_keys() and v is not None):
                return  # an empty last row: nothing to go on from
            self.model.append(self.new_row())
        self.start(row + 1)

    def _typed_keys(self) -> set[str]:
        return {self.model.columns[c].key for c in self.order}

    def finish(self, delegate: QStyledItemDelegate, editor, index: QPersistentModelIndex) -> None:
        """Enter in an editor: store it, close it, go on (after Qt has closed it)."""
        delegate.commitData.emit(editor)
        delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        if index.isValid():
            target = QPersistentModelIndex(index)
            QTimer.singleShot(0, lambda: target.isValid() and self.advance(target))


class LineDelegate(QStyledItemDelegate):
    """A one-line cell; ``names()`` gives the names a completer offers (filtered by what
    is typed, anywhere in the name)."""

    def __init__(self, typing: DirectTyping, names: Callable[[], list[str]] | None = None):
        super().__init__(typing.view)
        self.typing, self.names = typing, names

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setFrame(False)
        if self.names is not None:
            completer = QCompleter(QStringListModel(self.names(), editor), editor)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            editor.setCompleter(completer)
        cell = QPersistentModelIndex(index)
        editor.returnPressed.connect(lambda: self._enter(editor, cell))
        return editor

    def _enter(self, editor: QLineEdit, index) -> None:
        completer = editor.completer()
        if completer is not None:
            names = completer.model().stringList()
            if editor.text().strip() and editor.text().strip() not in names and completer.completionCount():
                # 「王」 + Enter means the one name the list shows first
                editor.setText(completer.currentCompletion())
            completer.popup().hide()
        self.typing.finish(self, editor, index)

    def setEditorData(self, editor, index):
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.selectAll()

    def setModelData(self, editor, model, index):
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, editor, event):
        # Enter belongs to the line edit (returnPressed), not to the delegate's default
        if event.type() == QEvent.Type.KeyPress and event.key() in ENTER_KEYS:
            return False
        return super().eventFilter(editor, event)


class TextDelegate(QStyledItemDelegate):
    """A long text (speech, discussion, resolution) in a multi-line editor that opens
    taller than the row; Enter finishes, Shift+Enter or Ctrl+Enter starts a new line."""

    def __init__(self, typing: DirectTyping):
        super().__init__(typing.view)
        self.typing = typing

    def createEditor(self, parent, option, index):
        editor = QPlainTextEdit(parent)
        editor.setObjectName("cell_text_editor")
        editor.setTabChangesFocus(True)
        editor.setPlaceholderText(tr("meetings", "回车键完成，Shift+回车键换行"))
        editor.cell = QPersistentModelIndex(index)
        return editor

    def setEditorData(self, editor, index):
        editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.moveCursor(editor.textCursor().MoveOperation.End)

    def setModelData(self, editor, model, index):
        model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor, option, index):
        rect = option.rect
        height = max(rect.height(), editor.fontMetrics().lineSpacing() * EDITOR_LINES + 12)
        room = editor.parentWidget().height() if editor.parentWidget() else height
        top = max(0, min(rect.top(), room - height))
        editor.setGeometry(rect.left(), top, rect.width(), height)

    def eventFilter(self, editor, event):
        if event.type() == QEvent.Type.KeyPress and event.key() in ENTER_KEYS:
            if event.modifiers() & NEW_LINE:
                editor.insertPlainText("\n")
            else:
                self.typing.finish(self, editor, editor.cell)
            return True
        return super().eventFilter(editor, event)

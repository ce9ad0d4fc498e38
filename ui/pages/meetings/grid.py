"""A table view over a ``RowsModel`` with its delegates and row buttons, the way every
grid of the meeting editor looks: fixed row heights, whole-row selection, edits on a
double click or typing."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...models.rows_model import ChoiceDelegate, DateDelegate, RowsModel
from ...text import tr

ROW_HEIGHT = 28


def table_for(model: RowsModel, name: str, stretch: int | None = None) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.SelectedClicked
        | QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.EditKeyPressed
    )
    header = view.verticalHeader()
    header.setDefaultSectionSize(ROW_HEIGHT)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.setWordWrap(False)
    for n, column in enumerate(model.columns):
        view.setColumnWidth(n, column.width)
        if column.kind == "choice" and column.choices is not None and column.display is None:
            view.setItemDelegateForColumn(n, ChoiceDelegate(column.choices, view))
        elif column.kind == "date":
            view.setItemDelegateForColumn(n, DateDelegate(view))
    if stretch is not None:
        view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        view.horizontalHeader().setStretchLastSection(True)
    return view


def selected_row(view: QTableView) -> int:
    rows = view.selectionModel().selectedRows()
    return rows[0].row() if rows else -1


class RowButtons(QWidget):
    """增加 / 删除 / 上移 / 下移 for a grid whose rows the user orders."""

    def __init__(self, view: QTableView, model: RowsModel, new_row, what: str, movable: bool = True):
        super().__init__()
        self.view, self.model, self.new_row = view, model, new_row
        self.add = QPushButton(tr("meetings", "增加{0}").format(what))
        self.add.clicked.connect(self.add_row)
        self.delete = QPushButton(tr("meetings", "删除所选"))
        self.delete.clicked.connect(lambda: self.model.remove(selected_row(self.view)))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.add)
        layout.addWidget(self.delete)
        self.buttons = [self.add, self.delete]
        if movable:
            for text, delta in ((tr("meetings", "上移"), -1), (tr("meetings", "下移"), 1)):
                button = QPushButton(text)
                button.clicked.connect(lambda _=False, d=delta: self._move(d))
                layout.addWidget(button)
                self.buttons.append(button)
        layout.addStretch(1)

    def add_row(self) -> int:
        n = self.model.append(self.new_row())
        self.view.selectRow(n)
        self.view.setFocus()
        return n

    def _move(self, delta: int) -> None:
        row = selected_row(self.view)
        if row >= 0:
            self.view.selectRow(self.model.move(row, delta))

    def set_enabled(self, enabled: bool) -> None:
        for button in self.buttons:
            button.setEnabled(enabled)


def boxed(*widgets) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    return box

"""Table views as every list and grid of the window shows them: whole rows selected,
one at a time, fixed row heights, no wrapped text, one column taking the spare width.
A read-only list opens its row on a double click; an editable grid edits the cell."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from .models.rows_model import ChoiceDelegate, DateDelegate, RowsModel
from .row_size import row_height


def _table(model: QAbstractTableModel, name: str, stretch: int | None) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(row_height())
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    for n, column in enumerate(getattr(model, "columns", [])):
        view.setColumnWidth(n, column.width)
    if stretch is not None:
        view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        view.horizontalHeader().setStretchLastSection(True)
    return view


def read_only_table(model: QAbstractTableModel, name: str, stretch: int | None = None) -> QTableView:
    """A list to choose rows from (an ``IdsModel``, or any model with ``columns``);
    column ``stretch`` (else the last) takes the spare width."""
    view = _table(model, name, stretch)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return view


def editable_table(model: RowsModel, name: str, stretch: int | None = None) -> QTableView:
    """A grid over a ``RowsModel``: a cell is edited on a double click or by typing,
    with a drop-down for a column of choices and a date check for a date column."""
    view = _table(model, name, stretch)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.SelectedClicked
        | QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.EditKeyPressed
    )
    for n, column in enumerate(model.columns):
        if column.kind == "choice" and column.choices is not None and column.display is None:
            view.setItemDelegateForColumn(n, ChoiceDelegate(column.choices, view))
        elif column.kind == "date":
            view.setItemDelegateForColumn(n, DateDelegate(view))
    return view


def selected_row(view: QTableView) -> int:
    """The selected row's number, -1 when none is selected."""
    rows = view.selectionModel().selectedRows()
    return rows[0].row() if rows else -1


def selected_id(view: QTableView) -> int | None:
    """The record id of the selected row of a view over an id model."""
    row = selected_row(view)
    return view.model().id_at(row) if row >= 0 else None


def select_id(view: QTableView, record_id: int) -> None:
    row = view.model().row_of(record_id)
    if row >= 0:
        view.selectRow(row)

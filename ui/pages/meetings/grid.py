"""The row buttons under the meeting editor's grids (增加 / 删除 / 上移 / 下移), and
the box that stacks a grid with them. The grid itself is ``toolkit.tables.editable_table``."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableView, QVBoxLayout, QWidget

from ...text import tr
from ...toolkit.models.rows_model import RowsModel
from ...toolkit.tables import selected_row


class RowButtons(QWidget):
    """增加 / 删除 / 上移 / 下移 for a grid whose rows the user orders."""

    def __init__(self, view: QTableView, model: RowsModel, new_row, what: str, movable: bool = True):
        super().__init__()
        self.view, self.model, self.new_row = view, model, new_row
        self.typing = None  # a DirectTyping: a new row opens its first cell for typing
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
        if self.typing is not None:
            self.typing.start(n)
        else:
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

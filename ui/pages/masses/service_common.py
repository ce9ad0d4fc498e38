"""What the 志愿服务与实事, 党务公开 and 群众评议 tabs share: the year they show with a
summary beside it, editing and deleting the selected row, telling the page what changed."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QWidget

from ...text import tr
from ...toolkit.fitting import WrappedLabel
from ...toolkit.tables import selected_id
from .service_dialogs import year_box


class YearTab(QWidget):
    def __init__(self, archive, page, year: int, name: str):
        super().__init__()
        self.archive, self.page = archive, page
        self.year = year_box(year, name)
        self.year.valueChanged.connect(lambda _: self.load())
        self.summary = WrappedLabel()

    def load(self) -> None:
        raise NotImplementedError

    def top_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("masses", "年度")))
        row.addWidget(self.year)
        row.addWidget(self.summary, 1)
        return row

    def _changed(self, message: str) -> None:
        self.load()
        if self.page is not None:
            self.page.say(message)

    def _edit_selected(self, table, dialog_for, message: str) -> bool:
        """Open ``dialog_for(id)`` on the selected row; reload and say ``message`` when saved."""
        record_id = selected_id(table)
        if record_id is None or not dialog_for(record_id).exec():
            return False
        self._changed(message)
        return True

    def _delete_selected(self, table, title: str, question_for, delete, message: str, confirmed: bool) -> bool:
        """Delete the selected row after 是 to ``question_for(id)`` (skipped when ``confirmed``)."""
        record_id = selected_id(table)
        if record_id is None:
            return False
        if not confirmed and QMessageBox.question(
                self, title, question_for(record_id),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return False
        delete(record_id)
        self._changed(message)
        return True

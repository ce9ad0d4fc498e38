"""Small widgets shared by forms: an optional date field, a form with per-field errors,
and the question where to save a PDF."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from branchdesk.dates import parse_date
from branchdesk.errors import ValidationError

from .text import tr

ERROR_STYLE = "color: #b00020;"
ERROR_FIELD_STYLE = "border: 1px solid #b00020;"


class DateField(QLineEdit):
    """A date typed as 2001-07-01 (also 2001.7.1, 2001年7月1日); empty means no date.
    Typing is faster than a calendar for the old dates a roster is full of."""

    def __init__(self, key: str, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.label = label
        self.setPlaceholderText("YYYY-MM-DD")
        self.setMaxLength(20)

    def date(self) -> dt.date | None:
        """The date, None when empty; raises ValidationError naming the field when unreadable."""
        try:
            return parse_date(self.text())
        except ValueError:
            raise ValidationError(
                self.key, "date", tr("forms", "「{0}」“{1}”不是有效日期，请写成 2001-07-01。").format(self.label, self.text())
            ) from None

    def set_date(self, value: dt.date | None) -> None:
        self.setText(value.isoformat() if value else "")


class ErrorForm(QWidget):
    """A QFormLayout whose rows can show a red message under the field that is wrong."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._fields: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}

    def add_row(self, key: str, label: str, widget: QWidget) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = QLabel()
        error.setObjectName(f"error_{key}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        error.hide()
        column.addWidget(error)
        label_widget = QLabel(label)
        label_widget.setBuddy(widget)
        self.layout_.addRow(label_widget, box)
        self._fields[key] = widget
        self._errors[key] = error
        return widget

    def clear_errors(self) -> None:
        for key, label in self._errors.items():
            label.hide()
            label.clear()
            self._fields[key].setStyleSheet("")

    def show_errors(self, errors: list[ValidationError]) -> list[ValidationError]:
        """Show each error under its field; return those that belong to no field here."""
        self.clear_errors()
        unplaced = []
        first = None
        for error in errors:
            label = self._errors.get(error.field)
            if label is None:
                unplaced.append(error)
                continue
            text = (label.text() + "\n" if label.text() else "") + error.detail
            label.setText(text)
            label.show()
            self._fields[error.field].setStyleSheet(ERROR_FIELD_STYLE)
            first = first or self._fields[error.field]
        if first is not None:
            first.setFocus()
        return unplaced

    def error_text(self, key: str) -> str:
        label = self._errors.get(key)
        return label.text() if label is not None and not label.isHidden() else ""


def read_dates(*fields: DateField) -> dict[str, dt.date | None]:
    """Each field's date by key; all unreadable ones are reported together."""
    from branchdesk.errors import ErrorCollector

    errors = ErrorCollector()
    dates = {field.key: errors.check(field.date) for field in fields}
    errors.raise_if_any()
    return dates


def ask_pdf_path(parent: QWidget, title: str, name: str) -> str | None:
    """The file dialog for a PDF export, suggesting ``name`` in the home folder; None
    when the user cancels. A name typed without .pdf gets it."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / name), tr("widgets", "PDF 文件 (*.pdf)"))
    if not path:
        return None
    return path if path.lower().endswith(".pdf") else path + ".pdf"

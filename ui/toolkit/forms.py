"""Form pieces: an optional date field, a form that shows each error under its field,
the dialog around such a form, and the drop-downs forms choose from (a name, a person
from the roster, one of a table of labels)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from branchdesk import clock
from branchdesk.dates import parse_date
from branchdesk.errors import BranchDeskError, ErrorCollector, ValidationError, ValidationErrors

from ..errors import show_error
from ..text import tr
from . import styles
from .fitting import WrappedLabel
from .name_completer import attach_name_completer, has_member
from .unsaved import AsksBeforeClosing


def error_label(name: str = "") -> QLabel:
    """The red line under a form or grid for the errors that belong to no field; hidden
    until there is one."""
    label = WrappedLabel()
    if name:
        label.setObjectName(name)
    label.setStyleSheet(styles.ERROR_TEXT)
    label.hide()
    return label


class DateField(QLineEdit):
    """A date typed as 2001-07-01 (also 2001.7.1, 2001年7月1日); empty means no date.
    Typing is faster than a calendar for the old dates a roster is full of; the small
    calendar button at the right (or Alt+↓) picks one from a month view instead."""

    def __init__(self, key: str, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.label = label
        self.setPlaceholderText("例如 2024-03-01")
        self.setMaxLength(20)
        self.calendar_action = self.addAction(_calendar_icon(), QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setToolTip(tr("forms", "从日历中选择日期（Alt+↓）"))
        self.calendar_action.triggered.connect(self.show_calendar)
        self.popup: DatePopup | None = None

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def show_calendar(self) -> DatePopup:
        """The month of the date typed (today's when there is none) under the field."""
        try:
            shown = parse_date(self.text()) or clock.today()
        except ValueError:
            shown = clock.today()
        self.popup = DatePopup(self, shown)
        self.popup.chosen.connect(self._chosen)
        self.popup.move(self.mapToGlobal(self.rect().bottomLeft()))
        self.popup.show()
        self.popup.calendar.setFocus()
        return self.popup

    def _chosen(self, day: dt.date) -> None:
        if self.isReadOnly() or not self.isEnabled():
            return
        self.set_date(day)
        self.textEdited.emit(self.text())  # as typing would: the page counts it as an edit

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


class DatePopup(QFrame):
    """A Chinese month calendar (weeks start on Monday) that closes on a click outside;
    a click or Enter on a day sends ``chosen``."""

    chosen = Signal(object)

    def __init__(self, parent: QWidget, shown: dt.date):
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("date_popup_calendar")
        self.calendar.setLocale(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)
        today = QPushButton(tr("forms", "今天"))
        today.clicked.connect(lambda: self._pick(QDate(*clock.today().timetuple()[:3])))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.calendar)
        layout.addWidget(today)

    def _pick(self, day: QDate) -> None:
        self.chosen.emit(dt.date(day.year(), day.month(), day.day()))
        self.close()


def _calendar_icon() -> QIcon:
    """A small calendar drawn here (no image file to ship): a page with a red top band."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QColor("#555555"))
    painter.setBrush(QColor("#ffffff"))
    painter.drawRect(1, 2, 13, 12)
    painter.fillRect(2, 3, 12, 3, QColor("#c0392b"))
    for x in (4, 7, 10):
        for y in (8, 11):
            painter.fillRect(x, y, 2, 2, QColor("#555555"))
    painter.end()
    return QIcon(pixmap)


def read_dates(*fields: DateField) -> dict[str, dt.date | None]:
    """Each field's date by key; all unreadable ones are reported together."""
    errors = ErrorCollector()
    dates = {field.key: errors.check(field.date) for field in fields}
    errors.raise_if_any()
    return dates


# signals that mean the user changed a field (the first one a widget has is used)
EDIT_SIGNALS = ("textEdited", "editTextChanged", "currentIndexChanged", "toggled", "valueChanged", "textChanged")


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
        error = WrappedLabel()
        error.setObjectName(f"error_{key}")
        error.setStyleSheet(styles.ERROR_TEXT)
        error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        error.hide()
        column.addWidget(error)
        label_widget = QLabel(label)
        label_widget.setBuddy(widget)
        self.layout_.addRow(label_widget, box)
        self._fields[key] = widget
        self._errors[key] = error
        for name in EDIT_SIGNALS:
            signal = getattr(widget, name, None)
            if signal is not None:
                signal.connect(lambda *_, k=key: self.clear_error(k))
                break
        return widget

    def clear_error(self, key: str) -> None:
        """The field was changed: its message no longer describes what it holds."""
        label = self._errors.get(key)
        if label is not None and not label.isHidden():
            label.hide()
            label.clear()
            self._fields[key].setStyleSheet("")

    def clear_errors(self) -> None:
        for key, label in self._errors.items():
            label.hide()
            label.clear()
            self._fields[key].setStyleSheet("")  # back to the look of the window

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
            self._fields[error.field].setStyleSheet(styles.ERROR_FIELD)
            first = first or self._fields[error.field]
        if first is not None:
            first.setFocus()
        return unplaced

    def has_errors(self) -> bool:
        return any(not label.isHidden() for label in self._errors.values())

    def error_text(self, key: str) -> str:
        label = self._errors.get(key)
        return label.text() if label is not None and not label.isHidden() else ""


class FormDialog(AsksBeforeClosing, QDialog):
    """A dialog around an ErrorForm: 保存 calls ``commit()``; ValidationErrors appear by
    their fields (the rest under the form) and nothing is saved."""

    def __init__(self, title: str, parent=None, width: int = 560, height: int = 520):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(width, height)
        self.form = ErrorForm()
        holder = QWidget()  # the form keeps its own height; spare room goes below it
        holder_layout = QVBoxLayout(holder)
        holder_layout.addWidget(self.form)
        holder_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(holder)
        scroll.setWidgetResizable(True)
        self.general_error = error_label("dialog_error")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("forms", "保存 (Ctrl+S)"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("forms", "取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self.saved_id: int | None = None

    def commit(self) -> int | None:
        raise NotImplementedError

    def save(self) -> bool:
        self.general_error.hide()
        try:
            self.saved_id = self.commit()
        except (ValidationErrors, ValidationError) as error:
            errors = error.errors if isinstance(error, ValidationErrors) else [error]
            rest = self.form.show_errors(errors)
            if rest:
                self.general_error.setText("\n".join(e.message() for e in rest))
                self.general_error.show()
            return False
        except BranchDeskError as error:
            show_error(self, error)
            return False
        self.form.clear_errors()
        self.accept()
        return True


def name_box() -> QComboBox:
    """A name picked from the members or typed (a host may come from the town)."""
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    attach_name_completer(box)  # typing 王 or wk offers 王堃
    return box


class PersonCombo(QComboBox):
    """A member from the roster, or a name typed for someone outside it. ``none_text``
    adds a first choice that means nobody in particular (e.g. 「支部委员会」)."""

    def __init__(self, archive, none_text: str = "", parent=None):
        super().__init__(parent)
        self.setEditable(True)
        self.setMinimumContentsLength(10)  # room for a typed name before anyone is chosen
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.none_text = none_text
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        if none_text:
            self.addItem(none_text, None)
        for member in archive.members.all_active():
            self.addItem(member.name, member.id)
        self.setCurrentIndex(0 if none_text else -1)
        attach_name_completer(self, has_member)  # typing 王 or wk offers 王堃

    def person(self) -> tuple[int | None, str]:
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchExactly)
        if index >= 0:
            data = self.itemData(index)
            return (None, "") if data is None else (data, text)
        return None, text

    def set_person(self, member_id: int | None, name: str) -> None:
        """Show a stored person; someone no longer in the branch (转出) is added to the
        choices so that saving keeps the link to the roster."""
        if member_id is not None and self.findData(member_id) < 0:
            self.addItem(name, member_id)
        index = self.findData(member_id) if member_id is not None else (0 if self.none_text and not name else -1)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(name)


def choice_combo(table_: dict[str, str], current: str | None = None, blank: str = "") -> QComboBox:
    """A drop-down of ``{key: label}`` whose item data is the key; ``blank`` adds a
    first choice with the key ""."""
    box = QComboBox()
    if blank:
        box.addItem(blank, "")
    for key, text in table_.items():
        box.addItem(text, key)
    if current is not None:
        box.setCurrentIndex(max(box.findData(current), 0))
    return box

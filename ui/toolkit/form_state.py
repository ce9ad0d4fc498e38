"""An editor's form as a plain dict and back: what it shows now, to tell whether it
was changed since it was loaded and to keep it as a power-cut draft (branchdesk/drafts).

``capture(root)`` reads every input under ``root`` in widget order — line and text
edits, choices, numbers, check boxes, and the rows of editable tables (``RowsModel``) —
keyed by position, class and object name. ``restore`` writes such a dict back into the
same editor; it refuses (returns False, changes nothing) when the editor's inputs are
no longer the ones the dict was taken from, e.g. after an update of the program."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTextEdit,
    QWidget,
)

from branchdesk.drafts.store import fingerprint

# inputs that hold inputs of their own (a choice's line edit, a number's text, a cell editor)
_COMPOUND = (QComboBox, QAbstractSpinBox, QAbstractItemView)


def _inputs(root: QWidget, exclude: Iterable[QWidget] = (), with_hidden: bool = False) -> list[tuple[str, QWidget]]:
    skipped = list(exclude)
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if _inside(widget, root, skipped) or not _holds_input(widget, with_hidden):
            continue
        found.append((f"{len(found)}:{type(widget).__name__}:{widget.objectName()}", widget))
    return found


def _inside(widget: QWidget, root: QWidget, skipped: list[QWidget]) -> bool:
    if widget in skipped:
        return True
    if widget is root:
        return False
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if parent in skipped or isinstance(parent, _COMPOUND):
            return True
        parent = parent.parentWidget()
    return False


def _holds_input(widget: QWidget, with_hidden: bool) -> bool:
    if isinstance(widget, QLineEdit):
        # typing shown as dots (a password, a masked ID number) is never kept on disk
        return with_hidden or widget.echoMode() == QLineEdit.EchoMode.Normal
    if isinstance(widget, QAbstractItemView):
        model = widget.model()
        return hasattr(model, "rows") and hasattr(model, "set_rows")
    if isinstance(widget, QAbstractButton):
        return widget.isCheckable() and not isinstance(widget, QPushButton)
    return isinstance(widget, (QPlainTextEdit, QTextEdit, QComboBox, QSpinBox, QDoubleSpinBox))


def _read(widget: QWidget):
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        data = widget.currentData()
        plain = data if isinstance(data, (str, int, float, bool)) or data is None else None
        return {"text": widget.currentText(), "$data": plain}
    if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        return widget.value()
    if isinstance(widget, QAbstractItemView):
        return widget.model().rows()
    return widget.isChecked()


def _write(widget: QWidget, value) -> None:
    if isinstance(widget, QLineEdit):
        widget.setText(value)
    elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
        widget.setPlainText(value)
    elif isinstance(widget, QComboBox):
        index = widget.findData(value["$data"]) if value["$data"] is not None else -1
        if index < 0:
            index = widget.findText(value["text"])
        if index >= 0:
            widget.setCurrentIndex(index)
        elif widget.isEditable():
            widget.setCurrentText(value["text"])
    elif isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        widget.setValue(value)
    elif isinstance(widget, QAbstractItemView):
        widget.model().set_rows(value)
    else:
        widget.setChecked(bool(value))


def capture(root: QWidget, exclude: Iterable[QWidget] = (), with_hidden: bool = False) -> dict:
    """What the inputs under ``root`` (but not under ``exclude``) hold now; typing shown
    as dots only ``with_hidden`` (to compare, never to write to disk)."""
    return {"fields": {slot: _read(widget) for slot, widget in _inputs(root, exclude, with_hidden)}}


def restore(root: QWidget, state: dict, exclude: Iterable[QWidget] = ()) -> bool:
    """Write ``state`` (from ``capture``) back; False, with nothing changed, when the
    inputs under ``root`` are not those it was taken from."""
    inputs = _inputs(root, exclude)
    fields = state.get("fields") if isinstance(state, dict) else None
    if not isinstance(fields, dict) or {slot for slot, _ in inputs} != set(fields):
        return False
    for slot, widget in inputs:
        _write(widget, fields[slot])
    return True


class TrackedForm:
    """One editor's inputs against what was last loaded into them: changed or not, its
    state for a draft, and the fingerprint of the record as loaded (the draft's basis)."""

    def __init__(self, root: QWidget, exclude: Iterable[QWidget] = ()):
        self.root = root
        self.exclude = tuple(exclude)
        self.baseline: dict | None = None

    def loaded(self) -> None:
        """Call at the end of the editor's load: what it shows now is the archive's."""
        self.baseline = self.state()

    def state(self) -> dict:
        return capture(self.root, self.exclude)

    def changed(self) -> bool:
        return self.baseline is not None and self.state() != self.baseline

    def basis(self) -> str:
        return fingerprint(self.baseline)

    def apply(self, state: dict) -> bool:
        return restore(self.root, state, self.exclude)

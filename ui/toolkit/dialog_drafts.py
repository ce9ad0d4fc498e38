"""Power-cut drafts of the record dialogs (登记表彰, 登记走访, 转出组织关系 …).

A dialog is opened for one small record and closed again, so unlike a page's editor it
cannot be opened again by itself at the next start: what it was opened from (a member,
a request, a step) is not in its inputs. What it held is still never lost. While a dialog
that asks before closing (``AsksBeforeClosing``) holds typing, the window's draft keeper
writes its labelled texts (「表彰名称：优秀共产党员」) as a draft; after a power cut the
next start says which dialog it was and shows the texts to copy into it again."""

from __future__ import annotations

import hashlib

from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QWidget

from branchdesk.drafts import Draft

from ..text import tr
from .form_state import _inputs, _read
from .unsaved import AsksBeforeClosing

KIND = "dialog"


def dialog_drafts(window: QWidget) -> list[tuple[QWidget, Draft]]:
    """Each dialog of ``window`` (its own or a page's) that holds typing, with its draft."""
    drafts = []
    for widget in QApplication.topLevelWidgets():
        # hidden too: the idle lock hides a dialog, and closes it unasked if nobody unlocks
        if is_record_dialog(widget, window) and widget.has_unsaved_changes():
            drafts.append((widget, draft_of_dialog(widget)))
    return drafts


def is_record_dialog(widget: QWidget, window: QWidget) -> bool:
    """A dialog that asks before closing, opened from ``window`` or one of its pages."""
    if not isinstance(widget, AsksBeforeClosing):
        return False
    parent = widget.parentWidget()
    while parent is not None:
        if parent is window:
            return True
        parent = parent.parentWidget()
    return False


def draft_of_dialog(dialog: QWidget) -> Draft:
    title = dialog.windowTitle()
    # one file per dialog kind and title: typing in the same dialog again replaces it
    digest = hashlib.sha256(f"{type(dialog).__qualname__}|{title}".encode()).hexdigest()[:16]
    return Draft(f"{KIND}-{digest}", tr("drafts", "对话框「{0}」").format(title), "", {"lines": labelled_lines(dialog)})


def labelled_lines(dialog: QWidget) -> list[str]:
    """「label：what it holds」 for each row of the dialog's forms, then whatever else was
    typed outside a form. Typing shown as dots (passwords, a masked ID number) is left out,
    as in every draft."""
    lines: list[str] = []
    covered: set[int] = set()
    for form in dialog.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if field_item is None or field_item.widget() is None:
                continue
            field = field_item.widget()
            label = label_item.widget() if label_item is not None else None
            values = []
            for _slot, widget in _inputs(field):
                covered.add(id(widget))
                values.extend(_shown(widget))
            if values:
                name = label.text().replace("&", "").rstrip("：:") if isinstance(label, QLabel) else ""
                lines.append(f"{name}：{'；'.join(values)}" if name else "；".join(values))
    for _slot, widget in _inputs(dialog):
        if id(widget) not in covered:
            lines.extend(_shown(widget))
    return lines


def _shown(widget: QWidget) -> list[str]:
    value = _read(widget)
    if isinstance(value, bool):
        return [widget.text().replace("&", "")] if value and widget.text() else []
    if isinstance(value, dict):
        value = value.get("text", "")
    if isinstance(value, list):  # the rows of a table in the dialog
        cells = [row.values() if isinstance(row, dict) else row if isinstance(row, (list, tuple)) else [row]
                 for row in value]
        return ["，".join(str(cell) for cell in row if cell not in ("", None)) for row in cells]
    text = str(value).strip()
    return [text] if text else []

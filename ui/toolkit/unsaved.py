"""Unsaved edits: one question — 保存 / 不保存 / 取消 — before they could be lost (the
window closing, another page shown, an editor left). Issue 13.

A page or editor that holds edits of its own implements ``UnsavedChanges``; the main
window asks every page it has built, a page asks its own editor."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..text import tr

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

# The main window asks this module at every page switch, from its first paint on; the
# question's message box and the form readers (form_state) are loaded when first needed.


@runtime_checkable
class UnsavedChanges(Protocol):
    def has_unsaved_changes(self) -> bool:
        """True when something typed here is not in the archive yet."""

    def unsaved_description(self) -> str:
        """What holds the edits, for the question: 「会议记录「2025年2月支委会」」."""

    def save_changes(self) -> bool:
        """Save; False (with the reason shown where it belongs) when refused."""

    def discard_changes(self) -> None:
        """Forget the edits: show what the archive holds."""


def with_unsaved_changes(widgets: Iterable[object]) -> list[UnsavedChanges]:
    """Those of ``widgets`` that implement the protocol and hold edits now."""
    return [w for w in widgets if isinstance(w, UnsavedChanges) and w.has_unsaved_changes()]


def question_text(pending: list[UnsavedChanges]) -> str:
    lines = [tr("unsaved", "{0}有未保存的修改。").format(w.unsaved_description()) for w in pending]
    return "\n".join(lines) + "\n\n" + tr("unsaved", "要保存吗？")


def ask_before_leaving(parent: QWidget | None, widgets: Iterable[object],
                       reveal: Callable[[object], None] | None = None) -> bool:
    """Ask 保存 / 不保存 / 取消 when any of ``widgets`` holds edits. True means go on
    (nothing to ask, all saved, or the edits discarded); False means stay: 取消, or a save
    was refused — then ``reveal(widget)`` brings that page forward so its errors show."""
    pending = with_unsaved_changes(widgets)
    if not pending:
        return True
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setObjectName("unsaved_question")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("unsaved", "还没有保存"))
    box.setText(question_text(pending))
    Button = QMessageBox.StandardButton
    box.setStandardButtons(Button.Save | Button.Discard | Button.Cancel)
    box.button(Button.Save).setText(tr("unsaved", "保存"))
    box.button(Button.Discard).setText(tr("unsaved", "不保存"))
    box.button(Button.Cancel).setText(tr("unsaved", "取消"))
    box.setDefaultButton(Button.Save)
    box.setEscapeButton(Button.Cancel)  # Esc or the box's ✕ keeps everything as it was
    box.exec()
    answer = box.standardButton(box.clickedButton()) if box.clickedButton() is not None else Button.Cancel
    box.deleteLater()
    if answer == Button.Save:
        for widget in pending:
            if not widget.save_changes():
                if reveal is not None:
                    reveal(widget)
                return False
        return True
    if answer == Button.Discard:
        for widget in pending:
            widget.discard_changes()
        return True
    return False


def choose_year(page, year: int) -> bool:
    """Show ``year`` on a page with a year chooser (``page.year``, ``page.year_box``,
    ``page.set_year``): the edits of the year shown are saved or discarded first; 取消
    keeps the year and its edits. True when the year is shown."""
    if year != page.year and not ask_before_leaving(page, [page]):
        page.year_box.setCurrentIndex(page.year_box.findData(page.year))
        return False
    page.set_year(year)
    return True


def _capture(dialog):
    from .form_state import capture

    return capture(dialog, with_hidden=True)


class AsksBeforeClosing:
    """For a dialog (mixed in before QDialog): Esc, ✕ or 取消 with something typed in it
    asks 保存 / 不保存 / 取消 instead of dropping the typing. What it showed when it
    first appeared counts as unchanged."""

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if getattr(self, "_shown_state", None) is None:
            self._shown_state = _capture(self)

    def has_unsaved_changes(self) -> bool:
        shown = getattr(self, "_shown_state", None)
        return shown is not None and self.result() != self.DialogCode.Accepted and \
            _capture(self) != shown

    def unsaved_description(self) -> str:
        return tr("unsaved", "「{0}」").format(self.windowTitle())

    def save_changes(self) -> bool:
        self.save()  # closes the dialog (accepted) when saved, else shows why by the fields
        return self.result() == self.DialogCode.Accepted

    def discard_changes(self) -> None:
        self._shown_state = _capture(self)

    def reject(self) -> None:
        if ask_before_leaving(self, [self]) and self.result() != self.DialogCode.Accepted:
            super().reject()

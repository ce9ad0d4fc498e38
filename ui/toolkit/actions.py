"""Buttons and the short questions around a domain call: run it and show a refusal,
run a form dialog and select what it saved, ask before deleting, ask for a line of
text or a year."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QInputDialog,
    QMessageBox,
    QPushButton,
    QTableView,
)

from branchdesk import clock
from branchdesk.errors import BranchDeskError

from ..errors import show_error
from ..text import tr
from .tables import select_id, selected_id


def button(text: str, slot, name: str = "") -> QPushButton:
    """A push button that calls ``slot()`` (without the ``checked`` argument Qt passes)."""
    widget = QPushButton(text)
    if name:
        widget.setObjectName(name)
    widget.clicked.connect(lambda _=False: slot())
    return widget


def run_action(parent, action, *args) -> bool:
    """Carry out a domain call; a refusal is shown and changes nothing."""
    try:
        action(*args)
    except BranchDeskError as error:
        show_error(parent, error)
        return False
    return True


def exec_dialog(dialog, after: Callable[[], None], view: QTableView | None = None) -> int | None:
    """Run a form dialog; once it saved, ``after()`` refreshes and the saved row is selected."""
    if dialog.exec() and dialog.saved_id is not None:
        after()
        if view is not None:
            select_id(view, dialog.saved_id)
        return dialog.saved_id
    return None


def delete_selected(page, view: QTableView, question: str, delete, after: Callable[[], None]) -> bool:
    """Ask, then delete the selected row through the domain (``page.run``); a refusal is shown."""
    row_id = selected_id(view)
    if row_id is None:
        return False
    if QMessageBox.question(view, tr("actions", "删除"), question) != QMessageBox.StandardButton.Yes:
        return False
    if page.run(delete, row_id):
        after()
        return True
    return False


def ask_text(parent, title: str, prompt: str, text: str = "") -> str | None:
    """A one-line answer, None when cancelled or left empty."""
    answer, ok = QInputDialog.getText(parent, title, prompt, text=text)
    return answer.strip() if ok and answer.strip() else None


def ask_year(parent, shown: int) -> int | None:
    """A year typed by the user (2000 … next year), None when cancelled or impossible."""
    text = ask_text(parent, tr("actions", "选择年度"), tr("actions", "年度（如 {0}）：").format(shown - 1))
    if text is None:
        return None
    if not text.isdigit() or not 2000 <= int(text) <= clock.today().year + 1:
        QMessageBox.information(parent, tr("actions", "年度"), tr("actions", "请填写 2000 到 {0} 之间的年份。").format(
            clock.today().year + 1))
        return None
    return int(text)


"""Picking a member by typing: the names that contain what was typed, or whose pinyin
it spells (``wk`` or ``wangkun`` offers 王堃; branchdesk/roster/name_order.py)."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QComboBox, QCompleter

from branchdesk.roster.name_order import looks_like_pinyin, pinyin_matches


class NameFilter(QSortFilterProxyModel):
    """The combo's own rows that hold a name (``is_name``) and match what was typed."""

    def __init__(self, is_name, parent=None):
        super().__init__(parent)
        self.is_name = is_name
        self.typed = ""

    def set_typed(self, text: str) -> None:
        self.beginFilterChange()
        self.typed = text.strip()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent) -> bool:
        index = self.sourceModel().index(row, 0, parent)
        if not self.is_name(index):
            return False
        name, typed = index.data() or "", self.typed
        return not typed or typed in name or (looks_like_pinyin(typed) and pinyin_matches(name, typed))


def has_text(index) -> bool:
    return bool(index.data())


def has_member(index) -> bool:
    """A row of a member (its id as item data): not 「支部委员会」 and the like."""
    return index.data(Qt.ItemDataRole.UserRole) is not None


def attach_name_completer(box: QComboBox, is_name=has_text) -> QCompleter:
    """Give an editable combo of names a pop-up that follows what is typed, by characters
    or by pinyin. Choosing from the pop-up selects that row in the box (the name, not the
    pinyin, is shown); names added to the box later are offered too."""
    matching = NameFilter(is_name, box)
    matching.setSourceModel(box.model())
    completer = QCompleter(box)
    completer.setModel(matching)
    completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
    box.setCompleter(completer)

    def typed(text: str) -> None:
        matching.set_typed(text)
        if text.strip() and matching.rowCount():
            completer.complete()

    box.lineEdit().textEdited.connect(typed)
    return completer

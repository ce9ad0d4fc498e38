"""Picking a member by typing: the names that contain what was typed, or whose pinyin
it spells (``wk`` or ``wangkun`` offers 王堃; branchdesk/roster/name_order.py)."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt
from PySide6.QtWidgets import QComboBox, QCompleter

from branchdesk.roster.name_order import looks_like_pinyin, pinyin_matches


class NameFilter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.typed = ""

    def set_typed(self, text: str) -> None:
        self.beginFilterChange()
        self.typed = text.strip()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent) -> bool:
        name = self.sourceModel().index(row, 0, parent).data() or ""
        typed = self.typed
        if not typed:
            return True
        return typed in name or (looks_like_pinyin(typed) and pinyin_matches(name, typed))


def attach_name_completer(box: QComboBox) -> QCompleter:
    """Give an editable combo of names a pop-up that follows what is typed, by characters
    or by pinyin. Choosing from the pop-up puts the name (not the pinyin) in the box."""
    names = QStringListModel([box.itemText(i) for i in range(box.count()) if box.itemData(i) is not None], box)
    matching = NameFilter(box)
    matching.setSourceModel(names)
    completer = QCompleter(box)
    completer.setModel(matching)
    completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    box.setCompleter(completer)

    def typed(text: str) -> None:
        # names added to the box later (a member who left, shown on an old record) count too
        wanted = [box.itemText(i) for i in range(box.count()) if box.itemData(i) is not None]
        if wanted != names.stringList():
            names.setStringList(wanted)
        matching.set_typed(text)
        if text.strip() and matching.rowCount():
            completer.complete()

    box.lineEdit().textEdited.connect(typed)
    return completer

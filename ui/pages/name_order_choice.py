"""The order of names (姓氏笔画 or 拼音): one archive setting, chosen in 设置 or on the
members page; roster lists, exports and papers follow it (branchdesk/roster/name_order.py)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox

from branchdesk.errors import BranchDeskError
from branchdesk.roster.name_order import NAME_ORDERS

from ..errors import show_error
from ..text import tr


class NameOrderChoice(QComboBox):
    """Choosing stores the archive's order at once (a read-only archive: this window only)."""

    chosen = Signal(str)

    def __init__(self, archive, parent=None):
        super().__init__(parent)
        self.archive = archive
        self.setObjectName("name_order")
        self.setToolTip(tr("members", "党员名单的排列顺序；名册导出和列出党员的文书也按此顺序"))
        for key, text in NAME_ORDERS.items():
            self.addItem(tr("members", "按{0}排序").format(text), key)
        self.load()
        self.activated.connect(self._choose)

    def load(self) -> None:
        self.setCurrentIndex(max(self.findData(self.archive.members.name_order()), 0))

    def order(self) -> str:
        return self.currentData()

    def _choose(self) -> None:
        order = self.currentData()
        if not self.archive.read_only and order != self.archive.members.name_order():
            try:
                self.archive.members.set_name_order(order)
            except BranchDeskError as error:
                show_error(self, error)
                self.load()
                return
        self.chosen.emit(order)

"""整改台账: its own page in the navigation (items come from the 组织生活会, 民主评议 and
目标管理 inspections alike): the ledger of every year with its filters, progress,
evidence, 销号, the 公示 PDF and the spreadsheet (ledger_view.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from branchdesk import clock

from ..access import confirm_sensitive
from ..toolkit.actions import run_action
from ..toolkit.tables import select_id
from .ledger_view import LedgerView
from .life.exports import LifeExports


class LedgerPage(QWidget):
    def __init__(self, archive, window=None):
        super().__init__()
        self.archive = archive
        self.session = getattr(window, "session", None) or archive.access.session()
        self.year = clock.today().year  # the year a new item is listed in, unless one is chosen
        self.exports = LifeExports(self)
        self.ledger = LedgerView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.ledger)
        self.ledger.load()
        self.ledger.set_year(None)  # every year: old items still open are the ones to see

    # -- what the ledger view asks of its page ---------------------------------
    def run(self, action, *args) -> bool:
        return run_action(self, action, *args)

    def changed(self) -> None:
        """An item changed: nothing else on this page depends on it (other pages re-read when shown)."""

    def confirm_sensitive(self) -> bool:
        return confirm_sensitive(self, self.session)

    # -- navigation --------------------------------------------------------------
    def refresh(self) -> None:
        """Shown again: items may have been added from the 组织生活会 or an inspection."""
        self.ledger.load()

    def show_item(self, item_id: int) -> LedgerView:
        """Every year, every state, the item selected with its details below."""
        tab = self.ledger
        tab.search.clear()
        tab.state.setCurrentIndex(0)
        tab.source.setCurrentIndex(0)
        tab.set_year(None)
        tab.load_items()
        select_id(tab.table, item_id)
        return tab

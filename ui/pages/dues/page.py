"""党费 page: the month's ledger, the year's bases, 上缴 and the papers, with the balance
and the six-month warnings always in view."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from branchdesk.dues import months as mo

from ...text import tr
from ...toolkit import styles
from ...toolkit.drafting import BUSY, UNFIT, apply_draft, draft_of
from ...toolkit.fitting import WrappedLabel
from .bases_tab import BasesTab
from .exports import DuesExports
from .handover_tab import HandoverTab
from .month_tab import MonthTab


class DuesPage(QWidget):
    def __init__(self, archive, window=None):
        super().__init__()
        self.archive = archive
        self.window_ = window
        self.exports = DuesExports(self)
        self.warnings = WrappedLabel()
        self.warnings.setObjectName("dues_warnings")
        self.warnings.setStyleSheet(styles.banner("warning"))
        # who is away and how they pay (the 流动党员 register, docs/domain.md §16): the arithmetic is the same
        self.away_note = WrappedLabel()
        self.away_note.setObjectName("dues_away")
        self.away_note.setStyleSheet(styles.HINT_TEXT)
        self.status = QLabel()
        self.status.setObjectName("dues_status")
        self.status.setStyleSheet(styles.SUCCESS_TEXT)
        self.month = MonthTab(self)
        self.bases = BasesTab(self)
        self.handover = HandoverTab(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.month, tr("dues", "月度收缴"))
        self.tabs.addTab(self.bases, tr("dues", "党费基数"))
        self.tabs.addTab(self.handover, tr("dues", "上缴与公示"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.warnings)
        layout.addWidget(self.away_note)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        self.show_warnings()

    def show_warnings(self) -> None:
        found = self.archive.dues.warnings()
        self.warnings.setText("\n".join(w.sentence() for w in found))
        self.warnings.setVisible(bool(found))
        away = self.archive.away.records(self.archive.away.ids(open_only=True))
        self.away_note.setText(tr("dues", "流动党员：") + "；".join(
            f"{r.member_name}（{r.place}，{r.dues_label}）" for r in away))
        self.away_note.setVisible(bool(away))

    def show_member_month(self, member_id: int, month) -> None:
        """The month's ledger (asking first about typing in another month) with the member selected."""
        self.tabs.setCurrentWidget(self.month)
        self.month.show_month(month)
        for n, row in enumerate(self.month.model.rows()):
            if row["member_id"] == member_id:
                self.month.table.selectRow(n)

    def changed(self, message: str = "") -> None:
        """Something was stored: every tab shows the archive again (keeping no one's typing
        but the tab that saved, which has just reloaded)."""
        for tab in (self.month, self.bases):
            if not tab.has_unsaved_changes():
                tab.load()
        self.handover.load()
        self.show_warnings()
        self.say(message)

    def say(self, message: str) -> None:
        self.status.setText(message)

    def refresh(self) -> None:
        """Shown again: the roster or meetings may have changed."""
        self.changed()

    # -- unsaved typing (the main window asks every page) ---------------------------
    def _pending(self):
        return [tab for tab in (self.month, self.bases) if tab.has_unsaved_changes()]

    def has_unsaved_changes(self) -> bool:
        return bool(self._pending())

    def unsaved_description(self) -> str:
        return "、".join(tab.unsaved_description() for tab in self._pending())

    def save_changes(self) -> bool:
        for tab in self._pending():
            if not tab.save_changes():
                self.tabs.setCurrentWidget(tab)
                return False
        return True

    def discard_changes(self) -> None:
        for tab in self._pending():
            tab.discard_changes()

    # -- power-cut drafts (docs/reliability.md promise 11) -------------------------------
    def draft_items(self) -> list:
        """「dues-month-2026-12」 for the month's entries, 「dues-bases-2027」 for a year's bases."""
        items = []
        if self.month.has_unsaved_changes():
            items.append(draft_of(f"dues-month-{mo.key(self.month.month)}", self.month.unsaved_description(),
                                  self.month.tracked))
        if self.bases.has_unsaved_changes():
            items.append(draft_of(f"dues-bases-{self.bases.year}", self.bases.unsaved_description(),
                                  self.bases.tracked))
        return items

    def restore_draft(self, draft) -> str:
        _, which, when = draft.key.split("-", 2)
        tab = self.month if which == "month" else self.bases
        if tab.has_unsaved_changes():  # the other draft of this tab, restored just now
            return BUSY
        if which == "month" and not self.month.show_month(mo.from_key(when)):
            return UNFIT  # a month no longer in the list (not yet come, or past the three years kept there)
        self.tabs.setCurrentWidget(tab)
        if which != "month":
            self.bases.year_box.setValue(int(when))
        tab.load()  # what the archive holds now is the basis the draft is checked against
        return apply_draft(tab.tracked, draft, not self.archive.read_only)

"""The opinions gathered for the 组织生活会, in the request ledger's terms: each with the
request it became, and 「转为诉求」 for one not taken in yet (docs/domain.md §14.3)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from branchdesk import labels

from ...text import tr
from ...toolkit.actions import button, run_action
from ...toolkit.models.plain_table import PlainTableModel
from ...toolkit.tables import read_only_table
from .common import Column


class OpinionsDialog(QDialog):
    """Nothing is typed here: each 转为诉求 is stored at once, so closing asks nothing."""

    def __init__(self, archive, parent=None):
        super().__init__(parent)
        self.archive = archive
        self.taken: list[int] = []
        self.setWindowTitle(tr("masses", "组织生活会征求的意见"))
        self.resize(760, 460)
        self.model = PlainTableModel([
            Column("年度", lambda o: str(o.year), width=50),
            Column("收到日期", lambda o: f"{o.received_on:%Y-%m-%d}", width=90),
            Column("来自", lambda o: labels.label(labels.OPINION_SOURCES, o.source), width=60),
            Column("意见内容", lambda o: o.content, width=360),
            Column("民情诉求", lambda o: o.request_code or tr("masses", "未转入"), width=90),
        ], "masses", self)
        self.table = read_only_table(self.model, "masses_opinions", stretch=3)
        self.take_button = button(tr("masses", "转为诉求"), self.take, "masses_take_opinion")
        self.take_button.setEnabled(not archive.read_only)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(tr("masses", "关闭"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("masses", "选择一条意见，「转为诉求」后它进入民情台账（渠道：组织生活会），按诉求交办、办结、反馈和回访。")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.take_button)
        layout.addWidget(close)
        self.load()

    def load(self) -> None:
        self.model.set_items(self.archive.masses.opinions())

    def take(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        opinion = self.model.item(rows[0].row())
        found = []
        if run_action(self, lambda: found.append(self.archive.masses.take_opinion(opinion.uid))):
            self.taken += found
            self.load()
            return found[0]
        return None

"""组织关系 at the upper level: each enrolled branch's 转入, 转出, letters whose 回执 has not
come back and 流动党员 of a year, from the latest bundles (branchdesk/upper/transfers_overview.py,
the same figures as ``branchdesk upper transfers``). No ID numbers come upward."""

from __future__ import annotations

from branchdesk.upper.transfers_overview import COUNTS

from ...text import tr
from .branch_counts import BranchCountsPage

# the column of the letters whose 回执 has not come back, tinted when there are any
_MISSING = list(COUNTS).index("receipt_missing") + 1


class UpperTransfersPage(BranchCountsPage):
    def __init__(self, archive, window=None):
        super().__init__(archive, "upper_transfers", [tr("upper_transfers", text) for text in COUNTS.values()],
                         tr("upper_transfers", "按各支部最近导入的数据包统计；撤销的转接不计。「回执未回」是该年转出、"
                                               "尚未收到接收党组织回执的介绍信份数；「流动党员」是该年内曾在外流动的党员人数。"),
                         padding=32)
        self.refresh()

    def fetch(self, year: int) -> list:
        return self.archive.upper.transfers(year)

    def counts_of(self, row) -> list[int]:
        return [row.counts[key] for key in COUNTS]

    def needs_attention(self, column: int, value: int) -> bool:
        return column == _MISSING and value > 0

    def summary_of(self, year: int, rows: list) -> str:
        totals = {key: sum(r.counts[key] for r in rows) for key in COUNTS}
        return tr("upper_transfers", "{0}年：{1} 个支部，转入 {2} 人，转出 {3} 人，回执未回 {4} 份，流动党员 {5} 人。").format(
            year, len(rows), totals["in"], totals["out"], totals["receipt_missing"], totals["away"])

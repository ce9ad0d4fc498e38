"""奖惩 at the upper level: each enrolled branch's 表彰 and its 党纪处分 and 组织处理 of a year,
counted by kind from the latest bundles (branchdesk/upper/honours_overview.py, the same
figures as ``branchdesk upper honours``). A 处分 comes up as its kind and date alone:
no names, no facts (docs/domain.md §17)."""

from __future__ import annotations

from branchdesk import labels

from ...text import tr
from .branch_counts import BranchCountsPage


class UpperHonoursPage(BranchCountsPage):
    def __init__(self, archive, window=None):
        self.kinds = list(labels.DISCIPLINE_KINDS)
        super().__init__(archive, "upper_honours",
                         [tr("upper_honours", "表彰")] + [tr("upper_honours", labels.DISCIPLINE_KINDS[k])
                                                          for k in self.kinds],
                         tr("upper_honours", "按各支部最近导入的数据包统计（人次）。处分只报种类和日期，"
                                             "不含姓名和事实；批评教育、诫勉是组织处理，不是党纪处分。"))
        self.refresh()

    def fetch(self, year: int) -> list:
        return self.archive.upper.honours(year)

    def counts_of(self, row) -> list[int]:
        return [row.commendations] + [row.disciplines.get(k, 0) for k in self.kinds]

    def summary_of(self, year: int, rows: list) -> str:
        praised = sum(r.commendations for r in rows)
        punished = sum(sum(r.disciplines.values()) for r in rows)
        return tr("upper_honours", "{0}年：{1} 个支部，表彰 {2} 人次，处分和组织处理 {3} 人次。").format(
            year, len(rows), praised, punished)

"""学习 and 汇报 at the upper level: each enrolled branch's 学习专题 of a year and how many
were studied, the 补学 done and still owed, the 汇报 received and the members behind, from
the latest bundles (branchdesk/upper/study_overview.py, the same figures as ``branchdesk
upper study``). No 汇报 note comes up (docs/domain.md §18)."""

from __future__ import annotations

from branchdesk.upper.study_overview import COUNTS

from ...text import tr
from .branch_counts import BranchCountsPage


class UpperStudyPage(BranchCountsPage):
    def __init__(self, archive, window=None):
        super().__init__(archive, "upper_study", [tr("upper_study", label) for label in COUNTS.values()],
                         tr("upper_study", "按各支部最近导入的数据包统计。补学按专题学习会议的出席情况计算；"
                                           "「未按时汇报」按每半年一次计，是截至今天的人数。"))
        self.refresh()

    def fetch(self, year: int) -> list:
        return self.archive.upper.study(year)

    def counts_of(self, row) -> list[int]:
        return [row.counts.get(key, 0) for key in COUNTS]

    def summary_of(self, year: int, rows: list) -> str:
        owed = sum(r.counts.get("makeups_owed", 0) for r in rows)
        behind = sum(r.counts.get("reports_behind", 0) for r in rows)
        return tr("upper_study", "{0}年：{1} 个支部，应补学未补 {2} 人次，未按时汇报 {3} 人。").format(
            year, len(rows), owed, behind)

"""奖惩 at the upper level (docs/domain.md §17): for each enrolled branch, the year's 表彰
and its 党纪处分 and 组织处理 counted by kind, from the records its latest bundle carried.
A 处分 comes up as its kind and date alone (bundle/portable.py), so counts are all there is."""

from __future__ import annotations

from dataclasses import dataclass

from .. import labels
from .store import fetch_all


@dataclass
class BranchHonours:
    branch_id: int
    branch_name: str
    commendations: int
    disciplines: dict[str, int]  # kind -> count, kinds with none left out

    def as_dict(self) -> dict:
        return {"branch_id": self.branch_id, "branch_name": self.branch_name, "表彰": self.commendations,
                "处分": {labels.label(labels.DISCIPLINE_KINDS, k): v for k, v in self.disciplines.items()}}

    def sentence(self) -> str:
        punished = "、".join(f"{labels.label(labels.DISCIPLINE_KINDS, k)}{v}人次" for k, v in self.disciplines.items())
        return f"表彰{self.commendations}人次；" + (f"处分和组织处理：{punished}" if punished else "无处分")


def overview(db, year: int) -> list[BranchHonours]:
    branches = {bid: BranchHonours(bid, name, 0, {})
                for bid, name in fetch_all(db, "SELECT id, name FROM upper_branch ORDER BY name")}
    rows = fetch_all(db, "SELECT branch_id, source_table, kind FROM upper_record "
                         "WHERE category = 'honours' AND superseded = ? AND year = ?", (False, year))
    order = list(labels.DISCIPLINE_KINDS)
    for branch_id, table, kind in rows:
        summary = branches.get(branch_id)
        if summary is None:
            continue
        if table == "member_commendation":
            summary.commendations += 1
        else:
            summary.disciplines[kind] = summary.disciplines.get(kind, 0) + 1
    for summary in branches.values():
        summary.disciplines = dict(sorted(summary.disciplines.items(),
                                          key=lambda item: order.index(item[0]) if item[0] in order else len(order)))
    return list(branches.values())


"""组织关系转接 and 流动党员 at the upper level (docs/domain.md §16): for each enrolled branch,
the year's transfers in and out (cancelled ones not counted), the letters out whose 回执 has
not come back, and the members away at some time in the year — from the records its latest
bundle carried (``facts.py`` keeps each transfer and spell with its row). No ID numbers."""

from __future__ import annotations

from dataclasses import dataclass

from .store import fetch_all, payload_of

COUNTS = {"in": "转入", "out": "转出", "receipt_missing": "回执未回", "away": "流动党员"}


@dataclass
class BranchTransfers:
    branch_id: int
    branch_name: str
    counts: dict[str, int]

    def as_dict(self) -> dict:
        return {"branch_id": self.branch_id, "branch_name": self.branch_name,
                "counts": {COUNTS[k]: v for k, v in self.counts.items()}}

    def sentence(self) -> str:
        return "，".join(f"{COUNTS[k]}{v}人" if k != "receipt_missing" else f"{COUNTS[k]}{v}份"
                        for k, v in self.counts.items())


def overview(db, year: int) -> list[BranchTransfers]:
    branches = {bid: BranchTransfers(bid, name, dict.fromkeys(COUNTS, 0))
                for bid, name in fetch_all(db, "SELECT id, name FROM upper_branch ORDER BY name")}
    rows = fetch_all(db, "SELECT branch_id, category, payload FROM upper_record "
                         "WHERE category IN ('transfer', 'away') AND superseded = ?", (False,))
    first, last = f"{year}-01-01", f"{year}-12-31"
    for branch_id, category, payload in rows:
        summary = branches.get(branch_id)
        if summary is None:
            continue
        row = payload_of(payload).get("row", {})
        if category == "away":
            since, until = str(row.get("since") or "")[:10], str(row.get("until") or "")[:10]
            if since and since <= last and (not until or until >= first):
                summary.counts["away"] += 1
            continue
        moved = str(row.get("moved_on") or "")[:10]
        if not moved.startswith(str(year)) or row.get("cancelled_on"):
            continue
        direction = row.get("direction")
        if direction in ("in", "out"):
            summary.counts[direction] += 1
        if direction == "out" and not row.get("receipt_on"):
            summary.counts["receipt_missing"] += 1
    return list(branches.values())

"""发展党员 at the upper level (docs/domain.md §11): for each enrolled branch, its people per
stage and the steps overdue, from the 发展档案 its latest bundle carried (``facts.py`` keeps
each with its steps in the record's payload)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import SimpleNamespace

from .. import clock, labels
from ..recruit.rules import due_items, stage_of
from ..recruit.steps import BY_KEY
from .store import fetch_all, payload_of

COUNTED_STAGES = ("applicant", "activist", "candidate", "probationary")


@dataclass
class BranchRecruitment:
    branch_id: int
    branch_name: str
    stages: dict[str, int] = field(default_factory=dict)
    overdue: list[str] = field(default_factory=list)  # one sentence per overdue step

    def as_dict(self) -> dict:
        return {"branch_id": self.branch_id, "branch_name": self.branch_name,
                "stages": {labels.RECRUIT_STAGES[k]: v for k, v in self.stages.items()}, "overdue": self.overdue}


def steps_of(rows: list[dict]) -> list[SimpleNamespace]:
    """A bundle's step rows as the recruit rules read steps (``rules.stage_of``, ``due_items``)."""
    return [SimpleNamespace(step=r.get("step"), decision=r.get("decision") or "", kind=BY_KEY[r["step"]],
                            done_on=dt.date.fromisoformat(str(r["done_on"])[:10]),
                            extension_months=r.get("extension_months"))
            for r in rows if r.get("step") in BY_KEY and r.get("done_on")]


def overview(db, today: dt.date | None = None) -> list[BranchRecruitment]:
    today = today or clock.today()
    branches = {bid: BranchRecruitment(bid, name, {k: 0 for k in COUNTED_STAGES})
                for bid, name in fetch_all(db, "SELECT id, name FROM upper_branch ORDER BY name")}
    # in the order the records were stored (both engines alike; PostgreSQL's physical order is not)
    rows = fetch_all(db, "SELECT branch_id, source_id, title, payload FROM upper_record "
                         "WHERE category = 'recruit' AND superseded = ? ORDER BY id", (False,))
    for branch_id, source_id, _title, payload in rows:
        data = payload_of(payload)
        steps = steps_of(data.get("children", {}).get("recruit_step", []))
        stage = stage_of(steps)
        summary = branches.get(branch_id)
        if summary is None:
            continue
        if stage in summary.stages:
            summary.stages[stage] += 1
        name = data.get("row", {}).get("name", "")
        summary.overdue += [item.sentence for item in due_items(int(source_id), name, steps, today) if item.overdue]
    return list(branches.values())

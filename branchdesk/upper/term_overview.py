"""换届 at the upper level (docs/domain.md §13): for each enrolled branch, its committee's
term start and end (from the branch's own record its latest bundle carried) and its last
election (the 换届选举 records, dated by their 大会), with the term reminder the branch's
own 首页 gives."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import clock, labels
from ..branch import TERM_REMINDER_DAYS
from .store import fetch_all


@dataclass
class BranchTerm:
    branch_id: int
    branch_name: str
    term_started_on: dt.date | None
    term_due_on: dt.date | None
    last_election_on: dt.date | None
    election_open: bool  # an election under way (not yet approved)

    def state(self, today: dt.date) -> str:
        if self.election_open:
            return "换届进行中"
        if self.term_due_on is None:
            return "未报任期"
        days = (self.term_due_on - today).days
        if days < 0:
            return "已届满"
        return "将届满" if days <= TERM_REMINDER_DAYS else "任期内"

    def as_dict(self, today: dt.date) -> dict:
        def text(day):
            return day.isoformat() if day else None
        return {"branch_id": self.branch_id, "branch_name": self.branch_name,
                "term_started_on": text(self.term_started_on), "term_due_on": text(self.term_due_on),
                "last_election_on": text(self.last_election_on), "state": self.state(today)}


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(str(value)[:10]) if value else None


def overview(db) -> list[BranchTerm]:
    elections: dict[int, list[tuple[dt.date | None, str]]] = {}
    for branch_id, day, state in fetch_all(db, "SELECT branch_id, record_date, state FROM upper_record "
                                               "WHERE category = 'election' AND superseded = ?", (False,)):
        elections.setdefault(branch_id, []).append((_date(day), state))
    found = []
    for branch_id, name, kind, started in fetch_all(
            db, "SELECT id, name, kind, term_started_on FROM upper_branch ORDER BY name"):
        start = _date(started)
        years = labels.TERM_YEARS.get(kind or "", labels.DEFAULT_TERM_YEARS)
        done = [day for day, state in elections.get(branch_id, []) if state == "approved" and day]
        found.append(BranchTerm(branch_id, name, start, clock.add_years(start, years) if start else None,
                                max(done) if done else None,
                                any(state != "approved" for _, state in elections.get(branch_id, []))))
    return found

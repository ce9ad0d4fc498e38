"""学习 and 汇报 at the upper level (docs/domain.md §18): for each enrolled branch, the year's
学习专题 and how many were studied, the 补学 done and still owed (from the attendance of the
meetings each topic was studied at, which came in the same bundle), the members' 汇报
received in the year and how many members are behind now — from the records of its latest
bundle (``facts.py`` keeps each with its row). No notes of the 汇报 are shown."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..dates import parse_date
from ..study import rules
from .store import fetch_all, payload_of

COUNTS = {"topics": "学习专题", "studied": "已学习", "makeups_done": "已补学", "makeups_owed": "应补学未补",
          "reports": "收到汇报", "reports_behind": "未按时汇报"}
UNITS = {"topics": "个", "studied": "个", "makeups_done": "人次", "makeups_owed": "人次", "reports": "份",
         "reports_behind": "人"}


@dataclass
class BranchStudy:
    branch_id: int
    branch_name: str
    counts: dict[str, int]

    def as_dict(self) -> dict:
        return {"branch_id": self.branch_id, "branch_name": self.branch_name,
                "counts": {COUNTS[k]: v for k, v in self.counts.items()}}

    def sentence(self) -> str:
        return "，".join(f"{COUNTS[k]}{v}{UNITS[k]}" for k, v in self.counts.items())


def _day(text) -> dt.date | None:
    return parse_date(str(text)[:10]) if text else None


def overview(db, year: int, today: dt.date) -> list[BranchStudy]:
    branches = fetch_all(db, "SELECT id, name FROM upper_branch ORDER BY name")
    rows = fetch_all(db, "SELECT branch_id, category, source_id, year, payload FROM upper_record WHERE category IN "
                         "('study', 'report', 'meeting', 'member') AND superseded = ?", (False,))
    return summarise(branches, rows, year, today)


def summarise(branch_names, rows, year: int, today: dt.date) -> list[BranchStudy]:
    """The counts from (branch id, name) pairs and the stored records' (branch id, category,
    source id, year, stored payload) rows."""
    branches = {bid: BranchStudy(bid, name, dict.fromkeys(COUNTS, 0)) for bid, name in branch_names}
    meetings, members, topics, received = {}, {}, [], {}
    for branch_id, category, source_id, record_year, payload in rows:
        if branch_id not in branches:
            continue
        data = payload_of(payload)
        if category == "meeting":
            meetings[(branch_id, source_id)] = data
        elif category == "member":
            members.setdefault(branch_id, []).append(data.get("row", {}))
        elif category == "study" and record_year == year:
            topics.append((branch_id, data))
        elif category == "report":
            row = data.get("row", {})
            received.setdefault((branch_id, row.get("member_id")), []).append((row.get("kind"), _day(row.get("received_on"))))
            if str(row.get("received_on") or "").startswith(str(year)):
                branches[branch_id].counts["reports"] += 1
    for branch_id, data in topics:
        counts = branches[branch_id].counts
        children = data.get("children", {})
        links = children.get("study_topic_meeting", [])
        made_up = {m.get("member_id") for m in children.get("study_makeup", [])}
        counts["topics"] += 1
        counts["studied"] += bool(links)
        counts["makeups_done"] += len(made_up)
        lines = []
        for link in links:
            meeting = meetings.get((branch_id, link.get("meeting_id")), {})
            held = _day(meeting.get("row", {}).get("held_on"))
            if held is None:
                continue
            lines += [rules.Attendance(link["meeting_id"], held, a["member_id"], a.get("status") or "")
                      for a in meeting.get("children", {}).get("meeting_attendance", [])
                      if a.get("member_id") and not a.get("is_guest")]
        counts["makeups_owed"] += len(rules.owing(lines, made_up))
    for branch_id, rows_ in members.items():
        behind = 0
        for m in rows_:
            if m.get("status") not in ("full", "probationary", "away") or not m.get("joined_on"):
                continue
            due = rules.periods_due(m["status"], _day(m["joined_on"]), _day(m.get("full_on")),
                                    rules.DEFAULT_REPORT_PERIOD, today)
            behind += bool(rules.missing(due, received.get((branch_id, m.get("id")), [])))
        branches[branch_id].counts["reports_behind"] = behind
    return list(branches.values())

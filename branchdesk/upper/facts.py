"""From a branch's portable records (``PortableRecords.tables``: the branch database's
table names → rows of column → JSON-safe value) to what the upper level stores: one
``RecordRow`` per record with its child rows in its payload, and the narrow facts the
dashboard reads (meetings per kind and month, ledger items, yearly facts, groups).

Pure functions over plain data: no database here, so the rules are easy to test and
the import (``importer.py``) only writes what this module computed."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from .. import labels
from ..dues.rates import FARMER_SETTING
from .dues_facts import dues_months

HELD_STATES = ("held", "final", "reported")
DONE_STATES = ("final", "reported")
REQUIRED_KINDS = ("general", "committee", "group", "lecture", "theme_day")
PERIOD_MONTHS = {"monthly": 1, "quarterly": 3, "half_year": 6, "yearly": 12, "none": 0}

# Top-level tables: (table, category, child tables with the column that points to the record)
CHILDREN = {
    "meeting": (("meeting_attendance", "meeting_id"), ("meeting_agenda", "meeting_id"), ("meeting_speech", "meeting_id"),
                ("meeting_resolution", "meeting_id"), ("meeting_task", "meeting_id"), ("meeting_attachment", "meeting_id")),
    "life_cycle": (("life_opinion", "cycle_id"), ("life_problem", "cycle_id"), ("life_examination", "cycle_id"),
                   ("life_criticism", "cycle_id")),
    "appraisal": (("appraisal_entry", "appraisal_id"),),
    "rectification_item": (("rectification_progress", "item_id"), ("rectification_evidence", "item_id")),
    "target_inspection": (("target_score", "inspection_id"), ("target_problem", "inspection_id")),
    "target_plan": (("target_plan_item", "plan_id"),),
    "talk": (),
    "member": (("member_status_change", "member_id"),),
    "party_group": (),
    "recruit_person": (("recruit_step", "person_id"),),
    "election": (),
    "member_transfer": (),
    "away_member": (),
    "study_topic": (("study_topic_meeting", "topic_id"), ("study_makeup", "topic_id")),
    "member_report": (),
    "branch_report": (),
    "member_commendation": (),
    "member_discipline": (),
}
CATEGORY_OF = {
    "meeting": "meeting", "life_cycle": "life", "appraisal": "appraisal", "rectification_item": "rectification",
    "target_inspection": "target", "target_plan": "target", "talk": "talk", "member": "member", "party_group": "group",
    "recruit_person": "recruit", "election": "election",
    "member_transfer": "transfer", "away_member": "away",
    "study_topic": "study", "member_report": "report", "branch_report": "branch_report",
    "member_commendation": "honours", "member_discipline": "honours",
}
# Tables whose records have no year: replaced as a whole by every bundle that carries them.
YEARLESS = ("member", "party_group")
# Tables that travel whole in every bundle although their records have a year: a bundle that
# carries them replaces all of them, so a record deleted at the branch goes here too.
TRAVEL_WHOLE = ("member_transfer", "away_member", "study_topic", "member_report", "branch_report", "member_commendation",
                "member_discipline")


@dataclass
class RecordRow:
    source_table: str
    source_id: int
    category: str
    kind: str
    year: int | None
    date: str | None
    title: str
    state: str
    superseded: bool
    payload: dict


@dataclass
class MeetingFact:
    source_id: int
    year: int
    month: int
    kind: str
    group_key: str
    day: str
    state: str
    held: bool


@dataclass
class LedgerFact:
    source_id: int
    year: int
    created_on: str
    deadline: str
    closed_on: str | None


@dataclass
class YearFact:
    year: int
    life_held: bool = False
    life_on: str | None = None
    appraisal_done: bool = False
    appraisal_on: str | None = None
    inspection_total_x10: int | None = None
    inspection_grade: str = ""
    inspection_on: str | None = None
    _inspection_key: tuple = ()


@dataclass
class BranchFacts:
    """Everything one bundle says, ready to be written."""

    records: list[RecordRow] = field(default_factory=list)
    meetings: list[MeetingFact] = field(default_factory=list)
    ledger: list[LedgerFact] = field(default_factory=list)
    years: dict[int, YearFact] = field(default_factory=dict)
    groups: list[tuple[int, str]] | None = None  # None: the bundle carries no groups
    frequencies: dict[str, str] | None = None  # None: the bundle carries no frequency setting
    branch: dict | None = None  # the branch's own row (name, code, kind)
    start_ym: int | None = None  # 从何时开始记录 as year * 100 + month; None: nothing to tell
    tables_present: frozenset[str] = frozenset()
    dues: list | None = None  # DuesMonthFact per month; None: the bundle carries no 党费 (an older program)
    # (year, promised_by, done_on) of each 实事; None: the bundle carries no 服务群众 (an older program)
    pledges: list[tuple[int, str, str | None]] | None = None
    # year -> the committee's 群众评议 (满意, 基本满意, 不满意, 不了解); see docs/domain.md §15.5
    verdicts: dict[int, tuple[int, int, int, int]] | None = None
    masses: list | None = None  # MassesFact per 民情诉求; None: the bundle carries no 群众工作 (an older program)


@dataclass(frozen=True)
class MassesFact:
    """A 民情诉求 as the upper level keeps it: its number, dates and satisfaction, no words."""

    year: int
    number: int
    received_on: str
    deadline: str | None
    done_on: str | None
    revisit_on: str | None
    satisfaction: str


def ref(row: dict, name: str):
    """A foreign key, whether the portable form names the column ``x_id`` or ``x``."""
    value = row.get(f"{name}_id", row.get(name))
    return value.get("id") if isinstance(value, dict) else value


def _year_of(text) -> int | None:
    return int(str(text)[:4]) if text else None


def _month_of(text) -> int:
    return int(str(text)[5:7])


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def setting_value(tables: dict, key: str):
    for row in tables.get("setting", ()):
        if row.get("key") == key:
            value = row.get("value")
            try:
                return json.loads(value) if isinstance(value, str) else value
            except ValueError:
                return None
    return None


def start_ym(tables: dict, own: dict | None) -> int | None:
    """The branch's 从何时开始记录 (setting ``archive.start_month``), or for archives made
    before the setting the earliest of the branch's creation and its first meeting, as the
    branch itself derives it (``setup/start.py``)."""
    stored = setting_value(tables, "archive.start_month")
    candidates = [str(stored)] if stored else []
    if not candidates:
        candidates = [str(v) for v in [(own or {}).get("created_at")] if v]
        candidates += [str(r[column]) for r in tables.get("meeting", ()) for column in ("held_on", "planned_on")
                       if r.get(column)]
    months = [int(text[:4]) * 100 + int(text[5:7]) for text in candidates
              if len(text) >= 7 and text[:4].isdigit() and text[5:7].isdigit()]
    return min(months) if months else None


def derive(tables: dict[str, list[dict]]) -> BranchFacts:
    facts = BranchFacts(tables_present=frozenset(tables))
    superseded = {(r.get("record_table"), ref(r, "original")) for r in tables.get("record_revision", ())}
    children = _children_by_parent(tables)
    meetings_by_id = {r["id"]: r for r in tables.get("meeting", ())}
    done_tasks = {r.get("task_uid"): r for r in tables.get("meeting_task_done", ())}
    groups = {r["id"]: r.get("name", "") for r in tables.get("party_group", ())}
    names = {r["id"]: r.get("name", "") for r in tables.get("member", ())}
    if "party_group" in tables:
        facts.groups = sorted(groups.items())
    frequencies = setting_value(tables, "meetings.frequency")
    facts.frequencies = frequencies if isinstance(frequencies, dict) else None
    own = [r for r in tables.get("branch", ()) if r.get("is_own") in (True, 1, "1", "true")]
    facts.branch = own[0] if own else None
    facts.start_ym = start_ym(tables, facts.branch)
    if "dues_base" in tables:
        facts.dues = dues_months(tables, setting_value(tables, FARMER_SETTING))
    if "service_pledge" in tables:
        facts.pledges = [(int(r["year"]), str(r["promised_by"])[:10], str(r["done_on"])[:10] if r.get("done_on") else None)
                         for r in tables["service_pledge"]]
        facts.verdicts = {int(r["year"]): (int(r["satisfied"]), int(r["basic"]), int(r["unsatisfied"]), int(r["unknown"]))
                          for r in tables.get("service_verdict", ()) if ref(r, "member") is None}
    if "masses_request" in tables:
        facts.masses = [MassesFact(int(r["year"]), int(r["number"]), str(r["received_on"])[:10],
                                   *(str(r[c])[:10] if r.get(c) else None for c in ("deadline", "done_on", "revisit_on")),
                                   str(r.get("satisfaction") or "")) for r in tables["masses_request"]]
    for table, category in CATEGORY_OF.items():
        for row in tables.get(table, ()):
            kids = {child: children.get((child, row["id"]), []) for child, _ in CHILDREN[table]}
            if table == "meeting":
                for task in kids.get("meeting_task", []):
                    done = done_tasks.get(task.get("uid"))
                    task["done_on"] = done.get("done_on") if done else None
            record = _record(table, category, row, kids, groups, meetings_by_id, names)
            record.superseded = (table, row["id"]) in superseded
            facts.records.append(record)
            if not record.superseded:
                _add_facts(facts, record, row, meetings_by_id)
    return facts


def _children_by_parent(tables: dict) -> dict[tuple[str, int], list[dict]]:
    found: dict[tuple[str, int], list[dict]] = {}
    for pairs in CHILDREN.values():
        for child, column in pairs:
            for row in tables.get(child, ()):
                found.setdefault((child, ref(row, column.removesuffix("_id"))), []).append(dict(row))
    for rows in found.values():
        rows.sort(key=lambda r: (r.get("position") or 0, r.get("id") or 0))
    return found


def _record(table, category, row, kids, groups, meetings_by_id, names=None) -> RecordRow:
    kind, state = "", str(row.get("state") or "")
    if table == "meeting":
        kind = row.get("kind") or "other"
        date = row.get("held_on") or row.get("planned_on")
        title = row.get("title") or labels.label(labels.MEETING_KINDS, kind)
        group = groups.get(ref(row, "group"))
        if kind == "group" and group:
            title = f"{title}（{group}）" if group not in title else title
        year = _year_of(date)
    elif table == "life_cycle":
        meeting = meetings_by_id.get(ref(row, "meeting")) or {}
        date = meeting.get("held_on") or row.get("planned_on") or meeting.get("planned_on")
        year = row.get("year")
        title = f"{year}年度组织生活会" + (f"：{_short(row.get('theme'), 30)}" if row.get("theme") else "")
    elif table == "appraisal":
        date = row.get("decided_on") or row.get("held_on")
        year = row.get("year")
        title = f"{year}年度民主评议党员"
    elif table == "rectification_item":
        date = row.get("created_on")
        year = row.get("year")
        title = f"第{row.get('number')}项：{_short(row.get('problem'))}"
        state = "closed" if row.get("closed_on") else "open"
    elif table == "target_inspection":
        date = row.get("inspected_on")
        year = row.get("year")
        period = "上半年" if row.get("period_kind") == "half_year" and row.get("period_no") == 1 else (
            "下半年" if row.get("period_kind") == "half_year" else f"第{row.get('period_no')}次")
        title = f"{year}年{period}目标管理检查考核"
    elif table == "target_plan":
        date = row.get("adopted_on")
        year = row.get("year")
        title = f"{year}年度目标管理计划"
        state = state or "plan"
    elif table == "talk":
        date = row.get("talked_on")
        year = _year_of(date)
        title = f"{row.get('talker_name', '')}与{row.get('partner_name', '')}谈心谈话"
    elif table == "member":
        date, year, title, state = row.get("joined_on"), None, row.get("name", ""), row.get("status", "")
    elif table == "recruit_person":
        # 发展档案 travel whole in every bundle: listed under the year of their latest step
        kind, date, title = _recruit_facts(row, kids.get("recruit_step", []))
        year = _year_of(date)
    elif table == "election":
        # 换届选举 travel whole: dated by the 大会 when its meeting came with the bundle
        meeting = meetings_by_id.get(ref(row, "meeting")) or {}
        date = meeting.get("held_on") or row.get("planned_on")
        year = _year_of(date)
        state = "approved" if row.get("result_approved_on") else "in_progress"
        title = f"{str(date)[:4]}年换届选举（{'上级已批复' if state == 'approved' else '进行中'}）"
    elif table == "member_transfer":
        # docs/domain.md §16: state says whether the 回执 is back (transfers_overview counts them)
        kind, date = str(row.get("direction") or ""), row.get("moved_on")
        year = _year_of(date)
        name = (names or {}).get(ref(row, "member"), "")
        where = f"转往{row.get('to_org', '')}" if kind == "out" else f"来自{row.get('from_org', '')}"
        title = f"{name}组织关系{labels.label(labels.TRANSFER_DIRECTIONS, kind)}（{where}）"
        state = "cancelled" if row.get("cancelled_on") else ("received" if row.get("receipt_on") else "waiting")
    elif table == "away_member":
        date, year = row.get("since"), _year_of(row.get("since"))
        title = f"{(names or {}).get(ref(row, 'member'), '')}（流动在{row.get('place', '')}）"
        state = "back" if row.get("until") else "away"
    elif table in ("study_topic", "member_report", "branch_report"):
        date, year, title = _study_facts(table, row, kids, names or {})
    elif table == "member_commendation":
        kind, date, year = str(row.get("kind") or ""), row.get("granted_on"), _year_of(row.get("granted_on"))
        title = f"{(names or {}).get(ref(row, 'member'), '')}：{row.get('title', '')}（{row.get('granted_by', '')}）"
    elif table == "member_discipline":
        # docs/domain.md §17: only kind and date come up, so the title names no one
        kind, date, year = str(row.get("kind") or ""), row.get("decided_on"), _year_of(row.get("decided_on"))
        title = labels.label(labels.DISCIPLINE_KINDS, kind)
    else:  # party_group
        date, year, title = None, None, row.get("name", "")
    payload = {"row": row, "children": {k: v for k, v in kids.items() if v}}
    return RecordRow(table, int(row["id"]), category, kind, int(year) if year else None,
                     str(date) if date else None, title, state, False, payload)


def _study_facts(table: str, row: dict, kids: dict, names: dict) -> tuple:
    """(date, year, title) of a 学习专题, a member's 汇报 or the branch's 工作报告 (docs/domain.md §18)."""
    if table == "study_topic":
        studied = "已学习" if kids.get("study_topic_meeting") else "未学习"
        return row.get("planned_on"), row.get("year"), f"学习专题：{_short(row.get('title'), 30)}（{studied}）"
    if table == "member_report":
        kind = "预备党员思想汇报" if row.get("kind") == "probation" else "思想、工作、学习汇报"
        return row.get("received_on"), _year_of(row.get("received_on")), f"{names.get(ref(row, 'member'), '')}{kind}"
    half = "上半年" if row.get("half") == 1 else "下半年"
    return None, row.get("year"), f"{row.get('year')}年{half}支部工作报告：{_short(row.get('title'), 30)}"


def _recruit_facts(row: dict, steps: list[dict]) -> tuple[str, str | None, str]:
    """(stage, date of the latest step, title) of a 发展档案 (docs/domain.md §11)."""
    from ..recruit.rules import stage_of
    from .recruit_overview import steps_of

    records = steps_of(steps)
    stage = stage_of(records)
    date = records[-1].done_on.isoformat() if records else str(row.get("created_at") or "")[:10] or None
    return stage, date, f"{row.get('name', '')}（{labels.label(labels.RECRUIT_STAGES, stage)}）"


def _add_facts(facts: BranchFacts, record: RecordRow, row: dict, meetings_by_id: dict) -> None:
    table = record.source_table
    if table == "meeting" and record.date:
        held = record.state in HELD_STATES
        kinds = [record.kind] + [k for k in str(row.get("also_counts") or "").split(",") if k and k != record.kind]
        for kind in kinds:
            group_key = str(ref(row, "group") or "") if kind == "group" else ""
            facts.meetings.append(MeetingFact(record.source_id, int(record.date[:4]), _month_of(record.date), kind,
                                              group_key, record.date, record.state, held))
    elif table == "rectification_item" and row.get("deadline") and row.get("created_on"):
        facts.ledger.append(LedgerFact(record.source_id, int(row.get("year") or record.date[:4]), str(row["created_on"]),
                                       str(row["deadline"]), str(row["closed_on"]) if row.get("closed_on") else None))
    elif table == "life_cycle" and record.year:
        meeting = meetings_by_id.get(ref(row, "meeting")) or {}
        held = meeting.get("state") in HELD_STATES or record.state in DONE_STATES
        fact = facts.years.setdefault(record.year, YearFact(record.year))
        if held:
            fact.life_held, fact.life_on = True, meeting.get("held_on") or record.date
    elif table == "appraisal" and record.year:
        fact = facts.years.setdefault(record.year, YearFact(record.year))
        if record.state in DONE_STATES:
            fact.appraisal_done, fact.appraisal_on = True, record.date
    elif table == "target_inspection" and record.year and record.state in DONE_STATES and row.get("total_x10") is not None:
        fact = facts.years.setdefault(record.year, YearFact(record.year))
        key = (record.date or "", row.get("period_no") or 0, record.source_id)
        if key > fact._inspection_key:
            fact._inspection_key = key
            fact.inspection_total_x10 = int(row["total_x10"])
            fact.inspection_grade = str(row.get("grade") or "")
            fact.inspection_on = record.date


def months_per_period(frequencies: dict[str, str], kind: str) -> int:
    return PERIOD_MONTHS.get(frequencies.get(kind, "none"), 0)

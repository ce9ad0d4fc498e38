"""The read-only browser of the branches' records: branch → year → category → record
→ fields (label, value) and child tables. Reads only."""

from __future__ import annotations

import json

from .. import labels
from ..errors import NotFound, ValidationError
from ..text import quoted
from . import fields as fields_mod
from .model import Category, ChildTable, EnrolledBranch, RecordSummary, RecordView, StoredFile
from .store import fetch_all, fetch_one, payload_of

CATEGORY_LABELS = {
    **{f"meeting:{k}": v for k, v in labels.MEETING_KINDS.items()},
    "life": "组织生活会",
    "appraisal": "民主评议党员",
    "rectification": "整改台账",
    "target": "目标管理",
    "talk": "谈心谈话",
    "recruit": "发展党员",
    "election": "换届选举",
    "transfer": "组织关系转接",
    "away": "流动党员",
    "honours": "奖惩",
    "member": "党员名册",
    "group": "党小组",
}
CATEGORY_ORDER = list(CATEGORY_LABELS)
# 政审结论 and 考察意见 are in a 发展档案's steps (docs/domain.md §11)
SENSITIVE_CHILDREN = ("life_criticism", "life_examination", "recruit_step")
STATE_LABELS = {**labels.RECORD_STATES, "open": "整改中", "closed": "已销号", "plan": "计划", "approved": "上级已批复",
                "in_progress": "进行中", "waiting": "待回执", "received": "回执已回", "cancelled": "已撤销", "away": "在外",
                "back": "已返回"}


def find_branch(branches: list[EnrolledBranch], text: str) -> EnrolledBranch:
    text = (text or "").strip()
    exact = [b for b in branches if text in (b.name, b.code, b.branch_uid, str(b.id))]
    found = exact or [b for b in branches if text and (text in b.name or (b.code and text in b.code))]
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFound("已登记的支部", text)
    names = "、".join(b.name for b in found[:5])
    raise ValidationError("branch", "ambiguous", f"{quoted(text)}对应多个支部（{names}），请写全名称或组织代码。")


def years(db, branch_id: int) -> list[int]:
    rows = fetch_all(db, "SELECT DISTINCT year FROM upper_record WHERE branch_id = ? AND year IS NOT NULL ORDER BY year DESC",
                     (branch_id,))
    return [int(r[0]) for r in rows]


def _category_key(category: str, kind: str) -> str:
    return f"meeting:{kind}" if category == "meeting" else category


def categories(db, branch_id: int, year: int) -> list[Category]:
    rows = fetch_all(db, "SELECT category, kind, COUNT(*) FROM upper_record WHERE branch_id = ? AND year = ? "
                         "GROUP BY category, kind", (branch_id, year))
    counts: dict[str, int] = {}
    for category, kind, count in rows:
        key = _category_key(category, kind)
        counts[key] = counts.get(key, 0) + int(count)
    return [Category(k, CATEGORY_LABELS[k], counts[k]) for k in CATEGORY_ORDER if k in counts]


def records(db, branch_id: int, year: int | None, category: str) -> list[RecordSummary]:
    where, params = ["branch_id = ?"], [branch_id]
    if category.startswith("meeting:"):
        where += ["category = 'meeting'", "kind = ?"]
        params.append(category.split(":", 1)[1])
    else:
        where.append("category = ?")
        params.append(category)
    if year is None:
        where.append("year IS NULL")
    else:
        where.append("year = ?")
        params.append(year)
    rows = fetch_all(db, f"SELECT id, category, kind, title, record_date, state, superseded FROM upper_record "
                         f"WHERE {' AND '.join(where)} ORDER BY record_date, source_id", params)
    return [RecordSummary(r[0], r[1], r[2], r[3], r[4] or "", r[5], _state_label(r[1], r[5], bool(r[6])), bool(r[6]))
            for r in rows]


def _state_label(category: str, state: str, superseded: bool) -> str:
    if category == "member":
        text = labels.label(labels.MEMBER_STATUSES, state)
    else:
        text = STATE_LABELS.get(state, state)
    return f"{text}（已被更正版本取代）" if superseded else text


def record_view(db, record_id: int, show_id_numbers: bool = False) -> RecordView:
    row = fetch_one(db, "SELECT r.id, b.name, r.category, r.title, r.source_table, r.payload, r.superseded, r.state "
                        "FROM upper_record r JOIN upper_branch b ON b.id = r.branch_id WHERE r.id = ?", (record_id,))
    if row is None:
        raise NotFound("记录", record_id)
    payload = payload_of(row[5])
    shown = fields_mod.record_fields(row[4], payload.get("row", {}), show_id_numbers)
    if row[4] == "rectification_item":
        shown.append(("状态", STATE_LABELS.get(row[7], row[7])))
    if row[6]:
        shown.append(("说明", "此记录上报后已更正，已被更正版本取代；这里保留的是原上报版本。"))
    children = []
    for table, rows in payload.get("children", {}).items():
        label, columns, cells = fields_mod.child_table(table, rows)
        children.append(ChildTable(table, label, columns, cells, sensitive=table in SENSITIVE_CHILDREN))
    return RecordView(row[0], row[1], row[2], row[3], shown, children)


def bundles(db, branch_id: int) -> list[dict]:
    # "undone_at": when its import was undone (None: it stands)
    rows = fetch_all(db, "SELECT b.sequence, b.bundle_hash, b.previous_hash, b.years, b.created_at, b.file_name, "
                         "b.file_sha256, b.file_size, b.gap, b.record_count, b.imported_at, b.imported_by, u.undone_at "
                         "FROM upper_bundle b LEFT JOIN upper_undone u ON u.bundle_id = b.id WHERE b.branch_id = ? "
                         "ORDER BY b.sequence DESC", (branch_id,))
    keys = ("sequence", "bundle_hash", "previous_hash", "years", "created_at", "file_name", "file_sha256", "file_size",
            "gap", "record_count", "imported_at", "imported_by", "undone_at")
    result = []
    for r in rows:
        item = dict(zip(keys, r, strict=True))
        item["years"] = json.loads(item["years"])
        result.append(item)
    return result


def files(archive, branch_id: int) -> list[StoredFile]:
    rows = fetch_all(archive.db, "SELECT id, name, kind, year, sha256, size, stored_path FROM upper_file "
                                 "WHERE branch_id = ? ORDER BY kind DESC, year, name", (branch_id,))
    return [StoredFile(r[0], r[1], r[2], r[3], r[4], int(r[5]), archive.layout.attachments / r[6]) for r in rows]


def year_pdf(archive, branch_id: int, year: int):
    for stored in files(archive, branch_id):
        if stored.kind == "year_pdf" and stored.year == year and stored.path.is_file():
            return stored.path
    return None

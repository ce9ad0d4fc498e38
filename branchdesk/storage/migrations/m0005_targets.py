"""Step 5: 目标管理 — the indicator library, the yearly plan and the inspections.

* ``indicator_library`` with ``indicator``: the 标杆指标库 of one year (一级 rows have no
  parent, 二级 rows point to their 一级). Each year has its own copy, so next year's
  changes never reach last year's papers.
* ``target_plan`` with ``target_plan_item``: the indicators a branch is held to in a
  year, each with its target and, where the branch's own records can tell, the key of
  the auto-measure that computes it.
* ``target_inspection`` (检查考核 of one period) with ``target_score`` (one row per
  二级 indicator, the indicator copied in so a filed inspection stands on its own),
  ``target_evidence`` (links from a score to records or stored files) and
  ``target_problem`` (problems found; each may become a ledger item whose
  ``source_ref`` is the problem's ``uid``). Filing an inspection reports and seals it.

Points and scores are whole tenths of a point (``*_x10``): decimals hash the same text
on SQLite and PostgreSQL only as integers, and seals must survive a move between them."""

from ..protect import protect_table
from ._ddl import run_ddl

VERSION = 5

TABLES = """
CREATE TABLE indicator_library (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES branch (id),
    year INTEGER NOT NULL,
    name TEXT NOT NULL,
    issued_by TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX indicator_library_branch_year ON indicator_library (branch_id, year);
CREATE TABLE indicator (
    id {pk},
    library_id INTEGER NOT NULL REFERENCES indicator_library (id),
    parent_id INTEGER REFERENCES indicator (id),
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    points_x10 INTEGER NOT NULL,
    scoring_rule TEXT NOT NULL DEFAULT '',
    evidence_required TEXT NOT NULL DEFAULT '',
    measure TEXT NOT NULL DEFAULT ''
);
CREATE INDEX indicator_library_position ON indicator (library_id, position);
CREATE UNIQUE INDEX indicator_library_code ON indicator (library_id, code);
CREATE TABLE target_plan (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES branch (id),
    year INTEGER NOT NULL,
    library_id INTEGER NOT NULL REFERENCES indicator_library (id),
    note TEXT NOT NULL DEFAULT '',
    adopted_on DATE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX target_plan_branch_year ON target_plan (branch_id, year);
CREATE TABLE target_plan_item (
    id {pk},
    plan_id INTEGER NOT NULL REFERENCES target_plan (id),
    indicator_id INTEGER NOT NULL REFERENCES indicator (id),
    position INTEGER NOT NULL,
    target_text TEXT NOT NULL DEFAULT '',
    target_value_x10 INTEGER,
    measure TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX target_plan_item_plan ON target_plan_item (plan_id, position);
CREATE TABLE target_inspection (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES branch (id),
    year INTEGER NOT NULL,
    period_kind TEXT NOT NULL,
    period_no INTEGER NOT NULL,
    library_name TEXT NOT NULL DEFAULT '',
    inspected_on DATE,
    inspectors TEXT NOT NULL DEFAULT '',
    inspecting_body TEXT NOT NULL DEFAULT '',
    remarks TEXT NOT NULL DEFAULT '',
    total_points_x10 INTEGER NOT NULL DEFAULT 0,
    self_total_x10 INTEGER,
    total_x10 INTEGER,
    grade TEXT NOT NULL DEFAULT '',
    thresholds TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'draft',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX target_inspection_branch_year ON target_inspection (branch_id, year, period_kind, period_no);
CREATE TABLE target_score (
    id {pk},
    inspection_id INTEGER NOT NULL REFERENCES target_inspection (id),
    position INTEGER NOT NULL,
    indicator_id INTEGER REFERENCES indicator (id),
    parent_code TEXT NOT NULL DEFAULT '',
    parent_name TEXT NOT NULL DEFAULT '',
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    points_x10 INTEGER NOT NULL,
    scoring_rule TEXT NOT NULL DEFAULT '',
    target_text TEXT NOT NULL DEFAULT '',
    measured_text TEXT NOT NULL DEFAULT '',
    self_score_x10 INTEGER,
    score_x10 INTEGER,
    remark TEXT NOT NULL DEFAULT ''
);
CREATE INDEX target_score_inspection ON target_score (inspection_id, position);
CREATE TABLE target_evidence (
    id {pk},
    score_id INTEGER NOT NULL REFERENCES target_score (id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    record_id INTEGER,
    title TEXT NOT NULL,
    original_name TEXT NOT NULL DEFAULT '',
    stored_path TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL DEFAULT '',
    size INTEGER NOT NULL DEFAULT 0,
    added_at TEXT NOT NULL
);
CREATE INDEX target_evidence_score ON target_evidence (score_id);
CREATE TABLE target_problem (
    id {pk},
    inspection_id INTEGER NOT NULL REFERENCES target_inspection (id),
    position INTEGER NOT NULL,
    uid TEXT NOT NULL,
    code TEXT NOT NULL DEFAULT '',
    problem TEXT NOT NULL,
    suggestion TEXT NOT NULL DEFAULT ''
);
CREATE INDEX target_problem_inspection ON target_problem (inspection_id);
CREATE INDEX target_problem_uid ON target_problem (uid)
"""


def apply(db) -> None:
    run_ddl(db, TABLES)
    protect_table(db, "target_inspection", state_column="state")
    protect_table(db, "target_score", parent=("target_inspection", "inspection_id"))
    protect_table(db, "target_problem", parent=("target_inspection", "inspection_id"))
    protect_table(
        db, "target_evidence",
        parent=(("target_score", "score_id"), ("target_inspection", "inspection_id")),
    )

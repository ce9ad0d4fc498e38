"""Step 4: 组织生活会, 民主评议党员, 谈心谈话 and the 整改台账.

* ``life_cycle``: one yearly 组织生活会 — plan, the link to its meeting record (the
  attendance is the meeting's), the secretary's report, the 回头看 of last year's items
  and the summary — with its child rows: opinions gathered, problem lists, each
  member's 对照检查, and the criticism entries. Sealed when reported.
* ``appraisal`` with ``appraisal_entry``: 民主评议党员 of one year, one row per member
  (self-appraisal, mutual remarks, ballot tallies, decided grade, feedback, handling).
  Sealed when reported.
* ``talk``: the 谈心谈话 log (not sealed: a log kept all year).
* ``rectification_item`` with progress notes and evidence: the ledger, worked on long
  after the meeting went upward, so it is not sealed; every change is in the audit log.

Opinions, problems and criticism entries carry a ``uid`` (kept by corrections), which
rectification items point to in ``source_ref``. Timestamps are ISO text as in step 3."""

from ..protect import protect_table
from ._ddl import run_ddl

VERSION = 4

TABLES = """
CREATE TABLE life_cycle (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES branch (id),
    year INTEGER NOT NULL,
    theme TEXT NOT NULL DEFAULT '',
    planned_on DATE,
    form TEXT NOT NULL DEFAULT 'general',
    group_id INTEGER REFERENCES party_group (id),
    plan_reported_on DATE,
    meeting_id INTEGER REFERENCES meeting (id),
    secretary_report TEXT NOT NULL DEFAULT '',
    review TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'draft',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX life_cycle_branch_year ON life_cycle (branch_id, year);
CREATE TABLE life_opinion (
    id {pk},
    cycle_id INTEGER NOT NULL REFERENCES life_cycle (id),
    position INTEGER NOT NULL,
    uid TEXT NOT NULL,
    source TEXT NOT NULL,
    channel TEXT NOT NULL,
    received_on DATE NOT NULL,
    content TEXT NOT NULL,
    category TEXT NOT NULL,
    addressed_member_id INTEGER REFERENCES member (id),
    addressed_name TEXT NOT NULL DEFAULT '',
    anonymous BOOLEAN NOT NULL DEFAULT FALSE,
    giver TEXT NOT NULL DEFAULT '',
    answer TEXT NOT NULL DEFAULT '',
    answered_on DATE
);
CREATE INDEX life_opinion_cycle ON life_opinion (cycle_id);
CREATE INDEX life_opinion_uid ON life_opinion (uid);
CREATE TABLE life_problem (
    id {pk},
    cycle_id INTEGER NOT NULL REFERENCES life_cycle (id),
    position INTEGER NOT NULL,
    uid TEXT NOT NULL,
    member_id INTEGER REFERENCES member (id),
    owner_name TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL,
    category TEXT NOT NULL,
    problem TEXT NOT NULL
);
CREATE INDEX life_problem_cycle ON life_problem (cycle_id);
CREATE TABLE life_examination (
    id {pk},
    cycle_id INTEGER NOT NULL REFERENCES life_cycle (id),
    position INTEGER NOT NULL,
    member_id INTEGER REFERENCES member (id),
    owner_name TEXT NOT NULL DEFAULT '',
    problems TEXT NOT NULL,
    causes TEXT NOT NULL DEFAULT '',
    measures TEXT NOT NULL DEFAULT '',
    submitted_on DATE
);
CREATE INDEX life_examination_cycle ON life_examination (cycle_id);
CREATE TABLE life_criticism (
    id {pk},
    cycle_id INTEGER NOT NULL REFERENCES life_cycle (id),
    position INTEGER NOT NULL,
    uid TEXT NOT NULL,
    kind TEXT NOT NULL,
    from_member_id INTEGER REFERENCES member (id),
    from_name TEXT NOT NULL,
    to_member_id INTEGER REFERENCES member (id),
    to_name TEXT NOT NULL,
    content TEXT NOT NULL,
    response TEXT NOT NULL DEFAULT ''
);
CREATE INDEX life_criticism_cycle ON life_criticism (cycle_id);
CREATE TABLE talk (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES branch (id),
    talked_on DATE NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    talker_member_id INTEGER REFERENCES member (id),
    talker_name TEXT NOT NULL,
    partner_member_id INTEGER REFERENCES member (id),
    partner_name TEXT NOT NULL,
    content TEXT NOT NULL DEFAULT '',
    effect TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX talk_branch_date ON talk (branch_id, talked_on);
CREATE TABLE appraisal (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES branch (id),
    year INTEGER NOT NULL,
    cycle_id INTEGER REFERENCES life_cycle (id),
    held_on DATE,
    voters INTEGER NOT NULL DEFAULT 0,
    decided_on DATE,
    note TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'draft',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX appraisal_branch_year ON appraisal (branch_id, year);
CREATE TABLE appraisal_entry (
    id {pk},
    appraisal_id INTEGER NOT NULL REFERENCES appraisal (id),
    position INTEGER NOT NULL,
    member_id INTEGER REFERENCES member (id),
    member_name TEXT NOT NULL,
    self_grade TEXT NOT NULL DEFAULT '',
    self_appraisal TEXT NOT NULL DEFAULT '',
    mutual_remarks TEXT NOT NULL DEFAULT '',
    votes_excellent INTEGER,
    votes_qualified INTEGER,
    votes_basic INTEGER,
    votes_unqualified INTEGER,
    decided_grade TEXT NOT NULL DEFAULT '',
    decision_reason TEXT NOT NULL DEFAULT '',
    feedback_on DATE,
    feedback_note TEXT NOT NULL DEFAULT '',
    handling TEXT NOT NULL DEFAULT '',
    handling_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX appraisal_entry_appraisal ON appraisal_entry (appraisal_id);
CREATE TABLE rectification_item (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES branch (id),
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    source TEXT NOT NULL,
    source_ref TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT 'other',
    scope TEXT NOT NULL DEFAULT 'branch',
    owner_member_id INTEGER REFERENCES member (id),
    owner_name TEXT NOT NULL,
    problem TEXT NOT NULL,
    cause TEXT NOT NULL DEFAULT '',
    measure TEXT NOT NULL,
    deadline DATE NOT NULL,
    created_on DATE NOT NULL,
    closed_on DATE,
    closing_note TEXT NOT NULL DEFAULT '',
    public BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX rectification_item_number ON rectification_item (branch_id, year, number);
CREATE INDEX rectification_item_source ON rectification_item (source_ref);
CREATE TABLE rectification_progress (
    id {pk},
    item_id INTEGER NOT NULL REFERENCES rectification_item (id),
    noted_on DATE NOT NULL,
    text TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX rectification_progress_item ON rectification_progress (item_id);
CREATE TABLE rectification_evidence (
    id {pk},
    item_id INTEGER NOT NULL REFERENCES rectification_item (id),
    kind TEXT NOT NULL,
    record_id INTEGER,
    title TEXT NOT NULL,
    original_name TEXT NOT NULL DEFAULT '',
    stored_path TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL DEFAULT '',
    size INTEGER NOT NULL DEFAULT 0,
    added_at TEXT NOT NULL
);
CREATE INDEX rectification_evidence_item ON rectification_evidence (item_id)
"""

LIFE_CHILD_TABLES = ("life_opinion", "life_problem", "life_examination", "life_criticism")


def apply(db) -> None:
    run_ddl(db, TABLES)
    protect_table(db, "life_cycle", state_column="state")
    for table in LIFE_CHILD_TABLES:
        protect_table(db, table, parent=("life_cycle", "cycle_id"))
    protect_table(db, "appraisal", state_column="state")
    protect_table(db, "appraisal_entry", parent=("appraisal", "appraisal_id"))

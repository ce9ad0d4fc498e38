"""Step 7: the upper level (上级汇总) — enrolled branches, imported bundles and the
branches' records as the read-only browser and the dashboard read them.

* ``upper_branch``: a branch whose Ed25519 public key was enrolled (uid, name, code,
  key, fingerprint, who enrolled it and whether the fingerprint was confirmed from
  paper), with what its latest bundle said about it (kind, required meeting
  frequencies ``freq_*`` as months per period, 0 = not required, and its party groups).
* ``upper_bundle``: every bundle imported. ``bundle_hash`` is UNIQUE: two PCs importing
  the same bundle at once cannot both record it. Append-only.
* ``upper_record``: one row per record of a branch (meeting, 组织生活会, 民主评议, 整改事项,
  目标管理, 谈心谈话, member, group), its child rows inside ``payload`` (JSON), replaced
  per branch × year by each import.
* Narrow fact tables the dashboard reads, filled from the same import:
  ``upper_meeting`` (one row per meeting and kind it counts for; ``group_key`` names
  the party group of a 党小组会), ``upper_group`` (the groups a branch has, for the
  党小组会 requirement), ``upper_ledger_item`` (deadline, closed date: overdue is
  computed against the day asked) and ``upper_year`` (组织生活会 held, 民主评议 done, the
  latest inspection total and grade of a year).
* ``upper_file``: PDFs and attachments a bundle carried, stored by SHA-256 under the
  archive's ``attachments`` folder (so backups carry them).

Dates are ISO text (``YYYY-MM-DD``) so both engines compare them alike."""

from ..protect import append_only
from ._ddl import run_ddl

VERSION = 7

TABLES = """
CREATE TABLE upper_branch (
    id {pk},
    branch_uid TEXT NOT NULL,
    name TEXT NOT NULL,
    code TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT '',
    public_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    confirmed_from_paper BOOLEAN NOT NULL DEFAULT FALSE,
    enrolled_at TEXT NOT NULL,
    enrolled_by TEXT NOT NULL,
    freq_general INTEGER NOT NULL DEFAULT 3,
    freq_committee INTEGER NOT NULL DEFAULT 1,
    freq_group INTEGER NOT NULL DEFAULT 1,
    freq_lecture INTEGER NOT NULL DEFAULT 3,
    freq_theme_day INTEGER NOT NULL DEFAULT 1,
    frequencies_from_branch BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE UNIQUE INDEX upper_branch_uid ON upper_branch (branch_uid);
CREATE INDEX upper_branch_name ON upper_branch (name);
CREATE TABLE upper_bundle (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES upper_branch (id),
    bundle_hash TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    previous_hash TEXT NOT NULL DEFAULT '',
    years TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT '',
    key_fingerprint TEXT NOT NULL DEFAULT '',
    file_name TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    file_size INTEGER NOT NULL DEFAULT 0,
    gap INTEGER NOT NULL DEFAULT 0,
    record_count INTEGER NOT NULL DEFAULT 0,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL
);
CREATE UNIQUE INDEX upper_bundle_hash ON upper_bundle (bundle_hash);
CREATE UNIQUE INDEX upper_bundle_branch_sequence ON upper_bundle (branch_id, sequence);
CREATE TABLE upper_record (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES upper_branch (id),
    bundle_id INTEGER NOT NULL REFERENCES upper_bundle (id),
    year INTEGER,
    category TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT '',
    source_table TEXT NOT NULL,
    source_id INTEGER NOT NULL,
    record_date TEXT,
    title TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT '',
    superseded BOOLEAN NOT NULL DEFAULT FALSE,
    payload TEXT NOT NULL
);
CREATE INDEX upper_record_browse ON upper_record (branch_id, year, category, record_date);
CREATE INDEX upper_record_source ON upper_record (branch_id, source_table, source_id);
CREATE TABLE upper_meeting (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES upper_branch (id),
    record_id INTEGER NOT NULL REFERENCES upper_record (id),
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,
    kind TEXT NOT NULL,
    group_key TEXT NOT NULL DEFAULT '',
    day TEXT NOT NULL,
    state TEXT NOT NULL,
    held BOOLEAN NOT NULL
);
CREATE INDEX upper_meeting_month ON upper_meeting (branch_id, year, kind, month);
CREATE INDEX upper_meeting_record ON upper_meeting (record_id);
CREATE TABLE upper_group (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES upper_branch (id),
    source_id INTEGER NOT NULL,
    name TEXT NOT NULL
);
CREATE INDEX upper_group_branch ON upper_group (branch_id);
CREATE TABLE upper_ledger_item (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES upper_branch (id),
    record_id INTEGER NOT NULL REFERENCES upper_record (id),
    year INTEGER NOT NULL,
    created_on TEXT NOT NULL,
    deadline TEXT NOT NULL,
    closed_on TEXT
);
CREATE INDEX upper_ledger_branch ON upper_ledger_item (branch_id, created_on);
CREATE INDEX upper_ledger_record ON upper_ledger_item (record_id);
CREATE TABLE upper_year (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES upper_branch (id),
    year INTEGER NOT NULL,
    life_held BOOLEAN NOT NULL DEFAULT FALSE,
    life_on TEXT,
    appraisal_done BOOLEAN NOT NULL DEFAULT FALSE,
    appraisal_on TEXT,
    inspection_total_x10 INTEGER,
    inspection_grade TEXT NOT NULL DEFAULT '',
    inspection_on TEXT
);
CREATE UNIQUE INDEX upper_year_branch ON upper_year (branch_id, year);
CREATE TABLE upper_file (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES upper_branch (id),
    bundle_id INTEGER NOT NULL REFERENCES upper_bundle (id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    year INTEGER,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    stored_path TEXT NOT NULL
);
CREATE INDEX upper_file_branch ON upper_file (branch_id, kind, year)
"""


def apply(db) -> None:
    run_ddl(db, TABLES)
    append_only(db, "upper_bundle")

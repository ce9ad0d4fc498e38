"""Step 2: keeping records safe — the audit log, seals and revisions of records, and
the lock row that shows other PCs who writes a PostgreSQL archive.

Times in these tables are ISO text ("2024-05-01 09:30:00"), not TIMESTAMP: the
audit chain and the seals hash the stored text, which must read back identically
on both engines and in a backup copied from one engine to the other."""

from ..protect import append_only
from ._ddl import run_ddl

VERSION = 2

TABLES = """
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    record_table TEXT NOT NULL DEFAULT '',
    record_id INTEGER,
    summary TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL UNIQUE,
    entry_hash TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_log_record ON audit_log (record_table, record_id);
CREATE TABLE record_seal (
    id {pk},
    record_table TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    sealed_at TEXT NOT NULL,
    sealed_by TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX record_seal_record ON record_seal (record_table, record_id);
CREATE TABLE record_revision (
    id {pk},
    record_table TEXT NOT NULL,
    original_id INTEGER NOT NULL,
    revision_id INTEGER NOT NULL,
    original_hash TEXT NOT NULL,
    reason TEXT NOT NULL,
    actor TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX record_revision_original ON record_revision (record_table, original_id);
CREATE UNIQUE INDEX record_revision_revision ON record_revision (record_table, revision_id);
CREATE TABLE app_lock (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    host TEXT NOT NULL,
    user_name TEXT NOT NULL,
    pid INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    backend_pid INTEGER,
    app_version TEXT NOT NULL DEFAULT ''
);
"""


def apply(db) -> None:
    run_ddl(db, TABLES)
    for table in ("audit_log", "record_seal", "record_revision"):
        append_only(db, table)

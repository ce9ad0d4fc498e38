"""Step 8: SQLite's REPLACE could swap a sealed row for a new one.

``INSERT OR REPLACE`` (and ``UPDATE OR REPLACE`` that moves a row onto another id)
deletes the row it collides with without firing that row's DELETE trigger, so a
reported meeting could be replaced by one with other minutes that still said 已上报,
and an audit entry or a seal could be swapped. These triggers refuse such a statement
on every sealed table and every append-only table (PostgreSQL has no REPLACE: its
``ON CONFLICT DO UPDATE`` already meets the UPDATE triggers of steps 2–7)."""

from ..protect import refuse_replace_append_only, refuse_replace_sealed

VERSION = 8

# Record tables and their child tables, as protected in steps 3–5 (nearest parent first).
SEALED_TABLES = (
    ("meeting", None),
    *((table, ("meeting", "meeting_id")) for table in (
        "meeting_attendance", "meeting_agenda", "meeting_speech", "meeting_resolution", "meeting_task",
        "meeting_attachment",
    )),
    ("life_cycle", None),
    *((table, ("life_cycle", "cycle_id")) for table in (
        "life_opinion", "life_problem", "life_examination", "life_criticism",
    )),
    ("appraisal", None),
    ("appraisal_entry", ("appraisal", "appraisal_id")),
    ("target_inspection", None),
    ("target_score", ("target_inspection", "inspection_id")),
    ("target_problem", ("target_inspection", "inspection_id")),
    ("target_evidence", (("target_score", "score_id"), ("target_inspection", "inspection_id"))),
)

# Append-only tables of steps 2, 6 and 7 with their primary key and unique keys.
APPEND_ONLY_KEYS = {
    "audit_log": (("seq",), ("prev_hash",), ("entry_hash",)),
    "record_seal": (("id",), ("record_table", "record_id")),
    "record_revision": (("id",), ("record_table", "original_id"), ("record_table", "revision_id")),
    "bundle_export": (("id",), ("sequence",)),
    "upper_bundle": (("id",), ("branch_id", "sequence"), ("bundle_hash",)),
}


def apply(db) -> None:
    for table, parent in SEALED_TABLES:
        refuse_replace_sealed(db, table, parent=parent)
    for table, keys in APPEND_ONLY_KEYS.items():
        refuse_replace_append_only(db, table, keys)

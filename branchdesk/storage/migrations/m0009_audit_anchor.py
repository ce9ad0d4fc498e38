"""Step 9: the upper level keeps the head of each bundle's audit chain.

A branch's audit log travels whole in every bundle. With the previous bundle's head
(its number of entries and the hash of the last one) kept here, the next bundle from
that branch must hold the same entry at the same place: a log whose tail was cut, or
whose chain was recomputed after an edit, no longer does, and the bundle is refused."""

from ._ddl import run_ddl

VERSION = 9

CHANGES = """
ALTER TABLE upper_bundle ADD COLUMN audit_entries INTEGER NOT NULL DEFAULT 0;
ALTER TABLE upper_bundle ADD COLUMN audit_head_hash TEXT NOT NULL DEFAULT ''
"""


def apply(db) -> None:
    run_ddl(db, CHANGES)

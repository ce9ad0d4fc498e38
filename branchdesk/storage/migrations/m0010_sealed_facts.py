"""Step 10: a reported 组织生活会 keeps the facts its papers state (``life/snapshot.py``).

NULL for cycles reported before this step: the seal leaves a NULL ``sealed_facts`` out
of the record's content (``LIFE_CYCLE.optional_columns``), so their seals stay valid."""

from ._ddl import run_ddl

VERSION = 10

CHANGES = """
ALTER TABLE life_cycle ADD COLUMN sealed_facts TEXT
"""


def apply(db) -> None:
    run_ddl(db, CHANGES)

"""Step 14: indexes for the lookups the upper level makes once per bundle (issue 18).

Each import finds the records it has just inserted by ``upper_record.bundle_id``, and a
branch is recognised by its key's ``upper_branch.fingerprint``; without these indexes
both read the whole table, so every import cost more the more branches a county had.
``upper_file.bundle_id`` keeps the bundle's foreign key cheap to check. The other
per-bundle lookups (by branch, year, category, source record; meetings and ledger items
by record) were indexed in step 7. tests/domain/test_upper_indexes.py checks each
statement of an import and of the browser with EXPLAIN on both engines."""

from ._ddl import run_ddl

VERSION = 14

INDEXES = """
CREATE INDEX upper_record_bundle ON upper_record (bundle_id);
CREATE INDEX upper_file_bundle ON upper_file (bundle_id);
CREATE INDEX upper_branch_fingerprint ON upper_branch (fingerprint)
"""


def apply(db) -> None:
    run_ddl(db, INDEXES)

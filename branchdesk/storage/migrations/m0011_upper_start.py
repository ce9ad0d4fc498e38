"""Step 11: the upper level keeps each branch's 从何时开始记录 (docs/domain.md §2.4.1), so
its dashboard does not count the periods before a branch began its records as missing.

``start_ym`` is year * 100 + month; NULL until a bundle tells it (every period counts)."""

from ._ddl import run_ddl

VERSION = 11

CHANGES = """
ALTER TABLE upper_branch ADD COLUMN start_ym INTEGER
"""


def apply(db) -> None:
    run_ddl(db, CHANGES)

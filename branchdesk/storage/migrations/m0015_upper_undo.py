"""Step 15: an upper-level import is protected by what it replaced, not by a copy of the
whole archive (issue 18, docs/domain.md §6.4.1).

* ``upper_undo``: one row per branch, the rows the branch's latest import replaced
  (zlib-compressed JSON, base64 text so both engines store it alike), written in the
  import's own transaction and replaced by the branch's next import. Undoing the import
  puts those rows back.
* ``upper_undone``: a bundle whose import was undone (who, when). Append-only: the
  bundle stays in the log (``upper_bundle`` is append-only too) and the branch's next
  bundle still follows it in the chain."""

from ..protect import append_only, refuse_replace_append_only
from ._ddl import run_ddl

VERSION = 15

TABLES = """
CREATE TABLE upper_undo (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES upper_branch (id),
    bundle_id INTEGER NOT NULL REFERENCES upper_bundle (id),
    replaced TEXT NOT NULL
);
CREATE UNIQUE INDEX upper_undo_branch ON upper_undo (branch_id);
CREATE TABLE upper_undone (
    id {pk},
    bundle_id INTEGER NOT NULL REFERENCES upper_bundle (id),
    undone_at TEXT NOT NULL,
    undone_by TEXT NOT NULL
);
CREATE UNIQUE INDEX upper_undone_bundle ON upper_undone (bundle_id)
"""


def apply(db) -> None:
    run_ddl(db, TABLES)
    append_only(db, "upper_undone")
    refuse_replace_append_only(db, "upper_undone", (("id",), ("bundle_id",)))

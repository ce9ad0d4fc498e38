"""Every statement that one import, the import that replaces it, its undo and the browser
run for one bundle or one branch finds its rows through an index on both engines (issue
18): none reads a whole table that grows with the number of branches. The statements are
the real ones, recorded while bundles are imported and undone and the branch browsed,
then put to EXPLAIN."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from branchdesk.storage.database import is_postgres

GROWING = ("upper_branch", "upper_bundle", "upper_record", "upper_meeting", "upper_ledger_item", "upper_year",
           "upper_file", "upper_group", "upper_dues_month", "upper_pledge", "upper_verdict", "upper_masses_request",
           "upper_undo", "upper_undone")


def _issued_by_the_upper_level() -> bool:
    """Whether the statement comes from branchdesk/upper (the import and the browser), not
    from the whole-archive backup, whose cost is its own question (issue 18)."""
    frame = sys._getframe(2)
    while frame is not None:
        parts = Path(frame.f_code.co_filename).parts
        if "branchdesk" in parts and "storage" not in parts:
            return "upper" in parts
        frame = frame.f_back
    return False


def _record_statements(archive, monkeypatch) -> list[tuple[str, tuple]]:
    seen: list[tuple[str, tuple]] = []
    real = archive.db.execute_sql

    def recording(sql, params=None, *args, **kwargs):
        if (re.match(r"\s*(SELECT|DELETE|UPDATE)\b", sql, re.I) and re.search(r"\bupper_", sql)
                and _issued_by_the_upper_level()):
            seen.append((sql, tuple(params or ())))
        return real(sql, params, *args, **kwargs)

    monkeypatch.setattr(archive.db, "execute_sql", recording)
    return seen


def _full_scans(db, sql: str, params: tuple) -> list[str]:
    """The growing tables the plan reads whole."""
    if is_postgres(db):
        db.execute_sql("SET LOCAL enable_seqscan = off")  # an empty table would be read whole anyway
        plan = "\n".join(r[0] for r in db.execute_sql("EXPLAIN " + sql, params).fetchall())
        return [t for t in GROWING if re.search(rf"Seq Scan on {t}\b", plan)]
    plan = "\n".join(r[-1] for r in db.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall())
    return [t for t in GROWING if re.search(rf"\bSCAN {t}\b(?! USING (COVERING )?INDEX)", plan)]


def test_imports_their_undo_and_the_browser_read_no_growing_table_whole(upper_archive, demo_branches, monkeypatch):
    first, _ = demo_branches
    upper = upper_archive.upper
    upper.enrol(first.card, first.fingerprint)
    statements = _record_statements(upper_archive, monkeypatch)
    upper.import_bundle(first.bundles[0])
    branch = upper.branches()[0]
    year = upper.years(branch.id)[0]
    for category in upper.categories(branch.id, year):
        upper.records(branch.id, year, category.key)
    upper.bundles(branch.id)
    upper.files(branch.id)
    record = upper.records(branch.id, year, upper.categories(branch.id, year)[0].key)[0]
    upper.record(record.id)
    upper.import_bundle(first.bundles[1])  # replaces the branch's records and keeps them for its undo
    upper.undo_last_import(branch.id)
    monkeypatch.undo()
    assert any("bundle_id" in sql for sql, _ in statements)  # the import's own records were looked up
    scans = {}
    with upper_archive.bound(), upper_archive.db.atomic():
        for sql, params in statements:
            if found := _full_scans(upper_archive.db, sql, params):
                scans[" ".join(sql.split())[:160]] = found
    assert scans == {}

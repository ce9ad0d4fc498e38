"""The upper level stores each record's payload compressed and the undo as a blob (issue 18,
step 23), and step 23 converts an archive that kept them as text, in place, wholly or not
at all, on both engines."""

from __future__ import annotations

import base64
import json
import types

import pytest

from branchdesk.storage import migrate
from branchdesk.storage.database import is_postgres
from branchdesk.upper.store import payload_of, unpack_text
from tests.domain.upper_support import import_both, table_contents

STEP = 23


def _filled(upper_archive, demo_branches):
    """Both demo branches imported, then 前进村's next bundle (so its undo holds rows); the
    tables as they were before that bundle."""
    import_both(upper_archive, demo_branches)
    before_next = _read(upper_archive)
    upper_archive.upper.import_bundle(demo_branches[0].bundles[1])
    return before_next


def _what_users_see(archive) -> dict:
    """Everything the browser and the overviews that read payloads show."""
    upper = archive.upper
    seen = {"recruitment": [r.as_dict() for r in upper.recruitment()]}
    for branch in upper.branches():
        for year in [*upper.years(branch.id), None]:
            keys = [c.key for c in upper.categories(branch.id, year)] if year else ["member", "group"]
            for key in keys:
                for record in upper.records(branch.id, year, key):
                    seen[(branch.name, year, key, record.title)] = upper.record(record.id, show_id_numbers=True)
        for year in upper.years(branch.id):
            seen[("transfers", year)] = upper.transfers(year)
            seen[("study", year)] = upper.study(year)
    return seen


def _read(archive) -> dict:
    """Every upper table, payloads and undo blobs as what they hold (not how compressed)."""
    contents = table_contents(archive)
    db = archive.db
    contents["upper_record"] = sorted((i, payload_of(p)) for i, p in
                                      db.execute_sql("SELECT id, payload FROM upper_record").fetchall())
    contents["upper_undo"] = sorted((i, json.loads(unpack_text(r))) for i, r in
                                    db.execute_sql("SELECT id, replaced FROM upper_undo").fetchall())
    return contents


def _as_before_step_23(db) -> None:
    """Turn the payloads back into JSON text and the undo into base64 text, as step 22 kept them."""
    payloads = [(unpack_text(p), i) for i, p in db.execute_sql("SELECT id, payload FROM upper_record").fetchall()]
    undos = [(base64.b64encode(bytes(r)).decode(), i) for i, r in
             db.execute_sql("SELECT id, replaced FROM upper_undo").fetchall()]
    if is_postgres(db):
        db.execute_sql("ALTER TABLE upper_record ALTER COLUMN payload TYPE TEXT USING ''")
        db.execute_sql("ALTER TABLE upper_undo ALTER COLUMN replaced TYPE TEXT USING ''")
    update = "UPDATE {} SET {} = {} WHERE id = {}"
    for table, column, rows in (("upper_record", "payload", payloads), ("upper_undo", "replaced", undos)):
        for value, row_id in rows:
            db.execute_sql(update.format(table, column, db.param, db.param), (value, row_id))
    db.execute_sql(f"DELETE FROM schema_version WHERE version = {STEP}")


def _kinds(db) -> set[str]:
    if is_postgres(db):
        found = db.execute_sql("SELECT data_type FROM information_schema.columns WHERE table_name IN "
                               "('upper_record', 'upper_undo') AND column_name IN ('payload', 'replaced')")
        return {row[0] for row in found.fetchall()}
    found = db.execute_sql("SELECT typeof(payload) FROM upper_record UNION SELECT typeof(replaced) FROM upper_undo")
    return {row[0] for row in found.fetchall()}


def test_payloads_are_stored_compressed_and_read_back_whole(upper_archive, demo_branches):
    _filled(upper_archive, demo_branches)
    db = upper_archive.db
    assert _kinds(db) == ({"bytea"} if is_postgres(db) else {"blob"})
    stored = db.execute_sql("SELECT payload FROM upper_record").fetchall()
    text = sum(len(unpack_text(p).encode()) for (p,) in stored)
    assert sum(len(bytes(p)) for (p,) in stored) < text / 2
    assert all(set(payload_of(p)) == {"row", "children"} for (p,) in stored)


def test_step_23_converts_an_archive_in_place_and_its_undo_still_works(upper_archive, demo_branches):
    before_next = _filled(upper_archive, demo_branches)
    db = upper_archive.db
    seen = _what_users_see(upper_archive)
    now = _read(upper_archive)
    with db.atomic():
        _as_before_step_23(db)
    assert _kinds(db) == {"text"}
    assert migrate.upgrade(db) == [STEP]
    assert _kinds(db) == ({"bytea"} if is_postgres(db) else {"blob"})
    assert _what_users_see(upper_archive) == seen
    assert _read(upper_archive) == now
    branch = upper_archive.upper.find_branch("前进村党支部")
    upper_archive.upper.undo_last_import(branch.id)
    restored = _read(upper_archive)
    for table in ("upper_record", "upper_meeting", "upper_year", "upper_file", "upper_group", "upper_dues_month"):
        assert restored[table] == before_next[table], table


def test_step_23_is_all_or_nothing(upper_archive, demo_branches, monkeypatch):
    _filled(upper_archive, demo_branches)
    db = upper_archive.db
    with db.atomic():
        _as_before_step_23(db)
    before = table_contents(upper_archive)
    real = migrate.steps()

    def fails(db):
        raise RuntimeError("power cut during the upgrade")

    monkeypatch.setattr(migrate, "steps", lambda: real + [types.SimpleNamespace(VERSION=real[-1].VERSION + 1,
                                                                                  apply=fails)])
    with pytest.raises(RuntimeError):
        migrate.upgrade(db)
    assert migrate.current_version(db) == STEP - 1
    assert _kinds(db) == {"text"}
    assert table_contents(upper_archive) == before
    assert json.loads(db.execute_sql("SELECT payload FROM upper_record").fetchone()[0])["row"]


def test_compressed_payloads_move_between_engines_by_backup_and_restore(upper_archive, demo_branches, archive_factory):
    """A backup copies the blobs row by row (PostgreSQL → a SQLite file, and back): the other
    engine reads the same records and can still undo the branch's last import."""
    from branchdesk.archive import Archive
    from branchdesk.safety.restore import restore
    from tests.conftest import PG_URL

    if not PG_URL:
        pytest.skip("moving between engines needs PostgreSQL (BRANCHDESK_TEST_PG_URL)")
    _filled(upper_archive, demo_branches)
    seen = _what_users_see(upper_archive)
    backup = upper_archive.backup_to(None)
    target_dir, target_url = archive_factory("sqlite" if is_postgres(upper_archive.db) else "postgresql")
    restore(target_dir, backup, target_url)
    with Archive.open(target_dir, target_url) as target:
        assert _what_users_see(target) == seen
        assert "已撤销「前进村党支部」第 2 号" in target.upper.undo_last_import(target.upper.find_branch("前进村").id)

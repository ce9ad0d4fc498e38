"""Schema versions, refusal of newer databases, backups before upgrades."""

import hashlib
import sqlite3
import types

import pytest

from branchdesk.archive import Archive
from branchdesk.errors import SchemaTooNew, StorageError
from branchdesk.storage import migrate


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_archive_records_every_step(empty_archive):
    rows = empty_archive.db.execute_sql("SELECT version FROM schema_version ORDER BY version").fetchall()
    assert [r[0] for r in rows] == list(range(1, migrate.latest_version() + 1))


def test_sqlite_archive_uses_the_durable_settings(empty_archive):
    if empty_archive.engine != "sqlite":
        assert empty_archive.db.execute_sql("SHOW synchronous_commit").fetchone()[0] == "on"
        return
    def pragma(name):
        return empty_archive.db.execute_sql(f"PRAGMA {name}").fetchone()[0]

    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("foreign_keys") == 1
    assert pragma("secure_delete") == 1


def test_database_from_a_newer_version_is_refused_untouched(archive_factory):
    data_dir, _ = archive_factory("sqlite")
    path = data_dir / "branchdesk.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (999, '2030-01-01', '9.0')")
    conn.commit()
    conn.execute("PRAGMA journal_mode=delete")
    conn.close()
    before = digest(path)
    with pytest.raises(SchemaTooNew) as caught:
        Archive.open(data_dir)
    assert "更新版本" in caught.value.message() and "999" in caught.value.message()
    assert digest(path) == before
    assert not (data_dir / "branchdesk.sqlite3-wal").exists()


def test_newer_postgres_archive_is_refused(archive_factory, engine):
    data_dir, url = archive_factory(engine)
    with Archive.open(data_dir, url) as archive:
        archive.db.execute_sql("INSERT INTO schema_version VALUES (999, '2030-01-01', '9.0')")
    with pytest.raises(SchemaTooNew):
        Archive.open(data_dir, url)


def test_foreign_sqlite_file_is_not_touched(tmp_path):
    path = tmp_path / "branchdesk.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 12345")
    conn.execute("CREATE TABLE other (x)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(StorageError, match="不是 BranchDesk"):
        Archive.open(tmp_path)
    assert digest(path) == before


def _extra_step(version, body):
    return types.SimpleNamespace(VERSION=version, apply=body)


def test_upgrade_takes_a_backup_then_applies(archive_factory, engine, monkeypatch):
    data_dir, url = archive_factory(engine)
    real_steps = migrate.steps()
    new_step = _extra_step(len(real_steps) + 1, lambda db: db.execute_sql("CREATE TABLE upgrade_probe (x INTEGER)"))
    monkeypatch.setattr(migrate, "steps", lambda: real_steps + [new_step])
    with Archive.open(data_dir, url) as archive:
        assert archive.db.table_exists("upgrade_probe")
        assert migrate.current_version(archive.db) == new_step.VERSION
    backups = list((data_dir / "backups").glob("*pre-upgrade*.sqlite3"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    assert conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == len(real_steps)
    conn.close()


def test_failed_upgrade_changes_nothing(archive_factory, engine, monkeypatch):
    data_dir, url = archive_factory(engine)
    real_steps = migrate.steps()

    def broken(db):
        db.execute_sql("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("power cut simulation")

    monkeypatch.setattr(migrate, "steps", lambda: real_steps + [_extra_step(len(real_steps) + 1, broken)])
    with pytest.raises(RuntimeError):
        Archive.open(data_dir, url)
    monkeypatch.setattr(migrate, "steps", lambda: real_steps)
    with Archive.open(data_dir, url) as archive:
        assert not archive.db.table_exists("half_done")
        assert migrate.current_version(archive.db) == len(real_steps)

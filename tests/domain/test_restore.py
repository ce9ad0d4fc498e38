"""Restore: the file is verified before anything is touched, the current database is
backed up and kept aside, and archives move between SQLite and PostgreSQL."""

import hashlib
import sqlite3

import pytest

from branchdesk.archive import Archive
from branchdesk.errors import SchemaTooNew, StorageError
from branchdesk.safety.restore import restore
from branchdesk.safety.rotation import list_backups
from tests.conftest import PG_URL
from tests.domain.safety_support import (
    PROBE,
    add_probe_record,
    cli_run,
    member_forms,
    raw_connection,
    raw_error_types,
    start_holder,
    stop_holder,
)


def _names(archive) -> list[str]:
    return sorted(m.name for m in archive.members.all_active())


def test_restore_brings_back_the_backup_and_keeps_the_current_aside(archive, capsys):
    archive.members.add_many(member_forms(3))
    backup = archive.backup_to(None)
    archive.members.add_many(member_forms(2, start=100))  # made after the backup
    data_dir, url = archive.layout.root, archive.url
    archive.close()
    code, out, err = cli_run(capsys, data_dir, "restore", str(backup), db_url=url)
    assert code == 0, err
    assert "已从备份" in out and "没有删除" in out
    with Archive.open(data_dir, url) as restored:
        assert _names(restored) == ["党员0", "党员1", "党员2"]
        last = restored.audit.entries()[-1]
        assert last.action == "archive.restore" and backup.name in last.summary
        assert restored.audit.verify().ok
    pre = [b for b in list_backups(data_dir / "backups") if b.reason == "pre-restore"]
    assert len(pre) == 1
    conn = sqlite3.connect(f"file:{pre[0].path}?mode=ro", uri=True)
    assert conn.execute("SELECT COUNT(*) FROM member").fetchone()[0] == 5  # the state before the restore
    conn.close()
    if url is None:
        (aside,) = (data_dir / "aside").glob("*before-restore.sqlite3")
        conn = sqlite3.connect(f"file:{aside}?mode=ro", uri=True)
        assert conn.execute("SELECT COUNT(*) FROM member").fetchone()[0] == 5
        conn.close()
    else:
        conn = raw_connection(data_dir, url)
        schema = conn.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'branchdesk_aside_%%'"
        ).fetchone()[0]
        assert conn.execute(f"SELECT COUNT(*) FROM {schema}.member").fetchone()[0] == 5
        conn.close()


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_damaged_backup_is_refused_before_anything_changes(archive, tmp_path, capsys):
    archive.members.add_many(member_forms(2))
    backup = archive.backup_to(None)
    broken = tmp_path / "broken.sqlite3"
    data = bytearray(backup.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 4096] = b"\xff" * 4096
    broken.write_bytes(data)
    data_dir, url = archive.layout.root, archive.url
    archive.close()
    before = _digest(data_dir / "branchdesk.sqlite3") if url is None else None
    code, _, err = cli_run(capsys, data_dir, "restore", str(broken), db_url=url)
    assert code == 1 and "未通过校验" in err and "没有任何改动" in err
    not_a_backup = tmp_path / "notes.sqlite3"
    not_a_backup.write_text("会议记录", "utf-8")
    with pytest.raises(StorageError, match="未通过校验"):
        restore(data_dir, not_a_backup, url)
    if url is None:
        assert _digest(data_dir / "branchdesk.sqlite3") == before
    with Archive.open(data_dir, url) as same:
        assert len(_names(same)) == 2
    assert not (data_dir / "aside").exists() or not list((data_dir / "aside").iterdir())


def test_a_backup_from_a_newer_version_is_refused(archive):
    backup = archive.backup_to(None)
    conn = sqlite3.connect(backup)
    conn.execute("INSERT INTO schema_version VALUES (999, '2030-01-01', '9.0')")
    conn.commit()
    conn.close()
    data_dir, url = archive.layout.root, archive.url
    archive.close()
    with pytest.raises(SchemaTooNew):
        restore(data_dir, backup, url)


def test_restore_is_refused_while_another_instance_holds_the_archive(archive):
    backup = archive.backup_to(None)
    data_dir, url = archive.layout.root, archive.url
    archive.close()
    holder, facts = start_holder(data_dir, url)
    try:
        with pytest.raises(StorageError) as refused:
            restore(data_dir, backup, url)
        assert f"进程 {facts['pid']}" in refused.value.message() and "没有任何改动" in refused.value.message()
    finally:
        stop_holder(holder)


def _other(engine):
    return "sqlite" if engine == "postgresql" else "postgresql"


def test_restore_across_engines_keeps_records_seals_and_the_log(archive_factory, engine, probe_step):
    from tests.conftest import PG_URL

    if not PG_URL:
        pytest.skip("moving between engines needs PostgreSQL (BRANCHDESK_TEST_PG_URL)")
    from branchdesk.branch import BranchInfo

    source_dir, source_url = archive_factory(engine)
    with Archive.open(source_dir, source_url) as source:
        source.branch.save_own(BranchInfo(name="迁移测试党支部", kind="community"))
        source.members.add_many(member_forms(4))
        with source.db.atomic():
            record_id = add_probe_record(source.db)
        source.records.finalise(PROBE, record_id)
        seal = source.records.report(PROBE, record_id)
        backup = source.backup_to(None)
        head = source.audit.head()
    target_dir, target_url = archive_factory(_other(engine))
    result = restore(target_dir, backup, target_url)
    assert result.engine == _other(engine)
    with Archive.open(target_dir, target_url) as target:
        assert target.engine == _other(engine)
        assert target.branch.own().name == "迁移测试党支部" and len(_names(target)) == 4
        assert target.records.seal(PROBE, record_id).content_hash == seal.content_hash
        assert target.records.verify(PROBE, record_id).ok  # the same canonical content on both engines
        chain = target.audit.verify()
        assert chain.ok and chain.entries == head[0] + 1
        target.members.add_many(member_forms(1, start=50))  # ids continue after the copied ones
        data_dir = target.layout.root
    conn = raw_connection(data_dir, target_url)
    try:  # the protection came along: raw SQL is still refused on the new engine
        with pytest.raises(raw_error_types(), match="BD_SEALED"):
            conn.execute(f"UPDATE probe_record SET title = 'x' WHERE id = {record_id}")
    finally:
        conn.close()


@pytest.mark.skipif(not PG_URL, reason="PostgreSQL restore (BRANCHDESK_TEST_PG_URL)")
def test_postgres_restore_moves_only_branchdesk_tables_and_twice_in_one_second_works(archive_factory, monkeypatch):
    import datetime as dt

    from branchdesk import clock
    from branchdesk.branch import BranchInfo

    data_dir, url = archive_factory("postgresql")
    with Archive.open(data_dir, url) as archive:
        archive.branch.save_own(BranchInfo(name="测试村党支部", kind="village"))
        archive.members.add_many(member_forms(2))
        backup = archive.backup_to(None)
    conn = raw_connection(data_dir, url)
    try:
        conn.execute("CREATE TABLE other_app_notes (id SERIAL PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO other_app_notes (body) VALUES ('别的程序的数据')")
        monkeypatch.setattr(clock, "now", lambda: dt.datetime(2025, 5, 1, 9, 30, 0))
        restore(data_dir, backup, url)
        restore(data_dir, backup, url)  # the same second: a second aside schema
        schemas = [
            row[0] for row in conn.execute(
                "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'branchdesk_aside_%%' ORDER BY nspname"
            )
        ]
        assert len(schemas) == 2
        for schema in schemas:
            assert conn.execute(f"SELECT COUNT(*) FROM {schema}.member").fetchone()[0] == 2
            assert not conn.execute("SELECT to_regclass(%s)", (f"{schema}.other_app_notes",)).fetchone()[0]
        assert conn.execute("SELECT body FROM public.other_app_notes").fetchone()[0] == "别的程序的数据"
    finally:
        conn.close()
    monkeypatch.undo()
    with Archive.open(data_dir, url) as restored:
        assert len(_names(restored)) == 2 and restored.audit.verify().ok

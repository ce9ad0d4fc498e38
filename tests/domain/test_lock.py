"""One writer: a second instance opens read-only and is told who holds the archive;
a stale lock after a power cut is taken over; "database is locked" never reaches the user."""

import json
import signal
import subprocess
import sys

import pytest

from branchdesk.archive import Archive
from branchdesk.errors import ReadOnlyArchive, StorageError
from branchdesk.safety import lock as lock_mod
from branchdesk.storage import database as storage_db
from tests.conftest import PG_URL
from tests.domain.safety_support import cli_run, member_forms, start_holder, stop_holder


def test_second_instance_opens_read_only_and_names_the_holder(archive_factory, engine, capsys):
    data_dir, url = archive_factory(engine)
    holder, facts = start_holder(data_dir, url)
    try:
        assert facts["read_only"] is False
        with Archive.open(data_dir, url) as second:
            assert second.read_only
            assert second.lock_holder.pid == facts["pid"]
            assert second.lock_holder.host == lock_mod.this_host()
            reason = second.read_only_reason
            assert f"进程 {facts['pid']}" in reason and "只读" in reason and second.lock_holder.started_at in reason
            with pytest.raises(ReadOnlyArchive) as refused:
                second.members.add_many(member_forms(1))
            assert f"进程 {facts['pid']}" in refused.value.message()
        with Archive.open(data_dir, url, take_over_lock=True) as insisting:
            assert insisting.read_only  # a holder running on this PC is never pushed out
        # The command line reports the same holder, and can still back up.
        code, out, _ = cli_run(capsys, data_dir, "check", "--json", db_url=url)
        report = json.loads(out)
        assert report["lock"]["holder"]["pid"] == facts["pid"]
        code, out, _ = cli_run(capsys, data_dir, "backup", db_url=url)
        assert code == 0 and "备份完成" in out
    finally:
        stop_holder(holder)
    with Archive.open(data_dir, url) as after:
        assert not after.read_only and after.stale_lock is None


def test_stale_lock_after_a_power_cut_is_taken_over(archive_factory, engine):
    data_dir, url = archive_factory(engine)
    holder, facts = start_holder(data_dir, url)
    holder.send_signal(signal.SIGKILL)  # the PC loses power: no clean exit
    holder.wait()
    holder.stdin.close()
    holder.stdout.close()
    with Archive.open(data_dir, url) as archive:
        assert not archive.read_only
        assert archive.stale_lock is not None and archive.stale_lock.pid == facts["pid"]
        assert f"进程 {facts['pid']}" in archive.stale_lock_notice and "没有正常退出" in archive.stale_lock_notice
        archive.settings.set("paper_preset", "gbt9704")  # it can write
    with Archive.open(data_dir, url) as again:  # released cleanly this time
        assert again.stale_lock is None


def test_lock_from_another_pc_needs_the_users_word(archive_factory):
    data_dir, _ = archive_factory("sqlite")
    (data_dir / lock_mod.LOCK_FILE).write_text(
        json.dumps({"host": "办公室二号电脑", "user": "王会计", "pid": 4242, "started_at": "2024-05-01 08:00:00"}),
        "utf-8",
    )
    with Archive.open(data_dir) as archive:
        assert archive.read_only
        assert "办公室二号电脑" in archive.read_only_reason and "接管" in archive.read_only_reason
        assert archive.can_take_over
    with Archive.open(data_dir, take_over_lock=True) as archive:
        assert not archive.read_only and archive.stale_lock.host == "办公室二号电脑"


def _dead_pid() -> int:
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    return finished.pid


@pytest.mark.skipif(not PG_URL, reason="needs PostgreSQL (BRANCHDESK_TEST_PG_URL)")
def test_postgres_holder_whose_pc_died_is_taken_over(archive_factory):
    """The server still sees the session of a PC that lost power; its process is gone.
    (The SQLite twin: test_stale_lock_after_a_power_cut_is_taken_over.)"""
    import psycopg

    data_dir, url = archive_factory("postgresql")
    ghost = psycopg.connect(url, autocommit=True)
    ghost.execute("SELECT pg_advisory_lock(%s, %s)", lock_mod.PG_LOCK_KEYS)
    ghost.execute(
        "INSERT INTO app_lock (id, host, user_name, pid, started_at, backend_pid) "
        "VALUES (1, %s, '张三', %s, '2024-05-01 08:00:00', pg_backend_pid())",
        (lock_mod.this_host(), _dead_pid()),
    )
    try:
        with Archive.open(data_dir, url) as archive:
            assert not archive.read_only and archive.stale_lock.user == "张三"
        with pytest.raises(psycopg.OperationalError):
            ghost.execute("SELECT 1")  # its session was ended
    finally:
        ghost.close()


def test_busy_database_gives_a_chinese_message_not_database_is_locked(archive_factory, engine, monkeypatch):
    monkeypatch.setattr(storage_db, "BUSY_TIMEOUT_S", 0.2)
    monkeypatch.setattr(storage_db, "PG_LOCK_TIMEOUT_MS", 200)
    data_dir, url = archive_factory(engine)
    archive = Archive.open(data_dir, url)
    other = _other_writer(data_dir, url)
    try:
        with pytest.raises(StorageError) as busy:
            archive.settings.set("paper_preset", "gbt9704")
        text = busy.value.message()
        assert "正被另一个程序" in text and "没有改动" in text and "locked" not in text
    finally:
        other.rollback()
        other.close()
    archive.settings.set("paper_preset", "gbt9704")
    assert archive.settings.get("paper_preset") == "gbt9704"
    archive.close()


def _other_writer(data_dir, url):
    """Another program holding a write lock (a database tool left a transaction open)."""
    if url:
        import psycopg

        conn = psycopg.connect(url)
        conn.execute("LOCK TABLE setting IN ACCESS EXCLUSIVE MODE")
        return conn
    import sqlite3

    conn = sqlite3.connect(data_dir / "branchdesk.sqlite3", isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    return conn


@pytest.mark.parametrize("proc_locks", [True, False], ids=["proc-locks", "no-proc-locks"])
def test_peeking_at_the_lock_never_takes_it(archive_factory, monkeypatch, proc_locks):
    """``branchdesk check`` at the moment the window starts must not make it read-only.
    (Without /proc/locks, as on Windows, the holder's process is looked for instead.)"""
    data_dir, _ = archive_factory("sqlite")
    if not proc_locks:
        monkeypatch.setattr(lock_mod, "_flock_seen", lambda path: None)
    lock_file = lock_mod.FileLock(data_dir / lock_mod.LOCK_FILE)
    taken = []
    real_lock = lock_mod._os_lock
    monkeypatch.setattr(lock_mod, "_os_lock", lambda fd: taken.append(fd) or real_lock(fd))
    assert lock_file.peek() is None  # no file yet
    holder, facts = start_holder(data_dir, None)
    try:
        assert lock_file.peek().pid == facts["pid"]
        with Archive.open(data_dir, read_only=True) as reader:  # the read-only open peeks too
            assert reader.lock_holder.pid == facts["pid"]
    finally:
        stop_holder(holder)
    assert lock_file.peek() is None  # released cleanly
    assert taken == []
    killed, facts = start_holder(data_dir, None)
    killed.send_signal(signal.SIGKILL)  # the file still names it, but its lock is gone
    killed.wait()
    killed.stdin.close()
    killed.stdout.close()
    assert (data_dir / lock_mod.LOCK_FILE).read_text("utf-8").strip()
    assert lock_file.peek() is None
    assert taken == []

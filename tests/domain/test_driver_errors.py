"""Driver errors reach the user as typed BranchDesk errors whatever language the
database server speaks. A PostgreSQL server on a Chinese system words its errors in
Chinese (``lc_messages`` = zh_CN.UTF-8), so errors are recognised by SQLSTATE on
PostgreSQL and by result code on SQLite, never by their English text; only the
markers our own triggers raise are read from the message.

The PostgreSQL tests switch sessions to Chinese messages and first prove that the
server really answers in Chinese (tools/system-deps test makes the zh_CN.UTF-8 locale;
PostgreSQL's translations come with its package). Without them the tests skip, and
fail under CI, where they must run."""

from __future__ import annotations

import ast
import os
import re
import sqlite3
import threading
import time
from pathlib import Path

import peewee
import pytest

from branchdesk.archive import Archive
from branchdesk.errors import TAKEN_OVER, Conflict, StorageError
from branchdesk.storage import database as storage_db
from tests.conftest import PG_URL

needs_pg = pytest.mark.skipif(not PG_URL, reason="needs PostgreSQL (BRANCHDESK_TEST_PG_URL)")

ZH = "zh_CN.UTF-8"
CJK = re.compile("[\u4e00-\u9fff]")
BUSY = "正被另一个程序或另一台电脑写入"
CLASH = "与另一处同时修改发生冲突"
DISK_FULL = "磁盘空间已满"
IO_ERROR = "读写档案库文件时出错"
READ_ONLY_FILE = "档案库文件是只读的"
READ_ONLY_SERVER = "数据库服务器只允许读取"
DAMAGED = "档案库文件已损坏"
CONNECTION_LOST = "与数据库服务器的连接已断开"


def _no_chinese(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(reason + " (CI must run these tests: tools/system-deps test makes the locale)")
    pytest.skip(reason)


def _prove_chinese(execute) -> None:
    """A statement that fails on the session behind ``execute`` is answered in Chinese."""
    try:
        execute("SELECT 1/0")
    except Exception as error:
        text = str(error)
    else:
        raise AssertionError("SELECT 1/0 did not fail")
    if not CJK.search(text):
        _no_chinese(f"PostgreSQL still answers in English ({text!r}): its Chinese translations are missing")


def _speak_chinese(execute) -> None:
    """Switch the session behind ``execute(sql)`` to Chinese messages, and prove it."""
    try:
        execute(f"SET lc_messages TO '{ZH}'")
    except Exception as error:
        _no_chinese(f"the server cannot use the {ZH} locale ({error})")
    _prove_chinese(execute)


def _driver(error: BaseException) -> BaseException:
    """The driver's exception behind a typed error (peewee keeps it in ``.orig``)."""
    cause = error.__cause__
    return getattr(cause, "orig", cause)


def _assert_said_in_chinese(error: BaseException, sqlstate: str) -> None:
    raw = _driver(error)
    assert raw.sqlstate == sqlstate
    assert CJK.search(raw.diag.message_primary), raw.diag.message_primary  # not vacuous: no English to match


def _wrapped(raw: Exception) -> peewee.PeeweeException:
    """``raw`` as peewee hands it on when the driver raises it inside a query."""
    try:
        with peewee.__exception_wrapper__:
            raise raw
    except peewee.PeeweeException as error:
        return error
    raise AssertionError(f"peewee did not wrap {raw!r}")


def _pg(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True)


def _wait_until_waiting_for_a_lock(admin, pid: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        row = admin.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone()
        if row and row[0] == "Lock":
            return
        time.sleep(0.02)
    raise AssertionError(f"session {pid} never waited for a lock")


def _wait_until_gone(admin, pid: int) -> None:
    deadline = time.monotonic() + 10
    while admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone():
        assert time.monotonic() < deadline, f"session {pid} was not ended"
        time.sleep(0.02)


# -- PostgreSQL speaking Chinese: provoked on a real server -----------------------------
@needs_pg
def test_lock_timeout_on_a_chinese_session_is_the_busy_storage_error(archive_factory, monkeypatch):
    """Another program holds a row lock; BranchDesk's write gives up after lock_timeout
    (55P03). The server says it in Chinese, so no English text could be matched."""
    monkeypatch.setattr(storage_db, "PG_LOCK_TIMEOUT_MS", 300)
    data_dir, url = archive_factory("postgresql")
    archive = Archive.open(data_dir, url)
    holder = _pg(url)
    try:
        _speak_chinese(holder.execute)
        _speak_chinese(archive.db.execute_sql)
        archive.settings.set("paper_preset", "gbt9704")
        holder.execute("BEGIN")
        holder.execute("SELECT value FROM setting WHERE key = 'paper_preset' FOR UPDATE")
        with pytest.raises(StorageError) as busy:
            archive.settings.set("paper_preset", "record")
        assert BUSY in busy.value.message() and "没有改动" in busy.value.message()
        _assert_said_in_chinese(busy.value, "55P03")
        holder.execute("ROLLBACK")
        archive.settings.set("paper_preset", "record")  # the lock is gone: it saves
        assert archive.settings.get("paper_preset") == "record"
    finally:
        holder.close()
        archive.close()


@needs_pg
def test_archive_on_a_server_set_to_chinese_messages_reports_a_lock_timeout(archive_factory, monkeypatch):
    """The realistic case: the database itself is set to Chinese messages, so every
    session BranchDesk opens (its writer lock's too) gets them without asking."""
    monkeypatch.setattr(storage_db, "PG_LOCK_TIMEOUT_MS", 300)
    data_dir, url = archive_factory("postgresql")
    name = url.rsplit("/", 1)[1]
    with _pg(url) as admin:
        try:
            admin.execute(f"ALTER DATABASE {name} SET lc_messages = '{ZH}'")
        except Exception as error:
            _no_chinese(f"the server cannot use the {ZH} locale ({error})")
    archive = Archive.open(data_dir, url)
    holder = _pg(url)
    try:
        assert archive.db.execute_sql("SHOW lc_messages").fetchone()[0] == ZH
        _prove_chinese(archive.db.execute_sql)
        archive.settings.set("paper_preset", "gbt9704")
        holder.execute("BEGIN")
        holder.execute("SELECT value FROM setting WHERE key = 'paper_preset' FOR UPDATE")
        with pytest.raises(StorageError) as busy:
            archive.settings.set("paper_preset", "record")
        assert BUSY in busy.value.message()
        _assert_said_in_chinese(busy.value, "55P03")
    finally:
        holder.close()
        archive.close()


@needs_pg
def test_deadlock_on_a_chinese_session_is_the_clash_storage_error(archive_factory):
    """BranchDesk and another program each hold a row the other wants (40P01). BranchDesk's
    session checks for the deadlock first (deadlock_timeout 100 ms against 10 s), so its
    statement is the one the server cancels."""
    data_dir, url = archive_factory("postgresql")
    archive = Archive.open(data_dir, url)
    other, admin = _pg(url), _pg(url)
    waited: list[BaseException | None] = []
    try:
        _speak_chinese(other.execute)
        _speak_chinese(archive.db.execute_sql)
        archive.db.execute_sql("INSERT INTO setting (key, value) VALUES ('bd_test_a', '0'), ('bd_test_b', '0')")
        archive.db.execute_sql("SET deadlock_timeout = '100ms'")
        other.execute("SET deadlock_timeout = '10s'")
        other.execute("BEGIN")
        other.execute("UPDATE setting SET value = '1' WHERE key = 'bd_test_b'")

        def other_wants_a():
            try:
                other.execute("UPDATE setting SET value = '1' WHERE key = 'bd_test_a'")
                waited.append(None)
            except Exception as error:
                waited.append(error)

        waiter = threading.Thread(target=other_wants_a)
        with pytest.raises(StorageError) as clash:
            with archive.db.atomic():
                archive.db.execute_sql("UPDATE setting SET value = '2' WHERE key = 'bd_test_a'")
                waiter.start()
                _wait_until_waiting_for_a_lock(admin, other.info.backend_pid)
                archive.db.execute_sql("UPDATE setting SET value = '2' WHERE key = 'bd_test_b'")
        waiter.join(timeout=20)
        assert waited == [None]  # BranchDesk's transaction was rolled back: the other went on
        assert CLASH in clash.value.message() and "没有改动" in clash.value.message()
        _assert_said_in_chinese(clash.value, "40P01")
    finally:
        other.close()
        admin.close()
        archive.close()


@needs_pg
def test_session_ended_by_a_take_over_on_a_chinese_server_says_taken_over(archive_factory):
    """A take-over ends the old writer's sessions with pg_terminate_backend (57P01).
    The next statement after that finds the connection closed: connection lost."""
    data_dir, url = archive_factory("postgresql")
    archive = Archive.open(data_dir, url)
    admin = _pg(url)
    try:
        _speak_chinese(archive.db.execute_sql)
        pid = archive.db.connection().info.backend_pid
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        _wait_until_gone(admin, pid)
        with pytest.raises(StorageError) as ended:
            archive.settings.set("paper_preset", "record")
        assert ended.value.message() == TAKEN_OVER
        _assert_said_in_chinese(ended.value, "57P01")
        with pytest.raises(StorageError) as closed:
            archive.db.execute_sql("SELECT 1")
        assert CONNECTION_LOST in closed.value.message()
    finally:
        admin.close()
        archive.close()


@needs_pg
def test_write_on_a_read_only_server_session_is_a_storage_error(archive_factory):
    """A read-only window's session refuses writes (25006, which psycopg raises as an
    InternalError): even SQL that slips past the program's own check is told plainly."""
    data_dir, url = archive_factory("postgresql")
    archive = Archive.open(data_dir, url, read_only=True)
    try:
        _speak_chinese(archive.db.execute_sql)
        with pytest.raises(StorageError) as refused:
            archive.db.execute_sql("UPDATE setting SET value = value")
        assert READ_ONLY_SERVER in refused.value.message()
        _assert_said_in_chinese(refused.value, "25006")
    finally:
        archive.close()


@pytest.mark.parametrize("engine_name", ["sqlite", "postgresql"])
def test_refusals_by_our_triggers_are_conflicts_in_any_language(archive_factory, engine_name):
    """Our triggers raise ``BD_APPEND_ONLY:table``; on a Chinese PostgreSQL session the
    rest of the error (its CONTEXT line) is Chinese, the marker is still first. (A guard:
    the old text search found the marker too; now it is read from the primary message.)"""
    if engine_name == "postgresql" and not PG_URL:
        pytest.skip("needs PostgreSQL (BRANCHDESK_TEST_PG_URL)")
    data_dir, url = archive_factory(engine_name)
    archive = Archive.open(data_dir, url)
    try:
        if url:
            _speak_chinese(archive.db.execute_sql)
        archive.settings.set("paper_preset", "record")  # writes an audit_log entry
        with pytest.raises(Conflict) as refused:
            archive.db.execute_sql("DELETE FROM audit_log")
        assert refused.value.message().startswith("audit_log 只能追加")
    finally:
        archive.close()


# -- PostgreSQL: SQLSTATEs that are not cheap to provoke, with Chinese messages -------
@pytest.mark.parametrize(
    ("sqlstate", "expected"),
    [
        ("55P03", BUSY),
        ("40P01", CLASH),
        ("40001", CLASH),
        ("57P01", TAKEN_OVER),
        ("57P02", CONNECTION_LOST),
        ("08006", CONNECTION_LOST),
        ("08003", CONNECTION_LOST),
        ("53100", DISK_FULL),
        ("25006", READ_ONLY_SERVER),
    ],
)
def test_postgres_errors_are_recognised_by_sqlstate(sqlstate, expected):
    """psycopg's error class for the SQLSTATE, worded in Chinese, wrapped by peewee
    (and also unwrapped)."""
    import psycopg

    raw = psycopg.errors.lookup(sqlstate)("服务器用中文说明的错误")
    for error in (_wrapped(raw), raw):
        typed = storage_db.translate_error(error)
        assert isinstance(typed, StorageError) and expected in typed.message()


def test_postgres_client_side_connection_failure_is_connection_lost():
    """No SQLSTATE: psycopg itself found the connection broken or closed."""
    import psycopg

    raw = psycopg.OperationalError("与服务器的连接意外中断")
    typed = storage_db.translate_error(_wrapped(raw))
    assert isinstance(typed, StorageError) and CONNECTION_LOST in typed.message()


def test_postgres_errors_we_do_not_know_stay_untranslated():
    """Misleading words do not make an error ours. (A guard: peewee raises these as
    DataError, IntegrityError and ProgrammingError, which the old text search skipped.)"""
    import psycopg

    for sqlstate in ("22012", "23505", "42P01"):  # division by zero, unique violation, no such table
        raw = psycopg.errors.lookup(sqlstate)("lock timeout; database is locked; read-only")  # misleading words
        assert storage_db.translate_error(_wrapped(raw)) is None


# -- SQLite: result codes ---------------------------------------------------------------
def test_sqlite_busy_archive_is_the_busy_storage_error(archive_factory, monkeypatch):
    """Another program holds SQLite's write lock (SQLITE_BUSY). (A guard: SQLite words
    its errors in English, so the old text matching found this one too.)"""
    monkeypatch.setattr(storage_db, "BUSY_TIMEOUT_S", 0.2)
    data_dir, _ = archive_factory("sqlite")
    archive = Archive.open(data_dir)
    other = sqlite3.connect(data_dir / "branchdesk.sqlite3", isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(StorageError) as busy:
            archive.settings.set("paper_preset", "gbt9704")
        assert BUSY in busy.value.message()
        assert _driver(busy.value).sqlite_errorname == "SQLITE_BUSY"
    finally:
        other.rollback()
        other.close()
        archive.close()


def test_sqlite_error_that_merely_mentions_locked_is_not_a_busy_archive(archive_factory):
    """SQLITE_ERROR 'no such table: locked_rows' is a program error, not another writer."""
    data_dir, _ = archive_factory("sqlite")
    archive = Archive.open(data_dir)
    try:
        with pytest.raises(peewee.OperationalError, match="no such table"):
            archive.db.execute_sql("SELECT * FROM locked_rows")
    finally:
        archive.close()


def _scratch_db(path: Path) -> storage_db.BranchDeskSqliteDatabase:
    db = storage_db.BranchDeskSqliteDatabase(str(path), autoconnect=False)
    db.connect()
    return db


def test_sqlite_full_database_is_the_disk_full_storage_error(tmp_path):
    """SQLITE_FULL, provoked with max_page_count. (A guard, as for busy.)"""
    db = _scratch_db(tmp_path / "small.sqlite3")
    try:
        db.execute_sql("CREATE TABLE t (x BLOB)")
        pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
        db.execute_sql(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(StorageError) as full:
            db.execute_sql("INSERT INTO t VALUES (zeroblob(100000))")
        assert DISK_FULL in full.value.message()
        assert _driver(full.value).sqlite_errorname == "SQLITE_FULL"
    finally:
        db.close()


def test_sqlite_file_that_is_not_a_database_is_the_damaged_storage_error(tmp_path):
    path = tmp_path / "garbage.sqlite3"
    path.write_bytes(b"this is no database file " * 200)
    db = _scratch_db(path)
    try:
        with pytest.raises(StorageError) as damaged:
            db.execute_sql("SELECT * FROM sqlite_master")
        assert DAMAGED in damaged.value.message()
        assert _driver(damaged.value).sqlite_errorname == "SQLITE_NOTADB"
    finally:
        db.close()


def test_sqlite_damaged_page_is_the_damaged_storage_error(tmp_path):
    path = tmp_path / "damaged.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.executemany("INSERT INTO t VALUES (?)", [("行" * 200,)] * 200)
    conn.commit()
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[page_size : page_size * 3] = b"\xa5" * (page_size * 2)  # the table's first pages, after the header page
    path.write_bytes(bytes(data))
    db = _scratch_db(path)
    try:
        with pytest.raises(StorageError) as damaged:
            db.execute_sql("SELECT COUNT(*), MAX(length(x)) FROM t").fetchall()
        assert DAMAGED in damaged.value.message()
        assert _driver(damaged.value).sqlite_errorname.startswith("SQLITE_CORRUPT")
    finally:
        db.close()


@pytest.mark.parametrize(
    ("code", "name", "expected"),
    [
        (5, "SQLITE_BUSY", BUSY),
        (517, "SQLITE_BUSY_SNAPSHOT", BUSY),
        (6, "SQLITE_LOCKED", BUSY),
        (262, "SQLITE_LOCKED_SHAREDCACHE", BUSY),
        (13, "SQLITE_FULL", DISK_FULL),
        (10, "SQLITE_IOERR", IO_ERROR),
        (778, "SQLITE_IOERR_WRITE", IO_ERROR),
        (8, "SQLITE_READONLY", READ_ONLY_FILE),
        (1032, "SQLITE_READONLY_DBMOVED", READ_ONLY_FILE),
        (11, "SQLITE_CORRUPT", DAMAGED),
        (26, "SQLITE_NOTADB", DAMAGED),
        (1, "SQLITE_ERROR", None),
        (2067, "SQLITE_CONSTRAINT_UNIQUE", None),
    ],
)
def test_sqlite_errors_are_recognised_by_result_code(code, name, expected):
    """Extended codes count by their primary code; the text is left empty on purpose."""
    raw = sqlite3.OperationalError("")
    raw.sqlite_errorcode, raw.sqlite_errorname = code, name
    typed = storage_db.translate_error(_wrapped(raw))
    if expected is None:
        assert typed is None
    else:
        assert isinstance(typed, StorageError) and expected in typed.message()


# -- The storage layer needs nothing from the safety net ----------------------------------
def _imports(path: Path, module: str, is_package: bool) -> set[str]:
    """Every module ``path`` imports, at module level or inside functions."""
    base = module.split(".") if is_package else module.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            stem_parts = base[: len(base) - node.level + 1] if node.level else []
            stem = ".".join(stem_parts + ([node.module] if node.module else []))
            found.add(stem)
            found.update(f"{stem}.{alias.name}" for alias in node.names)
    return found


def test_no_import_circle_between_storage_database_and_the_lock():
    package = Path(storage_db.__file__).resolve().parents[1]
    modules: dict[str, tuple[Path, bool]] = {}
    for path in package.rglob("*.py"):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        modules[".".join(parts[:-1] if is_package else parts)] = (path, is_package)

    def owner(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph = {
        module: {found for name in _imports(path, module, is_package) if (found := owner(name)) not in (None, module)}
        for module, (path, is_package) in modules.items()
    }

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            current = todo.pop()
            if current == goal:
                return True
            if current not in seen:
                seen.add(current)
                todo.extend(graph.get(current, ()))
        return False

    database, lock = "branchdesk.storage.database", "branchdesk.safety.lock"
    assert reaches(lock, database)  # the lock uses storage (its DSN and session names)
    assert not reaches(database, lock)  # and storage, at any depth, never imports the lock

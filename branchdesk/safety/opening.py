"""Opening an archive's database safely: a PostgreSQL server by URL, or the SQLite file
after the start-up check (a hot journal rolled back by the writer, a damaged file moved
aside, a missing one never silently replaced), a foreign or newer file refused before any
pragma or write touches it, and a new file made owner-only before SQLite opens it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import peewee

from ..errors import StorageError
from ..fileio import create_private_file
from ..storage import database as storage_db
from ..storage import migrate
from . import health, open_check, recovery
from .open_check import OpenCheck


def open_database(
    layout, url, read_only: bool, holds_lock: bool, check_health: bool, start_new: bool = False
) -> tuple[peewee.Database, OpenCheck | None]:
    """The archive's connected database (see the module's notes) and what its start-up
    check did (None: none ran, on PostgreSQL or when not asked); ``holds_lock``: this
    process is the writer, so it may roll back, move aside and create."""
    if url:
        db = storage_db.open_postgres(url, read_only=read_only)
        _connect(db, url)
        migrate.refuse_if_too_new(migrate.current_version(db))
        return db, None
    if holds_lock:
        # A transaction cut off before the database switched to WAL (the first seconds
        # of creating it) left a hot journal that only a writer may roll back.
        recovery.roll_back_hot_journal(layout)
    # The look at the file's kind and version shares the check's connection when it runs.
    app_ids: list[int] = []  # what the look found in the file's header

    def look(conn: sqlite3.Connection) -> None:
        app_ids.append(_refuse_foreign_or_newer(layout.database, conn))

    check = health.startup_check(layout, may_move=holds_lock, then=look) if check_health else None
    if holds_lock:
        # Before anything is written: only this writer's clean close may vouch for the file again.
        open_check.forget(layout)
    if layout.database.exists():
        if not app_ids:
            app_ids.append(_refuse_foreign_or_newer_file(layout.database))
    else:
        health.refuse_if_missing(layout, start_new=start_new and holds_lock)
    if read_only and not layout.database.exists():
        raise StorageError(f"找不到档案库文件 {layout.database}。")
    if not layout.database.exists():
        # Made owner-only before SQLite opens it: its -wal and -shm files follow its mode.
        create_private_file(layout.database)
    db = storage_db.open_sqlite(layout.database, read_only=read_only)
    _connect(db, str(layout.database))
    if not read_only and app_ids != [storage_db.APPLICATION_ID]:
        # Written once: writing it again at every open was a write transaction (and, at
        # close, a checkpoint: five fsyncs in all) in an open that changes nothing.
        db.execute_sql(f"PRAGMA application_id = {storage_db.APPLICATION_ID}")
    return db, check


def _connect(db: peewee.Database, where: str) -> None:
    try:
        db.connect(reuse_if_open=True)
    except peewee.OperationalError as error:
        raise StorageError(f"无法打开数据库 {where}：{error}") from error


def _refuse_foreign_or_newer_file(path: Path) -> int:
    """``_refuse_foreign_or_newer`` on a connection of its own (closed after)."""
    try:
        conn = storage_db.connect_read_only(path)  # one connection: each reads the whole schema
    except sqlite3.DatabaseError as error:
        raise StorageError(f"{path} 不是可读的档案库文件（{error}）。请检查文件，或从备份恢复。") from error
    try:
        return _refuse_foreign_or_newer(path, conn)
    finally:
        conn.close()


def _refuse_foreign_or_newer(path: Path, conn: sqlite3.Connection) -> int:
    """Read-only look, on ``conn`` (read-only), at the existing file ``path`` before any
    pragma or write touches it: another program's file, or one a newer BranchDesk wrote,
    is refused. Returns the file's application id (0 or ours)."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (migrate.SCHEMA_TABLE,)
        ).fetchone()
        version = conn.execute(f"SELECT MAX(version) FROM {migrate.SCHEMA_TABLE}").fetchone()[0] if has_table else 0
    except sqlite3.DatabaseError as error:
        raise StorageError(f"{path} 不是可读的档案库文件（{error}）。请检查文件，或从备份恢复。") from error
    if app_id not in (0, storage_db.APPLICATION_ID):
        raise StorageError(f"{path} 不是 BranchDesk 档案库文件，程序不会改动它。")
    migrate.refuse_if_too_new(int(version or 0))
    return app_id

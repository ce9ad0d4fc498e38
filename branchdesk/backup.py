"""Backups of the whole archive into one SQLite file that opens anywhere.

SQLite archives are copied with SQLite's backup API (never a file copy of a live
database); PostgreSQL archives are copied row by row into a fresh SQLite file with
the same schema version, so a restore can move an archive between engines."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from . import clock
from .errors import StorageError
from .fileio import atomic_path
from .storage import database as storage_db
from .storage import migrate

SUFFIX = ".sqlite3"


def backup_name(reason: str) -> str:
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "-" for ch in reason)
    return f"branchdesk-{clock.now():%Y%m%d-%H%M%S}-{safe}{SUFFIX}"


def take_backup(archive, dest_dir: Path | None = None, reason: str = "manual") -> Path:
    """Write a verified backup file into ``dest_dir`` (the archive's backups folder by
    default) and return its path."""
    folder = Path(dest_dir) if dest_dir else archive.layout.backups
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / backup_name(reason)
    counter = 1
    while target.exists():
        target = folder / backup_name(f"{reason}-{counter}")
        counter += 1
    try:
        with atomic_path(target) as tmp:
            if storage_db.is_postgres(archive.db):
                _copy_postgres(archive.db, tmp)
            else:
                _copy_sqlite(archive.db, tmp)
            problem = verify_backup(tmp)
            if problem:
                raise StorageError(f"备份文件校验失败：{problem}")
    except OSError as error:
        raise StorageError(f"无法写入备份到 {folder}：{error.strerror or error}。请检查剩余空间和写入权限。") from error
    return target


def verify_backup(path: Path) -> str:
    """'' if ``path`` is a sound BranchDesk database, else what is wrong (in Chinese)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                return f"完整性检查未通过（{result}）"
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            if app_id != storage_db.APPLICATION_ID:
                return "不是 BranchDesk 档案库文件"
            version = conn.execute(f"SELECT MAX(version) FROM {migrate.SCHEMA_TABLE}").fetchone()[0]
            if not version:
                return "缺少结构版本信息"
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        return f"无法读取（{error}）"
    return ""


def _copy_sqlite(db, target: Path) -> None:
    source = db.connection()
    destination = sqlite3.connect(str(target))
    try:
        source.backup(destination)
        # A backup is a standalone file: no WAL beside it.
        destination.execute("PRAGMA journal_mode=delete")
    finally:
        destination.close()


def _copy_postgres(db, target: Path) -> None:
    import peewee

    copy = peewee.SqliteDatabase(str(target), pragmas={"foreign_keys": 0})
    copy.connect()
    try:
        copy.execute_sql(f"PRAGMA application_id = {storage_db.APPLICATION_ID}")
        source_version = migrate.current_version(db)
        migrate.upgrade(copy, up_to=source_version)
        if migrate.current_version(copy) != source_version:
            raise StorageError("备份程序与数据库版本不一致，请先升级 BranchDesk。")
        with db.atomic(), copy.atomic():
            db.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")  # one snapshot
            for table in db.get_tables():
                if table == migrate.SCHEMA_TABLE:
                    continue
                columns = [c.name for c in db.get_columns(table)]
                rows = db.execute_sql(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
                if rows:
                    marks = ", ".join("?" for _ in columns)
                    copy.connection().executemany(
                        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                        [tuple(_portable(v) for v in row) for row in rows],
                    )
    finally:
        copy.close()


def _portable(value):
    """PostgreSQL values as SQLite stores them through peewee (dates as ISO text)."""
    import datetime as dt

    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, memoryview):
        return bytes(value)
    return value

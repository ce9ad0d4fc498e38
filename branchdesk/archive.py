"""The facade: ``Archive.open()`` connects, checks, migrates and hands out one
manager per record kind. Windows and the command line receive it explicitly."""

from __future__ import annotations

import os
from pathlib import Path

import peewee

from . import paths
from .branch import BranchManager
from .errors import ReadOnlyArchive, StorageError
from .groups import GroupManager
from .members import MemberManager
from .settings import SettingsManager
from .storage import database as storage_db
from .storage import migrate


class Archive:
    def __init__(self, layout: paths.ArchiveLayout, db: peewee.Database, url: str | None, read_only: bool):
        self.layout = layout
        self.db = db
        self.url = url
        self.read_only = read_only
        self.settings = SettingsManager(self)
        self.branch = BranchManager(self)
        self.groups = GroupManager(self)
        self.members = MemberManager(self)

    # -- opening ---------------------------------------------------------------
    @classmethod
    def open(
        cls,
        data_dir: str | os.PathLike | None = None,
        db_url: str | None = None,
        read_only: bool = False,
    ) -> Archive:
        """Open (creating if needed) the archive in ``data_dir``; its database is the
        SQLite file there unless ``db_url`` names a PostgreSQL database.

        A database written by a newer BranchDesk raises SchemaTooNew before
        anything is written to it."""
        layout = paths.ArchiveLayout(paths.data_dir(data_dir))
        url = paths.db_url(db_url)
        if url and not storage_db.is_postgres_url(url):
            raise StorageError(f"不支持的数据库地址：{url}。请使用 postgresql://用户@主机:端口/库名。")
        if url:
            layout.create()
            db = storage_db.open_postgres(url)
            _connect(db, url)
            migrate.refuse_if_too_new(migrate.current_version(db))
        else:
            if layout.database.exists():
                _refuse_foreign_or_newer(layout.database)
            elif read_only:
                raise StorageError(f"找不到档案库文件 {layout.database}。")
            else:
                layout.create()
            db = storage_db.open_sqlite(layout.database, read_only=read_only)
            _connect(db, str(layout.database))
            if not read_only:
                db.execute_sql(f"PRAGMA application_id = {storage_db.APPLICATION_ID}")
        storage_db.database_proxy.initialize(db)
        archive = cls(layout, db, url, read_only)
        if not read_only:
            try:
                migrate.upgrade(db, backup=archive.backup_before)
            except Exception:
                archive.close()
                raise
        elif migrate.current_version(db) < migrate.latest_version():
            archive.close()
            raise StorageError("档案库版本较旧，需要升级，只读方式不能打开。请以正常方式打开一次以完成升级。")
        return archive

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- facts -----------------------------------------------------------------
    @property
    def engine(self) -> str:
        return "postgresql" if storage_db.is_postgres(self.db) else "sqlite"

    @property
    def location(self) -> str:
        """Where the records are, for screens and messages (no password shown)."""
        if self.url:
            from urllib.parse import urlparse

            parsed = urlparse(self.url)
            return f"PostgreSQL {parsed.hostname}:{parsed.port or 5432}{parsed.path}"
        return str(self.layout.database)

    def is_initialised(self) -> bool:
        return self.branch.own_or_none() is not None

    def require_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyArchive()

    # -- backups ---------------------------------------------------------------
    def backup_before(self, reason: str) -> Path:
        from .backup import take_backup

        return take_backup(self, reason=reason)


def _connect(db: peewee.Database, where: str) -> None:
    try:
        db.connect(reuse_if_open=True)
    except peewee.OperationalError as error:
        raise StorageError(f"无法打开数据库 {where}：{error}") from error


def _refuse_foreign_or_newer(path: Path) -> None:
    """Read-only look at an existing file before any pragma or write touches it."""
    import sqlite3

    try:
        app_id = storage_db.sqlite_application_id(path)
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            has_table = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (migrate.SCHEMA_TABLE,)
            ).fetchone()
            version = conn.execute(f"SELECT MAX(version) FROM {migrate.SCHEMA_TABLE}").fetchone()[0] if has_table else 0
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise StorageError(f"{path} 不是可读的档案库文件（{error}）。请检查文件，或从备份恢复。") from error
    if app_id not in (0, storage_db.APPLICATION_ID):
        raise StorageError(f"{path} 不是 BranchDesk 档案库文件，程序不会改动它。")
    migrate.refuse_if_too_new(int(version or 0))

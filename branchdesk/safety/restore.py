"""Restore an archive from a backup file, on either engine.

Nothing is replaced before the backup file has been verified (integrity, that it is
a BranchDesk archive, a schema version this program knows). Then, holding the
writer lock: the current database is backed up and kept aside, never deleted (a
file: linked or copied into ``aside/`` and then replaced in one rename; PostgreSQL:
BranchDesk's own tables moved into a new schema ``branchdesk_aside_<time>_<random>``,
other programs' tables untouched); the backup takes its place, upgraded to this
version, with an audit entry saying who restored what and when.

Close the archive in this process before calling ``restore``; open it again after.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

import peewee

from .. import clock, paths
from ..bundle import sequence_mark
from ..errors import StorageError
from ..fileio import atomic_path, fsync_dir
from ..storage import database as storage_db
from ..storage import migrate
from ..storage.bulk import copy_rows
from . import audit
from .backup import (
    ATTACHMENTS_DIR,
    backup_schema_version,
    content_matches_name,
    missing_attachments,
    os_errors_as_storage,
    sha256_file,
    snapshot,
    verify_backup,
)
from .health import DATABASE_SUFFIXES, keep_copy_aside, quick_check_file
from .lock import LockHolder, for_archive


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    engine: str
    # Where the previous database now is: a file path, or a PostgreSQL schema; '' if there was none.
    aside: str
    pre_restore_backup: Path | None
    schema_version: int
    # Meeting attachment files brought back from ``attachments/`` beside the backup file.
    attachments_restored: int = 0
    # When the backup's log of bundles ends before the last bundle written: the next one
    # still gets a new number (bundle/sequence_mark.py), and the user is told.
    sequence_note: str = ""

    def message(self) -> str:
        text = f"已从备份 {self.source.name} 恢复档案库。"
        if self.aside:
            where = f"数据库模式 {self.aside}" if self.engine == "postgresql" else self.aside
            text += f"恢复前的档案库已原样保存在 {where}（没有删除）。"
        if self.pre_restore_backup:
            text += f"恢复前另做了一份备份：{self.pre_restore_backup.name}。"
        if self.attachments_restored:
            text += f"从备份旁的 attachments 文件夹找回了 {self.attachments_restored} 个会议附件文件。"
        return text + self.sequence_note


def restore(
    data_dir,
    backup_file,
    db_url: str | None = None,
    actor: str | None = None,
    take_over_lock: bool = False,
) -> RestoreResult:
    source = Path(backup_file)
    problem = verify_backup(source)
    if problem:
        raise StorageError(f"备份文件 {source.name} 未通过校验：{problem}。当前档案库没有任何改动。")
    migrate.refuse_if_too_new(backup_schema_version(source))
    layout = paths.ArchiveLayout(paths.data_dir(data_dir))
    url = paths.db_url(db_url)
    if url and not storage_db.is_postgres_url(url):
        raise StorageError(f"不支持的数据库地址：{url}。请使用 postgresql://用户@主机:端口/库名。")
    layout.create()
    lock = for_archive(layout, url)
    outcome = lock.acquire(take_over_lock)
    if not outcome.acquired:
        who = outcome.holder.describe() if outcome.holder else "另一个 BranchDesk"
        raise StorageError(f"不能恢复：档案库正在被 {who}使用。请先关闭它，再恢复。当前档案库没有任何改动。")
    staged = layout.root / f".restore-{uuid.uuid4().hex[:8]}.sqlite3"
    try:
        _stage(source, staged, actor or _default_actor())
        bundles_logged = sequence_mark.logged_in_file(staged)
        result = _into_postgres(layout, url, staged, source) if url else _into_sqlite(layout, staged, source)
        found = bring_back_attachments(source.parent / ATTACHMENTS_DIR, layout.attachments)
        note = sequence_mark.rolled_back_note(bundles_logged, sequence_mark.read(layout.root)[0])
        return dataclasses.replace(result, attachments_restored=found, sequence_note=note)
    finally:
        with contextlib.suppress(OSError):
            staged.unlink(missing_ok=True)
        lock.release()


def bring_back_attachments(source: Path, target: Path) -> int:
    """Copy attachment files that ``target`` lacks from ``source`` (the ``attachments``
    folder beside a backup on a stick); each is checked against the SHA-256 in its name.
    Files already there are never replaced. Returns how many were brought back."""
    brought = 0
    for relative, path in missing_attachments(source, target):
        destination = target / relative
        if destination.exists():
            continue  # a different size under the same hash name: keep what the archive has
        if not content_matches_name(path):
            continue  # damaged on the stick: leave it, the archive names the file it lacks
        with os_errors_as_storage(target), atomic_path(destination) as tmp:
            shutil.copyfile(path, tmp)
            if sha256_file(tmp) != sha256_file(path):
                raise StorageError(f"找回附件 {relative} 时复制出错，请检查磁盘后重试。")
        brought += 1
    return brought


def _default_actor() -> str:
    me = LockHolder.me()
    return f"{me.user}@{me.host}"


def _stage(source: Path, staged: Path, actor: str) -> None:
    """A verified copy of the backup next to the database, upgraded and with the audit entry."""
    with os_errors_as_storage(staged.parent):
        shutil.copyfile(source, staged)
        if sha256_file(staged) != sha256_file(source):
            raise StorageError(f"复制备份文件 {source.name} 时内容发生变化，恢复已停止，当前档案库没有改动。请检查磁盘。")
        db = storage_db.BranchDeskSqliteDatabase(str(staged), pragmas={"foreign_keys": 1})
        db.connect()
        try:
            migrate.upgrade(db)
            audit.append(
                db, actor, "archive.restore", f"从备份 {source.name} 恢复档案库",
                detail={"file": source.name, "sha256": sha256_file(source), "at": clock.now().isoformat(sep=" ")},
            )
        finally:
            db.close()
        with open(staged, "rb+") as handle:
            os.fsync(handle.fileno())


def _into_sqlite(layout: paths.ArchiveLayout, staged: Path, source: Path) -> RestoreResult:
    """Swap the staged file in. The current database is first checkpointed (its WAL
    folded in) and kept in ``aside/`` by a hard link or copy while it stays in place;
    then one ``os.replace`` puts the new file over it. A kill at any moment leaves a
    complete database in the archive folder: the old one, or the restored one."""
    pre = None
    aside = ""
    if layout.database.exists() or any(Path(f"{layout.database}{s}").exists() for s in DATABASE_SUFFIXES[1:]):
        healthy = layout.database.exists() and not quick_check_file(layout.database)
        if healthy:
            current = storage_db.open_sqlite(layout.database, read_only=True)
            current.connect()
            try:
                pre = _pre_restore_backup(layout, current)
                sequence_mark.keep_from(layout.root, current)  # the bundles it wrote outlive it
            finally:
                current.close()
            _checkpoint(layout.database)
        aside = str(keep_copy_aside(layout, "before-restore"))
        with os_errors_as_storage(layout.root):
            # Kept in aside; with the WAL folded in (healthy) these hold nothing more.
            for suffix in DATABASE_SUFFIXES[1:]:
                Path(f"{layout.database}{suffix}").unlink(missing_ok=True)
    with os_errors_as_storage(layout.root):
        os.replace(staged, layout.database)
        fsync_dir(layout.root)
    problem = quick_check_file(layout.database)
    if problem:  # not expected after the checks above; say so plainly, the aside copy is intact
        raise StorageError(f"恢复后的档案库检查未通过（{problem}）。恢复前的档案库保存在 {aside}。")
    return RestoreResult(source, "sqlite", aside, pre, migrate.latest_version())


def _checkpoint(database: Path) -> None:
    """Fold the WAL into the database file and empty it (we hold the writer lock)."""
    conn = sqlite3.connect(str(database), timeout=storage_db.BUSY_TIMEOUT_S)
    try:
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.Error as error:
        raise StorageError(f"恢复前整理档案库文件失败（{error}），恢复已停止，当前档案库没有改动。") from error
    finally:
        conn.close()
    if busy:
        raise StorageError("档案库正被另一个程序读取，恢复已停止，当前档案库没有改动。请关闭其他 BranchDesk 窗口后重试。")


def _into_postgres(layout: paths.ArchiveLayout, url: str, staged: Path, source: Path) -> RestoreResult:
    db = storage_db.open_postgres(url)
    db.connect()
    staged_db = peewee.SqliteDatabase(str(staged))
    try:
        pre = _pre_restore_backup(layout, db) if migrate.current_version(db) > 0 else None
        if pre is not None:
            sequence_mark.keep_from(layout.root, db)  # the bundles it wrote outlive it
        staged_db.connect()
        # Unique even for two restores in one second.
        schema = f"branchdesk_aside_{clock.now():%Y%m%d_%H%M%S}_{uuid.uuid4().hex[:8]}"
        # Only BranchDesk's own tables move: the database may hold other programs' tables too.
        ours = branchdesk_tables()
        tables = [table for table in db.get_tables() if table in ours]
        with db.atomic():
            if tables:
                db.execute_sql(f"CREATE SCHEMA {schema}")
                for table in tables:
                    db.execute_sql(f"ALTER TABLE {table} SET SCHEMA {schema}")
            migrate.upgrade(db)
            copy_rows(staged_db, db)
    finally:
        staged_db.close()
        db.close()
    return RestoreResult(source, "postgresql", schema if tables else "", pre, migrate.latest_version())


def branchdesk_tables() -> set[str]:
    """The tables BranchDesk's migrations create (``schema_version`` included), found
    by running them on a scratch in-memory database."""
    scratch = peewee.SqliteDatabase(":memory:")
    scratch.connect()
    try:
        migrate.upgrade(scratch)
        return set(scratch.get_tables())
    finally:
        scratch.close()


def _pre_restore_backup(layout: paths.ArchiveLayout, db) -> Path:
    layout.backups.mkdir(parents=True, exist_ok=True)
    from .backup import backup_name

    target = layout.backups / backup_name("pre-restore")
    while target.exists():
        target = layout.backups / backup_name(f"pre-restore-{uuid.uuid4().hex[:4]}")
    with atomic_path(target) as tmp:
        snapshot(db, tmp)
    return target


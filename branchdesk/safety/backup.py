"""Backups of the whole archive into one SQLite file that opens anywhere.

SQLite archives are copied with SQLite's backup API (never a file copy of a live
database); PostgreSQL archives are copied row by row into a fresh SQLite file with
the same schema version, so a restore can move an archive between engines.

A backup into another folder (a USB stick) is first made and verified on the local
disk, then copied after a free-space check, read back from the device and compared
by SHA-256 before it gets its final name; a full or read-only device, or one pulled
out, gives a clear message and leaves no partial file behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path

from .. import clock
from ..errors import StorageError
from ..fileio import (
    READ_ONLY_TEXT,
    atomic_path,
    create_private_file,
    make_private_folder,
    os_errors_as_storage,
)
from ..storage import database as storage_db
from ..storage import migrate
from .leftovers import remove_stick_leftovers

SUFFIX = ".sqlite3"
# Room left on the target beyond the file itself (file-system metadata, the rename).
FREE_SPACE_MARGIN = 1024 * 1024
# FAT32, still common on USB sticks, cannot hold a file of 4 GiB or more.
FAT32_MAX_FILE = 4 * 1024**3 - 1
_CHUNK = 1024 * 1024

Progress = Callable[[int, int], None]


def backup_name(reason: str) -> str:
    """ASCII only (Chinese names break on some USB sticks): the time and the reason."""
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "-" for ch in reason)
    return f"branchdesk-{clock.now():%Y%m%d-%H%M%S}-{safe}{SUFFIX}"


def _unique_target(folder: Path, reason: str) -> Path:
    target = folder / backup_name(reason)
    counter = 1
    while target.exists():
        target = folder / backup_name(f"{reason}-{counter}")
        counter += 1
    return target


def take_backup(archive, dest_dir: Path | None = None, reason: str = "manual", progress: Progress | None = None) -> Path:
    """Write a verified backup of ``archive`` and return its path. Without ``dest_dir``
    it goes into the archive's own backups folder; with it (any folder, a USB stick)
    it is verified by reading it back from there."""
    local = archive.layout.backups
    if dest_dir is None or _same_folder(Path(dest_dir), local):
        local.mkdir(parents=True, exist_ok=True)
        target = _unique_target(local, reason)
        with os_errors_as_storage(local), atomic_path(target) as tmp:
            snapshot(archive.db, tmp, progress)
        return target
    folder = Path(dest_dir)
    if not folder.is_dir():
        raise StorageError(f"找不到目标文件夹 {folder}。请插好 U 盘，或选择一个已有的文件夹。")
    remove_stick_leftovers(folder)  # what an earlier backup cut off (stick pulled) left there
    local.mkdir(parents=True, exist_ok=True)
    # Made and checked on the local disk first: the live database is read once, quickly.
    staged = local / f".staging-{os.getpid()}-{uuid.uuid4().hex[:8]}{SUFFIX}"
    try:
        with os_errors_as_storage(local):
            create_private_file(staged)  # a whole copy of the records: owner-only
            snapshot(archive.db, staged, progress)
        missing = missing_attachments(archive.layout.attachments, folder / ATTACHMENTS_DIR)
        _require_room(folder, staged.stat().st_size + sum(path.stat().st_size for _, path in missing), len(missing) + 1)
        # The attachments first: a database file on the stick means its attachments are there too.
        for relative, path in missing:
            copy_verified(path, folder / ATTACHMENTS_DIR / relative)
        target = _unique_target(folder, reason)
        copy_verified(staged, target)
    finally:
        with contextlib.suppress(OSError):
            staged.unlink(missing_ok=True)
    return target


# Next to backups in a folder of their own: the meeting attachments (content-addressed).
ATTACHMENTS_DIR = "attachments"


def attachment_files(folder: Path) -> dict[str, Path]:
    """The attachment files under ``folder`` by their relative path (``ab/abcd….png``)."""
    if not Path(folder).is_dir():
        return {}
    return {
        path.relative_to(folder).as_posix(): path
        for path in sorted(Path(folder).rglob("*"))
        if path.is_file() and not path.name.startswith(".tmp-")
    }


def missing_attachments(source: Path, target: Path) -> list[tuple[str, Path]]:
    """Attachment files of ``source`` not yet (completely) in ``target``. Files there are
    named by their SHA-256 and never change, so one with the same size is the same file."""
    present = attachment_files(target)
    return [
        (relative, path)
        for relative, path in attachment_files(source).items()
        if relative not in present or present[relative].stat().st_size != path.stat().st_size
    ]


def content_matches_name(path: Path) -> bool:
    """True unless ``path`` is named by a SHA-256 that its content does not have."""
    digest = path.name.split(".", 1)[0]
    if len(digest) != 64 or any(ch not in "0123456789abcdef" for ch in digest):
        return True
    return sha256_file(path) == digest


def _require_room(folder: Path, size: int, files: int) -> None:
    import shutil  # here, as below: shutil pulls in bz2 and lzma, ~3 ms of every start (issue 18)

    free = shutil.disk_usage(folder).free
    needed = size + FREE_SPACE_MARGIN + files * 8192  # a few blocks per file for the file system
    if free < needed:
        raise StorageError(
            f"{folder} 剩余空间不足：备份（含会议附件）需要约 {_mb(needed)}，只剩 {_mb(free)}。"
            "没有写入任何文件。请清理空间或换一个 U 盘/文件夹。"
        )


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def snapshot(db, target: Path, progress: Progress | None = None) -> None:
    """Copy the database ``db`` into the new SQLite file ``target`` and verify it.
    Works in a worker thread too: there it opens (and closes) its own connection."""
    import peewee

    own_connection = db.connection_context() if db.is_closed() else contextlib.nullcontext()
    try:
        with own_connection:
            if storage_db.is_postgres(db):
                _copy_postgres(db, target, progress)
            else:
                _copy_sqlite(db, target, progress)
    except (sqlite3.Error, peewee.PeeweeException) as error:
        raise StorageError(_copy_failed(target.parent, error)) from error
    problem = verify_backup(target)
    if problem:
        raise StorageError(f"新做的备份校验失败：{problem}。原档案库没有改动；请检查磁盘后重试。")


def _copy_failed(folder: Path, error: Exception) -> str:
    text = str(error).lower()
    if "full" in text or "no space" in text:
        return f"{folder} 空间已满，备份没有写完。没有留下不完整的文件；请清理空间或换一个 U 盘/文件夹后重试。"
    if "i/o" in text or "disk" in text:
        return f"写入 {folder} 时出错（{error}），备份没有完成。原档案库没有改动；请检查磁盘后重试。"
    return f"备份没有完成（{error}）。原档案库没有改动；请检查磁盘和数据库连接后重试。"


def verify_backup(path: Path) -> str:
    """'' if ``path`` is a sound BranchDesk database, else what is wrong (in Chinese)."""
    path = Path(path)
    if not path.is_file():
        return "文件不存在"
    try:
        conn = storage_db.connect_read_only(path)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                return f"完整性检查未通过（{result}）"
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            if app_id != storage_db.APPLICATION_ID:
                return "不是 BranchDesk 档案库文件"
            has_version = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (migrate.SCHEMA_TABLE,)
            ).fetchone()
            version = conn.execute(f"SELECT MAX(version) FROM {migrate.SCHEMA_TABLE}").fetchone()[0] if has_version else None
            if not version:
                return "缺少结构版本信息"
        finally:
            conn.close()
    except sqlite3.Error as error:
        return f"无法读取（{error}）"
    return ""


def backup_schema_version(path: Path) -> int:
    try:
        conn = storage_db.connect_read_only(path)
        try:
            return int(conn.execute(f"SELECT MAX(version) FROM {migrate.SCHEMA_TABLE}").fetchone()[0] or 0)
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise StorageError(f"无法读取备份文件 {Path(path).name} 的结构版本（{error}）。") from error


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def copy_verified(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` (another device) atomically: free space checked
    first, the written file read back from the device and compared by SHA-256."""
    size = source.stat().st_size
    with os_errors_as_storage(target.parent):
        make_private_folder(target.parent)  # attachments/ab/ on the stick
    if _mounted_read_only(target.parent):
        raise StorageError(READ_ONLY_TEXT.format(folder=target.parent))
    if size > FAT32_MAX_FILE:
        raise StorageError(
            f"备份文件有 {size / 1024**3:.1f} GB，超过 U 盘常用 FAT32 格式单个文件 4 GB 的上限。请换用 exFAT/NTFS 格式的存储设备。"
        )
    import shutil

    free = shutil.disk_usage(target.parent).free
    if free < size + FREE_SPACE_MARGIN:
        raise StorageError(
            f"{target.parent} 剩余空间不足：备份需要约 {_mb(size + FREE_SPACE_MARGIN)}，只剩 {_mb(free)}。"
            "没有写入任何文件。请清理空间或换一个 U 盘/文件夹。"
        )
    expected = sha256_file(source)
    with os_errors_as_storage(target.parent), atomic_path(target) as tmp:
        with open(source, "rb") as src, open(tmp, "wb") as out:
            shutil.copyfileobj(src, out, _CHUNK)
            out.flush()
            os.fsync(out.fileno())
            _drop_cache(out.fileno())
        if sha256_file(tmp) != expected:
            raise StorageError(
                f"写到 {target.parent} 的备份读回后与原件不一致：存储设备可能有故障。"
                "没有留下不完整的文件；请换一个 U 盘再试。"
            )




def _mounted_read_only(folder: Path) -> bool:
    if not hasattr(os, "statvfs"):
        return False  # Windows: the write itself fails with a clear error
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _drop_cache(fd: int) -> None:
    """Ask the OS to forget the cached pages, so the read-back comes from the device.

    Linux and other POSIX systems with ``posix_fadvise``: the pages just written and
    flushed are dropped, so the hash is computed from what the stick returns. Windows
    has no such call for an ordinary handle: the read-back there may be served from the
    file cache, so it proves the copy was written as intended but not that the stick
    stored it (reading with FILE_FLAG_NO_BUFFERING would need sector-aligned buffers
    through the Win32 API; not done). Safely removing the stick is still advised."""
    if hasattr(os, "posix_fadvise"):
        with contextlib.suppress(OSError):
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def remember_external(archive, target: Path) -> None:
    """Note a backup that went to another folder (the home page shows the age of the
    last backup, wherever it went). A database write: call it on the thread that owns
    the archive's connection (the GUI thread), never inside a worker's copy."""
    if archive.read_only or _same_folder(Path(target).parent, archive.layout.backups):
        return
    archive.settings.set(
        "backup.last_external", {"at": clock.now().isoformat(sep=" "), "path": str(target)}, audited=False
    )


def _copy_sqlite(db, target: Path, progress: Progress | None) -> None:
    source = db.connection()
    destination = sqlite3.connect(str(target))
    try:
        if progress is None:
            source.backup(destination)
        else:
            source.backup(
                destination, pages=256, progress=lambda _status, remaining, total: progress(total - remaining, total)
            )
        # A backup is a standalone file: no WAL beside it.
        destination.execute("PRAGMA journal_mode=delete")
    finally:
        destination.close()


def _copy_postgres(db, target: Path, progress: Progress | None) -> None:
    import peewee

    from ..storage.bulk import copy_rows

    copy = peewee.SqliteDatabase(str(target), pragmas={"foreign_keys": 0})
    copy.connect()
    try:
        copy.execute_sql(f"PRAGMA application_id = {storage_db.APPLICATION_ID}")
        source_version = migrate.current_version(db)
        migrate.upgrade(copy, up_to=source_version)
        if migrate.current_version(copy) != source_version:
            raise StorageError("备份程序与数据库版本不一致，请先升级 BranchDesk。")
        copy_rows(db, copy, progress)
    finally:
        copy.close()

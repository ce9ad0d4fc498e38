"""Start-up health and the facts ``branchdesk check`` reports.

At open, the SQLite file gets ``PRAGMA quick_check`` on a read-only connection
(nothing is written into a file that may be damaged); a large file closed cleanly and
unchanged since its whole check of the last day skips it (safety/open_check.py). A damaged file is moved into
the archive's ``aside`` folder together with its ``-wal``/``-shm`` files — never
overwritten, never deleted — and the newest backup that passes ``integrity_check``
is offered through ``DamagedArchive``; the UI asks the user and calls ``restore``.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sqlite3
from pathlib import Path

from .. import __version__, clock, paths
from ..errors import ArchiveMissing, BranchDeskError, DamagedArchive, StorageError
from ..fileio import fsync_dir, os_errors_as_storage
from ..storage import database as storage_db
from ..storage import migrate
from . import audit, open_check
from .backup import verify_backup
from .rotation import (
    BackupInfo,
    backup_age_warning,
    last_backup,
    list_backups,
    server_keeps_backups,
)

log = logging.getLogger(__name__)

DATABASE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def is_corruption(error: sqlite3.Error) -> bool:
    """True when SQLite says the file itself is damaged or not a database
    (SQLITE_CORRUPT, SQLITE_NOTADB); busy, I/O, permission and open errors are not."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
    text = str(error).lower()
    return "malformed" in text or "not a database" in text


def quick_check_file(path: Path, then=None) -> str:
    """'' if the SQLite file looks sound, else what is wrong with the file (Chinese).
    Reads only. A failure that says nothing about the file (busy, I/O error, no
    permission, cannot open) raises StorageError instead: it must not count as damage.

    ``then(connection)``, if given, runs on the same read-only connection once the file
    passed: SQLite reads the whole schema once per connection, and a second connection
    for the open's look at the file's kind and version cost ~2 ms (issue 18)."""
    try:
        conn = storage_db.connect_read_only(path)
        try:
            # The check reads every page once: a page cache only adds its size to the
            # program's memory (the default 2 MB filled at every open).
            conn.execute("PRAGMA cache_size = 16")
            rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchmany(5)]
            if then is not None and rows == ["ok"]:
                then(conn)
        finally:
            conn.close()
    except sqlite3.Error as error:
        if is_corruption(error):
            # SQLite's own words are English: they go to the log for a technician, the user reads Chinese
            log.warning("%s cannot be read as a database: %s", path, error)
            return "无法作为数据库读取"
        raise StorageError(
            f"暂时无法读取档案库文件 {path}（{error}）。文件没有被移动或改动。"
            "请确认没有其他程序独占它、磁盘或 U 盘连接正常、有读取权限，然后重新打开。"
        ) from error
    if rows != ["ok"]:
        log.warning("quick_check of %s failed: %s", path, "; ".join(rows))
        return "完整性检查发现损坏"
    return ""


def _aside_target(layout: paths.ArchiveLayout, why: str) -> Path:
    base = f"branchdesk-{clock.now():%Y%m%d-%H%M%S}-{why}"
    target = layout.aside / f"{base}.sqlite3"
    counter = 1
    while any(Path(f"{target}{suffix}").exists() for suffix in DATABASE_SUFFIXES):
        target = layout.aside / f"{base}-{counter}.sqlite3"
        counter += 1
    return target


def _present(layout: paths.ArchiveLayout) -> list[tuple[Path, str]]:
    """The database's files that exist, the -wal first (see move_aside)."""
    return [
        (Path(f"{layout.database}{suffix}"), suffix)
        for suffix in reversed(DATABASE_SUFFIXES)
        if Path(f"{layout.database}{suffix}").exists()
    ]


def move_aside(layout: paths.ArchiveLayout, why: str) -> Path:
    """Move the database and its companion files into ``aside/`` under a new name; return it.

    All of them or none: the folders are checked first, and if a move fails half-way the
    files already moved are put back, so a database is never split from its WAL.
    Raises StorageError (nothing moved) when they cannot be moved."""
    try:
        layout.aside.mkdir(parents=True, exist_ok=True)
        target = _aside_target(layout, why)
        _check_movable(layout)
    except OSError as error:
        raise StorageError(_cannot_move(layout, error)) from error
    moved: list[tuple[Path, Path]] = []
    try:
        # The -wal file first: a database must never be found next to another's WAL.
        for source, suffix in _present(layout):
            destination = Path(f"{target}{suffix}")
            os.replace(source, destination)
            moved.append((source, destination))
        fsync_dir(layout.aside)
        fsync_dir(layout.root)
    except OSError as error:
        for source, destination in reversed(moved):
            with contextlib.suppress(OSError):
                os.replace(destination, source)
        raise StorageError(_cannot_move(layout, error)) from error
    return target


def _check_movable(layout: paths.ArchiveLayout) -> None:
    """Raise OSError when a rename from the archive folder into ``aside/`` cannot work."""
    for folder in (layout.root, layout.aside):
        if not os.access(folder, os.W_OK | os.X_OK):
            raise PermissionError(errno.EACCES, "没有写入权限", str(folder))
    if os.stat(layout.root).st_dev != os.stat(layout.aside).st_dev:
        raise OSError(errno.EXDEV, "aside 文件夹在另一个磁盘上", str(layout.aside))


def _cannot_move(layout: paths.ArchiveLayout, error: OSError) -> str:
    return (
        f"无法把档案库文件 {layout.database} 移到 {layout.aside}（{error.strerror or error}）。"
        "文件都留在原处，没有改动。请关闭占用它的程序、检查文件夹的写入权限后重试。"
    )


def keep_copy_aside(layout: paths.ArchiveLayout, why: str) -> Path:
    """Put a copy of the database and its companions into ``aside/`` while the originals
    stay where they are (a hard link where the file system allows, else a copy that is
    flushed to disk). Used before a file is replaced, so that no moment exists in which
    the archive folder has no database."""
    with os_errors_as_storage(layout.aside):
        layout.aside.mkdir(parents=True, exist_ok=True)
        target = _aside_target(layout, why)
        for source, suffix in _present(layout):
            destination = Path(f"{target}{suffix}")
            try:
                os.link(source, destination)
            except OSError:
                import shutil  # here: it pulls in bz2 and lzma, ~3 ms of every open (issue 18)

                with open(source, "rb") as src, open(destination, "wb") as out:
                    shutil.copyfileobj(src, out, 1 << 20)
                    out.flush()
                    os.fsync(out.fileno())
        fsync_dir(layout.aside)
    return target


def previous_files(layout: paths.ArchiveLayout) -> tuple[list[Path], list[Path]]:
    """(backups, files set aside): what shows that an archive lived in this folder."""
    set_aside = sorted(p for p in layout.aside.iterdir() if p.is_file()) if layout.aside.is_dir() else []
    # A -wal without its database is a piece of an archive too (and must never meet a new file).
    strays = [source for source, _ in _present(layout) if source != layout.database]
    return [b.path for b in list_backups(layout.backups)], set_aside + strays


def refuse_if_missing(layout: paths.ArchiveLayout, start_new: bool = False) -> None:
    """Raise ArchiveMissing when the database file is gone but backups or set-aside
    files show an archive lived here (so a new empty archive must not be created).
    With ``start_new`` (the user chose an empty archive) only stray -wal/-shm files
    are moved aside, so the new database never meets them."""
    if layout.database.exists():
        return
    if start_new:
        if _present(layout):
            move_aside(layout, "stray")
        return
    backups, set_aside = previous_files(layout)
    if backups or set_aside:
        raise ArchiveMissing(layout.database, newest_good_backup(layout.backups), set_aside)


def newest_good_backup(folder: Path) -> BackupInfo | None:
    """The newest backup in ``folder`` that passes ``integrity_check`` and is not from a newer version."""
    for backup in list_backups(folder):
        if verify_backup(backup.path):
            continue
        try:
            migrate.refuse_if_too_new(_version_of(backup.path))
        except BranchDeskError:
            continue
        return backup
    return None


def _version_of(path: Path) -> int:
    from .backup import backup_schema_version

    return backup_schema_version(path)


def startup_check(layout: paths.ArchiveLayout, may_move: bool, then=None) -> open_check.OpenCheck | None:
    """Raise DamagedArchive if the archive's SQLite file fails ``quick_check``. The file
    is moved aside only when ``may_move`` (this process holds the writer lock), and only
    for real damage: a file that cannot be read just now raises StorageError, unmoved.

    A large file closed cleanly and unchanged since, whole-checked within a day, skips
    the check (safety/open_check.py). Returns what was done (None: no file yet), which
    the archive keeps as ``open_check`` and the log notes. ``then`` runs on the check's
    connection when the check ran and passed (``quick_check_file``)."""
    if not layout.database.exists():
        return None
    decision = open_check.decide(layout)
    if not decision.ran:
        log.info("quick_check of %s skipped: %s", layout.database, decision.why)
        return decision
    log.info("quick_check of %s: %s", layout.database, decision.why)
    problem = quick_check_file(layout.database, then)
    if not problem:
        return decision
    moved = move_aside(layout, "damaged") if may_move else None
    raise DamagedArchive(problem, moved, newest_good_backup(layout.backups))


# -- the report --------------------------------------------------------------------
def report(archive) -> dict:
    """Facts about an open archive, for ``branchdesk check --json`` and the home page."""
    now = clock.now()
    if archive.engine == "sqlite":
        problem = _integrity_check(archive.db)
    else:
        archive.db.execute_sql("SELECT 1").fetchone()  # PostgreSQL checks its own pages
        problem = ""
    newest = last_backup(archive)
    chain = audit.verify(archive.db)
    holder = archive.lock_holder
    branch = archive.branch.own_or_none()
    version = migrate.current_version(archive.db)
    facts = {
        "app_version": __version__,
        "engine": archive.engine,
        "location": archive.location,
        "schema_version": version,
        "supported_version": migrate.latest_version(),
        # "ok", or what integrity_check found
        "integrity": problem or "ok",
        "branch": branch.name if branch else None,
        "active_members": archive.members.count() if branch else 0,
        "last_backup": newest.as_dict(now) if newest else None,
        "backup_warning": backup_age_warning(archive, now),
        # a PostgreSQL upper archive: whole-archive backups are the server's (pg_dump)
        "backups_by_server": server_keeps_backups(archive),
        "automatic_backup_error": archive.last_backup_error,
        "lock": {
            "read_only": archive.read_only,
            "reason": archive.read_only_reason,
            "write_protected": archive.write_protected,
            "holder": holder.as_dict() if holder else None,
            "stale_taken_over": archive.stale_lock.as_dict() if archive.stale_lock else None,
        },
        "audit": chain.as_dict(),
    } | records_facts(archive)
    facts["ok"] = (
        not problem and chain.ok and version == migrate.latest_version()
        and not facts["guards"] and facts["seals"]["ok"] and not facts["audit_anchor"]
    )
    facts["summary"] = summary(facts)
    return facts


def records_facts(archive) -> dict:
    """What keeps reported records honest: the database's guards as found at open, every
    seal checked now, and the audit log against the newest backup's copy of it."""
    # Checked at open already when the database's guards had been tampered with.
    seals = archive.seal_audit if archive.seal_audit is not None else archive.check_seals()
    return {
        "guards": list(archive.guard_problems),
        "seals": {"ok": seals.ok, "checked": seals.checked, "lines": seals.lines(),
                  "problems": [p.message() for p in seals.problems]},
        "audit_anchor": _anchor_problem(archive),
    }


def _anchor_problem(archive) -> str:
    """The audit log and the seals compared with the copies in the backups (anchor.py)."""
    from . import anchor  # for ``branchdesk check`` only, not for every open

    copies = [anchor.BackupCopy(b.path, b.taken_at, b.reason) for b in list_backups(archive.layout.backups)]
    return "".join(anchor.problems(archive.db, copies))


check_report = report  # the name the first command line used


def _integrity_check(db) -> str:
    rows = [r[0] for r in db.execute_sql("PRAGMA integrity_check").fetchmany(5)]
    return "" if rows == ["ok"] else "；".join(rows)


def report_before_open(layout: paths.ArchiveLayout, url: str | None) -> dict | None:
    """The failed report of an SQLite archive that must not be opened (missing or damaged),
    with the backup to offer; None when it can be opened. Reads only."""
    if url:
        return None
    if not layout.database.exists():
        facts = failed_report(layout, "sqlite", f"找不到档案库文件 {layout.database}。")
        if any(previous_files(layout)):
            offered = newest_good_backup(layout.backups)
            facts["offered_backup"] = offered.as_dict() if offered else None
        return facts
    try:
        problem = quick_check_file(layout.database)
    except StorageError as error:
        return failed_report(layout, "sqlite", error.message())
    if problem:
        facts = failed_report(layout, "sqlite", f"档案库文件已损坏（{problem}）。")
        offered = newest_good_backup(layout.backups)
        facts["offered_backup"] = offered.as_dict() if offered else None
        return facts
    return None


def failed_report(layout, engine: str, problem: str) -> dict:
    newest = next(iter(list_backups(layout.backups)), None)
    facts = {
        "app_version": __version__,
        "engine": engine,
        "location": str(layout.database) if engine == "sqlite" else "PostgreSQL",
        "ok": False,
        "integrity": problem,
        "last_backup": newest.as_dict() if newest else None,
    }
    facts["summary"] = [problem]
    return facts


def summary(facts: dict) -> list[str]:
    """The report as a few Chinese lines for people."""
    lines = [
        f"档案库：{facts['location']}",
        (
            f"数据库：{facts['engine']}，结构版本 {facts['schema_version']}"
            f"（程序 {facts['app_version']} 支持 {facts['supported_version']}）"
        ),
        "完整性检查：通过" if facts["integrity"] == "ok" else f"完整性检查：未通过：{facts['integrity']}",
        f"支部：{facts['branch'] or '尚未建立'}；在册党员 {facts['active_members']} 名",
    ]
    backup = facts.get("last_backup")
    if backup:
        lines.append(f"最近备份：{backup['taken_at']}（{backup['age_hours']:.1f} 小时前）{backup['path']}")
    elif facts.get("backups_by_server"):
        lines.append("最近备份：整库备份由 PostgreSQL 服务器负责（pg_dump），本程序不自动备份；每次导入可以撤销。")
    else:
        lines.append("最近备份：无")
    if facts.get("backup_warning"):
        lines.append("提醒：" + facts["backup_warning"])
    if facts.get("automatic_backup_error"):
        lines.append("自动备份失败：" + facts["automatic_backup_error"])
    lock = facts["lock"]
    if lock.get("write_protected"):
        lines.append("只读：" + lock["reason"])
    if lock["holder"]:
        h = lock["holder"]
        lines.append(f"正在使用：{h['user']}（电脑 {h['host']}，进程 {h['pid']}），自 {h['started_at']} 起")
    else:
        lines.append("正在使用：无其他程序")
    chain = facts["audit"]
    lines.append(
        f"操作日志：完整（{chain['entries']} 条）" if chain["ok"] else f"操作日志：{chain['problem']}"
    )
    if facts.get("audit_anchor"):
        lines.append("操作日志：" + facts["audit_anchor"])
    lines.extend("数据库保护：" + line for line in facts.get("guards", []))
    if "seals" in facts:
        lines.extend("封存核对：" + line for line in facts["seals"]["lines"])
    return lines


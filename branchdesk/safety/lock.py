"""One writer per archive.

SQLite archives: a lock file in the archive folder (``branchdesk.lock``) that holds
an operating-system lock for as long as the writer runs and says who it is (host,
user, pid, start time). The OS lock goes away with the process, so after a power
cut or a crash the file still names the old holder but its lock is free: that is a
stale lock, and on the same host it is taken over (and reported). When the file
names another host (an archive on a network share), this PC cannot see whether that
process still runs, so it opens read-only unless the user asks to take over.

PostgreSQL archives: a session advisory lock held on a separate connection, plus a
row in ``app_lock`` naming the holder, so every PC using the server sees the others.
An upper-level archive (上级汇总, setting ``archive_mode`` = upper) is the exception:
several PCs of one office write it at once, each holding the lock shared (its imports
take a per-branch transaction lock, see ``upper/store.py``). SQLite keeps one writer.
A stale holder (same host, process gone; or any holder when the user asks to take
over) has all its server sessions ended with ``pg_terminate_backend`` (found by the
application name every BranchDesk session carries), and a writer checks that it still
holds the lock before each write transaction and commit (``verify``), so a taken-over
writer gets a clear StorageError instead of writing beside the new one.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from .. import __version__, clock
from ..errors import TAKEN_OVER, StorageError
from ..fileio import PRIVATE_FILE
from ..storage import database as storage_db
from ..storage.database import application_name, psycopg_dsn

LOCK_FILE = "branchdesk.lock"
# Two int4 keys of pg_advisory_lock: "BDSK" and the purpose (1 = the writer).
PG_LOCK_KEYS = (0x4244534B, 1)
# On Windows a byte-range lock blocks reading that range: lock a byte far past the text.
_WINDOWS_LOCK_OFFSET = 1 << 30


def this_host() -> str:
    """This computer's name: the storage layer's, so a lock holder and its server
    sessions (named by ``application_name``) always name the same computer."""
    return storage_db.this_host()


def this_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment or password database
        return "未知用户"


@dataclass(frozen=True)
class LockHolder:
    """Who holds (or held) the writer lock."""

    host: str
    user: str
    pid: int
    started_at: str
    app_version: str = ""
    backend_pid: int | None = None

    @classmethod
    def me(cls) -> LockHolder:
        return cls(this_host(), this_user(), os.getpid(), clock.now().isoformat(sep=" "), __version__)

    def describe(self) -> str:
        """「张三（电脑 OFFICE-PC，进程 1234，自 2024-05-01 09:30:00 起）」"""
        process = f"，进程 {self.pid}" if self.pid else ""
        return f"{self.user}（电脑 {self.host}{process}，自 {self.started_at} 起）"

    def on_this_host(self) -> bool:
        return self.host == this_host()

    def process_gone(self) -> bool:
        """True only when it is certain: same host and no such process."""
        return self.on_this_host() and not pid_alive(self.pid)

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class LockOutcome:
    acquired: bool
    holder: LockHolder | None = None  # who holds it, when not acquired
    stale: LockHolder | None = None  # the gone holder we took over from
    can_take_over: bool = False  # not acquired, but the user may choose to take over

    def read_only_reason(self) -> str:
        if self.acquired:
            return ""
        if self.holder is None:
            return "档案库正被另一个 BranchDesk 使用，本窗口以只读方式打开，不能保存修改。"
        text = f"档案库正在被 {self.holder.describe()}使用，本窗口以只读方式打开，不能保存修改。"
        if self.can_take_over:
            return text + (
                "如果那台电脑已经不再使用它（例如停电或死机后），可以选择「接管」；"
                "否则请先在那台电脑上关闭 BranchDesk。"
            )
        return text + "请先关闭那个 BranchDesk 窗口，再重新打开。"

    def stale_notice(self) -> str:
        if self.stale is None:
            return ""
        return (
            f"上次使用档案库的 {self.stale.describe()}没有正常退出（可能停电或死机），"
            "本程序已接管写入权。启动检查会确认档案库是否完好。"
        )


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie has exited; only its parent has not collected it yet
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _windows_pid_alive(pid: int) -> bool:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def _holder_from_json(text: str) -> LockHolder | None:
    try:
        data = json.loads(text)
        return LockHolder(
            str(data["host"]), str(data["user"]), int(data["pid"]), str(data["started_at"]),
            str(data.get("app_version", "")),
        )
    except (ValueError, KeyError, TypeError):
        return None


# -- SQLite archives: a lock file -------------------------------------------------
class FileLock:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._fd: int | None = None
        self.me = LockHolder.me()

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, take_over: bool = False) -> LockOutcome:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
        except OSError as error:
            raise StorageError(
                f"无法在档案库文件夹中建立锁文件 {self.path}（{error.strerror}）。请检查文件夹是否可写。"
            ) from error
        try:
            if not _os_lock(fd):
                holder = _read_holder(fd)
                os.close(fd)
                return LockOutcome(False, holder=holder)
            previous = _read_holder(fd)
            if previous is not None and not previous.on_this_host() and not take_over:
                # Another PC wrote this file; an OS lock over a network share proves nothing.
                _os_unlock(fd)
                os.close(fd)
                return LockOutcome(False, holder=previous, can_take_over=True)
            _write_holder(fd, self.me)
        except BaseException:
            with contextlib.suppress(OSError):
                os.close(fd)
            raise
        self._fd = fd
        return LockOutcome(True, stale=previous)

    def peek(self) -> LockHolder | None:
        """The current holder (None if free), found without ever taking the lock: even a
        moment's hold would make a window starting at that moment open read-only.

        A clean release empties the file, so a file naming nobody is free. A named holder
        holds it while its OS lock is there: on Linux ``/proc/locks`` says so exactly;
        elsewhere a holder on this PC holds it while its process runs, and a holder on
        another PC is taken to hold it (this PC cannot see its processes)."""
        try:
            text = self.path.read_bytes()
        except OSError:
            return None
        holder = _holder_from_json(text.decode("utf-8", "replace").strip("\0 \n")) if text.strip(b"\0 \n") else None
        if holder is None:
            return None
        locked = _flock_seen(self.path)
        if locked is None:
            locked = not holder.process_gone()
        return holder if locked else None

    def publish(self, db=None) -> None:
        """Nothing to do: the lock file already says who holds it."""

    def verify(self) -> None:
        """Raise StorageError unless the lock file still names this process. (Over a
        network share another PC may have taken over; it rewrites the file.)"""
        if self._fd is None:
            raise StorageError(TAKEN_OVER)
        try:
            holder = _read_holder(self._fd)
        except OSError as error:
            raise StorageError(f"无法读取锁文件 {self.path}（{error.strerror}），本次修改没有保存。请重新打开档案库。") from error
        if holder != self.me:
            raise StorageError(TAKEN_OVER)

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)  # an empty file: left cleanly, nothing stale
        with contextlib.suppress(OSError):
            _os_unlock(fd)
        os.close(fd)


def _flock_seen(path: Path) -> bool | None:
    """Whether some process holds a lock on ``path``, read from ``/proc/locks`` (Linux)
    without touching the lock; None where that cannot be seen."""
    try:
        inode = os.stat(path).st_ino
        with open("/proc/locks", encoding="ascii", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return None
    for line in lines:
        # "1: FLOCK  ADVISORY  WRITE 1234 fe:00:2238018 0 EOF" (the device may be reported
        # differently from stat() on overlay file systems, so the inode alone is compared)
        fields = line.split()
        if len(fields) >= 6 and fields[1] == "FLOCK" and fields[5].rsplit(":", 1)[-1] == str(inode):
            return True
    return False


def _os_lock(fd: int) -> bool:
    if os.name == "nt":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _os_unlock(fd: int) -> None:
    if os.name == "nt":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def _read_holder(fd: int) -> LockHolder | None:
    os.lseek(fd, 0, os.SEEK_SET)
    data = os.read(fd, 4096)
    return _holder_from_json(data.decode("utf-8", "replace").strip("\0 \n")) if data.strip(b"\0 \n") else None


def _write_holder(fd: int, holder: LockHolder) -> None:
    data = json.dumps(holder.as_dict(), ensure_ascii=False).encode("utf-8") + b"\n"
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, data)
    # No fsync: the OS lock is what excludes other writers, and other processes (on
    # this PC, or on other PCs through the file server) see the written text without
    # it. A power cut can only leave an empty or garbled file, which reads as "no
    # holder" and is taken over like any stale lock. fsync cost 20-170 ms at start.


# -- PostgreSQL archives: an advisory lock and a row --------------------------------
class PostgresLock:
    def __init__(self, url: str):
        self.dsn = psycopg_dsn(url)
        self._conn = None
        self.me = LockHolder.me()
        # True when held shared: an upper-level archive, written by several PCs at once.
        self.shared = False

    @property
    def held(self) -> bool:
        return self._conn is not None

    def _connect(self):
        import psycopg

        try:
            conn = psycopg.connect(self.dsn, autocommit=True, application_name=application_name(os.getpid(), this_host()))
        except psycopg.Error as error:
            raise StorageError(f"无法连接 PostgreSQL 数据库：{error}") from error
        return conn

    def acquire(self, take_over: bool = False) -> LockOutcome:
        conn = self._connect()
        try:
            if _pg_archive_is_upper(conn):
                # An upper-level archive serves several PCs of one office at once: each
                # writer holds the lock shared (imports serialise per branch themselves);
                # only an exclusive holder (creating or restoring the archive) keeps others out.
                if conn.execute("SELECT pg_try_advisory_lock_shared(%s, %s)", PG_LOCK_KEYS).fetchone()[0]:
                    self._conn, self.shared = conn, True
                    return LockOutcome(True)
                holder = _pg_current_holder(conn)
                conn.close()
                return LockOutcome(False, holder=holder)
            if conn.execute("SELECT pg_try_advisory_lock(%s, %s)", PG_LOCK_KEYS).fetchone()[0]:
                stale = _pg_row_holder(conn)
                self._conn = conn
                return LockOutcome(True, stale=stale)
            holder = _pg_current_holder(conn)
            # A holder running on this very computer is certainly alive: never taken over.
            running_here = holder is not None and holder.on_this_host() and pid_alive(holder.pid)
            if holder is None or running_here or not (take_over or holder.process_gone()):
                conn.close()
                return LockOutcome(False, holder=holder, can_take_over=holder is not None and not running_here)
            try:
                _pg_end_sessions_of(conn, holder)
            except Exception as error:
                raise StorageError(
                    f"无法接管：数据库拒绝结束 {holder.describe()}的连接（{error}）。请联系数据库管理员。"
                ) from error
            conn.execute("SET lock_timeout = '10s'")
            try:
                conn.execute("SELECT pg_advisory_lock(%s, %s)", PG_LOCK_KEYS)
            except Exception as error:
                raise StorageError(f"接管失败：{holder.describe()}仍占用档案库。请先关闭那个 BranchDesk。") from error
            conn.execute("RESET lock_timeout")
            self._conn = conn
            return LockOutcome(True, stale=holder)
        except BaseException:
            if self._conn is None:
                conn.close()
            raise

    def peek(self) -> LockHolder | None:
        conn = self._connect()
        try:
            return _pg_current_holder(conn)
        finally:
            conn.close()

    def publish(self, db=None) -> None:
        """Write our row into ``app_lock`` (after migrations created the table). A shared
        holder does not: the row names the one exclusive writer."""
        if self._conn is None or self.shared or not _pg_has_lock_table(self._conn):
            return
        me = self.me
        self._conn.execute(
            "INSERT INTO app_lock (id, host, user_name, pid, started_at, backend_pid, app_version) "
            "VALUES (1, %s, %s, %s, %s, pg_backend_pid(), %s) ON CONFLICT (id) DO UPDATE SET "
            "host = EXCLUDED.host, user_name = EXCLUDED.user_name, pid = EXCLUDED.pid, "
            "started_at = EXCLUDED.started_at, backend_pid = EXCLUDED.backend_pid, app_version = EXCLUDED.app_version",
            (me.host, me.user, me.pid, me.started_at, me.app_version),
        )

    def verify(self) -> None:
        """Raise StorageError unless this process still holds the advisory lock (a
        take-over ends the lock session, so a dead or lock-less session means lost)."""
        if self._conn is None:
            raise StorageError(TAKEN_OVER)
        try:
            held = self._conn.execute(
                "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid() "
                "AND classid = %s AND objid = %s AND objsubid = 2",
                PG_LOCK_KEYS,
            ).fetchone()[0]
        except Exception as error:
            raise StorageError(TAKEN_OVER) from error
        if not held:
            raise StorageError(TAKEN_OVER)

    def release(self) -> None:
        if self._conn is None:
            return
        conn, self._conn = self._conn, None
        with contextlib.suppress(Exception):
            if _pg_has_lock_table(conn):
                conn.execute("DELETE FROM app_lock WHERE id = 1 AND backend_pid = pg_backend_pid()")
            unlock = "pg_advisory_unlock_shared" if self.shared else "pg_advisory_unlock"
            conn.execute(f"SELECT {unlock}(%s, %s)", PG_LOCK_KEYS)
        with contextlib.suppress(Exception):
            conn.close()


def _pg_archive_is_upper(conn) -> bool:
    """Whether the database is an upper-level archive (setting ``archive_mode``)."""
    if not conn.execute("SELECT to_regclass('setting') IS NOT NULL").fetchone()[0]:
        return False
    row = conn.execute("SELECT value FROM setting WHERE key = 'archive_mode'").fetchone()
    return bool(row) and row[0] == '"upper"'


def _pg_end_sessions_of(conn, holder: LockHolder) -> None:
    """End every server session of the holder's process in this database: its lock
    session and its working sessions (found by application name), so it cannot write on."""
    if holder.backend_pid:
        conn.execute("SELECT pg_terminate_backend(%s)", (holder.backend_pid,))
    if holder.pid:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = %s AND datname = current_database() AND pid <> pg_backend_pid()",
            (application_name(holder.pid, holder.host),),
        )


def _pg_has_lock_table(conn) -> bool:
    return conn.execute("SELECT to_regclass('app_lock') IS NOT NULL").fetchone()[0]


def _pg_row_holder(conn) -> LockHolder | None:
    if not _pg_has_lock_table(conn):
        return None
    row = conn.execute(
        "SELECT host, user_name, pid, started_at, app_version, backend_pid FROM app_lock WHERE id = 1"
    ).fetchone()
    return LockHolder(row[0], row[1], int(row[2]), row[3], row[4], row[5]) if row else None


def _pg_current_holder(conn) -> LockHolder | None:
    """The session holding the advisory lock, named by its ``app_lock`` row when that
    row belongs to it, else by what the server knows (client address, start time)."""
    row = conn.execute(
        "SELECT l.pid, COALESCE(host(a.client_addr), '本机'), a.usename, a.backend_start "
        "FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = %s AND l.objid = %s AND l.objsubid = 2 "
        # Advisory locks belong to one database; another archive on the same server holds its own.
        "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        PG_LOCK_KEYS,
    ).fetchone()
    if row is None:
        return None
    backend_pid, client, user, started = row
    recorded = _pg_row_holder(conn)
    if recorded is not None and recorded.backend_pid == backend_pid:
        return recorded
    started_text = started.astimezone().replace(tzinfo=None, microsecond=0).isoformat(sep=" ") if started else "未知时间"
    return LockHolder(f"{client}", user or "未知用户", 0, started_text, "", backend_pid)


def for_archive(layout, url: str | None):
    """The lock that fits the archive: a lock file, or PostgreSQL's advisory lock."""
    return PostgresLock(url) if url else FileLock(layout.root / LOCK_FILE)

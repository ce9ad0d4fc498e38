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
import json
import os
from pathlib import Path

from ..errors import TAKEN_OVER, StorageError
from ..fileio import PRIVATE_FILE
from .lock_holder import LockHolder, LockOutcome, pid_alive, this_host, this_user
from .pg_lock import PG_LOCK_KEYS, PostgresLock

__all__ = [
    "LOCK_FILE", "PG_LOCK_KEYS", "FileLock", "LockHolder", "LockOutcome", "PostgresLock",
    "for_archive", "pid_alive", "this_host", "this_user",
]

LOCK_FILE = "branchdesk.lock"
# On Windows a byte-range lock blocks reading that range: lock a byte far past the text.
_WINDOWS_LOCK_OFFSET = 1 << 30


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



def for_archive(layout, url: str | None):
    """The lock that fits the archive: a lock file, or PostgreSQL's advisory lock."""
    return PostgresLock(url) if url else FileLock(layout.root / LOCK_FILE)

"""The writer lock of a PostgreSQL archive: a session advisory lock held on a
separate connection, plus a row in ``app_lock`` naming the holder (see ``lock.py``
for the whole story)."""

from __future__ import annotations

import contextlib
import os

from ..errors import TAKEN_OVER, StorageError
from ..storage.database import application_name, psycopg_dsn
from .lock_holder import LockHolder, LockOutcome, pid_alive, this_host

# Two int4 keys of pg_advisory_lock: "BDSK" and the purpose (1 = the writer).
PG_LOCK_KEYS = (0x4244534B, 1)


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

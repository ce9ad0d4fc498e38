"""The database connection: SQLite file by default, PostgreSQL by URL.

All engine-specific SQL lives here or next to its twin for the other engine.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import socket
import sqlite3
import sys
from pathlib import Path
from urllib.parse import quote, urlparse

import peewee

from ..errors import TAKEN_OVER, Conflict, StorageError
from ..paths import write_protected
from ..patterns import compile_on_use
from ..pg_driver import give_peewee_psycopg

# Written into every SQLite archive so a foreign file is recognised ("BDSK").
APPLICATION_ID = 0x4244534B

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    # A save reported to the user must survive a power cut.
    "synchronous": "full",
    "foreign_keys": 1,
    "temp_store": "memory",
    "secure_delete": 1,
    "cache_size": -16000,
}
# How long a writer waits for another writer before giving up (seconds).
BUSY_TIMEOUT_S = 5.0
# The same wait on PostgreSQL (row and table locks), in milliseconds.
PG_LOCK_TIMEOUT_MS = 5000

# Markers raised by the triggers of storage/protect.py; translated below.
SEALED_MARKER = "BD_SEALED"
UNSEALED_MARKER = "BD_UNSEALED"
APPEND_ONLY_MARKER = "BD_APPEND_ONLY"



# What the user is told, by kind of failure (translate_error).
BUSY_MESSAGE = (
    "档案库正被另一个程序或另一台电脑写入，本次保存没有完成，数据没有改动。"
    "请稍候再试；如果一直如此，请关闭其他正在使用该档案库的 BranchDesk 窗口。"
)
CLASH_MESSAGE = "与另一处同时修改发生冲突，本次保存没有完成，数据没有改动。请重试。"
DISK_FULL_MESSAGE = "磁盘空间已满，本次保存没有完成，数据没有改动。请清理磁盘空间后重试。"
IO_ERROR_MESSAGE = (
    "读写档案库文件时出错（磁盘故障或 U 盘被拔出），本次保存没有完成。"
    "请检查存储设备后重新打开程序；程序会在启动时检查档案库。"
)
READ_ONLY_FILE_MESSAGE = "档案库文件是只读的（文件或文件夹不允许写入），无法保存。请检查文件权限或换一个文件夹。"
READ_ONLY_SERVER_MESSAGE = (
    "数据库服务器只允许读取（本窗口以只读方式连接，或服务器处于只读状态），本次修改没有保存。"
    "请重新打开档案库；如果一直如此，请联系数据库管理员。"
)
DAMAGED_FILE_MESSAGE = (
    "档案库文件已损坏，本次操作没有完成。请关闭程序后重新打开：启动检查会把损坏的文件移到一旁（不删除），"
    "并提供从最近一份完好的备份恢复。"
)
CONNECTION_LOST_MESSAGE = "与数据库服务器的连接已断开，本次修改没有保存。请检查网络后重新打开档案库。"

# SQLite primary result codes (the low byte of an extended code such as SQLITE_IOERR_WRITE).
_SQLITE_MESSAGES = {
    sqlite3.SQLITE_BUSY: BUSY_MESSAGE,
    sqlite3.SQLITE_LOCKED: BUSY_MESSAGE,
    sqlite3.SQLITE_FULL: DISK_FULL_MESSAGE,
    sqlite3.SQLITE_IOERR: IO_ERROR_MESSAGE,
    sqlite3.SQLITE_READONLY: READ_ONLY_FILE_MESSAGE,
    sqlite3.SQLITE_CORRUPT: DAMAGED_FILE_MESSAGE,
    sqlite3.SQLITE_NOTADB: DAMAGED_FILE_MESSAGE,
}
# What says the file itself may be harmed (no clean close after it).
_FILE_FAULTS = (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_FULL)
# PostgreSQL SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html).
_POSTGRES_MESSAGES = {
    "55P03": BUSY_MESSAGE,  # lock_not_available: lock_timeout ran out
    "40P01": CLASH_MESSAGE,  # deadlock_detected
    "40001": CLASH_MESSAGE,  # serialization_failure
    "57P01": TAKEN_OVER,  # admin_shutdown: pg_terminate_backend, i.e. a take-over
    "57P02": CONNECTION_LOST_MESSAGE,  # crash_shutdown
    "53100": DISK_FULL_MESSAGE,  # disk_full
    "25006": READ_ONLY_SERVER_MESSAGE,  # read_only_sql_transaction
}
_MARKER = compile_on_use(rf"({SEALED_MARKER}|{UNSEALED_MARKER}|{APPEND_ONLY_MARKER}):([A-Za-z0-9_]*)")


def translate_error(error: Exception) -> Exception | None:
    """The typed BranchDesk error for a driver error, or None if it is not one we know.

    A raw "database is locked" never reaches the user: busy and lock time-outs become
    a StorageError that says another program is writing; refusals by the sealing and
    append-only triggers become a Conflict that says what to do instead.

    Errors are recognised by what the driver reports, never by the server's wording
    (a PostgreSQL server with ``lc_messages`` = zh_CN words them in Chinese): the
    SQLSTATE on PostgreSQL, the result code on SQLite. Only the markers raised by our
    own triggers are read from the message, where they stand first on both engines."""
    driver = driver_error(error)
    refusal = _refusal(_primary_message(driver if driver is not None else error))
    if refusal is not None:
        return refusal
    if isinstance(driver, sqlite3.Error):
        code = getattr(driver, "sqlite_errorcode", None)
        message = _SQLITE_MESSAGES.get(code & 0xFF) if isinstance(code, int) else None
        return StorageError(message) if message else None
    if driver is not None:
        state = _sqlstate(driver)
        message = _POSTGRES_MESSAGES.get(state)
        if message is None and (state.startswith("08") or (not state and _is_psycopg(driver, "OperationalError"))):
            # Class 08 is connection_exception; a psycopg OperationalError that carries no
            # SQLSTATE comes from the client side: the connection broke or was closed.
            message = CONNECTION_LOST_MESSAGE
        return StorageError(message) if message else None
    return None


def driver_error(error: BaseException) -> BaseException | None:
    """The sqlite3 or psycopg exception behind ``error``: ``error`` itself, the one
    peewee wrapped (peewee keeps it in ``.orig``), or an explicit ``raise ... from``."""
    current: BaseException | None = error
    for _ in range(4):
        if current is None:
            return None
        if isinstance(current, sqlite3.Error) or _is_psycopg(current, "Error"):
            return current
        current = getattr(current, "orig", None) or current.__cause__
    return None


def _is_psycopg(error: BaseException, name: str) -> bool:
    # psycopg is only loaded for PostgreSQL archives; without it, no error can be its.
    psycopg = sys.modules.get("psycopg")
    return psycopg is not None and isinstance(error, getattr(psycopg, name))


def _sqlstate(error: BaseException) -> str:
    """The server's SQLSTATE (from the error report; psycopg raises a code it has no class
    for as its class's exception, whose own ``sqlstate`` is the class code), or ''."""
    diag = getattr(error, "diag", None)
    state = getattr(diag, "sqlstate", None) if diag is not None else None
    return state or getattr(error, "sqlstate", None) or ""


def _primary_message(error: BaseException) -> str:
    """The message alone: PostgreSQL's primary message without its (translated)
    CONTEXT and DETAIL lines; SQLite's text, which is exactly what RAISE gave."""
    diag = getattr(error, "diag", None) if _is_psycopg(error, "Error") else None
    primary = getattr(diag, "message_primary", None) if diag is not None else None
    return primary if primary else str(error)


def _refusal(message: str) -> Conflict | None:
    """The Conflict for a refusal by the triggers of storage/protect.py, whose message
    is ``MARKER:table``."""
    found = _MARKER.match(message.strip())
    if found is None:
        return None
    marker, table = found.groups()
    if marker == UNSEALED_MARKER:
        return Conflict(f"记录（{table}）只能通过「上报」封存：上报时会计算并保存内容校验值。请在程序中办理上报。")
    if marker == SEALED_MARKER:
        return Conflict(
            f"这条记录（{table}）已上报并封存，数据库拒绝修改或删除它。"
            "如需更正，请使用「更正」新建一个修订版本，并写明更正原因。"
        )
    return Conflict(f"{table} 只能追加，不能修改或删除已有条目（这是为了保证记录可追溯）。")


# Statements that never change stored rows; everything else counts as a write.
_NOT_WRITES = ("SELECT", "PRAGMA", "SHOW", "SET", "RESET", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "WITH")


class _Translating:
    """Mixin: driver errors we know leave the storage layer as typed errors, and every
    statement that may change rows is counted (``write_count``), on every thread, so the
    archive can tell whether anything was written since it opened (a backup at close)."""

    write_count = 0
    # A damaged page, a disk error or a full disk showed on this connection: its close is
    # not clean, and the next open checks the whole file (safety/open_check.py).
    file_fault = False
    # Set by the archive while it holds the writer lock: raises StorageError when the
    # lock was lost (taken over), checked before each write transaction and commit.
    write_guard = None

    def execute_sql(self, sql, params=None):
        if not sql.lstrip()[:9].upper().startswith(_NOT_WRITES):
            self.write_count += 1
            if self.write_guard is not None and not self.in_transaction():
                self.write_guard()
        try:
            return super().execute_sql(sql, params)
        except peewee.PeeweeException as error:
            self._note_fault(error)
            _reraise(error)
            raise

    def begin(self, *args, **kwargs):
        if self.write_guard is not None:
            self.write_guard()
        try:
            return super().begin(*args, **kwargs)
        except peewee.PeeweeException as error:
            _reraise(error)
            raise

    def commit(self):
        if self.write_guard is not None:
            self.write_guard()  # the transaction is rolled back by peewee's atomic()
        try:
            return super().commit()
        except peewee.PeeweeException as error:
            self._note_fault(error)
            _reraise(error)
            raise

    def _note_fault(self, error: Exception) -> None:
        code = getattr(driver_error(error), "sqlite_errorcode", None)
        if isinstance(code, int) and code & 0xFF in _FILE_FAULTS:
            self.file_fault = True

    def rollback(self):
        try:
            return super().rollback()
        except peewee.PeeweeException as error:
            _reraise(error)
            raise


def _reraise(error: Exception) -> None:
    typed = translate_error(error)
    if typed is not None:
        raise typed from error


class BranchDeskSqliteDatabase(_Translating, peewee.SqliteDatabase):
    def rollback(self):
        # When a COMMIT fails with a full disk or an I/O error, SQLite has already rolled
        # the transaction back; a second ROLLBACK would fail ("no transaction is active")
        # and hide the real reason from the user.
        if not self.is_closed() and not self.connection().in_transaction:
            return None
        return super().rollback()


class BranchDeskPostgresDatabase(_Translating, peewee.PostgresqlDatabase):
    """PostgreSQL with a lock time-out (never wait forever) and an optional
    read-only session for a second instance."""

    def __init__(self, *args, read_only: bool = False, **kwargs):
        self.read_only_session = read_only
        super().__init__(*args, **kwargs)

    def _initialize_connection(self, conn):
        super()._initialize_connection(conn)
        with conn.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = {int(PG_LOCK_TIMEOUT_MS)}")
            if self.read_only_session:
                cursor.execute("SET default_transaction_read_only = on")


def is_postgres_url(url: str | None) -> bool:
    return bool(url) and urlparse(url).scheme in ("postgres", "postgresql")


def read_only_uri(path: str | os.PathLike, mode: str = "ro") -> str:
    """The ``file:`` URI that opens ``path`` read-only (``mode="rw"``: read-write, but
    never creating it), whatever characters the path holds.

    A plain ``f"file:{path}?mode=ro"`` breaks on ``#`` and ``?`` (they end the path)
    and on ``%20`` (decoded to a space): the open fails, or opens another file. Every
    character outside the safe ASCII set is percent-encoded (UTF-8), and the path is
    always given with an empty authority (``file:///...``) so a Windows UNC path
    (``//server/share``) is not taken for a host name."""
    resolved = Path(path).resolve()
    text = resolved.as_posix()
    if not text.startswith("/"):  # Windows drive path: C:/x -> /C:/x
        text = "/" + text
    uri = "file://" + quote(text, safe="/:") + f"?mode={mode}"
    if mode == "ro" and _unchangeable(resolved):
        # A WAL database needs its -shm file to be read, and on a write-protected stick
        # SQLite can neither create it nor take a lock: ``immutable`` reads the file as
        # it is. Only when no -wal lies beside it (then the file alone is the database).
        uri += "&immutable=1"
    return uri


def _unchangeable(path: Path) -> bool:
    return write_protected(path.parent) and not Path(f"{path}-wal").exists()


def connect_read_only(path: str | os.PathLike) -> sqlite3.Connection:
    """A plain sqlite3 connection that can only read ``path`` (never creates it)."""
    return sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_S)


def open_sqlite(path: Path, read_only: bool = False) -> peewee.SqliteDatabase:
    """An SQLite database with BranchDesk's pragmas (read-only opens use the ``ro`` URI)."""
    if read_only:
        db = BranchDeskSqliteDatabase(
            read_only_uri(path),
            uri=True,
            autoconnect=False,
            timeout=BUSY_TIMEOUT_S,
            pragmas={"foreign_keys": 1, "temp_store": "memory", "query_only": 1},
        )
    else:
        # BEGIN IMMEDIATE: a write transaction takes the write lock when it starts, so
        # a read followed by a write (the audit chain) never meets a changed snapshot.
        # No autoconnect: a closed archive must never quietly reopen; worker threads
        # open their own connection with ``db.connection_context()``.
        db = BranchDeskSqliteDatabase(
            str(path), timeout=BUSY_TIMEOUT_S, pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE", autoconnect=False
        )
    return db


NO_POSTGRES_CLIENT = (
    "这台电脑缺少连接 PostgreSQL 服务器所需的客户端库 libpq，无法打开服务器上的档案库（{detail}）。"
    "请让技术人员安装它（统信、麒麟、深度、Debian、Ubuntu：sudo apt install libpq5）后重试；"
    "本机上的档案库（不用 --db-url）照常可用。"
)


def open_postgres(url: str, read_only: bool = False) -> peewee.PostgresqlDatabase:
    parsed = urlparse(url)
    if not parsed.path.strip("/"):
        raise StorageError("PostgreSQL 地址缺少数据库名，例如 postgresql://user@host:5432/branchdesk")
    try:
        give_peewee_psycopg()  # what peewee talks to the server with, loaded now (pg_driver.py)
    except ImportError as error:
        # The .deb's frozen program uses the system's libpq (package libpq5, recommended).
        raise StorageError(NO_POSTGRES_CLIENT.format(detail=error)) from error
    # peewee hands a postgresql:// database name to psycopg as its conninfo. Every
    # session is named after this process, so a take-over can end all of them.
    return BranchDeskPostgresDatabase(
        psycopg_dsn(url), read_only=read_only, connect_timeout=10, autoconnect=False,
        application_name=application_name(os.getpid(), this_host()),
    )


def this_host() -> str:
    """This computer's name, as server sessions and lock holders (safety/lock.py) carry it."""
    return socket.gethostname() or "未知电脑"


def application_name(pid: int, host: str) -> str:
    """What every PostgreSQL session of one BranchDesk process is called on the server,
    so a take-over can end all of them (``pg_stat_activity.application_name``; ASCII
    only and at most 63 bytes, so other host names are replaced by a short hash)."""
    if not (host.isascii() and host.isprintable()) or len(host) > 40:
        host = "h" + hashlib.sha256(host.encode("utf-8")).hexdigest()[:12]
    return f"branchdesk {pid}@{host}"[:63]


def psycopg_dsn(url: str) -> str:
    # psycopg understands postgresql:// URIs directly; "postgres://" is its alias.
    return "postgresql://" + url.split("://", 1)[1]


def is_postgres(db: peewee.Database) -> bool:
    return isinstance(db, peewee.PostgresqlDatabase)


def date_value(value) -> dt.date | None:
    """A date as a raw query or an aggregate (``MIN(changed_on)``) returns it: PostgreSQL
    gives a ``date``, SQLite the text it keeps."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def like(field, query: str) -> peewee.Node:
    """``field LIKE '%query%'`` matching ``query`` literally on both engines
    (``%`` and ``_`` typed by the user are not wildcards)."""
    from ..text import like_pattern

    return peewee.NodeList((field, peewee.SQL("LIKE"), like_pattern(query), peewee.SQL("ESCAPE '\\'")))

"""The database connection: SQLite file by default, PostgreSQL by URL.

All engine-specific SQL lives here or next to its twin for the other engine.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import urlparse

import peewee

from ..errors import StorageError

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
# How long a writer waits for another writer before giving up (milliseconds).
BUSY_TIMEOUT_S = 5.0

database_proxy = peewee.DatabaseProxy()


def is_postgres_url(url: str | None) -> bool:
    return bool(url) and urlparse(url).scheme in ("postgres", "postgresql")


def open_sqlite(path: Path, read_only: bool = False) -> peewee.SqliteDatabase:
    """An SQLite database with BranchDesk's pragmas (read-only opens use the ``ro`` URI)."""
    if read_only:
        db = peewee.SqliteDatabase(
            f"file:{path}?mode=ro",
            uri=True,
            autoconnect=False,
            timeout=BUSY_TIMEOUT_S,
            pragmas={"foreign_keys": 1, "temp_store": "memory", "query_only": 1},
        )
    else:
        # No autoconnect: a closed archive must never quietly reopen; worker threads
        # open their own connection with ``db.connection_context()``.
        db = peewee.SqliteDatabase(str(path), timeout=BUSY_TIMEOUT_S, pragmas=SQLITE_PRAGMAS, autoconnect=False)
    return db


def open_postgres(url: str) -> peewee.PostgresqlDatabase:
    parsed = urlparse(url)
    if not parsed.path.strip("/"):
        raise StorageError("PostgreSQL 地址缺少数据库名，例如 postgresql://user@host:5432/branchdesk")
    # peewee hands a postgresql:// database name to psycopg as its conninfo.
    return peewee.PostgresqlDatabase(_psycopg_dsn(url), connect_timeout=10, autoconnect=False)


def _psycopg_dsn(url: str) -> str:
    # psycopg understands postgresql:// URIs directly; "postgres://" is its alias.
    return "postgresql://" + url.split("://", 1)[1]


def sqlite_application_id(path: Path) -> int:
    """The file's application_id, read without changing anything in it."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA application_id").fetchone()[0]
    finally:
        conn.close()


def is_postgres(db: peewee.Database) -> bool:
    return isinstance(db, peewee.PostgresqlDatabase)


def like(field, query: str) -> peewee.Node:
    """``field LIKE '%query%'`` matching ``query`` literally on both engines
    (``%`` and ``_`` typed by the user are not wildcards)."""
    from ..text import like_pattern

    return peewee.NodeList((field, peewee.SQL("LIKE"), like_pattern(query), peewee.SQL("ESCAPE '\\'")))

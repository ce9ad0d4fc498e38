"""Letting SQLite finish what a power cut interrupted, before the start-up check reads.

A process killed in the middle of a rollback-journal transaction (the first seconds of
creating an archive, before the database switches to WAL) leaves a *hot journal*
(``branchdesk.sqlite3-journal``) beside the database. Only a read-write connection may
roll it back; the start-up check opens the file read-only, so without this step every
later open failed with "attempt to write a readonly database". The roll-back is what
SQLite itself does on any ordinary open: it puts the file back as it was before the
interrupted transaction, nothing more. It is done only by the process that holds the
writer lock (nobody else can be in the middle of a transaction then).

A WAL left by a power cut needs nothing here: a read-only connection reads it.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from .. import paths
from ..storage import database as storage_db

log = logging.getLogger(__name__)

JOURNAL_SUFFIX = "-journal"

# An archive whose creation was cut off (a power cut in its first seconds): it holds no
# records, and creating it again (init, demo, the window's wizard) finishes it.
UNFINISHED_CREATION = (
    "档案库 {where} 还没有建好：其中没有支部信息，也没有任何记录（新的档案库，或上次建立时停电、程序被关闭）。"
    "请运行 branchdesk init 或 branchdesk demo，或打开程序按向导建立，程序会在原处把它建好。"
)


def hot_journal_of(database: Path) -> Path | None:
    """The rollback journal beside ``database`` when there is one with content."""
    journal = Path(f"{database}{JOURNAL_SUFFIX}")
    try:
        return journal if database.is_file() and journal.is_file() and journal.stat().st_size > 0 else None
    except OSError:
        return None


def roll_back_hot_journal(layout: paths.ArchiveLayout) -> bool:
    """Let SQLite roll back a hot journal left beside the archive's database; call it
    only while holding the writer lock. True when a journal was there and is gone now.
    A failure is logged and left to the start-up check, which reports it."""
    journal = hot_journal_of(layout.database)
    if journal is None:
        return False
    try:
        # mode=rw: never creates a database; the first read takes a shared lock, and
        # that is when SQLite rolls a hot journal back.
        uri = storage_db.read_only_uri(layout.database, mode="rw")
        conn = sqlite3.connect(uri, uri=True, timeout=storage_db.BUSY_TIMEOUT_S)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as error:
        log.warning("could not roll back the hot journal of %s: %s", layout.database, error)
        return False
    log.info("rolled back an interrupted transaction of %s (hot journal %s)", layout.database, journal.name)
    return not journal.exists() or journal.stat().st_size == 0


def roll_back_if_unlocked(layout: paths.ArchiveLayout) -> None:
    """For a reader (``branchdesk check``): roll a hot journal back when the writer lock
    is free, holding it for that moment; otherwise leave everything as it is."""
    if hot_journal_of(layout.database) is None:
        return
    from ..errors import BranchDeskError
    from .lock import for_archive

    lock = for_archive(layout, None)
    try:
        outcome = lock.acquire()
    except BranchDeskError:  # a folder that cannot hold a lock file (write-protected)
        return
    if not outcome.acquired:
        return
    try:
        roll_back_hot_journal(layout)
    finally:
        lock.release()

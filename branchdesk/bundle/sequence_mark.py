"""The highest bundle number this archive ever wrote, kept where a restore cannot lower it.

The database's log of bundles (``ledger``) travels with the database, so restoring an
older backup rolls it back: the next bundle would reuse a number the upper level has
already imported and be refused as a replay. So each bundle written is also noted in a
small file in the archive folder, which a restore never replaces (and which the restore
itself raises from the database it replaces first). The next number is one past the
higher of the two, chained to that bundle's hash, and the sentence ``note`` says so."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from ..fileio import write_bytes_atomic
from . import ledger

MARK_FILE = "bundle-sequence.json"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NextBundle:
    sequence: int
    previous_hash: str
    # '' normally; when the database's log is behind the mark (after a restore), why the
    # number jumps ahead of it.
    note: str = ""


def read(root: os.PathLike) -> tuple[int, str]:
    """(the highest number written, its bundle hash); (0, '') when none is noted."""
    try:
        noted = json.loads(Path(root, MARK_FILE).read_text(encoding="utf-8"))
        return int(noted["sequence"]), str(noted["bundle_hash"])
    except (OSError, ValueError, KeyError, TypeError):
        return 0, ""


def raise_to(root: os.PathLike, sequence: int, bundle_hash: str) -> None:
    """Note ``sequence`` if it is higher than the mark (never lowers it). A failure is
    logged, not raised: the bundle is written and logged in the database already."""
    if sequence <= read(root)[0]:
        return
    data = json.dumps({"sequence": sequence, "bundle_hash": bundle_hash}).encode("utf-8")
    try:
        write_bytes_atomic(Path(root, MARK_FILE), data)
    except Exception as error:
        log.warning("could not note bundle number %s in %s: %s", sequence, root, error)


def keep_from(root: os.PathLike, db) -> None:
    """Raise the mark to the last bundle in ``db``'s log (before a restore replaces it)."""
    try:
        last, last_hash = ledger.next_in_chain(db)
    except Exception as error:
        log.warning("could not read the bundle log before the restore: %s", error)
        return
    raise_to(root, last - 1, last_hash)


def logged_in_file(path: os.PathLike) -> int:
    """The last bundle number in the log of the SQLite file ``path`` (0 if none)."""
    import sqlite3

    from ..storage.database import connect_read_only

    try:
        conn = connect_read_only(path)
        try:
            row = conn.execute(f"SELECT MAX(sequence) FROM {ledger.TABLE}").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as error:
        log.warning("could not read the bundle log of %s: %s", path, error)
        return 0
    return int(row[0] or 0)


def next_in_chain(db, root: os.PathLike) -> NextBundle:
    """The next bundle's number and previous hash: past the database's log and the mark."""
    sequence, previous = ledger.next_in_chain(db)
    marked, marked_hash = read(root)
    if marked < sequence:
        return NextBundle(sequence, previous)
    return NextBundle(marked + 1, marked_hash, rolled_back_note(sequence - 1, marked))


def rolled_back_note(logged: int, marked: int) -> str:
    """The sentence for a database whose log ends at ``logged`` below the mark ('' if not)."""
    if marked <= logged:
        return ""
    return (f"档案库曾从备份恢复，其中的上报记录只到第 {logged} 号数据包，而本档案库已写出过第 {marked} 号。"
            f"数据包编号不会倒退：下一个数据包编为第 {marked + 1} 号，接在第 {marked} 号之后，上级可以照常导入。")

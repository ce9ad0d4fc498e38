"""Plain-SQL helpers of the upper level. Everything goes through ``archive.db`` (never
the models' shared proxy), so two archives open in one process — two PCs in a test —
each write through their own connection."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Sequence

from ..storage.database import is_postgres
from .payload_words import DICTIONARIES, WORDS_1

_CHUNK = 400
# A record's payload (its row and child rows) is kept as zlib-compressed JSON, as the bundle
# carries it compressed: a fifth of the JSON text with the preset dictionary of
# payload_words.py (docs/tech-notes.md "Upper level at county scale"). Level 6, zlib's
# default: level 9 saves under 1 % more, level 1 is 7 % larger.
PAYLOAD_LEVEL = 6
# FLG bit of a zlib header: a preset dictionary follows, named by its Adler-32 (RFC 1950).
_PRESET_DICTIONARY = 0x20


def fetch_all(db, sql: str, params: Sequence = ()) -> list[tuple]:
    return list(db.execute_sql(sql.replace("?", db.param), tuple(params)).fetchall())


def fetch_all_prepared(db, sql: str, params: Sequence = ()) -> list[tuple]:
    """As ``fetch_all``, for a large statement run again and again (the dashboard): on
    PostgreSQL it is prepared on the server at its first run, not its sixth (psycopg's
    ``prepare_threshold``), and a statement without parameters keeps its plan for the
    connection's life; planning the dashboard took 4–12 ms of each run. SQLite's driver
    keeps its compiled statements anyway."""
    if not is_postgres(db):
        return fetch_all(db, sql, params)
    connection = db.connection()
    threshold = connection.prepare_threshold
    connection.prepare_threshold = 0
    try:
        return fetch_all(db, sql, params)
    finally:
        connection.prepare_threshold = threshold


def fetch_one(db, sql: str, params: Sequence = ()):
    return db.execute_sql(sql.replace("?", db.param), tuple(params)).fetchone()


def execute(db, sql: str, params: Sequence = ()) -> None:
    db.execute_sql(sql.replace("?", db.param), tuple(params))


def insert_many(db, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Insert rows in chunks of one multi-row statement each; returns how many."""
    rows = list(rows)
    width = len(columns)
    chunk = max(1, min(_CHUNK, 900 // width))
    head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
    one = "(" + ", ".join([db.param] * width) + ")"
    for start in range(0, len(rows), chunk):
        part = rows[start:start + chunk]
        flat = [value for row in part for value in row]
        db.execute_sql(head + ", ".join([one] * len(part)), flat)
    return len(rows)


def pack_text(text: str) -> bytes:
    """A payload's (or an undo's) JSON text as stored: zlib with the preset dictionary."""
    packer = zlib.compressobj(PAYLOAD_LEVEL, zlib.DEFLATED, 15, 8, zlib.Z_DEFAULT_STRATEGY, WORDS_1)
    return packer.compress(text.encode("utf-8")) + packer.flush()


def unpack_text(stored) -> str:
    """The JSON text of a stored payload or undo (bytes on SQLite, bytes or memoryview on
    PostgreSQL): a zlib stream, with the dictionary its header names or (step 23's
    conversion of older archives) none."""
    data = bytes(stored)
    if len(data) > 6 and data[1] & _PRESET_DICTIONARY:
        unpacker = zlib.decompressobj(zdict=DICTIONARIES[int.from_bytes(data[2:6], "big")])
        return (unpacker.decompress(data) + unpacker.flush()).decode("utf-8")
    return zlib.decompress(data).decode("utf-8")


def pack_payload(payload: dict) -> bytes:
    return pack_text(json.dumps(payload, ensure_ascii=False, default=str, separators=(",", ":")))


def payload_of(stored) -> dict:
    """A stored payload as the record's ``{"row": …, "children": …}``."""
    return json.loads(unpack_text(stored))


def in_list(db, values: Sequence) -> str:
    return "(" + ", ".join([db.param] * len(values)) + ")"


def boolean(db, value) -> bool:
    """A stored boolean as Python's (SQLite keeps 0/1)."""
    return bool(value)


def advisory_branch_lock(db, branch_uid: str) -> None:
    """PostgreSQL: serialise imports of one branch across every PC until the
    transaction ends (other branches import in parallel). SQLite has one writer anyway."""
    if not is_postgres(db):
        return
    import zlib

    # Waiting for another PC's import of the same branch is normal: wait longer than the usual lock time-out.
    db.execute_sql("SET LOCAL lock_timeout = '120s'")
    db.execute_sql("SELECT pg_advisory_xact_lock(%s, %s)", (UPPER_LOCK_CLASS, zlib.crc32(branch_uid.encode()) - 2**31))


# First key of the per-branch import lock: "BDUP".
UPPER_LOCK_CLASS = 0x42445550

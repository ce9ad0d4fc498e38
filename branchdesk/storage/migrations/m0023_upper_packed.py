"""Step 23: the upper level keeps each record's payload compressed (issue 18).

``upper_record.payload`` (a record's row and child rows as JSON) held the JSON text: 80 %
of an upper archive, 3.5 times the bundles it came from. It now holds the same JSON
compressed with zlib (``upper/store.py``: ``pack_text``, ``payload_of``), as the bundle
itself carries it compressed: here plainly, a third of the text; new imports use the
preset dictionary of ``upper/payload_words.py``, a fifth. On PostgreSQL the column becomes
BYTEA; on SQLite it keeps its declared type and holds a BLOB (SQLite stores a BLOB as
given in a TEXT column), so no table is rebuilt and any SQLite version opens it.

``upper_undo.replaced`` (the rows a branch's latest import replaced, one zlib-compressed
JSON blob) was kept as base64 text, a third more than the blob: it now holds the blob
(BYTEA on PostgreSQL, a BLOB on SQLite, as above). Inside it, records' payloads stay JSON
text, compressed once with the rest.

The existing rows are converted here, in the upgrade's one transaction: an archive is
either wholly converted or left as it was. Frozen: the compression is written out here,
not taken from ``upper/store.py`` (which reads these plain zlib streams too)."""

from __future__ import annotations

import base64
import zlib

from ..database import is_postgres

VERSION = 23
_BATCH = 2000
_LEVEL = 6


def _packed(value) -> bytes:
    text = value if isinstance(value, str) else bytes(value).decode("utf-8")
    return zlib.compress(text.encode("utf-8"), _LEVEL)


def _rows(cursor) -> list:
    # None when storage/guards.py replays the steps to learn their triggers (no database)
    return cursor.fetchall() if cursor is not None else []


def apply(db) -> None:
    _pack_payloads(db)
    _unwrap_undo(db)


def _unwrap_undo(db) -> None:
    if is_postgres(db):
        db.execute_sql("ALTER TABLE upper_undo ALTER COLUMN replaced TYPE BYTEA USING decode(replaced, 'base64')")
        return
    found = _rows(db.execute_sql("SELECT id, replaced FROM upper_undo WHERE typeof(replaced) = 'text'"))
    if found:
        db.connection().executemany("UPDATE upper_undo SET replaced = ? WHERE id = ?",
                                    [(base64.b64decode(text), undo_id) for undo_id, text in found])


def _pack_payloads(db) -> None:
    if is_postgres(db):
        db.execute_sql("ALTER TABLE upper_record ALTER COLUMN payload TYPE BYTEA USING convert_to(payload, 'UTF8')")
        pending = "SELECT id, payload FROM upper_record WHERE id > %s ORDER BY id LIMIT %s"
    else:
        pending = "SELECT id, payload FROM upper_record WHERE id > ? AND typeof(payload) = 'text' ORDER BY id LIMIT ?"
    update = f"UPDATE upper_record SET payload = {db.param} WHERE id = {db.param}"
    last = 0
    while rows := _rows(db.execute_sql(pending, (last, _BATCH))):
        packed = [(_packed(payload), record_id) for record_id, payload in rows]
        if is_postgres(db):
            with db.cursor() as cursor:
                cursor.executemany(update, packed)
        else:
            db.connection().executemany(update, packed)
        last = rows[-1][0]

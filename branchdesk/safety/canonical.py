"""A sealed record's canonical content and its hash (docs/domain.md, sealing): the record
row and its child rows as the same JSON on both engines, ids, parent links and the state
column left out. ``sealing.py`` seals with it, the seals' check and the yearly archive's
fingerprint recompute it, and a bundle hashes rows it already read the same way
(bundle/year_prints.py). ``spec`` is a ``sealing.SealSpec``, ``children`` its
``ChildSpec``s (not imported here: sealing.py imports this module)."""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import hashlib

from ..errors import NotFound
from .audit import canonical_json

# id(db) -> {table: its columns}, only while ``columns_held(db)`` runs.
_HELD_COLUMNS: dict[int, dict[str, dict[str, str]]] = {}


@contextlib.contextmanager
def columns_held(db):
    """Within it, each table's columns are asked of the database once: a pass that hashes
    every sealed record (the seals' check, a year's fingerprint) asked them again for each
    record and child table; on PostgreSQL each ask is a catalogue query, and the check at
    open took seven times SQLite's time. Held for one pass only, so a later schema
    upgrade is always seen."""
    key = id(db)
    outermost = key not in _HELD_COLUMNS
    if outermost:
        _HELD_COLUMNS[key] = {}
    try:
        yield
    finally:
        if outermost:
            _HELD_COLUMNS.pop(key, None)


def _columns(db, table: str) -> dict[str, str]:
    held = _HELD_COLUMNS.get(id(db))
    if held is not None and table in held:
        return held[table]
    columns = {c.name: c.data_type.lower() for c in db.get_columns(table)}
    if held is not None:
        held[table] = columns
    return columns


def _portable(value, declared: str):
    """A value as the same JSON on both engines (SQLite keeps dates as text, booleans as 0/1)."""
    if value is None:
        return None
    if "bool" in declared:
        return bool(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (bytes, memoryview)):
        return {"sha256": hashlib.sha256(bytes(value)).hexdigest()}
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def _rows(db, table: str, where_column: str, value, skip: set[str]) -> list[dict]:
    columns = _columns(db, table)
    names = list(columns)
    cursor = db.execute_sql(
        f"SELECT {', '.join(names)} FROM {table} WHERE {where_column} = {db.param} ORDER BY id", (value,)
    )
    result = []
    for row in cursor.fetchall():
        values = dict(zip(names, row))
        result.append(
            {"_id": values["id"]}
            | {name: _portable(values[name], columns[name]) for name in names if name not in skip}
        )
    return result


def canonical_content(db, spec, record_id: int) -> dict:
    """The record and its child rows as plain JSON-able data: ids, parent links and the
    state column left out, children in the order they were written (by id)."""
    rows = _rows(db, spec.table, "id", record_id, {"id", spec.state_column})
    if not rows:
        raise NotFound(spec.label, record_id)
    row = without_empty_optional(spec, rows[0])
    row.pop("_id")
    return {"record": spec.table, "row": row, "children": _children(db, spec.children, record_id)}


def without_empty_optional(spec, row: dict) -> dict:
    return {name: value for name, value in row.items() if not (value is None and name in spec.optional_columns)}


def _children(db, children, parent_id: int) -> dict:
    result = {}
    for child in children:
        rows = _rows(db, child.table, child.fk_column, parent_id, {"id", child.fk_column})
        for row in rows:
            child_id = row.pop("_id")
            if child.children:
                row["_children"] = _children(db, child.children, child_id)
        result[child.table] = rows
    return result


def content_hash(db, spec, record_id: int) -> str:
    payload = canonical_json(canonical_content(db, spec, record_id))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()

"""The years' 档案指纹 (``yearbook.fingerprint``) as a bundle needs them, read in bulk.

The yearbook hashes each record's canonical content (``sealing.content_hash``) with a
query per record and per child table: about 1,800 queries for the demo's three years,
half of writing a bundle. Here each table is read once for all the records asked (their
children by their parents' ids), and each record's content is built from those rows
with the same helpers, so every hash, and the fingerprint, is the same value;
tests/domain/test_bundle_year_prints.py compares them on both engines."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from ..safety.audit import canonical_json
from ..safety.sealing import _columns, _portable, without_empty_optional

_CHUNK = 500  # ids per IN list (SQLite's and PostgreSQL's parameter limits are far above)


def year_prints(archive, years: Iterable[int]) -> dict[int, str]:
    """``{year: 档案指纹}``, each equal to ``yearbook.fingerprint.year_fingerprint``."""
    from ..yearbook.fingerprint import FORMAT  # loaded on use: the yearbook imports its sections
    from ..yearbook.registry import PROVIDERS

    refs = {year: [ref for provider in PROVIDERS for ref in provider.records(archive, year)] for year in years}
    hashes = content_hashes(archive.db, [ref for found in refs.values() for ref in found])
    result = {}
    for year, found in refs.items():
        listed = sorted(f"{ref.spec.table}:{hashes[ref.spec.table, ref.record_id]}" for ref in found)
        payload = canonical_json({"format": FORMAT, "year": year, "records": listed})
        result[year] = hashlib.sha256(payload.encode("utf-8")).hexdigest()
    return result


def content_hashes(db, refs) -> dict[tuple[str, int], str]:
    """``{(table, id): content hash}`` of the records ``refs`` name (``RecordRef``s)."""
    by_spec: dict = {}
    for ref in refs:
        by_spec.setdefault(ref.spec, set()).add(ref.record_id)
    hashes = {}
    for spec, ids in by_spec.items():
        wanted = sorted(ids)
        rows = {row["_id"]: row for row in _rows_by(db, spec.table, "id", wanted, {"id", spec.state_column})[1]}
        children = _children(db, spec.children, wanted)
        for record_id in wanted:
            row = dict(rows[record_id])
            row.pop("_id")
            content = {"record": spec.table, "row": without_empty_optional(spec, row),
                       "children": {table: kids.get(record_id, []) for table, kids in children.items()}}
            hashes[spec.table, record_id] = hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()
    return hashes


def _children(db, specs, parent_ids: list[int]) -> dict[str, dict[int, list[dict]]]:
    """Per child table: ``{parent id: its rows}`` as ``sealing._children`` makes them
    (id and parent link left out, in id order, grandchildren under ``_children``)."""
    result = {}
    for child in specs:
        parents, rows = _rows_by(db, child.table, child.fk_column, parent_ids, {"id", child.fk_column})
        grand = _children(db, child.children, [row["_id"] for row in rows]) if child.children else {}
        grouped: dict[int, list[dict]] = {}
        for parent, row in zip(parents, rows):
            child_id = row.pop("_id")
            if child.children:
                row["_children"] = {table: kids.get(child_id, []) for table, kids in grand.items()}
            grouped.setdefault(parent, []).append(row)
        result[child.table] = grouped
    return result


def _rows_by(db, table: str, column: str, values: list[int], skip: set[str]) -> tuple[list, list[dict]]:
    """The rows of ``table`` whose ``column`` is one of ``values``, in id order, each as
    ``sealing._rows`` gives it (``_id`` and the portable values); and each row's
    ``column`` value, in the same order."""
    columns = _columns(db, table)
    names = list(columns)
    at = names.index(column)
    keys, rows = [], []
    for start in range(0, len(values), _CHUNK):
        part = values[start:start + _CHUNK]
        if not part:
            continue
        marks = ", ".join([db.param] * len(part))
        cursor = db.execute_sql(f"SELECT {', '.join(names)} FROM {table} WHERE {column} IN ({marks}) ORDER BY id", part)
        for found in cursor.fetchall():
            keys.append(found[at])
            values_of = dict(zip(names, found))
            rows.append({"_id": values_of["id"]}
                        | {name: _portable(values_of[name], columns[name]) for name in names if name not in skip})
    if len(values) > _CHUNK:  # chunks each in id order: the whole in id order, as one query gives it
        order = sorted(range(len(rows)), key=lambda n: rows[n]["_id"])
        keys, rows = [keys[n] for n in order], [rows[n] for n in order]
    return keys, rows

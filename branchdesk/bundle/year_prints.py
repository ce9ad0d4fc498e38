"""The years' 档案指纹 (``yearbook.fingerprint``) as a bundle needs them, read in bulk.

The yearbook hashes each record's canonical content (``sealing.content_hash``) with a
query per record and per child table: about 1,800 queries for the demo's three years,
half of writing a bundle. Here a record kind whose rows the bundle has just read, as
the database holds them (not reshaped for the trip upward, no bytes or decimals, which
the portable form writes otherwise), is hashed from those rows (``seal_check.
hash_from_rows``, what the seals' check of every bundle relies on); any other kind has
each table read once for all its records (children by their parents' ids) and built
with the yearbook's own helpers. Every hash, and so the fingerprint, is the same value;
tests/domain/test_bundle_year_prints.py compares them on both engines."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from ..errors import NotFound
from ..safety.audit import canonical_json
from ..safety.canonical import _columns, _portable, without_empty_optional
from ..safety.seal_check import RowIndex, hash_from_rows
from .portable import reshaped_tables

_CHUNK = 500  # ids per IN list (SQLite's and PostgreSQL's parameter limits are far above)


def year_prints(archive, years: Iterable[int], records=None, seals_checked: bool = False) -> dict[int, str]:
    """``{year: 档案指纹}``, each equal to ``yearbook.fingerprint.year_fingerprint``;
    ``records``: the bundle's ``PortableRecords`` read in this snapshot, when there are;
    ``seals_checked``: their seals were just found to match their records (the bundle
    is refused otherwise), so a sealed record's hash is its seal's, not made again."""
    from ..yearbook.fingerprint import FORMAT  # loaded on use: the yearbook imports its sections
    from ..yearbook.registry import PROVIDERS

    refs = {year: [ref for provider in PROVIDERS for ref in provider.records(archive, year)] for year in years}
    hashes = content_hashes(archive.db, [ref for found in refs.values() for ref in found], records, seals_checked)
    result = {}
    for year, found in refs.items():
        listed = sorted(f"{ref.spec.table}:{hashes[ref.spec.table, ref.record_id]}" for ref in found)
        payload = canonical_json({"format": FORMAT, "year": year, "records": listed})
        result[year] = hashlib.sha256(payload.encode("utf-8")).hexdigest()
    return result


def content_hashes(db, refs, records=None, seals_checked: bool = False) -> dict[tuple[str, int], str]:
    """``{(table, id): content hash}`` of the records ``refs`` name (``RecordRef``s)."""
    by_spec: dict = {}
    for ref in refs:
        by_spec.setdefault(ref.spec, set()).add(ref.record_id)
    hashes = {}
    index = RowIndex(records.tables) if records is not None else None
    reshaped = reshaped_tables()
    sealed = _checked_seals(records) if seals_checked and records is not None else {}
    for spec, ids in by_spec.items():
        wanted = sorted(ids)
        if index is not None and _as_read(db, spec, records.tables, reshaped):
            missing = []
            for record_id in wanted:
                if (spec.table, record_id) in sealed and index.rows(spec.table, "id", record_id):
                    hashes[spec.table, record_id] = sealed[spec.table, record_id]
                    continue
                try:
                    hashes[spec.table, record_id] = hash_from_rows(records.tables, spec, record_id, index)
                except NotFound:  # not among the rows read (another year's): read below
                    missing.append(record_id)
            wanted = missing
        rows = {row["_id"]: row for row in _rows_by(db, spec.table, "id", wanted, {"id", spec.state_column})[1]}
        children = _children(db, spec.children, wanted)
        for record_id in wanted:
            row = dict(rows[record_id])
            row.pop("_id")
            content = {"record": spec.table, "row": without_empty_optional(spec, row),
                       "children": {table: kids.get(record_id, []) for table, kids in children.items()}}
            hashes[spec.table, record_id] = hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()
    return hashes


def _checked_seals(records) -> dict[tuple[str, int], str]:
    """The seals ``seal_check.verify_rows`` checks (of the kinds in SEALED_KINDS):
    ``{(table, record id): content hash}``."""
    from ..sealed_kinds import SEALED_KINDS

    kinds = {kind.table for kind in SEALED_KINDS}
    return {(row.get("record_table"), row.get("record_id")): row.get("content_hash")
            for row in records.tables.get("record_seal", []) if row.get("record_table") in kinds}


def _as_read(db, spec, tables: dict, reshaped: frozenset[str]) -> bool:
    """Whether the rows of ``spec``'s tables (its children's too) were read as the
    database holds them, in the values ``sealing._portable`` gives."""
    names = [spec.table]
    pending = list(spec.children)
    while pending:
        child = pending.pop()
        names.append(child.table)
        pending.extend(child.children)
    return all(name in tables and name not in reshaped
               and not any(kind in declared for declared in _columns(db, name).values() for kind in _OTHERWISE)
               for name in names)


# Column types the portable form writes unlike the seal's content (bytes, decimals).
_OTHERWISE = ("blob", "bytea", "numeric", "decimal")


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

"""Logical copy of a whole archive between databases of the same schema version,
in either direction between SQLite and PostgreSQL (backups of PostgreSQL archives,
restores into them).

Rows are copied as they are, sealed records and audit entries included, so the
protecting triggers are suspended for the copy inside the target's transaction:
on SQLite they are dropped and re-created from their stored SQL, on PostgreSQL
they are disabled and enabled again. If anything fails, the transaction rolls back
and the triggers are back as they were.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator

from .database import is_postgres

# Never copied: the schema version is the target's own; the lock row belongs to a running program.
SKIPPED_TABLES = {"schema_version", "app_lock", "sqlite_sequence"}
_CHUNK = 1000


def tables_in_order(db) -> list[str]:
    """The archive's tables, each after the tables its foreign keys point to."""
    tables = [t for t in db.get_tables() if t not in SKIPPED_TABLES and not t.startswith("sqlite_")]
    depends = _foreign_keys(db, tables)
    ordered: list[str] = []
    placed: set[str] = set()
    while len(ordered) < len(tables):
        ready = [t for t in tables if t not in placed and depends[t] <= placed | (depends[t] - set(tables))]
        if not ready:  # a cycle: keep the rest in name order; foreign keys are checked at the end
            ready = [t for t in tables if t not in placed]
        for table in sorted(ready):
            ordered.append(table)
            placed.add(table)
    return ordered


def _foreign_keys(db, tables: list[str]) -> dict[str, set[str]]:
    """Table -> the other tables its foreign keys point to. On PostgreSQL one catalog
    query (peewee asks once per table: about 60 round trips at every bundle and backup)."""
    if not is_postgres(db):
        return {t: {fk.dest_table for fk in db.get_foreign_keys(t) if fk.dest_table != t} for t in tables}
    depends: dict[str, set[str]] = {t: set() for t in tables}
    rows = db.execute_sql(
        "SELECT c.relname, r.relname FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
        "JOIN pg_class r ON r.oid = k.confrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE k.contype = 'f' AND n.nspname = current_schema()"
    ).fetchall()
    for table, dest in rows:
        if table in depends and dest != table:
            depends[table].add(dest)
    return depends


@contextlib.contextmanager
def triggers_suspended(db) -> Iterator[None]:
    """Within the caller's transaction, let rows be copied in without the triggers firing."""
    if is_postgres(db):
        tables = [t for t in db.get_tables() if t not in SKIPPED_TABLES]
        for table in tables:
            db.execute_sql(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        yield
        for table in tables:
            db.execute_sql(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        return
    saved = db.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").fetchall()
    for name, _sql in saved:
        db.execute_sql(f'DROP TRIGGER "{name}"')
    yield
    for _name, sql in saved:
        db.execute_sql(sql)


def _column_types(db, table: str) -> dict[str, str]:
    return {c.name: c.data_type.lower() for c in db.get_columns(table)}


def _to_sqlite(value):
    """PostgreSQL values as SQLite stores them through peewee (dates as ISO text)."""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def _to_postgres(value, declared: str):
    if value is None:
        return None
    if "bool" in declared:
        return bool(value)
    return value


def copy_rows(
    source,
    target,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Copy every row of every table from ``source`` into the empty tables of ``target``
    (same schema version, already created). Returns the row count per table."""
    to_postgres = is_postgres(target)
    tables = tables_in_order(target)
    source_tables = set(source.get_tables())
    counts: dict[str, int] = {}
    with source.atomic(), target.atomic():
        if is_postgres(source):
            source.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")  # one snapshot
        with triggers_suspended(target):
            for index, table in enumerate(tables):
                if table not in source_tables:
                    continue
                types = _column_types(target, table)
                columns = [c for c in _column_types(source, table) if c in types]
                counts[table] = _copy_table(source, target, table, columns, types, to_postgres)
                if progress:
                    progress(index + 1, len(tables))
        if to_postgres:
            _reset_identities(target, tables)
        else:
            problems = target.execute_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise ValueError(f"foreign keys broken after copy: {problems[:5]}")
    return counts


def _copy_table(source, target, table, columns, types, to_postgres) -> int:
    names = ", ".join(columns)
    cursor = source.execute_sql(f"SELECT {names} FROM {table}")
    marks = ", ".join([target.param] * len(columns))
    insert = f"INSERT INTO {table} ({names}) VALUES ({marks})"
    total = 0
    while rows := cursor.fetchmany(_CHUNK):
        if to_postgres:
            batch = [tuple(_to_postgres(v, types[c]) for v, c in zip(row, columns)) for row in rows]
            with target.cursor() as out:
                out.executemany(insert, batch)
        else:
            target.connection().executemany(insert, [tuple(_to_sqlite(v) for v in row) for row in rows])
        total += len(rows)
    return total


def _reset_identities(db, tables: list[str]) -> None:
    """After explicit ids were copied in, the next generated id must follow the largest."""
    for table in tables:
        if "id" not in _column_types(db, table):
            continue
        sequence = db.execute_sql("SELECT pg_get_serial_sequence(%s, 'id')", (table,)).fetchone()[0]
        if sequence:
            db.execute_sql(f"SELECT setval(%s, COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)", (sequence,))

"""Triggers that make the database itself refuse changes, on SQLite and PostgreSQL.

Two kinds of protection, each written once per engine, side by side:

* ``append_only(db, table)``: UPDATE and DELETE (and TRUNCATE on PostgreSQL) are
  refused on every row. Used for the audit log, seals and revisions.
* ``protect_table(db, table, state_column=..., parent=...)``: rows of a sealed record
  are refused UPDATE and DELETE; child rows of a sealed record are refused INSERT,
  UPDATE and DELETE too, so raw SQL cannot change what went upward.

Migrations call these functions, so what they emit is frozen: never change the SQL
they produce for existing arguments. If a later step needs different triggers, add a
new function (``protect_table_v2``) and leave this one as it is.

How a record kind uses it (e.g. a later meetings step)::

    protect_table(db, "meeting", state_column="state")
    protect_table(db, "meeting_attendance", parent=("meeting", "meeting_id"))
    protect_table(db, "meeting_resolution", parent=("meeting", "meeting_id"))
    # a grandchild: vote -> resolution -> meeting
    protect_table(db, "resolution_vote",
                  parent=(("meeting_resolution", "resolution_id"), ("meeting", "meeting_id")))

The record table must have an integer ``id`` and a text state column holding
``draft`` / ``final`` / ``reported``; a row may only become ``reported`` when its seal
(``record_seal``) exists, which ``sealing.RecordStates.report`` writes first.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..patterns import compile_on_use
from .database import APPEND_ONLY_MARKER, SEALED_MARKER, UNSEALED_MARKER, is_postgres

SEALED_STATE = "reported"
SEAL_TABLE = "record_seal"
_NAME = compile_on_use(r"^[a-z_][a-z0-9_]{0,40}$")

ParentLink = tuple[str, str]  # (parent table, column in the child that points to it)


def _check_name(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"not a plain SQL name: {name!r}")
    return name


def _parent_chain(parent) -> list[ParentLink]:
    """``("meeting", "meeting_id")`` or a sequence of such pairs, nearest parent first."""
    if parent is None:
        return []
    if isinstance(parent, tuple) and len(parent) == 2 and all(isinstance(p, str) for p in parent):
        chain = [parent]
    else:
        chain = [tuple(link) for link in parent]
    for table, column in chain:
        _check_name(table)
        _check_name(column)
    return chain  # type: ignore[return-value]


def _sealed_parent_condition(chain: Sequence[ParentLink], row: str, state_column: str) -> str:
    """SQL that is true when the root record above ``row`` (``OLD``/``NEW``) is sealed."""
    aliases = [f"p{i}" for i in range(len(chain))]
    from_parts = [f"{chain[0][0]} {aliases[0]}"]
    for i in range(1, len(chain)):
        # chain[i][1] is the column in chain[i-1]'s table that points to chain[i]'s table
        from_parts.append(f"JOIN {chain[i][0]} {aliases[i]} ON {aliases[i]}.id = {aliases[i - 1]}.{chain[i][1]}")
    return (
        f"EXISTS (SELECT 1 FROM {' '.join(from_parts)} "
        f"WHERE {aliases[0]}.id = {row}.{chain[0][1]} AND {aliases[-1]}.{state_column} = '{SEALED_STATE}')"
    )


def _seal_missing_condition(table: str, row: str) -> str:
    return (
        f"NOT EXISTS (SELECT 1 FROM {SEAL_TABLE} s "
        f"WHERE s.record_table = '{table}' AND s.record_id = {row}.id)"
    )


def protect_table(db, table: str, state_column: str = "state", parent=None) -> None:
    """Install the sealing triggers on ``table``.

    Without ``parent``, ``table`` is a record table whose ``state_column`` says whether
    the row is sealed. With ``parent`` (a ``(table, fk_column)`` pair, or a sequence of
    pairs for a grandchild, nearest first), ``table`` holds child rows of a record and
    is locked when the record at the end of the chain is sealed; ``state_column`` then
    names the root record's state column."""
    _check_name(table)
    _check_name(state_column)
    chain = _parent_chain(parent)
    if is_postgres(db):
        _protect_postgres(db, table, state_column, chain)
    else:
        _protect_sqlite(db, table, state_column, chain)


def _protect_sqlite(db, table: str, state: str, chain: list[ParentLink]) -> None:
    sealed = f"SELECT RAISE(ABORT, '{SEALED_MARKER}:{table}')"
    if not chain:
        db.execute_sql(
            f"CREATE TRIGGER bd_seal_{table}_update BEFORE UPDATE ON {table} "
            f"WHEN OLD.{state} = '{SEALED_STATE}' BEGIN {sealed}; END"
        )
        db.execute_sql(
            f"CREATE TRIGGER bd_seal_{table}_delete BEFORE DELETE ON {table} "
            f"WHEN OLD.{state} = '{SEALED_STATE}' BEGIN {sealed}; END"
        )
        unsealed = f"SELECT RAISE(ABORT, '{UNSEALED_MARKER}:{table}')"
        for event in ("INSERT", f"UPDATE OF {state}"):
            name = "insert" if event == "INSERT" else "report"
            db.execute_sql(
                f"CREATE TRIGGER bd_seal_{table}_{name} BEFORE {event} ON {table} "
                f"WHEN NEW.{state} = '{SEALED_STATE}' AND {_seal_missing_condition(table, 'NEW')} "
                f"BEGIN {unsealed}; END"
            )
        return
    old_sealed = _sealed_parent_condition(chain, "OLD", state)
    new_sealed = _sealed_parent_condition(chain, "NEW", state)
    db.execute_sql(
        f"CREATE TRIGGER bd_seal_{table}_insert BEFORE INSERT ON {table} WHEN {new_sealed} BEGIN {sealed}; END"
    )
    db.execute_sql(
        f"CREATE TRIGGER bd_seal_{table}_update BEFORE UPDATE ON {table} "
        f"WHEN {old_sealed} OR {new_sealed} BEGIN {sealed}; END"
    )
    db.execute_sql(
        f"CREATE TRIGGER bd_seal_{table}_delete BEFORE DELETE ON {table} WHEN {old_sealed} BEGIN {sealed}; END"
    )


def _protect_postgres(db, table: str, state: str, chain: list[ParentLink]) -> None:
    raise_sealed = f"RAISE EXCEPTION '{SEALED_MARKER}:{table}' USING ERRCODE = 'restrict_violation';"
    if not chain:
        body = f"""
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF OLD.{state} = '{SEALED_STATE}' THEN
            {raise_sealed}
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF NEW.{state} = '{SEALED_STATE}' AND {_seal_missing_condition(table, 'NEW')} THEN
        RAISE EXCEPTION '{UNSEALED_MARKER}:{table}' USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END"""
        truncate_check = f"EXISTS (SELECT 1 FROM {table} WHERE {state} = '{SEALED_STATE}')"
    else:
        body = f"""
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF {_sealed_parent_condition(chain, 'OLD', state)} THEN
            {raise_sealed}
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF {_sealed_parent_condition(chain, 'NEW', state)} THEN
        {raise_sealed}
    END IF;
    RETURN NEW;
END"""
        truncate_check = f"EXISTS (SELECT 1 FROM {table})"
    db.execute_sql(
        f"CREATE OR REPLACE FUNCTION bd_seal_guard_{table}() RETURNS trigger LANGUAGE plpgsql AS $${body}$$"
    )
    db.execute_sql(
        f"CREATE TRIGGER bd_seal_{table} BEFORE INSERT OR UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION bd_seal_guard_{table}()"
    )
    # TRUNCATE skips row triggers: refuse it while sealed rows (or any child rows) exist.
    db.execute_sql(
        f"""CREATE OR REPLACE FUNCTION bd_seal_truncate_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF {truncate_check} THEN
        {raise_sealed}
    END IF;
    RETURN NULL;
END$$"""
    )
    db.execute_sql(
        f"CREATE TRIGGER bd_seal_{table}_truncate BEFORE TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION bd_seal_truncate_{table}()"
    )


def append_only(db, table: str) -> None:
    """Refuse UPDATE and DELETE of any row of ``table`` (and TRUNCATE on PostgreSQL)."""
    _check_name(table)
    if is_postgres(db):
        db.execute_sql(
            f"""CREATE OR REPLACE FUNCTION bd_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = '{APPEND_ONLY_MARKER}:' || TG_TABLE_NAME, ERRCODE = 'restrict_violation';
END$$"""
        )
        db.execute_sql(
            f"CREATE TRIGGER bd_append_only_{table} BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION bd_refuse_change()"
        )
        db.execute_sql(
            f"CREATE TRIGGER bd_append_only_{table}_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION bd_refuse_change()"
        )
        return
    for event in ("UPDATE", "DELETE"):
        db.execute_sql(
            f"CREATE TRIGGER bd_append_only_{table}_{event.lower()} BEFORE {event} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MARKER}:{table}'); END"
        )


# -- step 8: what REPLACE could get past ---------------------------------------------
def _replaced_row_sealed(table: str, state: str, chain: list[ParentLink], row: str) -> str:
    """SQL, true when a row of ``table`` with ``{row}.id`` exists and belongs to a sealed record."""
    if not chain:
        return f"EXISTS (SELECT 1 FROM {table} o WHERE o.id = {row}.id AND o.{state} = '{SEALED_STATE}')"
    return f"EXISTS (SELECT 1 FROM {table} o WHERE o.id = {row}.id AND {_sealed_parent_condition(chain, 'o', state)})"


def refuse_replace_sealed(db, table: str, state_column: str = "state", parent=None) -> None:
    """SQLite's ``INSERT OR REPLACE`` and ``UPDATE OR REPLACE`` delete the row they
    collide with without firing its DELETE trigger (unless ``recursive_triggers`` is on
    in that connection), so a sealed row could be swapped for a new one that still says
    已上报. Refuse an insert, or a change of id, that would replace a sealed row.
    (PostgreSQL has no REPLACE; its ``ON CONFLICT DO UPDATE`` fires the UPDATE triggers.)"""
    _check_name(table)
    _check_name(state_column)
    if is_postgres(db):
        return
    chain = _parent_chain(parent)
    sealed = f"SELECT RAISE(ABORT, '{SEALED_MARKER}:{table}')"
    db.execute_sql(
        f"CREATE TRIGGER bd_seal_{table}_replace BEFORE INSERT ON {table} "
        f"WHEN {_replaced_row_sealed(table, state_column, chain, 'NEW')} BEGIN {sealed}; END"
    )
    db.execute_sql(
        f"CREATE TRIGGER bd_seal_{table}_move BEFORE UPDATE OF id ON {table} "
        f"WHEN NEW.id IS NOT OLD.id AND {_replaced_row_sealed(table, state_column, chain, 'NEW')} "
        f"BEGIN {sealed}; END"
    )


def refuse_replace_append_only(db, table: str, keys: Sequence[Sequence[str]]) -> None:
    """The same for an append-only table: an insert that collides with an existing row
    on its primary key or any of its unique ``keys`` (column lists) is refused instead of
    replacing the row (UPDATE of these tables is refused already)."""
    _check_name(table)
    if is_postgres(db):
        return
    matches = " OR ".join(
        "(" + " AND ".join(f"o.{_check_name(column)} = NEW.{column}" for column in key) + ")" for key in keys
    )
    db.execute_sql(
        f"CREATE TRIGGER bd_append_only_{table}_replace BEFORE INSERT ON {table} "
        f"WHEN EXISTS (SELECT 1 FROM {table} o WHERE {matches}) "
        f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MARKER}:{table}'); END"
    )

"""What an upper-level import replaces, kept so that the import can be undone (issue 18,
docs/domain.md §6.4.1).

An import replaces a branch's rows per year (records, their meetings and ledger items,
year and 党费 facts, stored files) and its groups and details. Those rows, as they were,
are written into ``upper_undo`` as one compressed blob in the import's own transaction
(one row per branch, the latest import's), so that protecting an import costs what it
changes, not a copy of the whole archive. ``undo_last_import`` puts them back in one transaction and
marks the bundle undone (``upper_undone``); the bundle stays in the append-only log and
the branch's next bundle follows it in the chain as before."""

from __future__ import annotations

import json
from dataclasses import dataclass

from .. import clock
from ..errors import Conflict
from ..storage.database import is_postgres
from . import facts as facts_mod
from .store import (
    advisory_branch_lock,
    execute,
    fetch_all,
    fetch_one,
    in_list,
    insert_many,
    pack_text,
    unpack_text,
)

# Chunks of record ids per statement (a branch's records may be thousands).
_IDS_PER_STATEMENT = 500
# Tables put back in this order (a record before the rows that refer to it).
RESTORED_TABLES = ("upper_record", "upper_meeting", "upper_ledger_item", "upper_year", "upper_dues_month",
                   "upper_file", "upper_group", "upper_pledge", "upper_verdict",
                   "upper_masses_request")


@dataclass(frozen=True)
class Replaced:
    """The rows of one branch an import replaces."""

    record_ids: tuple[int, ...]
    touched_years: tuple[int, ...]  # upper_year
    dues_years: tuple[int, ...]  # upper_dues_month (none when the bundle carries no 党费)
    file_years: tuple[int, ...]  # upper_file: these years and the yearless (none: no file replaced)
    groups: bool  # upper_group: all of the branch's
    service: bool  # upper_pledge and upper_verdict: all of the branch's (they travel whole)
    masses_years: tuple[int, ...]  # upper_masses_request (none when the bundle carries no 群众工作)

    def where(self, db, branch_id: int) -> list[tuple[str, str, list]]:
        """(table, WHERE clause, parameters) of each part, children before their records."""
        parts: list[tuple[str, str, list]] = []
        ids = list(self.record_ids)
        for start in range(0, len(ids), _IDS_PER_STATEMENT):
            part = ids[start:start + _IDS_PER_STATEMENT]
            for table in ("upper_meeting", "upper_ledger_item"):
                parts.append((table, f"record_id IN {in_list(db, part)}", part))
            parts.append(("upper_record", f"id IN {in_list(db, part)}", part))
        for table, years in (("upper_year", self.touched_years), ("upper_dues_month", self.dues_years),
                             ("upper_masses_request", self.masses_years)):
            if years:
                parts.append((table, f"branch_id = ? AND year IN {in_list(db, years)}", [branch_id, *years]))
        if self.file_years:
            parts.append(("upper_file", f"branch_id = ? AND (year IS NULL OR year IN {in_list(db, self.file_years)})",
                          [branch_id, *self.file_years]))
        if self.groups:
            parts.append(("upper_group", "branch_id = ?", [branch_id]))
        if self.service:
            parts += [(table, "branch_id = ?", [branch_id]) for table in ("upper_pledge", "upper_verdict")]
        return parts


def replaced_by(db, branch_id: int, years: tuple[int, ...], derived: facts_mod.BranchFacts) -> Replaced:
    """What importing ``derived`` (a bundle of ``years``) replaces: the records of those
    years, the yearless tables it carries, every record of the tables that travel whole,
    and any record it carries again (a meeting
    moved to another year, a ledger item carried on)."""
    doomed_where = ["year IN " + in_list(db, years)] if years else []
    params: list = list(years)
    yearless = [t for t in facts_mod.YEARLESS if t in derived.tables_present]
    if yearless:
        doomed_where.append("(year IS NULL AND source_table IN " + in_list(db, yearless) + ")")
        params += yearless
    whole = [t for t in facts_mod.TRAVEL_WHOLE if t in derived.tables_present]
    if whole:  # tables replaced whole on each import: a row deleted at the branch goes here too
        doomed_where.append("source_table IN " + in_list(db, whole))
        params += whole
    doomed = set()
    if doomed_where:
        doomed = {r[0] for r in fetch_all(
            db, f"SELECT id FROM upper_record WHERE branch_id = ? AND ({' OR '.join(doomed_where)})", [branch_id, *params])}
    incoming = {(r.source_table, r.source_id) for r in derived.records}
    for table, source_id, record_id in fetch_all(
            db, "SELECT source_table, source_id, id FROM upper_record WHERE branch_id = ?", (branch_id,)):
        if (table, source_id) in incoming:
            doomed.add(record_id)
    return Replaced(
        record_ids=tuple(sorted(doomed)),
        touched_years=tuple(sorted(set(years) | set(derived.years))),
        dues_years=tuple(years) if derived.dues is not None else (),
        file_years=tuple(years),
        groups=derived.groups is not None,
        service=derived.pledges is not None,
        masses_years=tuple(years) if derived.masses is not None else (),
    )


def keep_for_undo(db, branch_id: int, bundle_id: int, replaced: Replaced) -> None:
    """Write the rows ``replaced`` names, as they are now, as the branch's undo (the
    branch's earlier undo goes: only its latest import can be undone)."""
    rows: dict[str, list] = {table: [] for table in RESTORED_TABLES}
    columns: dict[str, list[str]] = {}
    for table, where, params in replaced.where(db, branch_id):
        cursor = db.execute_sql(f"SELECT * FROM {table} WHERE {where}".replace("?", db.param), tuple(params))
        columns[table] = [d[0] for d in cursor.description]
        rows[table] += [list(row) for row in cursor.fetchall()]
    _unpack_payloads(columns, rows)
    branch_cursor = db.execute_sql(f"SELECT * FROM upper_branch WHERE id = {db.param}", (branch_id,))
    branch_row = dict(zip([d[0] for d in branch_cursor.description], branch_cursor.fetchone(), strict=True))
    kept = {
        "touched_years": list(replaced.touched_years), "dues_years": list(replaced.dues_years),
        "groups": replaced.groups, "service": replaced.service,
        "masses_years": list(replaced.masses_years), "columns": columns, "rows": rows, "branch": branch_row,
    }
    packed = pack_text(json.dumps(kept, ensure_ascii=False, default=str, separators=(",", ":")))
    execute(db, "DELETE FROM upper_undo WHERE branch_id = ?", (branch_id,))
    insert_many(db, "upper_undo", ("branch_id", "bundle_id", "replaced"), [(branch_id, bundle_id, packed)])


def _unpack_payloads(columns: dict, rows: dict) -> None:
    """Records' payloads go into the undo as JSON text: the undo is compressed as a whole,
    which packs a branch's records nearly three times tighter than each one alone (and undo rows
    kept before payloads were compressed read back alike)."""
    if "upper_record" in columns:
        at = columns["upper_record"].index("payload")
        for row in rows["upper_record"]:
            row[at] = unpack_text(row[at])


def _pack_payloads(saved: dict) -> None:
    if saved["rows"]["upper_record"]:
        at = saved["columns"]["upper_record"].index("payload")
        for row in saved["rows"]["upper_record"]:
            row[at] = pack_text(row[at])


def _booleans_as_stored(db, table: str, columns: list[str], rows: list) -> list:
    """Kept rows of ``table``, their booleans as the engine takes them: an undo kept on
    SQLite (0/1) may be restored after the archive moved to PostgreSQL."""
    if not is_postgres(db):
        return rows
    types = {column.name: column.data_type.lower() for column in db.get_columns(table)}
    flags = [at for at, name in enumerate(columns) if "bool" in types.get(name, "")]
    return [[bool(value) if at in flags and value is not None else value for at, value in enumerate(row)]
            for row in rows]


def is_undone(db, bundle_id: int) -> bool:
    return fetch_one(db, "SELECT 1 FROM upper_undone WHERE bundle_id = ?", (bundle_id,)) is not None


def undo_last_import(archive, branch_id: int) -> str:
    """Undo the branch's latest import: its records, facts, files and details go back to
    what they were before it, in one transaction (audited). Returns the message to show."""
    archive.require_writable()
    db = archive.db
    with db.atomic():
        found = fetch_one(db, "SELECT branch_uid, name FROM upper_branch WHERE id = ?", (branch_id,))
        if found is None:
            raise Conflict(f"没有编号为 {branch_id} 的支部，未做改动。")
        uid, name = found
        advisory_branch_lock(db, uid)
        last = fetch_one(db, "SELECT id, sequence FROM upper_bundle WHERE branch_id = ? ORDER BY sequence DESC LIMIT 1",
                         (branch_id,))
        if last is None:
            raise Conflict(f"「{name}」还没有导入过数据包，没有可以撤销的导入。")
        bundle_id, sequence = last
        if is_undone(db, bundle_id):
            raise Conflict(f"「{name}」第 {sequence} 号数据包的导入已经撤销过了；只能撤销最近一次导入，未做改动。")
        kept = fetch_one(db, "SELECT replaced FROM upper_undo WHERE branch_id = ? AND bundle_id = ?", (branch_id, bundle_id))
        if kept is None:
            raise Conflict(f"「{name}」第 {sequence} 号数据包是旧版本程序导入的，没有留下撤销所需的记录，不能撤销。"
                           "如需恢复，请从导入前的整库备份恢复。")
        saved = json.loads(unpack_text(kept[0]))
        _remove_bundle_rows(db, branch_id, bundle_id, saved)
        _pack_payloads(saved)
        for table in RESTORED_TABLES:
            if saved["rows"][table]:
                columns = saved["columns"][table]
                insert_many(db, table, columns, _booleans_as_stored(db, table, columns, saved["rows"][table]))
        details = [k for k in saved["branch"] if k != "id"]
        [values] = _booleans_as_stored(db, "upper_branch", details, [[saved["branch"][k] for k in details]])
        execute(db, f"UPDATE upper_branch SET {', '.join(f'{k} = ?' for k in details)} WHERE id = ?",
                [*values, branch_id])
        insert_many(db, "upper_undone", ("bundle_id", "undone_at", "undone_by"),
                    [(bundle_id, clock.now().isoformat(sep=" ", timespec="seconds"), archive.actor)])
        execute(db, "DELETE FROM upper_undo WHERE branch_id = ?", (branch_id,))
        restored = len(saved["rows"]["upper_record"])
        archive.audit.record("upper.import_undone", f"撤销「{name}」第{sequence}号数据包的导入", "upper_bundle", bundle_id,
                             {"branch_uid": uid, "sequence": sequence, "records_restored": restored})
    return (f"已撤销「{name}」第 {sequence} 号数据包的导入，恢复了导入前的 {restored} 条记录。"
            "该数据包仍留在导入记录中（标为已撤销）；支部的下一个数据包照常导入。")


def _remove_bundle_rows(db, branch_id: int, bundle_id: int, saved: dict) -> None:
    """The rows the undone import wrote (its records and files carry its bundle id; the
    year, 党费 and group rows are the branch's for the years it touched)."""
    mine = "record_id IN (SELECT id FROM upper_record WHERE bundle_id = ?)"
    for table in ("upper_meeting", "upper_ledger_item"):
        execute(db, f"DELETE FROM {table} WHERE {mine}", (bundle_id,))
    execute(db, "DELETE FROM upper_record WHERE bundle_id = ?", (bundle_id,))
    execute(db, "DELETE FROM upper_file WHERE bundle_id = ?", (bundle_id,))
    for table, years in (("upper_year", saved["touched_years"]), ("upper_dues_month", saved["dues_years"]),
                         ("upper_masses_request", saved["masses_years"])):
        if years:
            execute(db, f"DELETE FROM {table} WHERE branch_id = ? AND year IN {in_list(db, years)}", [branch_id, *years])
    if saved["groups"]:
        execute(db, "DELETE FROM upper_group WHERE branch_id = ?", (branch_id,))
    if saved["service"]:
        for table in ("upper_pledge", "upper_verdict"):
            execute(db, f"DELETE FROM {table} WHERE branch_id = ?", (branch_id,))

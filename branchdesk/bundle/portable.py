"""The branch's records in a portable form: every table as a list of JSON-safe rows,
read in one snapshot, in a fixed order, so the same records always give the same
bytes (and the same fingerprint) on SQLite and on PostgreSQL.

Values are what a backup moved between the engines holds: dates and times as ISO
text, integers, text, booleans and None. Ids are the branch's own ids. Left out: the
branch's private key, the log of bundles written, the writer lock, the schema table,
and settings that are secret or belong to one PC.

A bundle may carry some years only: the year-bound records (meetings, 组织生活会,
民主评议, talks, the 整改台账, targets, 党费 payments, closed months and 上缴) of those
years with their child rows and seals;
the roster, groups, settings and the whole audit log always travel, and so do the
志愿服务, 实事, 党务公开 and 群众评议 — with the names of people outside the roster left out. Of
群众工作's 联系户 and 民情诉求 the rows travel without the people's names, phones and words unless
the branch chose otherwise."""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..safety.audit import canonical_json
from ..safety.audit import verify as verify_audit
from ..settings import SECRET_KEYS
from ..storage.bulk import tables_in_order
from ..storage.database import is_postgres
from ..storage.migrate import current_version

# Never carried upward: the private key, this archive's own export log, machine state.
LEFT_OUT_TABLES = frozenset({"branch_key", "bundle_export", "bundle_export_year", "schema_version", "app_lock", "sqlite_sequence"})
# Secret (the app password hash) or about this PC only (where the last backup went).
LEFT_OUT_SETTINGS = frozenset(SECRET_KEYS | {"backup.last_external"})
# Names of people outside the roster never go upward; their rows (hours) do, nameless
# (docs/domain.md §15.5): table -> (the name column, the column that is NULL for them).
NAMELESS_UPWARD = {"service_participant": ("name", "member_id")}
# 处分 go upward as their kind and date alone, to be counted (docs/domain.md §17): the
# member, the facts, the deciding body and the 文号 stay with the branch.
COUNTS_ONLY_UPWARD = {"member_discipline": ("id", "branch_id", "kind", "probation_years", "decided_on")}


def reshaped_tables() -> frozenset[str]:
    """Tables whose rows a bundle carries changed from what the database holds (names
    left out, counts only, settings cut, 群众工作's people emptied)."""
    from ..masses.bundle import PEOPLE_COLUMNS

    return frozenset({"setting", *NAMELESS_UPWARD, *COUNTS_ONLY_UPWARD, *PEOPLE_COLUMNS})


def _year_of_text(value) -> int | None:
    return int(str(value)[:4]) if value else None


# Records that belong to one year, and how their year is told.
YEAR_ROOTS: dict[str, Callable[[dict], int | None]] = {
    "meeting": lambda row: _year_of_text(row.get("held_on") or row.get("planned_on")),
    "talk": lambda row: _year_of_text(row.get("talked_on")),
    "life_cycle": lambda row: row.get("year"),
    "appraisal": lambda row: row.get("year"),
    "rectification_item": lambda row: row.get("year"),
    "indicator_library": lambda row: row.get("year"),
    "target_plan": lambda row: row.get("year"),
    "target_inspection": lambda row: row.get("year"),
    # 党费: a payment by the day paid, a closed month by its month, a 上缴 by its day
    "dues_payment": lambda row: _year_of_text(row.get("paid_on")),
    "dues_month": lambda row: _year_of_text(row.get("month")),
    "dues_handover": lambda row: _year_of_text(row.get("handed_on")),
}
# Child rows go with their parent: (column in the child, parent table), parents first.
YEAR_CHILDREN: dict[str, tuple[str, str]] = {
    "meeting_attendance": ("meeting_id", "meeting"),
    "meeting_agenda": ("meeting_id", "meeting"),
    "meeting_speech": ("meeting_id", "meeting"),
    "meeting_resolution": ("meeting_id", "meeting"),
    "meeting_task": ("meeting_id", "meeting"),
    "meeting_attachment": ("meeting_id", "meeting"),
    "life_opinion": ("cycle_id", "life_cycle"),
    "life_problem": ("cycle_id", "life_cycle"),
    "life_examination": ("cycle_id", "life_cycle"),
    "life_criticism": ("cycle_id", "life_cycle"),
    "appraisal_entry": ("appraisal_id", "appraisal"),
    "rectification_progress": ("item_id", "rectification_item"),
    "rectification_evidence": ("item_id", "rectification_item"),
    "indicator": ("library_id", "indicator_library"),
    "target_plan_item": ("plan_id", "target_plan"),
    "target_score": ("inspection_id", "target_inspection"),
    "target_problem": ("inspection_id", "target_inspection"),
    "target_evidence": ("score_id", "target_score"),
    "dues_payment_month": ("payment_id", "dues_payment"),
    "dues_month_line": ("month_id", "dues_month"),
}
# Seals and revisions of year-bound records go with the record they name.
_RECORD_LINKS = {"record_seal": ("record_id",), "record_revision": ("original_id", "revision_id")}
YEAR_TABLES = frozenset(YEAR_ROOTS) | frozenset(YEAR_CHILDREN) | {"meeting_task_done"}


@dataclass
class PortableRecords:
    tables: dict[str, list[dict]]  # table name -> rows (JSON-safe), in primary-key order
    schema_version: int
    # The audit chain as verified when the records were read: ok, entries, head_hash, problem.
    audit_chain: dict = field(default_factory=dict)
    # year -> year_fingerprint: a bundle asks for each year's twice (the ledger's parts,
    # the yearly PDF's cover); the rows are not changed once read.
    _year_prints: dict = field(default_factory=dict, repr=False, compare=False)

    def counts(self) -> dict[str, int]:
        return {table: len(rows) for table, rows in self.tables.items()}

    def years(self) -> list[int]:
        """Every year some year-bound record belongs to."""
        found = {year_of(row) for table, year_of in YEAR_ROOTS.items() for row in self.tables.get(table, [])}
        return sorted(year for year in found if year)

    def for_years(self, years: Iterable[int]) -> PortableRecords:
        """The same records with the year-bound ones cut to ``years``."""
        tables, kept_ids = self._year_bound(set(years))
        for table, rows in self.tables.items():
            if table in _RECORD_LINKS:
                tables[table] = [row for row in rows if _linked_record_kept(row, _RECORD_LINKS[table], kept_ids)]
            elif table not in tables:
                tables[table] = rows
        ordered = {table: tables[table] for table in self.tables}
        return PortableRecords(ordered, self.schema_version, dict(self.audit_chain))

    def _year_bound(self, wanted: set) -> tuple[dict[str, list[dict]], dict[str, set]]:
        """The year-bound tables (``YEAR_TABLES``) cut to the years ``wanted``, and the
        ids kept per table."""
        kept_ids: dict[str, set] = {}
        tables: dict[str, list[dict]] = {}
        for table, rows in self.tables.items():
            if table in YEAR_ROOTS:
                tables[table] = [row for row in rows if YEAR_ROOTS[table](row) in wanted]
                kept_ids[table] = {row["id"] for row in tables[table]}
        for table, (column, parent) in YEAR_CHILDREN.items():
            if table in self.tables:
                tables[table] = [row for row in self.tables[table] if row.get(column) in kept_ids.get(parent, set())]
                kept_ids[table] = {row["id"] for row in tables[table]}
        if "meeting_task_done" in self.tables:
            task_uids = {row["uid"] for row in tables.get("meeting_task", [])}
            tables["meeting_task_done"] = [row for row in self.tables["meeting_task_done"]
                                           if row.get("task_uid") in task_uids]
        return tables, kept_ids

    def fingerprint(self, files: dict[str, bytes] | None = None) -> str:
        """SHA-256 over every table's file (``as_files``; pass them if already made)."""
        files = self.as_files() if files is None else files
        digests = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
        return _digest({"schema_version": self.schema_version, "files": digests})

    def year_fingerprint(self, year: int) -> str:
        """SHA-256 of the year-bound records of ``year`` alone (what a yearly archive
        PDF's cover names). It stays the same while that year's records do, whatever
        else changes; the upper level recomputes it from the bundle's records."""
        if year not in self._year_prints:  # the year-bound tables alone: the seals and the rest are not hashed
            self._year_prints[year] = _digest({"year": year, "tables": self._year_bound({year})[0]})
        return self._year_prints[year]

    def as_files(self) -> dict[str, bytes]:
        """``records/<table>.json`` -> canonical JSON bytes, one file per table."""
        return {f"records/{table}.json": canonical_json(rows).encode("utf-8") for table, rows in self.tables.items()}


def _linked_record_kept(row: dict, columns: tuple[str, ...], kept_ids: dict[str, set]) -> bool:
    table = row.get("record_table")
    if table not in kept_ids:
        return True  # a seal of a record kind that is not year-bound (or unknown): it travels
    return any(row.get(column) in kept_ids[table] for column in columns)


def _digest(value) -> str:
    return hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()


def collect(archive, years: list[int] | None = None) -> PortableRecords:
    """Every branch table of ``archive`` in one consistent snapshot (the audit chain
    checked in the same snapshot); cut to ``years`` when given."""
    db = archive.db
    outer = db.in_transaction()
    with db.atomic():
        if is_postgres(db) and not outer:  # a caller's transaction is one snapshot already
            db.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        tables = {table: _rows(db, table) for table in tables_in_order(db) if table not in LEFT_OUT_TABLES}
        chain = verify_audit(db)
        version = current_version(db)
    if "setting" in tables:
        tables["setting"] = [row for row in tables["setting"] if row.get("key") not in LEFT_OUT_SETTINGS]
    for table, (name, member) in NAMELESS_UPWARD.items():
        for row in tables.get(table, ()):
            if row.get(member) is None:
                row[name] = ""

    for table, kept in COUNTS_ONLY_UPWARD.items():
        if table in tables:
            tables[table] = [{k: row.get(k) for k in kept} for row in tables[table]]

    from ..masses.bundle import people_chosen, without_people

    if not people_chosen(tables.get("setting", [])):  # 群众工作: counts and states, not the people (§14.6)
        tables = without_people(tables)
    audit_chain = {"ok": chain.ok, "entries": chain.entries, "head_hash": chain.head_hash, "problem": chain.problem}
    records = PortableRecords(tables, version, audit_chain)
    return records.for_years(years) if years else records


def _rows(db, table: str) -> list[dict]:
    columns = db.get_columns(table)
    names = [c.name for c in columns]
    booleans = {c.name for c in columns if "bool" in c.data_type.lower()}
    order = ", ".join(db.get_primary_keys(table) or names[:1])
    cursor = db.execute_sql(f"SELECT {', '.join(names)} FROM {table} ORDER BY {order}")
    rows = []
    for values in cursor.fetchall():
        row = dict(zip(names, values))
        for name, value in row.items():
            if value.__class__ not in _PLAIN:  # dates and times from PostgreSQL, Decimal, bytes
                row[name] = json_safe(value)
        for name in booleans:  # SQLite stores 0/1
            if row[name] is not None:
                row[name] = bool(row[name])
        rows.append(row)
    return rows


_PLAIN = frozenset({str, int, float, bool, type(None)})


def json_safe(value):
    """A stored value as the portable form holds it (the text SQLite stores for it)."""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    if isinstance(value, (bytes, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value

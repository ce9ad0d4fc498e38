"""Checking every seal: does each reported record still hold what it was sealed with?

The triggers refuse changes to a sealed record through any connection, but someone with
the database file can drop them, or edit the file itself. So the seals are re-checked
where it matters — ``branchdesk check``, after the triggers were found missing at open,
before a bundle is written, in the yearly archive, and at the upper level on import
(from the bundle's own rows, ``hash_from_rows``) — and a record that no longer matches
is named, never carried upward silently."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from ..errors import NotFound
from .audit import canonical_json
from .canonical import columns_held, content_hash, without_empty_optional
from .sealing import REPORTED, SealSpec


@dataclass(frozen=True)
class SealProblem:
    record_table: str
    label: str
    record_id: int
    sealed_at: str  # '' when the record has no seal at all
    problem: str

    # What the record is about, when it can be read (a meeting's title, a cycle's year).
    about: str = ""

    def message(self) -> str:
        facts = [f"编号 {self.record_id}"] + ([self.about] if self.about else [])
        if self.sealed_at:
            facts.append(f"{self.sealed_at[:10]} 上报封存")
        return f"{self.label}（{'，'.join(facts)}）：{self.problem}"


@dataclass(frozen=True)
class SealAudit:
    """The result of checking every seal of an archive."""

    checked: int
    problems: list[SealProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self, last_verified: str = "") -> list[str]:
        """For people: one line per problem, with what to do."""
        if self.ok:
            return [f"已核对 {self.checked} 份已上报记录的封存校验值，全部一致。"]
        since = f"上次全部核对一致是在 {last_verified[:16]}；" if last_verified else ""
        return [
            f"有 {len(self.problems)} 份已上报的记录与封存时不一致，它们在程序之外被改动过。"
            f"{since}请从改动之前的备份恢复，或与上级核对。这些记录不能再上报。",
            *(f"  {problem.message()}" for problem in self.problems),
        ]


def listed(problems: list[SealProblem], most: int = 5) -> str:
    """「会议记录（编号 3，…）：…；…」 for a message, with how many there are beyond ``most``."""
    text = "；".join(problem.message().rstrip("。") for problem in problems[:most])
    return text + (f" 等共 {len(problems)} 份" if len(problems) > most else "")


def verify_all(db, kinds: tuple[SealSpec, ...]) -> SealAudit:
    """Recompute every sealed record's hash and compare it with its seal; also find
    records marked 已上报 that have no seal, and seals whose record is gone."""
    with columns_held(db):
        return _verify_all(db, kinds)


def _verify_all(db, kinds: tuple[SealSpec, ...]) -> SealAudit:
    by_table = {kind.table: kind for kind in kinds}
    seals = db.execute_sql(
        "SELECT record_table, record_id, content_hash, sealed_at FROM record_seal ORDER BY id"
    ).fetchall()
    reported = reports_logged(db.execute_sql(
        "SELECT record_table, record_id, detail FROM audit_log WHERE action = 'record.report'"
    ).fetchall())
    problems: list[SealProblem] = []
    sealed_ids: dict[str, set[int]] = {}
    for table, record_id, stored, sealed_at in seals:
        record_id = int(record_id)
        sealed_ids.setdefault(table, set()).add(record_id)
        kind = by_table.get(table)
        if kind is None:
            problems.append(SealProblem(table, table, record_id, sealed_at, "封存记录指向未知的记录类型。"))
            continue
        if (logged := _unlogged(reported, table, record_id, stored)):
            problems.append(SealProblem(table, kind.label, record_id, sealed_at, logged, _about(db, kind, record_id)))
            continue
        state = db.execute_sql(
            f"SELECT {kind.state_column} FROM {kind.table} WHERE id = {db.param}", (record_id,)
        ).fetchone()
        if state is None:
            problems.append(SealProblem(table, kind.label, record_id, sealed_at, "记录已被删除。"))
            continue
        try:
            current = content_hash(db, kind, record_id)
        except NotFound:
            current = ""
        if current != stored:
            problems.append(SealProblem(table, kind.label, record_id, sealed_at, "现有内容与封存校验值不符。",
                                        _about(db, kind, record_id)))
        elif state[0] != REPORTED:
            problems.append(SealProblem(table, kind.label, record_id, sealed_at, f"封存后状态被改成了「{state[0]}」。"))
    for kind in kinds:
        rows = db.execute_sql(
            f"SELECT id FROM {kind.table} WHERE {kind.state_column} = {db.param} ORDER BY id", (REPORTED,)
        ).fetchall()
        for (record_id,) in rows:
            if int(record_id) not in sealed_ids.get(kind.table, set()):
                problems.append(SealProblem(kind.table, kind.label, int(record_id), "", "标为已上报，但没有封存校验值。"))
    return SealAudit(len(seals), problems)


def reports_logged(rows) -> dict[tuple[str, int], set[str]]:
    """(table, id) -> the content hashes the audit log recorded when the record was reported
    (``record.report`` entries: rows of record_table, record_id and the detail JSON)."""
    found: dict[tuple[str, int], set[str]] = {}
    for table, record_id, detail in rows:
        try:
            digest = json.loads(detail or "{}").get("content_hash", "")
        except (ValueError, AttributeError):
            digest = ""
        if record_id is not None:
            found.setdefault((table, int(record_id)), set()).add(digest)
    return found


def _unlogged(reported: dict, table: str, record_id: int, stored: str) -> str:
    """'' when the audit log recorded this seal's hash when the record was reported.
    A seal is only ever written with its audit entry (sealing.RecordStates.report): a seal
    without one, or with another hash, was written or rewritten outside the program."""
    logged = reported.get((table, record_id))
    if not logged:
        return "有封存校验值，但操作日志里没有这次上报：封存是在程序之外加上的。"
    if stored not in logged:
        return "封存校验值与上报时操作日志记下的不同：封存在程序之外被改写过。"
    return ""


def _about(db, kind: SealSpec, record_id: int) -> str:
    columns = {c.name for c in db.get_columns(kind.table)}
    for column, shown in (("title", "「{}」"), ("year", "{} 年度")):
        if column in columns:
            row = db.execute_sql(f"SELECT {column} FROM {kind.table} WHERE id = {db.param}", (record_id,)).fetchone()
            if row and row[0] not in (None, ""):
                return shown.format(str(row[0])[:40])
    return ""


class RowIndex:
    """A bundle's rows grouped by one column's value, per (table, column), made on first
    need: finding a record's rows and its children's is a lookup, not a scan of the
    table for each seal (which grew with the square of the records: 0.4 s a bundle)."""

    def __init__(self, tables: dict[str, list[dict]]):
        self.tables = tables
        self._grouped: dict[tuple[str, str], dict] = {}

    def rows(self, table: str, column: str, value) -> list[dict]:
        grouped = self._grouped.get((table, column))
        if grouped is None:
            grouped = {}
            for row in self.tables.get(table, []):
                grouped.setdefault(row.get(column), []).append(row)
            self._grouped[(table, column)] = grouped
        return grouped.get(value, [])


def hash_from_rows(tables: dict[str, list[dict]], spec: SealSpec, record_id: int, index: RowIndex | None = None) -> str:
    """The seal hash of a record computed from portable rows (a bundle's ``records/``
    tables, as ``bundle.portable.collect`` wrote them) — the same value ``content_hash``
    gives from the database the rows were read from. ``index``: one shared by the calls
    over the same rows."""
    index = index or RowIndex(tables)
    rows = index.rows(spec.table, "id", record_id)
    if not rows:
        raise NotFound(spec.label, record_id)
    row = without_empty_optional(
        spec, {name: value for name, value in rows[0].items() if name not in ("id", spec.state_column)}
    )
    content = {"record": spec.table, "row": row, "children": _children_from_rows(index, spec.children, record_id)}
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


def _children_from_rows(index: RowIndex, children, parent_id: int) -> dict:
    result = {}
    for child in children:
        rows = sorted(index.rows(child.table, child.fk_column, parent_id), key=lambda row: row["id"])
        kept = []
        for row in rows:
            entry = {name: value for name, value in row.items() if name not in ("id", child.fk_column)}
            if child.children:
                entry["_children"] = _children_from_rows(index, child.children, row["id"])
            kept.append(entry)
        result[child.table] = kept
    return result


def verify_rows(tables: dict[str, list[dict]], kinds: tuple[SealSpec, ...]) -> list[SealProblem]:
    """The seals travelling in a bundle's rows, each checked against the rows beside it."""
    by_table = {kind.table: kind for kind in kinds}
    index = RowIndex(tables)
    problems = []
    reported = reports_logged(
        (row.get("record_table"), row.get("record_id"), row.get("detail"))
        for row in tables.get("audit_log", []) if row.get("action") == "record.report"
    )
    for seal in tables.get("record_seal", []):
        kind = by_table.get(seal.get("record_table"))
        if kind is None:
            continue  # a record kind this version does not know travels unchecked
        record_id = seal.get("record_id")
        if (logged := _unlogged(reported, kind.table, record_id, seal.get("content_hash"))):
            problems.append(SealProblem(kind.table, kind.label, record_id, str(seal.get("sealed_at", "")), logged))
            continue
        try:
            current = hash_from_rows(tables, kind, record_id, index)
        except NotFound:
            continue  # the record belongs to a year this bundle does not carry
        if current != seal.get("content_hash"):
            problems.append(
                SealProblem(kind.table, kind.label, record_id, str(seal.get("sealed_at", "")), "内容与封存校验值不符。")
            )
    sealed = {(seal.get("record_table"), seal.get("record_id")) for seal in tables.get("record_seal", [])}
    for kind in kinds:
        for row in tables.get(kind.table, []):
            if row.get(kind.state_column) == REPORTED and (kind.table, row.get("id")) not in sealed:
                problems.append(SealProblem(kind.table, kind.label, row.get("id"), "", "标为已上报，但没有封存校验值。"))
    return problems

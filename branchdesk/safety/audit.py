"""The audit log: append-only and hash-chained.

Each entry stores who, when, what and which record, the hash of the entry before it
(``prev_hash``) and its own hash over all of that (``entry_hash``). The database
refuses UPDATE and DELETE of entries (triggers from ``storage/protect.py``), and
``verify()`` recomputes the chain, so an entry changed behind the program's back
(say, with the triggers dropped) is found and named.

Entries are written in the same transaction as the change they describe: either
both are stored or neither. Functions here take a peewee database and use plain
SQL, so restore and migrations can write entries without an ``Archive``.
"""

from __future__ import annotations

import hashlib
import json
from collections import namedtuple
from collections.abc import Iterator
from pathlib import Path

from .. import clock
from ..fileio import atomic_path
from ..storage.binding import ArchiveBound
from ..storage.database import is_postgres

GENESIS = "0" * 64
TABLE = "audit_log"
_COLUMNS = "seq, at, actor, action, record_table, record_id, summary, detail, prev_hash, entry_hash"


def canonical_json(value) -> str:
    """JSON with sorted keys and no spaces: the same value always gives the same text."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


# A named tuple, not a frozen dataclass: each of those cost ~0.5 ms of every start (issue 18).
class AuditEntry(namedtuple("AuditEntry", "seq at actor action record_table record_id summary detail prev_hash "
                                       "entry_hash")):
    """One entry of the log, as stored; ``detail`` is the canonical JSON text, exactly as
    stored and hashed; ``record_id`` may be None."""

    __slots__ = ()

    @property
    def details(self) -> dict:
        return json.loads(self.detail) if self.detail else {}

    def computed_hash(self) -> str:
        return entry_hash(
            self.seq, self.at, self.actor, self.action, self.record_table,
            self.record_id, self.summary, self.detail, self.prev_hash,
        )


class ChainReport(namedtuple("ChainReport", "ok entries head_hash first_broken_seq problem", defaults=(None, ""))):
    """What ``verify()`` found: ``ok``, how many ``entries``, the ``head_hash``;
    ``first_broken_seq`` is None when the chain is intact, else ``problem`` says what broke."""

    __slots__ = ()

    def message(self) -> str:
        if self.ok:
            return f"操作日志完整：共 {self.entries} 条，逐条校验通过。"
        return f"操作日志校验失败：{self.problem}"

    def as_dict(self) -> dict:
        return self._asdict()


def entry_hash(seq, at, actor, action, record_table, record_id, summary, detail, prev_hash) -> str:
    payload = canonical_json([seq, at, actor, action, record_table, record_id, summary, detail, prev_hash])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def head(db) -> tuple[int, str]:
    """(sequence number, hash) of the newest entry; (0, GENESIS) for an empty log."""
    row = db.execute_sql(f"SELECT seq, entry_hash FROM {TABLE} ORDER BY seq DESC LIMIT 1").fetchone()
    return (int(row[0]), row[1]) if row else (0, GENESIS)


def append(
    db,
    actor: str,
    action: str,
    summary: str,
    record_table: str = "",
    record_id: int | None = None,
    detail: dict | None = None,
) -> AuditEntry:
    """Add one entry after the newest. Call it inside the transaction of the change
    it describes; it opens its own transaction when there is none."""
    with db.atomic():
        if is_postgres(db):
            # Appends one at a time: no two entries can claim the same predecessor.
            db.execute_sql(f"LOCK TABLE {TABLE} IN SHARE ROW EXCLUSIVE MODE")
        last_seq, last_hash = head(db)
        seq = last_seq + 1
        at = clock.now().isoformat(sep=" ")
        detail_text = canonical_json(detail) if detail else ""
        digest = entry_hash(seq, at, actor, action, record_table, record_id, summary, detail_text, last_hash)
        p = db.param
        db.execute_sql(
            f"INSERT INTO {TABLE} ({_COLUMNS}) VALUES ({', '.join([p] * 10)})",
            (seq, at, actor, action, record_table, record_id, summary, detail_text, last_hash, digest),
        )
    return AuditEntry(seq, at, actor, action, record_table, record_id, summary, detail_text, last_hash, digest)


def iter_entries(db, record_table: str | None = None, record_id: int | None = None) -> Iterator[AuditEntry]:
    sql = f"SELECT {_COLUMNS} FROM {TABLE}"
    params: list = []
    if record_table is not None:
        sql += f" WHERE record_table = {db.param}"
        params.append(record_table)
        if record_id is not None:
            sql += f" AND record_id = {db.param}"
            params.append(record_id)
    cursor = db.execute_sql(sql + " ORDER BY seq", params)
    for row in cursor:
        yield _entry(row)


def _entry(row) -> AuditEntry:
    seq, at, actor, action, table, record_id, summary, detail, prev_hash, digest = row
    return AuditEntry(
        int(seq), at, actor, action, table or "", None if record_id is None else int(record_id),
        summary or "", detail or "", prev_hash, digest,
    )


def verify(db) -> ChainReport:
    """Walk the whole chain; report the first entry that is missing, changed or out of line."""
    expected_prev = GENESIS
    expected_seq = 1
    count = 0
    for entry in iter_entries(db):
        if entry.seq != expected_seq:
            return ChainReport(
                False, count, expected_prev, expected_seq,
                f"第 {expected_seq} 条缺失（下一条是第 {entry.seq} 条）：日志中有条目被删除。",
            )
        if entry.prev_hash != expected_prev:
            return ChainReport(
                False, count, expected_prev, entry.seq,
                f"第 {entry.seq} 条（{entry.at}，{entry.actor}）记下的上一条校验值与第 {entry.seq - 1} 条不符："
                "之前的条目被改动或替换过。",
            )
        if entry.computed_hash() != entry.entry_hash:
            return ChainReport(
                False, count, expected_prev, entry.seq,
                f"第 {entry.seq} 条（{entry.at}，{entry.actor}，「{entry.summary}」）的内容与它的校验值不符："
                "这条记录在程序之外被改动过。",
            )
        expected_prev = entry.entry_hash
        expected_seq += 1
        count += 1
    return ChainReport(True, count, expected_prev)


def export_jsonl(db, target: Path) -> ChainReport:
    """Write every entry as one JSON line (atomically) and return the chain's state,
    whose ``head_hash`` a bundle manifest can carry so truncation is detected too."""
    report = verify(db)
    with atomic_path(Path(target)) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as handle:
        for entry in iter_entries(db):
            handle.write(canonical_json(entry._asdict()) + "\n")
    return report


# ``chosen`` below is an ``audit_query.AuditFilter``, imported only by the history views
# that make one: opening and writing an archive never need the names it carries.
def count_matching(db, chosen) -> int:
    where, params = chosen.checked().where(db.param)
    return int(db.execute_sql(f"SELECT COUNT(*) FROM {TABLE}{where}", params).fetchone()[0])


def matching(db, chosen, offset: int = 0, limit: int | None = None) -> list[AuditEntry]:
    """Matching entries, newest first, from ``offset``; all of them when ``limit`` is None."""
    where, params = chosen.checked().where(db.param)
    sql = f"SELECT {_COLUMNS} FROM {TABLE}{where} ORDER BY seq DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    return [_entry(row) for row in db.execute_sql(sql, params)]


def kinds_present(db) -> list[str]:
    """The record kinds the log names, in the order of ``RECORD_KINDS`` (others after)."""
    present = {row[0] for row in db.execute_sql(f"SELECT DISTINCT record_table FROM {TABLE}") if row[0]}
    from .audit_query import RECORD_KINDS  # the history views' names: not needed to open or write

    order = list(RECORD_KINDS)
    return sorted(present, key=lambda kind: (order.index(kind) if kind in order else len(order), kind))



class AuditLog(ArchiveBound):
    """The archive's audit log (``archive.audit``)."""

    def __init__(self, archive):
        self._archive = archive

    def record(
        self,
        action: str,
        summary: str,
        record_table: str = "",
        record_id: int | None = None,
        detail: dict | None = None,
    ) -> AuditEntry:
        """Log a change made by ``archive.actor``; call inside the change's transaction."""
        self._archive.require_writable()
        return append(self._archive.db, self._archive.actor, action, summary, record_table, record_id, detail)

    def entries(self, record_table: str | None = None, record_id: int | None = None) -> list[AuditEntry]:
        return list(iter_entries(self._archive.db, record_table, record_id))

    def head(self) -> tuple[int, str]:
        return head(self._archive.db)

    def verify(self) -> ChainReport:
        return verify(self._archive.db)

    def export_jsonl(self, target: Path) -> ChainReport:
        return export_jsonl(self._archive.db, target)

    def matching(self, chosen, offset: int = 0, limit: int | None = None) -> list[AuditEntry]:
        """Entries matching ``chosen``, newest first (a page of them)."""
        return matching(self._archive.db, chosen, offset, limit)

    def count_matching(self, chosen) -> int:
        return count_matching(self._archive.db, chosen)

    def kinds(self) -> list[str]:
        return kinds_present(self._archive.db)

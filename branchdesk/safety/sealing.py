"""Record states and sealing, shared by every record kind.

A record moves 草稿 draft → 定稿 final → 已上报 reported. Reporting seals it: the
SHA-256 of its canonical content (the record row and all its child rows, see
``canonical_content``) is stored in ``record_seal``, and the triggers installed by
``protect_table`` make the database refuse any UPDATE or DELETE of the record and
any change to its child rows — raw SQL included. A correction is a new record (a
copy in draft, linked in ``record_revision`` with who, when and why); the sealed
original stays exactly as it was reported.

How a record kind takes part (meetings, for example)::

    # in its migration step
    protect_table(db, "meeting", state_column="state")
    protect_table(db, "meeting_attendance", parent=("meeting", "meeting_id"))
    protect_table(db, "meeting_resolution", parent=("meeting", "meeting_id"))

    # in meetings.py
    MEETING = SealSpec("meeting", "会议记录",
        draft_states=("planned", "notified", "held"),   # 计划 → 已通知 → 已召开, then 定稿
        children=(
            ChildSpec("meeting_attendance", "meeting_id"),
            ChildSpec("meeting_resolution", "meeting_id",
                      children=(ChildSpec("resolution_vote", "resolution_id"),)),
        ))
    archive.records.require_draft(MEETING, meeting_id)   # before every edit
    archive.records.finalise(MEETING, meeting_id)
    archive.records.report(MEETING, meeting_id, note="报镇党委")
    new_id = archive.records.correct(MEETING, meeting_id, reason="缺席原因记错")
    query.where(archive.records.current_only(MEETING, Meeting.id))  # lists hide superseded versions
"""

from __future__ import annotations

from dataclasses import dataclass

import peewee

from .. import clock, labels
from ..errors import Conflict, NotFound, ValidationError
from ..storage.binding import ArchiveBound
from ..storage.database import is_postgres
from ..storage.protect import _check_name, append_only, protect_table  # noqa: F401 - re-exported
from ..text import LINE_MAX, bounded, clean_line
from .audit import append as audit_append
from .canonical import (  # noqa: F401 - re-exported: what a record kind's content is
    _columns,
    canonical_content,
    columns_held,
    content_hash,
    without_empty_optional,
)

DRAFT = "draft"
FINAL = "final"
REPORTED = "reported"
STATES = (DRAFT, FINAL, REPORTED)


@dataclass(frozen=True)
class ChildSpec:
    """Rows of ``table`` that belong to a record through ``fk_column``."""

    table: str
    fk_column: str
    children: tuple[ChildSpec, ...] = ()


@dataclass(frozen=True)
class SealSpec:
    """A sealable record kind: its table, its name for messages, and its child tables."""

    table: str
    label: str
    state_column: str = "state"
    children: tuple[ChildSpec, ...] = ()
    # States in which the record is still being written. A kind with a longer life
    # before 定稿 (a meeting: planned, notified, held) lists them all; the last one is
    # where a reopened record and a new correction start.
    draft_states: tuple[str, ...] = (DRAFT,)
    # Columns added to the table after records of this kind were first sealed: left out of
    # the content while NULL, so the seals of older records stay valid.
    optional_columns: tuple[str, ...] = ()

    @property
    def reopened_state(self) -> str:
        return self.draft_states[-1]

    def __post_init__(self):
        _check_name(self.table)
        _check_name(self.state_column)
        for child in _walk(self.children):
            _check_name(child.table)
            _check_name(child.fk_column)


def _walk(children):
    for child in children:
        yield child
        yield from _walk(child.children)


@dataclass(frozen=True)
class Seal:
    record_table: str
    record_id: int
    content_hash: str
    sealed_at: str
    sealed_by: str
    note: str


@dataclass(frozen=True)
class Revision:
    record_table: str
    original_id: int
    revision_id: int
    original_hash: str
    reason: str
    actor: str
    created_at: str


@dataclass(frozen=True)
class SealCheck:
    """Whether a sealed record still has the content it was sealed with."""

    ok: bool
    stored_hash: str
    current_hash: str

    def message(self, label: str = "记录") -> str:
        if self.ok:
            return f"{label}与上报时一致（校验值 {self.stored_hash[:12]}…）。"
        return f"{label}的内容与上报时保存的校验值不符：它在程序之外被改动过。请从备份恢复或联系上级核对。"


# -- the manager -----------------------------------------------------------------
class RecordStates(ArchiveBound):
    """States, seals and revisions of every record kind (``archive.records``)."""

    def __init__(self, archive):
        self._archive = archive

    @property
    def _db(self):
        return self._archive.db

    def state(self, spec: SealSpec, record_id: int) -> str:
        row = self._db.execute_sql(
            f"SELECT {spec.state_column} FROM {spec.table} WHERE id = {self._db.param}", (record_id,)
        ).fetchone()
        if row is None:
            raise NotFound(spec.label, record_id)
        return row[0]

    def require_draft(self, spec: SealSpec, record_id: int) -> None:
        """Managers call this before changing a record: only drafts are edited."""
        state = self.state(spec, record_id)
        if state in spec.draft_states:
            return
        if state == FINAL:
            raise Conflict(f"这份{spec.label}已定稿，不能直接修改。如需修改，请先「退回草稿」并写明原因。")
        if state == REPORTED:
            raise Conflict(f"这份{spec.label}已上报并封存，不能修改。如需更正，请使用「更正」新建修订版本。")

    def finalise(self, spec: SealSpec, record_id: int) -> None:
        """草稿 → 定稿. The manager checks the record is complete before calling this."""
        self._move(spec, record_id, spec.draft_states, FINAL, "record.finalise", f"{spec.label}定稿")

    def reopen(self, spec: SealSpec, record_id: int, reason: str) -> None:
        """定稿 → 草稿, with the reason logged. A reported record cannot be reopened."""
        reason = _reason(reason, "退回原因")
        self._move(
            spec, record_id, (FINAL,), spec.reopened_state, "record.reopen", f"{spec.label}退回草稿：{reason}", reason
        )

    def report(self, spec: SealSpec, record_id: int, note: str = "") -> Seal:
        """定稿 → 已上报: store the content hash and seal the record in one transaction."""
        self._archive.require_writable()
        note = bounded("note", "上报说明", clean_line(note), LINE_MAX)
        db = self._db
        with db.atomic():
            self._expect(spec, record_id, (FINAL,), "上报")
            digest = content_hash(db, spec, record_id)
            seal = Seal(spec.table, record_id, digest, _now(), self._archive.actor, note)
            p = db.param
            db.execute_sql(
                "INSERT INTO record_seal (record_table, record_id, content_hash, sealed_at, sealed_by, note) "
                f"VALUES ({p}, {p}, {p}, {p}, {p}, {p})",
                (seal.record_table, seal.record_id, seal.content_hash, seal.sealed_at, seal.sealed_by, seal.note),
            )
            db.execute_sql(
                f"UPDATE {spec.table} SET {spec.state_column} = {p} WHERE id = {p}", (REPORTED, record_id)
            )
            audit_append(
                db, self._archive.actor, "record.report", f"{spec.label}上报并封存" + (f"：{note}" if note else ""),
                spec.table, record_id, {"content_hash": digest},
            )
        return seal

    def seal(self, spec: SealSpec, record_id: int) -> Seal | None:
        row = self._db.execute_sql(
            "SELECT record_table, record_id, content_hash, sealed_at, sealed_by, note FROM record_seal "
            f"WHERE record_table = {self._db.param} AND record_id = {self._db.param}",
            (spec.table, record_id),
        ).fetchone()
        return Seal(row[0], int(row[1]), row[2], row[3], row[4], row[5]) if row else None

    def verify(self, spec: SealSpec, record_id: int) -> SealCheck:
        """Recompute a sealed record's hash and compare it with the stored one."""
        seal = self.seal(spec, record_id)
        if seal is None:
            raise Conflict(f"这份{spec.label}还没有上报，没有封存校验值。")
        current = content_hash(self._db, spec, record_id)
        return SealCheck(current == seal.content_hash, seal.content_hash, current)

    def correct(self, spec: SealSpec, record_id: int, reason: str) -> int:
        """Start a correction of a sealed record: a draft copy (with all child rows) that
        is edited, finalised and reported like any record. Returns the copy's id."""
        self._archive.require_writable()
        reason = _reason(reason, "更正原因")
        db = self._db
        with db.atomic():
            self._expect(spec, record_id, (REPORTED,), "更正")
            later = self._revision_of(spec, record_id)
            if later is not None:
                raise Conflict(
                    f"这份{spec.label}已经有更正版本（编号 {later.revision_id}），请在最新版本上办理更正。"
                )
            seal = self.seal(spec, record_id)
            new_id = _copy_row(db, spec.table, record_id, {spec.state_column: spec.reopened_state})
            _copy_children(db, spec.children, record_id, new_id)
            p = db.param
            db.execute_sql(
                "INSERT INTO record_revision (record_table, original_id, revision_id, original_hash, reason, actor, "
                f"created_at) VALUES ({p}, {p}, {p}, {p}, {p}, {p}, {p})",
                (spec.table, record_id, new_id, seal.content_hash if seal else "", reason, self._archive.actor, _now()),
            )
            audit_append(
                db, self._archive.actor, "record.correct", f"更正{spec.label}：{reason}", spec.table, record_id,
                {"revision_id": new_id},
            )
        return new_id

    def revisions(self, spec: SealSpec, record_id: int) -> list[Revision]:
        """Every correction in the chain that ``record_id`` belongs to, oldest first."""
        first = record_id
        while (earlier := self._revised_from(spec, first)) is not None:
            first = earlier.original_id
        chain = []
        current = first
        while (later := self._revision_of(spec, current)) is not None:
            chain.append(later)
            current = later.revision_id
        return chain

    def latest_id(self, spec: SealSpec, record_id: int) -> int:
        chain = self.revisions(spec, record_id)
        return chain[-1].revision_id if chain else record_id

    def current_only(self, spec: SealSpec, id_field) -> peewee.Node:
        """A peewee condition keeping only the newest version of each record."""
        return id_field.not_in(
            peewee.SQL(f"(SELECT original_id FROM record_revision WHERE record_table = '{spec.table}')")
        )

    # -- helpers ---------------------------------------------------------------
    def _move(self, spec, record_id, from_states, to_state, action, summary, reason=""):
        self._archive.require_writable()
        db = self._db
        with db.atomic():
            from_state = self._expect(spec, record_id, from_states, labels.label(labels.RECORD_STATES, to_state))
            p = db.param
            db.execute_sql(f"UPDATE {spec.table} SET {spec.state_column} = {p} WHERE id = {p}", (to_state, record_id))
            audit_append(
                db, self._archive.actor, action, summary, spec.table, record_id,
                {"from": from_state, "to": to_state} | ({"reason": reason} if reason else {}),
            )

    def _expect(self, spec, record_id, wanted: tuple[str, ...], doing: str) -> str:
        state = self.state(spec, record_id)
        if state not in wanted:
            allowed = "、".join(f"「{labels.label(labels.RECORD_STATES, w)}」" for w in wanted)
            raise Conflict(
                f"这份{spec.label}现在是「{labels.label(labels.RECORD_STATES, state)}」，只有{allowed}的记录才能{doing}。"
            )
        return state

    def _revision_of(self, spec, original_id) -> Revision | None:
        return self._revision_row(spec, "original_id", original_id)

    def _revised_from(self, spec, revision_id) -> Revision | None:
        return self._revision_row(spec, "revision_id", revision_id)

    def _revision_row(self, spec, column, value) -> Revision | None:
        p = self._db.param
        row = self._db.execute_sql(
            "SELECT record_table, original_id, revision_id, original_hash, reason, actor, created_at "
            f"FROM record_revision WHERE record_table = {p} AND {column} = {p}",
            (spec.table, value),
        ).fetchone()
        return Revision(row[0], int(row[1]), int(row[2]), row[3], row[4], row[5], row[6]) if row else None


def _now() -> str:
    return clock.now().isoformat(sep=" ")


def _reason(text: str, what: str) -> str:
    reason = bounded("reason", what, clean_line(text), LINE_MAX)
    if not reason:
        raise ValidationError("reason", "required", f"请填写{what}：写明为什么改、改了什么，它会记入操作日志。")
    return reason


def _copy_row(db, table: str, row_id: int, overrides: dict) -> int:
    """Insert a copy of one row with some columns replaced; returns the new id."""
    names = [name for name in _columns(db, table) if name != "id"]
    select = ", ".join(db.param if name in overrides else name for name in names)
    params = [overrides[name] for name in names if name in overrides] + [row_id]
    sql = f"INSERT INTO {table} ({', '.join(names)}) SELECT {select} FROM {table} WHERE id = {db.param}"
    if is_postgres(db):
        return int(db.execute_sql(sql + " RETURNING id", params).fetchone()[0])
    return int(db.execute_sql(sql, params).lastrowid)


def _copy_children(db, children: tuple[ChildSpec, ...], old_parent: int, new_parent: int) -> None:
    for child in children:
        ids = [
            row[0]
            for row in db.execute_sql(
                f"SELECT id FROM {child.table} WHERE {child.fk_column} = {db.param} ORDER BY id", (old_parent,)
            ).fetchall()
        ]
        for old_id in ids:
            new_id = _copy_row(db, child.table, old_id, {child.fk_column: new_parent})
            _copy_children(db, child.children, old_id, new_id)

"""``archive.rectification``: the 整改台账 — items from any source (opinions, problem
lists, criticism, 对照检查, target inspections, feedback from above), each with owner,
measure, deadline, progress notes, evidence and a 公示 flag, closed one by one (对单销号).

Rules decided here: an item needs a problem, a measure, an owner and a deadline no
earlier than the day it was put on the ledger; it is overdue when not closed by its
deadline; closing (销号) needs a closing note saying what was done and at least one
progress note or piece of evidence, and a date between the day it was listed and today.
Items are not sealed (work on them goes on after the meeting went upward); every change
is in the audit log."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import peewee

from .. import clock, labels
from ..dates import date_problem
from ..errors import Conflict, ErrorCollector, NotFound, ValidationError, ValidationErrors
from ..storage.binding import ArchiveBound
from ..storage.database import like
from ..storage.models import (
    RectificationEvidence,
    RectificationItem,
    RectificationProgress,
)
from ..text import LINE_MAX, TEXT_MAX, bounded, clean_line, clean_text
from . import store
from .ledger_forms import Completion, Evidence, ItemDetail, ItemForm, ItemSummary, ProgressNote
from .validate import person

SORT_COLUMNS = {
    "number": (RectificationItem.year, RectificationItem.number),
    "deadline": (RectificationItem.deadline,),
    "owner": (RectificationItem.owner_name,),
    "closed_on": (RectificationItem.closed_on,),
    "source": (RectificationItem.source,),
}
EVIDENCE_RECORDS = ("meeting", "life_cycle", "appraisal")


def clean_item(form: ItemForm, people: dict[int, str], today: dt.date | None = None) -> ItemForm:
    today = today or clock.today()
    errors = ErrorCollector()
    if not 2000 <= int(form.year) <= today.year + 1:
        errors.add("year", "range", f"所属年度 {form.year} 不对，请填写 2000 到 {today.year + 1} 之间的年份。")
    for field, value, table, what in (
        ("source", form.source, labels.RECTIFICATION_SOURCES, "问题来源"),
        ("category", form.category, labels.ISSUE_CATEGORIES, "问题类别"),
        ("scope", form.scope, labels.RECTIFICATION_SCOPES, "整改对象（支部或个人）"),
    ):
        if value not in table:
            errors.add(field, "choice", f"请选择{what}。")
    problem = errors.check(bounded, "problem", "问题", clean_text(form.problem), LINE_MAX * 5, True)
    cause = errors.check(bounded, "cause", "原因", clean_text(form.cause), LINE_MAX * 5)
    measure = errors.check(bounded, "measure", "整改措施", clean_text(form.measure), TEXT_MAX, True)
    owner_id, owner = person(errors, "owner_name", "责任人", form.owner_member_id, form.owner_name, people)
    source_ref = clean_line(form.source_ref)[:LINE_MAX]
    created = form.created_on or today
    if bad := date_problem("列入台账日期", created, today=today):
        errors.add("created_on", *bad)
    if form.deadline is None:
        errors.add("deadline", "required", "请填写整改时限（完成期限）。")
    elif bad := date_problem("整改时限", form.deadline, planned=True, today=today):
        errors.add("deadline", *bad)
    elif form.deadline < created:
        errors.add("deadline", "order", f"整改时限 {form.deadline:%Y-%m-%d} 早于列入台账的日期 {created:%Y-%m-%d}，请核对。")
    errors.raise_if_any()
    return ItemForm(int(form.year), problem or "", measure or "", owner_id, owner, form.deadline, form.source,
                    source_ref, form.category, form.scope, cause or "", bool(form.public), created)


class RectificationManager(ArchiveBound):
    def __init__(self, archive):
        self._archive = archive

    @property
    def _branch_id(self) -> int:
        return self._archive.branch.own_id()

    # -- reading ---------------------------------------------------------------
    def query_ids(self, year: int | None = None, state: str | None = None, source: str | None = None,
                  text: str = "", public_only: bool = False, years_before: int | None = None,
                  sort: str = "number", descending: bool = False, today: dt.date | None = None) -> list[int]:
        """Ids of the items that match, sorted in SQL. ``state``: open / overdue / closed
        (open includes overdue: everything not closed, see ``state='pending'``)."""
        today = today or clock.today()
        item = RectificationItem
        query = item.select(item.id).where(item.branch == self._branch_id)
        if year is not None:
            query = query.where(item.year == year)
        if years_before is not None:
            query = query.where(item.year < years_before)
        if state == "closed":
            query = query.where(item.closed_on.is_null(False))
        elif state == "overdue":
            query = query.where(item.closed_on.is_null(), item.deadline < today)
        elif state == "open":
            query = query.where(item.closed_on.is_null(), item.deadline >= today)
        elif state == "pending":
            query = query.where(item.closed_on.is_null())
        if source:
            query = query.where(item.source == source)
        if public_only:
            query = query.where(item.public == True)  # noqa: E712 - peewee builds SQL from ==
        text = clean_line(text)
        if text:
            query = query.where(like(item.problem, text) | like(item.measure, text) | like(item.owner_name, text))
        columns = SORT_COLUMNS.get(sort, SORT_COLUMNS["number"])
        order = [c.desc(nulls="LAST") if descending else c.asc(nulls="LAST") for c in columns]
        order += [item.year.desc() if descending else item.year, item.number.desc() if descending else item.number]
        return [r[0] for r in query.order_by(*order).tuples()]

    def summaries(self, ids: list[int]) -> list[ItemSummary]:
        if not ids:
            return []
        counts = {i: [0, 0, ""] for i in ids}
        for item_id, number in (
            RectificationProgress.select(RectificationProgress.item, peewee.fn.COUNT(1))
            .where(RectificationProgress.item.in_(ids)).group_by(RectificationProgress.item).tuples()
        ):
            counts[item_id][0] = number
        for item_id, number in (
            RectificationEvidence.select(RectificationEvidence.item, peewee.fn.COUNT(1))
            .where(RectificationEvidence.item.in_(ids)).group_by(RectificationEvidence.item).tuples()
        ):
            counts[item_id][1] = number
        for note in (RectificationProgress.select().where(RectificationProgress.item.in_(ids))
                     .order_by(RectificationProgress.noted_on, RectificationProgress.id)):
            counts[note.item_id][2] = note.text
        found = {}
        for r in RectificationItem.select().where(RectificationItem.id.in_(ids)):
            progress, evidence, last = counts[r.id]
            found[r.id] = ItemSummary(
                r.id, r.year, r.number, r.source, r.source_ref, r.category, r.scope, r.owner_member_id,
                r.owner_name, r.problem, r.cause, r.measure, r.deadline, r.created_on, r.closed_on, r.closing_note,
                bool(r.public), progress, evidence, last,
            )
        return [found[i] for i in ids if i in found]

    def summary(self, item_id: int) -> ItemSummary:
        rows = self.summaries([self._row(item_id).id])
        return rows[0]

    def items(self, **filters) -> list[ItemSummary]:
        return self.summaries(self.query_ids(**filters))

    def detail(self, item_id: int) -> ItemDetail:
        item = self.summary(item_id)
        progress = [
            ProgressNote(p.id, p.noted_on, p.text, p.recorded_at)
            for p in RectificationProgress.select().where(RectificationProgress.item == item_id)
            .order_by(RectificationProgress.noted_on, RectificationProgress.id)
        ]
        evidence = [
            Evidence(e.id, e.kind, e.record_id, e.title, e.original_name, e.stored_path, e.sha256, e.size, e.added_at)
            for e in RectificationEvidence.select().where(RectificationEvidence.item == item_id)
            .order_by(RectificationEvidence.id)
        ]
        return ItemDetail(item, progress, evidence, self._source_text(item))

    def _source_text(self, item: ItemSummary) -> str:
        from ..storage.masses_models import MassesRequest
        from ..storage.models import LifeCriticism, LifeOpinion, LifeProblem
        from ..storage.target_models import TargetProblem

        if not item.source_ref:
            return ""
        for model, describe in (
            (LifeOpinion, lambda r: f"征求意见（{r.received_on:%Y-%m-%d}）：{r.content}"),
            (LifeProblem, lambda r: f"问题清单（{r.owner_name or '支部委员会'}）：{r.problem}"),
            (LifeCriticism, lambda r: f"{r.from_name}对{r.to_name}的批评意见"),
            (TargetProblem, lambda r: f"目标管理检查发现的问题：{r.problem}"),
            (MassesRequest, lambda r: f"民情诉求 {r.year}-{r.number:03d}：{r.content}"),
        ):
            row = model.select().where(model.uid == item.source_ref).order_by(model.id).first()
            if row is not None:
                return describe(row)
        return item.source_ref

    def _row(self, item_id: int) -> RectificationItem:
        row = RectificationItem.get_or_none(RectificationItem.id == item_id, RectificationItem.branch == self._branch_id)
        if row is None:
            raise NotFound("整改事项", item_id)
        return row

    def form(self, item_id: int) -> ItemForm:
        r = self._row(item_id)
        return ItemForm(r.year, r.problem, r.measure, r.owner_member_id, r.owner_name, r.deadline, r.source,
                        r.source_ref, r.category, r.scope, r.cause, bool(r.public), r.created_on)

    def years(self) -> list[int]:
        rows = RectificationItem.select(RectificationItem.year).where(
            RectificationItem.branch == self._branch_id).distinct().tuples()
        return sorted((r[0] for r in rows), reverse=True)

    # -- what other parts ask --------------------------------------------------
    def overdue(self, today: dt.date | None = None) -> list[ItemSummary]:
        return self.items(state="overdue", sort="deadline", today=today)

    def review_items(self, year: int) -> list[ItemSummary]:
        """回头看 for the ``year`` cycle: every item of the year before, and older items
        still not closed."""
        ids = self.query_ids(year=year - 1) + self.query_ids(years_before=year - 1, state="pending")
        return self.summaries(ids)

    def completion(self, year: int, today: dt.date | None = None) -> Completion:
        today = today or clock.today()
        items = self.items(year=year)
        closed = [i for i in items if i.closed_on is not None]
        return Completion(year, len(items), len(closed), sum(i.closed_on <= i.deadline for i in closed),
                          sum(i.is_overdue(today) for i in items))

    def linked(self, refs: list[str]) -> dict[str, list[int]]:
        return store.linked_items(self._branch_id, refs)

    # -- writing ---------------------------------------------------------------
    def add(self, form: ItemForm) -> int:
        """Put an item on the ledger; it gets the next number of its year."""
        self._archive.require_writable()
        cleaned = clean_item(form, store.people(self._branch_id))
        now = clock.now().isoformat(sep=" ")
        with self._archive.db.atomic():
            last = RectificationItem.select(peewee.fn.MAX(RectificationItem.number)).where(
                RectificationItem.branch == self._branch_id, RectificationItem.year == cleaned.year).scalar()
            row = RectificationItem.create(branch=self._branch_id, number=(last or 0) + 1, created_at=now,
                                           updated_at=now, **self._values(cleaned))
            self._log("rectification.add", row, f"新增整改事项 {cleaned.year}-{row.number:02d}：{cleaned.problem[:40]}",
                      {"source": cleaned.source, "source_ref": cleaned.source_ref})
        return row.id

    def update(self, item_id: int, form: ItemForm) -> None:
        self._archive.require_writable()
        row = self._row(item_id)
        cleaned = clean_item(form, store.people(self._branch_id))
        if cleaned.year != row.year:
            raise ValidationErrors([ValidationError("year", "fixed", "整改事项的所属年度不能修改（编号随年度）。")])
        if row.closed_on is not None and row.closed_on < cleaned.created_on:
            raise ValidationErrors([ValidationError("created_on", "order", "列入台账日期晚于销号日期，请核对。")])
        with self._archive.db.atomic():
            RectificationItem.update(updated_at=clock.now().isoformat(sep=" "), **self._values(cleaned)).where(
                RectificationItem.id == item_id).execute()
            self._log("rectification.update", row, f"修改整改事项 {row.year}-{row.number:02d}", {})

    def set_public(self, item_id: int, public: bool) -> None:
        form = self.form(item_id)
        form.public = public
        self.update(item_id, form)

    def delete(self, item_id: int) -> None:
        """Only an item entered by mistake: not closed, without progress or evidence."""
        self._archive.require_writable()
        row = self._row(item_id)
        detail = self.detail(item_id)
        if row.closed_on is not None or detail.progress or detail.evidence:
            raise Conflict(f"整改事项 {row.year}-{row.number:02d} 已有整改进展、佐证或已销号，不能删除。"
                           "如确实不再整改，请在进展中写明情况后销号。")
        with self._archive.db.atomic():
            RectificationItem.delete().where(RectificationItem.id == item_id).execute()
            self._log("rectification.delete", row, f"删除整改事项 {row.year}-{row.number:02d}（录入错误）",
                      {"problem": row.problem[:60]})

    def add_progress(self, item_id: int, text: str, noted_on: dt.date | None = None) -> int:
        self._archive.require_writable()
        row = self._row(item_id)
        noted_on = noted_on or clock.today()
        text = bounded("progress", "整改进展", clean_text(text), TEXT_MAX, True)
        if noted_on > clock.today():
            raise ValidationError("noted_on", "future", "进展日期不能晚于今天，请核对。")
        if noted_on < row.created_on:
            raise ValidationError("noted_on", "order", f"进展日期早于列入台账的日期 {row.created_on:%Y-%m-%d}，请核对。")
        with self._archive.db.atomic():
            note = RectificationProgress.create(item=item_id, noted_on=noted_on, text=text,
                                                recorded_at=clock.now().isoformat(sep=" "))
            self._log("rectification.progress", row, f"整改事项 {row.year}-{row.number:02d} 进展：{text[:40]}", {})
        return note.id

    def add_evidence(self, item_id: int, kind: str, record_id: int) -> int:
        """Link a record as evidence: a meeting record, a 组织生活会 or a 民主评议."""
        self._archive.require_writable()
        row = self._row(item_id)
        if kind not in EVIDENCE_RECORDS:
            raise ValidationError("kind", "choice", "佐证只能关联会议记录、组织生活会记录或民主评议记录，文件请用「添加附件」。")
        title = self._record_title(kind, record_id)
        with self._archive.db.atomic():
            evidence = RectificationEvidence.create(item=item_id, kind=kind, record_id=record_id, title=title,
                                                    added_at=clock.now().isoformat(sep=" "))
            self._log("rectification.evidence", row, f"整改事项 {row.year}-{row.number:02d} 佐证：{title}",
                      {"kind": kind, "record_id": record_id})
        return evidence.id

    def add_evidence_file(self, item_id: int, path, title: str = "") -> int:
        """Copy a file (photo, scan, document) into the archive as evidence."""
        from ..meetings.attachments import copy_into_archive

        self._archive.require_writable()
        row = self._row(item_id)
        source = Path(path)
        title = bounded("title", "附件名称", clean_line(title) or source.stem, LINE_MAX)
        relative, digest, size = copy_into_archive(self._archive, source)
        with self._archive.db.atomic():
            evidence = RectificationEvidence.create(
                item=item_id, kind="file", title=title, original_name=source.name, stored_path=relative,
                sha256=digest, size=size, added_at=clock.now().isoformat(sep=" "),
            )
            self._log("rectification.evidence", row, f"整改事项 {row.year}-{row.number:02d} 佐证附件：{title}",
                      {"sha256": digest, "size": size})
        return evidence.id

    def remove_evidence(self, evidence_id: int) -> None:
        self._archive.require_writable()
        evidence = RectificationEvidence.get_or_none(RectificationEvidence.id == evidence_id)
        if evidence is None:
            raise NotFound("佐证", evidence_id)
        row = self._row(evidence.item_id)
        if row.closed_on is not None:
            raise Conflict("已销号的整改事项不能删除佐证；如需改动，请先取消销号。")
        with self._archive.db.atomic():
            RectificationEvidence.delete().where(RectificationEvidence.id == evidence_id).execute()
            self._log("rectification.evidence", row, f"整改事项 {row.year}-{row.number:02d} 删除佐证：{evidence.title}",
                      {"removed": evidence_id})

    def evidence_file(self, evidence_id: int) -> Path:
        from ..meetings.attachments import stored_file

        evidence = RectificationEvidence.get_or_none(RectificationEvidence.id == evidence_id)
        if evidence is None or evidence.kind != "file":
            raise NotFound("佐证附件", evidence_id)
        self._row(evidence.item_id)
        return stored_file(self._archive, evidence.stored_path, evidence.sha256, evidence.title)

    def close(self, item_id: int, closed_on: dt.date | None, note: str) -> None:
        """对单销号: the item is done on ``closed_on``; ``note`` says what was done."""
        self._archive.require_writable()
        row = self._row(item_id)
        closed_on = closed_on or clock.today()
        errors = ErrorCollector()
        note = errors.check(bounded, "closing_note", "完成情况", clean_text(note), TEXT_MAX, True) or ""
        if row.closed_on is not None:
            errors.add("closed_on", "closed", f"这项整改已于 {row.closed_on:%Y-%m-%d} 销号。")
        if closed_on > clock.today():
            errors.add("closed_on", "future", "销号日期不能晚于今天，请核对。")
        elif closed_on < row.created_on:
            errors.add("closed_on", "order", f"销号日期早于列入台账的日期 {row.created_on:%Y-%m-%d}，请核对。")
        detail = self.detail(item_id)
        if not detail.progress and not detail.evidence:
            errors.add("evidence", "required", "销号前请至少登记一条整改进展或一项佐证（会议记录、照片、文件等），"
                       "说明整改确已完成。")
        errors.raise_if_any()
        with self._archive.db.atomic():
            RectificationItem.update(closed_on=closed_on, closing_note=note,
                                     updated_at=clock.now().isoformat(sep=" ")).where(
                RectificationItem.id == item_id).execute()
            self._log("rectification.close", row, f"整改事项 {row.year}-{row.number:02d} 销号（{closed_on:%Y-%m-%d}）",
                      {"closed_on": closed_on.isoformat()})

    def reopen(self, item_id: int, reason: str) -> None:
        """Take back a 销号 (found not done after all); the reason goes into the log."""
        self._archive.require_writable()
        row = self._row(item_id)
        reason = bounded("reason", "原因", clean_line(reason), LINE_MAX, True)
        if row.closed_on is None:
            raise Conflict("这项整改还没有销号。")
        with self._archive.db.atomic():
            RectificationItem.update(closed_on=None, closing_note="", updated_at=clock.now().isoformat(sep=" ")).where(
                RectificationItem.id == item_id).execute()
            RectificationProgress.create(item=item_id, noted_on=clock.today(), text=f"取消销号：{reason}",
                                         recorded_at=clock.now().isoformat(sep=" "))
            self._log("rectification.reopen", row, f"整改事项 {row.year}-{row.number:02d} 取消销号：{reason}", {})

    # -- helpers ---------------------------------------------------------------
    @staticmethod
    def _values(form: ItemForm) -> dict:
        values = dataclasses.asdict(form)
        values["owner_member"] = values.pop("owner_member_id")
        return values

    def _log(self, action: str, row: RectificationItem, summary: str, detail: dict) -> None:
        self._archive.audit.record(action, summary, "rectification_item", row.id, detail)

    def _record_title(self, kind: str, record_id: int) -> str:
        if kind == "meeting":
            summary = self._archive.meetings.summary(record_id)
            return f"{summary.title}（{summary.date:%Y-%m-%d}）"
        if kind == "life_cycle":
            return self._archive.life.detail(record_id).title
        return f"{self._archive.appraisal.detail(record_id).year}年度民主评议党员"

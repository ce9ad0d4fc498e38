"""民情诉求, taken in and followed to the end: 受理 → 交办 (承办人, 时限) → 办理 (progress
notes, evidence) → 办结 → 反馈 to the person → 回访 with their satisfaction. Each step
only right after the one before, its date no earlier than the step before and not
after today (docs/domain.md §14.2)."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import peewee

from .. import clock, labels
from ..dates import date_problem
from ..errors import ErrorCollector, NotFound, ValidationError, ValidationErrors
from ..life import store as life_store
from ..life.validate import person
from ..meetings.attachments import copy_into_archive, stored_file
from ..storage.masses_models import MassesHousehold, MassesRequest, MassesRequestNote
from ..text import LINE_MAX, NAME_MAX, bounded, clean_line, clean_name, clean_text
from . import rules
from .forms import ProgressNote, Request, RequestForm, Tally

CONTENT_MAX = LINE_MAX * 10


class RequestsMixin:
    """The 民情诉求 half of ``archive.masses`` (mixed into MassesManager)."""

    # -- reading ---------------------------------------------------------------
    def request_ids(self, year: int | None = None, state: str | None = None, channel: str | None = None,
                    overdue_only: bool = False, today: dt.date | None = None) -> list[int]:
        """Ids in ledger order (year, number). ``state``: a key of labels.MASSES_STATES, or
        ``open`` (not 办结)."""
        today = today or clock.today()
        r = MassesRequest
        query = r.select(r.id).where(r.branch == self._branch_id)
        if year is not None:
            query = query.where(r.year == year)
        if channel:
            query = query.where(r.channel == channel)
        if overdue_only:
            query = query.where(r.done_on.is_null(), r.deadline < today)
        if state == "open":
            query = query.where(r.done_on.is_null())
        ids = [row[0] for row in query.order_by(r.year, r.number).tuples()]
        if state and state != "open":
            ids = [q.id for q in self.requests(ids) if q.state == state]
        return ids

    def requests(self, ids: list[int] | None = None, with_notes: bool = False) -> list[Request]:
        ids = self.request_ids() if ids is None else ids
        if not ids:
            return []
        notes: dict[int, list[ProgressNote]] = {i: [] for i in ids}
        for n in (MassesRequestNote.select().where(MassesRequestNote.request.in_(ids))
                  .order_by(MassesRequestNote.noted_on, MassesRequestNote.id)):
            notes[n.request_id].append(ProgressNote(n.id, n.noted_on, n.text, n.original_name, n.sha256, n.size))
        found = {}
        for row in MassesRequest.select().where(MassesRequest.id.in_(ids), MassesRequest.branch == self._branch_id):
            row.notes_count = len(notes[row.id])
            found[row.id] = Request(
                row.id, row.uid, row.year, row.number, row.channel, row.received_on, row.person_name,
                row.household_id, row.content, row.visit_id, row.meeting_id, row.opinion_uid, row.owner_member_id,
                row.owner_name, row.assigned_on, row.deadline, row.done_on, row.done_note, row.feedback_on,
                row.feedback_how, row.feedback_note, row.revisit_on, row.satisfaction, row.revisit_note,
                row.rectification_id, rules.state_of(row), tuple(notes[row.id]) if with_notes else (),
            )
        return [found[i] for i in ids if i in found]

    def request(self, request_id: int) -> Request:
        """One request with its progress notes."""
        self._request_row(request_id)
        return self.requests([request_id], with_notes=True)[0]

    def find_request(self, code: str) -> int:
        """The id of the request numbered ``code`` (2026-007, or 2026-7)."""
        text = clean_line(code).replace("－", "-")
        year, _, number = text.partition("-")
        if not (year.isascii() and year.isdigit() and number.isascii() and number.isdigit()):
            raise ValidationError("request", "code", f"诉求编号“{text[:20]}”不对，请写成 2026-007（年度-序号）。")
        row = MassesRequest.get_or_none(MassesRequest.branch == self._branch_id, MassesRequest.year == int(year),
                                        MassesRequest.number == int(number))
        if row is None:
            raise NotFound("民情诉求", text)
        return row.id

    def overdue_requests(self, today: dt.date | None = None) -> list[Request]:
        """Past their deadline and not 办结, the longest overdue first (首页)."""
        found = self.requests(self.request_ids(overdue_only=True, today=today))
        return sorted(found, key=lambda q: (q.deadline, q.id))

    def request_years(self) -> list[int]:
        rows = MassesRequest.select(MassesRequest.year).where(MassesRequest.branch == self._branch_id).distinct()
        return sorted((r[0] for r in rows.tuples()), reverse=True)

    def tally(self, year: int, today: dt.date | None = None, last: dt.date | None = None) -> Tally:
        """The year's requests counted: received, due (deadline passed by ``last`` or
        办结), 办结 of those, overdue, and the satisfaction of those 回访."""
        today = today or clock.today()
        last = min(last or dt.date(year, 12, 31), today)
        found = self.requests(self.request_ids(year=year))
        due = [q for q in found if q.done_on is not None and q.done_on <= last
               or q.deadline is not None and q.deadline < last]
        done = [q for q in due if q.done_on is not None and q.done_on <= last]
        revisited = [q for q in found if q.revisit_on is not None and q.revisit_on <= last]
        counts = {key: sum(q.satisfaction == key for q in revisited) for key in labels.MASSES_SATISFACTION}
        return Tally(year, len(found), len(due), len(done), sum(q.is_overdue(today) for q in found),
                     len(revisited), counts["satisfied"], counts["basic"], counts["unsatisfied"])

    # -- the steps -------------------------------------------------------------
    def take(self, form: RequestForm) -> int:
        """受理: put a request on the ledger; it gets the next number of its year."""
        self._archive.require_writable()
        errors = ErrorCollector()
        if form.channel not in labels.MASSES_CHANNELS:
            errors.add("channel", "choice", "请选择诉求来源渠道（走访、座谈会、意见箱、来访、电话或组织生活会）。")
        content = errors.check(bounded, "content", "诉求内容", clean_text(form.content), CONTENT_MAX, True)
        name = errors.check(bounded, "person_name", "提出人", clean_name(form.person_name), NAME_MAX)
        self._check_day(errors, "received_on", "受理日期", form.received_on, None, "")
        if form.household_id is not None:
            if not MassesHousehold.select().where(MassesHousehold.id == form.household_id,
                                                  MassesHousehold.branch == self._branch_id).exists():
                errors.add("household_id", "missing", "所选联系户不存在，请重新选择。")
        errors.raise_if_any()
        now = clock.now().isoformat(sep=" ")
        year = form.received_on.year
        with self._archive.db.atomic():
            last = MassesRequest.select(peewee.fn.MAX(MassesRequest.number)).where(
                MassesRequest.branch == self._branch_id, MassesRequest.year == year).scalar()
            row = MassesRequest.create(
                branch=self._branch_id, uid=uuid.uuid4().hex, year=year, number=(last or 0) + 1,
                channel=form.channel, received_on=form.received_on, person_name=name or "",
                household=form.household_id, content=content, visit=form.visit_id, meeting=form.meeting_id,
                opinion_uid=form.opinion_uid, created_at=now, updated_at=now)
            self._log("masses.request", row, f"受理民情诉求 {year}-{row.number:03d}（"
                      f"{labels.label(labels.MASSES_CHANNELS, form.channel)}）")
        return row.id

    def assign(self, request_id: int, owner_member_id: int | None, owner_name: str, deadline: dt.date | None,
               assigned_on: dt.date | None = None) -> None:
        """交办: the member who handles it and by when (again, to change either before 办结)."""
        row = self._step_row(request_id, "assigned")
        errors = ErrorCollector()
        member_id, name = person(errors, "owner_name", "承办人", owner_member_id, owner_name,
                                 life_store.people(self._branch_id))
        assigned_on = assigned_on or row.assigned_on or clock.today()
        self._check_day(errors, "assigned_on", "交办日期", assigned_on, row.received_on, "受理日期")
        if deadline is None:
            errors.add("deadline", "required", "请填写办理时限。")
        elif bad := date_problem("办理时限", deadline, planned=True):
            errors.add("deadline", *bad)
        elif deadline < assigned_on:
            errors.add("deadline", "order", f"办理时限 {deadline:%Y-%m-%d} 早于交办日期 {assigned_on:%Y-%m-%d}，请核对。")
        errors.raise_if_any()
        self._save(row, "masses.assign", f"交办给{name}，时限 {deadline:%Y-%m-%d}", owner_member=member_id,
                   owner_name=name, assigned_on=assigned_on, deadline=deadline)

    def add_progress(self, request_id: int, text: str, noted_on: dt.date | None = None,
                     evidence: str | Path | None = None) -> int:
        """办理: a progress note, with a scan or photo as evidence if there is one."""
        row = self._step_row(request_id, "handling")
        errors = ErrorCollector()
        text = errors.check(bounded, "text", "办理情况", clean_text(text), CONTENT_MAX, True)
        noted_on = noted_on or clock.today()
        self._check_day(errors, "noted_on", "办理日期", noted_on, row.assigned_on, "交办日期")
        errors.raise_if_any()
        stored = dict(original_name="", stored_path="", sha256="", size=0)
        if evidence:
            source = Path(evidence)
            relative, digest, size = copy_into_archive(self._archive, source)
            stored = dict(original_name=clean_line(source.name)[:LINE_MAX], stored_path=relative, sha256=digest,
                          size=size)
        with self._archive.db.atomic():
            note = MassesRequestNote.create(request=row.id, noted_on=noted_on, text=text,
                                            recorded_at=clock.now().isoformat(sep=" "), **stored)
            self._save(row, "masses.progress", f"登记办理情况（{noted_on:%Y-%m-%d}）")
        return note.id

    def evidence_file(self, note_id: int) -> Path:
        note = (MassesRequestNote.select().join(MassesRequest)
                .where(MassesRequestNote.id == note_id, MassesRequest.branch == self._branch_id).first())
        if note is None or not note.stored_path:
            raise NotFound("办理佐证", note_id)
        return stored_file(self._archive, note.stored_path, note.sha256, note.original_name)

    def complete(self, request_id: int, note: str, done_on: dt.date | None = None) -> None:
        """办结: what was done."""
        row = self._step_row(request_id, "done")
        errors = ErrorCollector()
        note = errors.check(bounded, "done_note", "办理结果", clean_text(note), CONTENT_MAX, True)
        done_on = done_on or clock.today()
        last_note = MassesRequestNote.select(peewee.fn.MAX(MassesRequestNote.noted_on)).where(
            MassesRequestNote.request == row.id).scalar()
        after, what = (last_note, "最后一次办理日期") if last_note and last_note > row.assigned_on else (
            row.assigned_on, "交办日期")
        self._check_day(errors, "done_on", "办结日期", done_on, after, what)
        errors.raise_if_any()
        self._save(row, "masses.done", f"办结（{done_on:%Y-%m-%d}）", done_on=done_on, done_note=note)

    def feed_back(self, request_id: int, how: str, note: str = "", feedback_on: dt.date | None = None) -> None:
        """反馈: the result told to the person who asked, and how."""
        row = self._step_row(request_id, "fed_back")
        errors = ErrorCollector()
        if how not in labels.MASSES_FEEDBACK_WAYS:
            errors.add("feedback_how", "choice", "请选择反馈方式（当面、电话、书面或公开栏）。")
        note = errors.check(bounded, "feedback_note", "反馈情况", clean_text(note), CONTENT_MAX)
        feedback_on = feedback_on or clock.today()
        self._check_day(errors, "feedback_on", "反馈日期", feedback_on, row.done_on, "办结日期")
        errors.raise_if_any()
        self._save(row, "masses.feedback", f"反馈办理结果（{feedback_on:%Y-%m-%d}）", feedback_on=feedback_on,
                   feedback_how=how, feedback_note=note or "")

    def revisit(self, request_id: int, satisfaction: str, note: str = "", revisit_on: dt.date | None = None) -> None:
        """回访: the person's satisfaction (满意 / 基本满意 / 不满意)."""
        row = self._step_row(request_id, "revisited")
        errors = ErrorCollector()
        if satisfaction not in labels.MASSES_SATISFACTION:
            errors.add("satisfaction", "choice", "请选择群众的评价：满意、基本满意或不满意。")
        note = errors.check(bounded, "revisit_note", "回访情况", clean_text(note), CONTENT_MAX)
        revisit_on = revisit_on or clock.today()
        self._check_day(errors, "revisit_on", "回访日期", revisit_on, row.feedback_on, "反馈日期")
        errors.raise_if_any()
        self._save(row, "masses.revisit", f"回访：{labels.label(labels.MASSES_SATISFACTION, satisfaction)}",
                   revisit_on=revisit_on, satisfaction=satisfaction, revisit_note=note or "")

    # -- helpers ---------------------------------------------------------------
    def _request_row(self, request_id: int) -> MassesRequest:
        row = MassesRequest.get_or_none(MassesRequest.id == request_id, MassesRequest.branch == self._branch_id)
        if row is None:
            raise NotFound("民情诉求", request_id)
        return row

    def _step_row(self, request_id: int, step: str) -> MassesRequest:
        """The request, if ``step`` may be taken on it now (else a Chinese refusal)."""
        self._archive.require_writable()
        row = self._request_row(request_id)
        row.notes_count = MassesRequestNote.select().where(MassesRequestNote.request == row.id).count()
        if problem := rules.step_problem(rules.state_of(row), step):
            raise ValidationErrors([ValidationError("state", "order", f"{row.year}-{row.number:03d}：{problem}")])
        return row

    @staticmethod
    def _check_day(errors: ErrorCollector, field: str, what: str, day: dt.date | None, after: dt.date | None,
                   after_what: str) -> None:
        if day is None:
            errors.add(field, "required", f"请填写{what}。")
        elif bad := date_problem(what, day):
            errors.add(field, *bad)
        elif after is not None and day < after:
            errors.add(field, "order", f"{what} {day:%Y-%m-%d} 早于{after_what} {after:%Y-%m-%d}，请核对。")

    def _save(self, row: MassesRequest, action: str, what: str, **values) -> None:
        with self._archive.db.atomic():
            if values:
                MassesRequest.update(updated_at=clock.now().isoformat(sep=" "), **values).where(
                    MassesRequest.id == row.id).execute()
            self._log(action, row, f"民情诉求 {row.year}-{row.number:03d}：{what}")

    def _log(self, action: str, row: MassesRequest, summary: str, detail: dict | None = None) -> None:
        self._archive.audit.record(action, summary, "masses_request", row.id, detail)

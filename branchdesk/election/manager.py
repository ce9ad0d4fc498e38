"""``archive.election``: the branch's 换届选举, one record each, filled step by step in the
order of the 选举工作条例 (docs/domain.md §13): 方案 and its 批复, 候选人, the 支部党员大会
(a meeting record whose attendance gives the electors), each round of voting, the
支委会 choosing 书记/副书记, and the 上级批复 — only then does the branch's committee and
term change (``approval.apply``). Every change is audited in its own transaction."""

from __future__ import annotations

import datetime as dt
import json

from .. import clock, labels
from ..dates import date_problem
from ..errors import Conflict, ErrorCollector, NotFound, ValidationError
from ..meetings import rules as meeting_rules
from ..meetings.forms import AgendaItem, MeetingForm
from ..storage.binding import ArchiveBound
from ..storage.election_models import Election
from ..storage.models import Member
from ..text import NAME_MAX, TEXT_MAX, bounded, clean_line, clean_text
from . import approval, store
from .forms import EXCLUSIONS, STAGES, ElectionRecord, Mark, PlanForm, RoundForm
from .rights import candidate_problem
from .rules import margin_problem

MEETING_TITLE = "支部党员大会（换届选举）"
MAX_PLACES = 15  # more 委员 than any branch committee has (a typing slip otherwise)


def _now() -> str:
    return clock.now().isoformat(sep=" ")


class ElectionManager(ArchiveBound):
    def __init__(self, archive):
        self._archive = archive

    # -- reading ---------------------------------------------------------------
    def ids(self) -> list[int]:
        rows = Election.select(Election.id).where(Election.branch == self._archive.branch.own_id())
        return [r.id for r in rows.order_by(Election.planned_on, Election.id)]

    def records(self) -> list[ElectionRecord]:
        return [self.get(i) for i in self.ids()]

    def get(self, election_id: int) -> ElectionRecord:
        return store.record_of(self._row(election_id))

    def open_one(self) -> ElectionRecord | None:
        """The election under way (not yet approved), if any."""
        found = [r for r in self.records() if r.stage != "done"]
        return found[-1] if found else None

    def last_done(self) -> ElectionRecord | None:
        found = [r for r in self.records() if r.stage == "done"]
        return found[-1] if found else None

    def electors(self, election_id: int):
        """The 大会's attendance grid (members with a vote marked ``voting``)."""
        record = self.get(election_id)
        if record.meeting_id is None:
            return self._archive.meetings.due_entries("general")
        return self._archive.meetings.form(record.meeting_id).attendance

    def _row(self, election_id: int) -> Election:
        row = Election.get_or_none((Election.id == election_id) & (Election.branch == self._archive.branch.own_id()))
        if row is None:
            raise NotFound("换届选举记录", election_id)
        return row

    # -- writing ---------------------------------------------------------------
    def _write(self, election_id: int | None, action: str, summary: str, values: dict, detail: dict) -> int:
        self._archive.require_writable()
        with self._archive.db.atomic():
            if election_id is None:
                row = Election.create(branch=self._archive.branch.own_id(), created_at=_now(), updated_at=_now(),
                                      **values)
                election_id = row.id
            else:
                Election.update(updated_at=_now(), **values).where(Election.id == election_id).execute()
            self._archive.audit.record(action, summary, "election", election_id, detail)
        return election_id

    def _require(self, record: ElectionRecord, *stages: str) -> None:
        if record.stage not in stages:
            raise Conflict(f"这次换届选举现在是「{record.stage_label}」，不能做这一步；"
                           f"请按顺序办理（{'、'.join(STAGES[s] for s in stages)}时才可以）。")

    def plan(self, form: PlanForm, election_id: int | None = None) -> int:
        """Record (or, before its 批复, change) the 换届工作方案."""
        errors = ErrorCollector()
        if form.planned_on is None:
            errors.add("planned_on", "required", "请填写计划召开党员大会（选举）的日期。")
        elif bad := date_problem("计划选举日期", form.planned_on, planned=True):
            errors.add("planned_on", *bad)
        if not 1 <= form.places <= MAX_PLACES:
            errors.add("places", "range", f"应选委员人数须在 1 至 {MAX_PLACES} 名之间。")
        if form.places < 3 and form.deputies:
            errors.add("deputies", "range", "委员不足 3 名的支委会不设副书记。")
        if not 0 <= form.deputies <= 2 or form.deputies >= form.places:
            errors.add("deputies", "range", "副书记人数须为 0 至 2 名，且少于委员人数。")
        if form.submitted_on is not None and (bad := date_problem("方案报送日期", form.submitted_on)):
            errors.add("submitted_on", *bad)
        note = errors.check(bounded, "note", "方案要点", clean_text(form.note), TEXT_MAX)
        errors.raise_if_any()
        if election_id is not None:
            self._require(self.get(election_id), "plan")
        elif (current := self.open_one()) is not None:
            raise Conflict(f"已有一次未完成的换届选举（{current.title}，{current.stage_label}），请先办完或删除它。")
        values = dict(planned_on=form.planned_on, places=form.places, deputies=form.deputies, plan_note=note or "",
                      plan_submitted_on=form.submitted_on)
        summary = f"换届工作方案：{form.planned_on:%Y-%m-%d} 选举，应选委员 {form.places} 名"
        return self._write(election_id, "election.plan" if election_id is None else "election.plan_update",
                           summary, values, {"places": form.places, "deputies": form.deputies,
                                             "planned_on": form.planned_on.isoformat()})

    def approve_plan(self, election_id: int, approved_on: dt.date, number: str) -> None:
        record = self.get(election_id)
        self._require(record, "plan")
        number = self._approval(approved_on, number, "方案批复", record.plan_submitted_on)
        self._write(election_id, "election.plan_approval", f"上级党组织批复换届工作方案（{number}）",
                    dict(plan_approved_on=approved_on, plan_approval_no=number),
                    {"approved_on": approved_on.isoformat(), "number": number})

    def _approval(self, day: dt.date | None, number: str, label: str, after: dt.date | None) -> str:
        errors = ErrorCollector()
        if day is None:
            errors.add("approved_on", "required", f"请填写{label}日期。")
        elif bad := date_problem(f"{label}日期", day):
            errors.add("approved_on", *bad)
        elif after is not None and day < after:
            errors.add("approved_on", "order", f"{label}日期 {day:%Y-%m-%d} 早于报送（或召开）日期 {after:%Y-%m-%d}，请核对。")
        text = errors.check(bounded, "number", f"{label}文号", clean_line(number), NAME_MAX, True)
        errors.raise_if_any()
        return text or ""

    def set_candidates(self, election_id: int, member_ids: list[int], on: dt.date | None = None) -> None:
        """The 预备人选: 正式党员 of the roster on the day they are chosen (``on``, else
        today), 差额 for the 委员 places."""
        record = self.get(election_id)
        self._require(record, "candidates", "meeting")
        errors = ErrorCollector()
        chosen = []
        for member_id in dict.fromkeys(member_ids):
            member = Member.get_or_none(Member.id == member_id)
            if member is None or member.branch_id != self._archive.branch.own_id():
                errors.add("candidates", "member", f"候选人（编号 {member_id}）不在本支部名册中。")
            elif problem := candidate_problem(member, on or clock.today()):
                errors.add("candidates", "not_full", problem)
            else:
                chosen.append(store.Person(member.id, member.name))
        if not errors.errors and (problem := margin_problem(record.places, len(chosen))):
            errors.add("candidates", "margin", problem)
        if on is not None and (bad := date_problem("确定候选人日期", on)):
            errors.add("candidates_on", *bad)
        errors.raise_if_any()
        names = "、".join(p.name for p in chosen)
        self._write(election_id, "election.candidates", f"确定候选人 {len(chosen)} 名：{names}",
                    dict(candidates=store.dump_people(chosen), candidates_on=on), {"candidates": [p.member_id for p in chosen]})

    def plan_meeting(self, election_id: int, day: dt.date | None = None) -> int:
        """The 支部党员大会 of this election as a meeting record (created once)."""
        record = self.get(election_id)
        if record.meeting_id is not None:
            return record.meeting_id
        self._require(record, "candidates", "meeting")
        form = MeetingForm(kind="general", planned_on=day or record.planned_on, title=MEETING_TITLE,
                           agenda=[AgendaItem("选举产生新一届支部委员会", f"应选委员{record.places}名，差额选举")])
        with self._archive.db.atomic():
            meeting_id = self._archive.meetings.plan(form)
            self._write(election_id, "election.meeting", f"建立换届选举党员大会会议记录（{form.planned_on:%Y-%m-%d}）",
                        dict(meeting=meeting_id), {"meeting_id": meeting_id})
        return meeting_id

    def link_meeting(self, election_id: int, meeting_id: int) -> None:
        """A 支部党员大会 already recorded in 三会一课 (held, its attendance marked) is the
        大会 of this election; its record is read, never rewritten (it may be sealed)."""
        record = self.get(election_id)
        self._require(record, "meeting")
        if record.rounds:
            raise Conflict("已经登记了计票结果，不能再更换党员大会。")
        detail = self._archive.meetings.detail(meeting_id)
        if detail.form.kind != "general":
            raise ValidationError("meeting_id", "kind", f"换届选举须由支部党员大会进行，所选会议是{detail.kind_label}。")
        if detail.form.held_on is None:
            raise ValidationError("meeting_id", "not_held", f"所选会议「{detail.form.title}」还没有召开。")
        self._write(election_id, "election.meeting", f"以「{detail.form.title}」为换届选举党员大会",
                    dict(meeting=meeting_id), {"meeting_id": meeting_id})

    def record_attendance(self, election_id: int, held_on: dt.date, marks: dict[int, Mark]) -> None:
        """Who of the electors came to the 大会; written into its meeting record. After a
        void vote (too few present) the 大会 may be held again and its attendance redone."""
        record = self.get(election_id)
        if not (record.stage == "voting" and record.rounds[-1].outcome.void):
            self._require(record, "meeting")
        meeting_id = self.plan_meeting(election_id, held_on)
        form = self._archive.meetings.form(meeting_id)
        errors = ErrorCollector()
        if bad := date_problem("党员大会召开日期", held_on):
            errors.add("held_on", *bad)
        by_id = {e.member_id: e for e in form.attendance if not e.is_guest and e.member_id is not None}
        for member_id in marks:
            entry = by_id.get(member_id)
            if entry is None:
                errors.add("attendance", "member", f"编号 {member_id} 的党员不在本次大会的应到名单中。")
            elif not entry.voting:
                errors.add("attendance", "not_elector", f"「{entry.name}」是预备党员，没有选举权，不能登记为选举人（可以列席）。")
        missing = [e.name for e in by_id.values() if e.voting and e.member_id not in marks]
        if missing:
            errors.add("attendance", "unrecorded", f"请登记每名有选举权党员的到会情况，还缺：{'、'.join(missing)}。")
        for member_id, mark in marks.items():
            entry = by_id.get(member_id)
            if entry is None or not entry.voting:
                continue
            if mark.status not in ("present", "absent", "not_counted"):
                errors.add("attendance", "status", f"「{entry.name}」的到会情况无效。")
            elif mark.status == "absent" and mark.reason not in labels.ABSENCE_REASONS:
                errors.add("attendance", "reason", f"「{entry.name}」缺席，请选择缺席原因。")
            elif mark.status == "not_counted" and mark.exclusion not in EXCLUSIONS:
                errors.add("attendance", "exclusion", f"「{entry.name}」不计入应到人数，须是选举工作条例允许的情形之一。")
            else:
                entry.status = mark.status
                entry.reason = mark.reason if mark.status == "absent" else ""
                entry.note = EXCLUSIONS[mark.exclusion] if mark.status == "not_counted" else ""
        errors.raise_if_any()
        form.held_on = held_on
        counts = meeting_rules.Counts.of(form.attendance)
        with self._archive.db.atomic():
            self._archive.meetings.save(meeting_id, form)
            self._write(election_id, "election.attendance",
                        f"登记换届选举党员大会到会情况：应到 {counts.voters_due} 名，实到 {counts.voters_present} 名",
                        {}, {"held_on": held_on.isoformat(), "due": counts.voters_due, "present": counts.voters_present})

    def record_round(self, election_id: int, form: RoundForm) -> None:
        """One vote of the 大会, counted at once (``rules.count_round``)."""
        record = self.get(election_id)
        self._require(record, "meeting", "voting")
        if record.held_on is None:
            raise ValidationError("held_on", "not_held", "请先登记党员大会的召开日期和到会情况，再登记选票。")
        kind, places, candidates = self.next_round(record, form.candidate_ids)
        counts = meeting_rules.Counts.of(self._archive.meetings.form(record.meeting_id).attendance)
        due, present = counts.voters_due, counts.voters_present
        errors = ErrorCollector()
        if form.issued < 0 or form.returned < 0 or form.invalid < 0:
            errors.add("ballots", "negative", "选票张数不能是负数。")
        if form.issued > present:
            errors.add("issued", "too_many", f"发出选票 {form.issued} 张，多于到会有选举权的党员 {present} 名，请核对。")
        if form.invalid > form.returned:
            errors.add("invalid", "too_many", "无效票不能多于收回的选票。")
        valid = form.returned - form.invalid
        wanted = {p.member_id for p in candidates}
        if set(form.votes) != wanted:
            errors.add("votes", "candidates", "请为本轮每名候选人登记赞成票数（只登记本轮候选人）。")
        for person in candidates:
            yes = form.votes.get(person.member_id, 0)
            if yes < 0 or yes > max(valid, 0):
                errors.add("votes", "range", f"「{person.name}」的赞成票 {yes} 张，须在 0 至有效票 {max(valid, 0)} 张之间。")
        if sum(form.votes.values()) > max(valid, 0) * places:
            errors.add("votes", "sum", f"赞成票合计多于有效票 × 应选名额（每张选票最多赞成 {places} 人），请核对。")
        errors.raise_if_any()
        votes = [store.Vote(p.member_id, p.name, form.votes[p.member_id]) for p in candidates]
        new = store.RoundRecord(kind, places, candidates, due, present, form.issued, form.returned, form.invalid,
                                votes, store.count_round(places, due, present, form.issued, form.returned, votes))
        rounds = json.loads(self._row(election_id).rounds or "[]") + [store.dump_round(new)]
        self._write(election_id, "election.round", f"登记{new.kind_label}计票结果：{new.outcome.explanation}",
                    dict(rounds=json.dumps(rounds, ensure_ascii=False)),
                    {"kind": kind, "issued": form.issued, "returned": form.returned, "invalid": form.invalid,
                     "votes": {str(k): v for k, v in form.votes.items()}})

    def next_round(self, record: ElectionRecord, chosen: list[int] | None = None):
        """(kind, places, candidates) of the next vote: the first with every candidate; the
        same again after a void one; 重新投票 among those tied; 另行选举 for places left."""
        if not record.rounds:
            return "first", record.places, record.candidates
        last = record.rounds[-1]
        if last.outcome.void:
            return "again", last.places, last.candidates
        if record.tied:
            return "revote", record.tie_places, record.tied
        elected = {p.member_id for p in record.elected}
        left = [p for p in record.candidates if p.member_id not in elected]
        if chosen is None:
            return "extra", record.open_places, left
        picked = [p for p in left if p.member_id in set(chosen)]
        if len(picked) != len(set(chosen)):
            raise ValidationError("candidates", "extra", "另行选举的候选人须从未当选的候选人中选择。")
        if problem := margin_problem(record.open_places, len(picked)):
            raise ValidationError("candidates", "margin", "另行选举仍实行差额：" + problem)
        return "extra", record.open_places, picked

    def undo_round(self, election_id: int) -> None:
        record = self.get(election_id)
        self._require(record, "voting", "offices")
        rounds = json.loads(self._row(election_id).rounds)[:-1]
        self._write(election_id, "election.round_undo", f"撤销{record.rounds[-1].kind_label}计票结果",
                    dict(rounds=json.dumps(rounds, ensure_ascii=False)), {"left": len(rounds)})

    def record_offices(self, election_id: int, form) -> None:
        approval.record_offices(self, election_id, form)

    def approve_result(self, election_id: int, approved_on: dt.date, number: str,
                       submitted_on: dt.date | None = None) -> None:
        approval.approve_result(self, election_id, approved_on, number, submitted_on)

    def delete(self, election_id: int) -> None:
        """An election not yet approved may be dropped (its meeting record stays)."""
        record = self.get(election_id)
        if record.stage == "done":
            raise Conflict("选举结果已经上级批复并生效，不能删除。")
        self._archive.require_writable()
        with self._archive.db.atomic():
            Election.delete().where(Election.id == election_id).execute()
            self._archive.audit.record("election.delete", f"删除换届选举记录：{record.title}", "election", election_id, {})

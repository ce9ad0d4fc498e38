"""``archive.recruit``: the 发展档案 of each person, from 入党申请书 to 转正 and 归档.

Steps are recorded one at a time in the 细则's order (``rules.check``); a meeting step
reads its date and vote from the meeting (``meetings_link``); the 审批 of 接收 puts the
person on the roster as 预备党员 and the 审批 of 转正 makes them 正式党员 from the end of
the 预备期 (``effects``). Every change is in the audit log, in its own transaction."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from .. import clock, labels
from ..errors import Conflict, NotFound, ValidationError, ValidationErrors
from ..meetings.attachments import copy_into_archive, stored_file
from ..roster import idnumber
from ..storage.binding import ArchiveBound
from ..storage.models import Meeting, Member, PartyGroup
from ..storage.recruit_models import RecruitDocument, RecruitPerson, RecruitStep
from ..text import LINE_MAX, NAME_MAX, TEXT_MAX, bounded, clean_line, clean_name, clean_text
from . import effects, meetings_link, rules
from .forms import (
    DocumentInfo,
    Dossier,
    DueItem,
    PersonForm,
    PersonSummary,
    StepForm,
    StepPerson,
    StepRecord,
)
from .seal import RECRUIT
from .steps import BY_KEY


class RecruitManager(ArchiveBound):
    def __init__(self, archive):
        self._archive = archive

    # -- reading ---------------------------------------------------------------
    def person_ids(self, stage: str | None = None) -> list[int]:
        """The current version of each 发展档案 (a corrected one is listed by its revision)."""
        rows = RecruitPerson.select(RecruitPerson.id).where(
            RecruitPerson.branch == self._archive.branch.own_id(),
            self._archive.records.current_only(RECRUIT, RecruitPerson.id))
        ids = [row.id for row in rows.order_by(RecruitPerson.id)]
        if stage is None:
            return ids
        return [s.id for s in self.summaries(ids) if s.stage == stage]

    def summaries(self, ids: list[int] | None = None, today: dt.date | None = None) -> list[PersonSummary]:
        """The list of people: stage, last step and what is due, in stage order then name."""
        today = today or clock.today()
        ids = self.person_ids() if ids is None else ids
        found = []
        for person in RecruitPerson.select().where(RecruitPerson.id.in_(ids)):
            steps = self._steps(person.id, with_details=False)
            found.append(PersonSummary(
                person.id, person.name, person.gender, rules.stage_of(steps),
                steps[-1].step if steps else "", steps[-1].done_on if steps else None,
                rules.next_keys(steps), rules.due_items(person.id, person.name, steps, today),
            ))
        order = list(labels.RECRUIT_STAGES)
        by_name = self._archive.members.sorted_by_name(found)
        return sorted(by_name, key=lambda s: order.index(s.stage))

    def dossier(self, person_id: int, today: dt.date | None = None) -> Dossier:
        person = self._person(person_id)
        steps = self._steps(person_id)
        return Dossier(
            person.id, person.name, person.gender, person.birth_date, person.id_number, person.ethnicity,
            person.education, person.phone, person.job, person.note, person.member_id, steps,
            rules.stage_of(steps), rules.next_keys(steps), rules.probation_end(steps),
            rules.due_items(person.id, person.name, steps, today or clock.today()), person.state,
        )

    def due(self, today: dt.date | None = None) -> list[DueItem]:
        """Everything due on every record, the overdue first (首页, the page, the CLI)."""
        items = [item for summary in self.summaries(today=today) for item in summary.due]
        return sorted(items, key=lambda item: (not item.overdue, item.due_on))

    def member_ids(self) -> set[int]:
        """Roster members who came in through a 发展档案 here."""
        rows = RecruitPerson.select(RecruitPerson.member).where(
            RecruitPerson.branch == self._archive.branch.own_id(), RecruitPerson.member.is_null(False))
        return {row.member_id for row in rows}

    def find(self, name: str) -> list[int]:
        """Ids of the people named ``name`` (whitespace ignored)."""
        wanted = clean_name(name)
        current = set(self.person_ids())
        return [p.id for p in RecruitPerson.select().where(RecruitPerson.branch == self._archive.branch.own_id())
                if p.id in current and clean_name(p.name) == wanted]

    # -- the person ------------------------------------------------------------
    def add_person(self, form: PersonForm) -> int:
        """Open a 发展档案; the 入党申请书 is then its first step."""
        self._archive.require_writable()
        values = self._checked_person(form)
        now = clock.now().isoformat(sep=" ")
        with self._archive.db.atomic():
            row = RecruitPerson.create(branch=self._archive.branch.own_id(), created_at=now, updated_at=now, **values)
            self._archive.audit.record("recruit.person", f"新建发展档案：{values['name']}", "recruit_person", row.id,
                                       {"id_number": idnumber.mask(values["id_number"])})
        return row.id

    def update_person(self, person_id: int, form: PersonForm) -> None:
        self._archive.require_writable()
        self._person(person_id)
        self._archive.records.require_draft(RECRUIT, person_id)
        values = self._checked_person(form, person_id)
        with self._archive.db.atomic():
            RecruitPerson.update(updated_at=clock.now().isoformat(sep=" "), **values).where(
                RecruitPerson.id == person_id).execute()
            self._archive.audit.record("recruit.person_update", f"修改发展档案：{values['name']}", "recruit_person", person_id)

    def delete_person(self, person_id: int) -> None:
        """Only a record opened by mistake: one with steps is kept (终止 or 归档 instead)."""
        self._archive.require_writable()
        person = self._person(person_id)
        self._archive.records.require_draft(RECRUIT, person_id)
        if RecruitStep.select().where(RecruitStep.person == person_id).exists():
            raise Conflict(f"{person.name}的发展档案已登记了步骤，不能删除；如不再发展，请登记相应结论后「材料归档」。")
        with self._archive.db.atomic():
            RecruitPerson.delete().where(RecruitPerson.id == person_id).execute()
            self._archive.audit.record("recruit.person_delete", f"删除发展档案：{person.name}", "recruit_person", person_id)

    # -- steps -----------------------------------------------------------------
    def record_step(self, person_id: int, form: StepForm) -> int:
        """Check and store the next step, with what it changes on the roster; all or nothing."""
        self._archive.require_writable()
        person = self._person(person_id)
        self._archive.records.require_draft(RECRUIT, person_id)
        steps = self._steps(person_id, with_details=False)
        decision = None
        if BY_KEY.get(form.step) and BY_KEY[form.step].meeting and form.step in rules.next_keys(steps):
            decision = self._meeting_decision(person.name, form)
            form.done_on, form.resolution_no = decision.held_on, decision.resolution_no
        facts = rules.Facts(person.birth_date, self._full_members(), clock.today())
        cleaned = rules.check(steps, form, facts)
        if cleaned.group_id is not None and not PartyGroup.select().where(
                PartyGroup.id == cleaned.group_id, PartyGroup.branch == self._archive.branch.own_id()).exists():
            raise ValidationErrors([ValidationError("group_id", "missing", "所选党小组不存在，请重新选择。")])
        title = BY_KEY[cleaned.step].title
        with self._archive.db.atomic():
            row = RecruitStep.create(
                person=person_id, position=len(steps) + 1, step=cleaned.step, done_on=cleaned.done_on,
                people=json.dumps([vars(p) for p in cleaned.people], ensure_ascii=False), body=cleaned.body,
                decision=cleaned.decision, text=cleaned.text, reason=cleaned.reason, days=cleaned.days,
                hours=cleaned.hours, extension_months=cleaned.extension_months, group=cleaned.group_id,
                meeting=cleaned.meeting_id, resolution_no=cleaned.resolution_no,
                recorded_at=clock.now().isoformat(sep=" "),
            )
            effects.apply(self._archive, person, self._steps(person_id, with_details=False))
            self._archive.audit.record(
                "recruit.step", f"{person.name}：{title}（{cleaned.done_on:%Y-%m-%d}）", "recruit_person", person_id,
                {"step": cleaned.step, "reason": cleaned.reason} if cleaned.reason else {"step": cleaned.step},
            )
        return row.id

    def undo_last_step(self, person_id: int) -> None:
        """Take back the last step entered by mistake, unless it already changed the roster
        (that is corrected on the roster, with its history)."""
        self._archive.require_writable()
        person = self._person(person_id)
        self._archive.records.require_draft(RECRUIT, person_id)
        steps = self._steps(person_id, with_details=False)
        if not steps:
            raise Conflict(f"{person.name}的发展档案还没有登记任何步骤。")
        latest = steps[-1]
        if latest.step in effects.ROSTER_STEPS and latest.decision == "approved":
            raise Conflict(f"「{latest.kind.title}」已改变了党员名册中{person.name}的状态，不能撤销；如有错误，请在党员名册中更正。")
        with self._archive.db.atomic():
            RecruitDocument.delete().where(RecruitDocument.step == latest.id).execute()
            RecruitStep.delete().where(RecruitStep.id == latest.id).execute()
            self._archive.audit.record("recruit.step_undo", f"{person.name}：撤销「{latest.kind.title}」", "recruit_person",
                                       person_id, {"step": latest.step, "done_on": latest.done_on.isoformat()})

    def meeting_form(self, person_ids: list[int], step_key: str, planned_on: dt.date):
        """A new 支委会/支部党员大会 record deciding ``step_key`` for these people (not saved)."""
        names = [self._person(pid).name for pid in person_ids]
        if not BY_KEY.get(step_key) or not BY_KEY[step_key].meeting:
            raise ValidationError("step", "not_meeting", "这一步不需要开会决定。")
        return meetings_link.meeting_form(step_key, names, planned_on, self._has_committee())

    def meetings_for(self, step_key: str) -> list:
        """Held meetings that may decide ``step_key`` (支委会 or 支部党员大会), newest first."""
        kinds = meetings_link.meeting_kinds_for(step_key, self._has_committee())
        meetings = self._archive.meetings
        ids = sorted({mid for kind in kinds for mid in meetings.query_ids(kind=kind)})
        held = [s for s in meetings.summaries(ids) if s.state in meetings_link.HELD_STATES and s.held_on]
        return sorted(held, key=lambda s: (s.held_on, s.id), reverse=True)

    def resolutions_of(self, meeting_id: int) -> list[tuple[int, str]]:
        """(number, text) of each voted resolution of a meeting, to pick the one on a person."""
        form = self._archive.meetings.form(meeting_id, with_roster=False)
        return [(n, r.text) for n, r in enumerate(form.resolutions, start=1) if r.voted]

    def plan_meeting(self, person_ids: list[int], step_key: str, planned_on: dt.date) -> int:
        """Create the meeting record for ``step_key`` in 三会一课; returns its id."""
        return self._archive.meetings.plan(self.meeting_form(person_ids, step_key, planned_on))

    # -- 定稿 → 已上报 (the same rules as every sealed record) -----------------------
    def state(self, person_id: int) -> str:
        self._person(person_id)
        return self._archive.records.state(RECRUIT, person_id)

    def finalise(self, person_id: int) -> None:
        """定稿 once the record is complete: 材料归档 recorded (after 转正, or after it ended)."""
        self._archive.require_writable()
        person = self._person(person_id)
        if rules.last(self._steps(person_id, with_details=False), "archived") is None:
            raise ValidationErrors([ValidationError(
                "state", "not_archived", f"{person.name}的发展档案还没有登记「25. 材料归档」，不能定稿。")])
        self._archive.records.finalise(RECRUIT, person_id)

    def reopen(self, person_id: int, reason: str) -> None:
        self._person(person_id)
        self._archive.records.reopen(RECRUIT, person_id, reason)

    def report(self, person_id: int, note: str = ""):
        """已上报: sealed with its steps and papers; the seal is checked like every other."""
        self._person(person_id)
        return self._archive.records.report(RECRUIT, person_id, note)

    def correct(self, person_id: int, reason: str) -> int:
        self._person(person_id)
        return self._archive.records.correct(RECRUIT, person_id, reason)

    def verify(self, person_id: int):
        return self._archive.records.verify(RECRUIT, person_id)

    # -- documents -------------------------------------------------------------
    def attach(self, step_id: int, path, title: str = "") -> int:
        """A scan of the step's paper, copied into the archive under its SHA-256."""
        self._archive.require_writable()
        step = self._step_row(step_id)
        self._archive.records.require_draft(RECRUIT, step.person_id)
        source = Path(path)
        title = bounded("title", "材料名称", clean_line(title) or source.stem, LINE_MAX)
        relative, digest, size = copy_into_archive(self._archive, source)
        with self._archive.db.atomic():
            position = RecruitDocument.select().where(RecruitDocument.step == step_id).count() + 1
            row = RecruitDocument.create(step=step_id, position=position, title=title, original_name=source.name,
                                         stored_path=relative, sha256=digest, size=size,
                                         added_at=clock.now().isoformat(sep=" "))
            self._archive.audit.record("recruit.document", f"添加发展党员材料：{title}", "recruit_person",
                                       step.person_id, {"sha256": digest, "size": size, "name": source.name})
        return row.id

    def document_file(self, document_id: int) -> Path:
        row = (RecruitDocument.select().join(RecruitStep).join(RecruitPerson)
               .where(RecruitDocument.id == document_id, RecruitPerson.branch == self._archive.branch.own_id()).first())
        if row is None:
            raise NotFound("发展党员材料", document_id)
        return stored_file(self._archive, row.stored_path, row.sha256, row.title)

    # -- helpers ---------------------------------------------------------------
    def _person(self, person_id: int) -> RecruitPerson:
        row = RecruitPerson.get_or_none(RecruitPerson.id == person_id,
                                        RecruitPerson.branch == self._archive.branch.own_id())
        if row is None:
            raise NotFound("发展档案", person_id)
        return row

    def _step_row(self, step_id: int) -> RecruitStep:
        row = (RecruitStep.select().join(RecruitPerson)
               .where(RecruitStep.id == step_id, RecruitPerson.branch == self._archive.branch.own_id()).first())
        if row is None:
            raise NotFound("发展步骤", step_id)
        return row

    def _steps(self, person_id: int, with_details: bool = True) -> list[StepRecord]:
        rows = list(RecruitStep.select().where(RecruitStep.person == person_id).order_by(RecruitStep.position))
        groups = {g.id: g.name for g in PartyGroup.select()} if rows else {}
        records = []
        for row in rows:
            record = StepRecord(
                row.id, row.position, row.step, row.done_on, [StepPerson(**p) for p in json.loads(row.people)],
                row.body, row.decision, row.text, row.reason, row.days, row.hours, row.extension_months,
                row.group_id, groups.get(row.group_id, ""), row.meeting_id, row.resolution_no,
            )
            if with_details:
                self._add_details(record)
            records.append(record)
        return records

    def _add_details(self, record: StepRecord) -> None:
        if record.meeting_id:
            detail = self._archive.meetings.detail(record.meeting_id)
            record.meeting_title = f"{detail.form.title}（{detail.date:%Y-%m-%d}）"
            if record.resolution_no and record.resolution_no <= len(detail.form.resolutions):
                from ..meetings import rules as meeting_rules

                resolution = detail.form.resolutions[record.resolution_no - 1]
                record.vote_text = meeting_rules.outcome(detail.form.kind, detail.form.attendance, resolution).explanation
        record.documents = [
            DocumentInfo(d.id, d.title, d.original_name, d.sha256, d.size, d.added_at)
            for d in RecruitDocument.select().where(RecruitDocument.step == record.id).order_by(RecruitDocument.position)
        ]

    def _meeting_decision(self, name: str, form: StepForm) -> meetings_link.MeetingDecision:
        if form.meeting_id is None:
            raise ValidationErrors([ValidationError(
                "meeting_id", "required",
                f"「{BY_KEY[form.step].title}」须由会议决定：请选择已召开的会议记录，或先新建会议并登记表决结果。")])
        if not Meeting.select().where(Meeting.id == form.meeting_id,
                                      Meeting.branch == self._archive.branch.own_id()).exists():
            raise NotFound("会议", form.meeting_id)
        detail = self._archive.meetings.detail(form.meeting_id)
        try:
            return meetings_link.decision_of(detail, form.step, name, form.resolution_no, self._has_committee())
        except ValidationError as error:
            raise ValidationErrors([error]) from None

    def _has_committee(self) -> bool:
        return len(self._archive.branch.own().committee) >= 3

    def _full_members(self) -> dict[int, str]:
        rows = Member.select(Member.id, Member.name).where(
            Member.branch == self._archive.branch.own_id(), Member.status == "full")
        return {row.id: row.name for row in rows}

    def _checked_person(self, form: PersonForm, person_id: int | None = None) -> dict:
        errors = []

        def keep(fn, *args):
            try:
                return fn(*args)
            except ValidationError as error:
                errors.append(error)
                return None

        name = keep(bounded, "name", "姓名", clean_name(form.name), NAME_MAX, True)
        facts = keep(idnumber.parse, form.id_number)
        values = dict(
            name=name,
            ethnicity=keep(bounded, "ethnicity", "民族", clean_line(form.ethnicity) or "汉族", NAME_MAX),
            education=keep(bounded, "education", "学历", clean_line(form.education), NAME_MAX),
            phone=keep(bounded, "phone", "联系电话", clean_line(form.phone), NAME_MAX),
            job=keep(bounded, "job", "工作单位及职务", clean_line(form.job), LINE_MAX),
            note=keep(bounded, "note", "备注", clean_text(form.note), TEXT_MAX),
        )
        if facts is not None:
            values.update(id_number=facts.number, birth_date=facts.birth_date,
                          gender=labels.key_for(labels.GENDERS, facts.gender))
            # one 发展档案 a person (earlier versions of a corrected one do not count)
            clash = RecruitPerson.select().where(RecruitPerson.branch == self._archive.branch.own_id(),
                                                 RecruitPerson.id_number == facts.number,
                                                 self._archive.records.current_only(RECRUIT, RecruitPerson.id))
            if person_id is not None:
                clash = clash.where(RecruitPerson.id != person_id)
            if (other := clash.first()) is not None:
                errors.append(ValidationError("id_number", "duplicate",
                                              f"身份证号码 {idnumber.mask(facts.number)} 已有「{other.name}」的发展档案，同一人不能重复建档。"))
            member = self._archive.members.find_by_id_number(facts.number)
            linked = person_id is not None and self._person(person_id).member_id
            if member is not None and not linked:
                errors.append(ValidationError("id_number", "member",
                                              f"身份证号码 {idnumber.mask(facts.number)} 已在党员名册中（{member.name}，"
                                              f"{member.status_label}），不需要建发展档案。"))
        if errors:
            raise ValidationErrors(errors)
        return values

"""``archive.life``: the yearly 组织生活会 — plan, the meeting (its attendance is an
ordinary meeting record, see ``open_meeting``), the secretary's report, 回头看 of last
year's rectification items, summary — and its lifecycle 草稿 → 定稿 → 已上报.

The opinions, problem lists, 对照检查 and criticism entries are edited through
``archive.life.opinions`` / ``.problems`` / ``.examinations`` / ``.criticism``."""

from __future__ import annotations

import datetime as dt

from .. import clock, labels
from ..errors import Conflict, NotFound, ValidationError, ValidationErrors
from ..meetings import MEETING, AgendaItem, MeetingForm
from ..safety.sealing import ChildSpec, SealSpec
from ..storage.binding import ArchiveBound
from ..storage.models import Appraisal, LifeCycle, PartyGroup
from . import readiness, snapshot, store, validate
from .entries import CriticismEntries, Examinations, Opinions, Problems
from .forms import CycleDetail, PlanForm

LIFE_CYCLE = SealSpec(
    "life_cycle",
    "组织生活会记录",
    children=tuple(
        ChildSpec(table, "cycle_id") for table in ("life_opinion", "life_problem", "life_examination", "life_criticism")
    ),
    optional_columns=("sealed_facts",),
)
# The meeting's agenda, written into its record when the meeting is opened.
AGENDA = (
    "通报上年度整改事项落实情况（回头看）",
    "支部书记报告支部工作，代表支委会作对照检查，带头开展自我批评",
    "党员逐一进行自我批评，其他党员开展相互批评",
    "会议小结，明确整改方向",
)
WITH_APPRAISAL = "开展民主评议党员"
TEXT_FIELDS = {"secretary_report": "书记报告", "review": "回头看情况", "summary": "会议小结"}


class LifeManager(ArchiveBound):
    def __init__(self, archive):
        self._archive = archive
        self.opinions = Opinions(self)
        self.problems = Problems(self)
        self.examinations = Examinations(self)
        self.criticism = CriticismEntries(self)

    # -- reading ---------------------------------------------------------------
    def _current(self):
        return (LifeCycle.branch == self._archive.branch.own_id()) & self._archive.records.current_only(
            LIFE_CYCLE, LifeCycle.id
        )

    def years(self) -> list[int]:
        """Years that have a cycle, newest first."""
        rows = LifeCycle.select(LifeCycle.year).where(self._current()).distinct().tuples()
        return sorted((r[0] for r in rows), reverse=True)

    def cycle_id(self, year: int) -> int | None:
        """The current version of the ``year`` cycle, or None."""
        row = LifeCycle.select(LifeCycle.id).where(self._current(), LifeCycle.year == year).first()
        return row.id if row else None

    def require_cycle(self, year: int) -> int:
        cycle_id = self.cycle_id(year)
        if cycle_id is None:
            raise NotFound(f"{year} 年度组织生活会", "尚未建立")
        return cycle_id

    def _row(self, cycle_id: int) -> LifeCycle:
        row = LifeCycle.get_or_none(LifeCycle.id == cycle_id, LifeCycle.branch == self._archive.branch.own_id())
        if row is None:
            raise NotFound("组织生活会", cycle_id)
        return row

    def _draft_row(self, cycle_id: int) -> LifeCycle:
        row = self._row(cycle_id)
        self._archive.records.require_draft(LIFE_CYCLE, cycle_id)
        return row

    def state(self, cycle_id: int) -> str:
        return self._row(cycle_id).state

    def detail(self, cycle_id: int) -> CycleDetail:
        row = self._row(cycle_id)
        branch = self._archive.branch.own()
        group = PartyGroup.get_or_none(PartyGroup.id == row.group_id) if row.group_id else None
        _, secretary = store.secretary(branch.id)
        opinions = self.opinions.list(cycle_id)
        problems = self.problems.list(cycle_id)
        criticism = self.criticism.list(cycle_id)
        uids = [o.uid for o in opinions] + [p.uid for p in problems] + [c.uid for c in criticism]
        return CycleDetail(
            id=row.id, year=row.year, state=row.state, plan=store.plan_of(row), meeting_id=self.meeting_id(cycle_id),
            secretary_report=row.secretary_report, review=row.review, summary=row.summary, branch_name=branch.name,
            higher_org=branch.higher_org, group_name=group.name if group else "", secretary_name=secretary,
            opinions=opinions, problems=problems, examinations=self.examinations.list(cycle_id), criticism=criticism,
            linked_items=store.linked_items(branch.id, uids), created_at=row.created_at, updated_at=row.updated_at,
            branch_code=branch.code or "",
        )

    def meeting_id(self, cycle_id: int) -> int | None:
        """The newest version of the cycle's meeting record, None before it is opened."""
        row = self._row(cycle_id)
        if row.meeting_id is None:
            return None
        return self._archive.records.latest_id(MEETING, row.meeting_id)

    # -- writing: the plan and the texts ---------------------------------------
    def create(self, plan: PlanForm) -> int:
        """Open the ``plan.year`` cycle (one a year). It starts with the 回头看 of the
        items of earlier years (``review_items``)."""
        self._archive.require_writable()
        cleaned = validate.clean_plan(plan)
        self._check_group(cleaned)
        if self.cycle_id(cleaned.year) is not None:
            raise Conflict(f"{cleaned.year} 年度组织生活会已经建立，请在原记录上继续办理。")
        now = clock.now().isoformat(sep=" ")
        with self._archive.db.atomic():
            row = LifeCycle.create(branch=self._archive.branch.own_id(), state="draft", created_at=now,
                                   updated_at=now, **store.plan_values(cleaned))
            self._archive.audit.record("life.create", f"新建 {cleaned.year} 年度组织生活会", "life_cycle", row.id,
                                       {"year": cleaned.year})
        return row.id

    def save_plan(self, cycle_id: int, plan: PlanForm) -> None:
        """Save the plan; a meeting record not yet held follows the new date, theme and form."""
        self._archive.require_writable()
        row = self._draft_row(cycle_id)
        cleaned = validate.clean_plan(plan)
        self._check_group(cleaned)
        if cleaned.year != row.year:
            raise ValidationErrors([ValidationError("year", "fixed", "年度建立后不能修改；如年度填错，请删除后重新建立。")])
        meeting_id = self.meeting_id(cycle_id)
        meeting = self._archive.meetings.summary(meeting_id) if meeting_id else None
        if meeting is not None and meeting.state not in ("planned", "notified"):
            if (cleaned.form, cleaned.group_id) != (row.form, row.group_id):
                raise Conflict("会议已经召开并记录了出席情况，不能再改会议形式。")
        with self._archive.db.atomic():
            LifeCycle.update(updated_at=clock.now().isoformat(sep=" "), **store.plan_values(cleaned)).where(
                LifeCycle.id == cycle_id).execute()
            if meeting is not None and meeting.state in ("planned", "notified") and cleaned.planned_on:
                form = self._archive.meetings.form(meeting_id, with_roster=False)
                form.kind, form.group_id = cleaned.form, cleaned.group_id
                form.planned_on, form.theme = cleaned.planned_on, cleaned.theme
                form.attendance = []
                self._archive.meetings.save(meeting_id, form)
            self._archive.audit.record("life.update", f"修改 {row.year} 年度组织生活会方案", "life_cycle", cycle_id)

    def save_text(self, cycle_id: int, field: str, text: str) -> None:
        """The secretary's report (``secretary_report``), the 回头看 (``review``) or the
        summary (``summary``)."""
        self._archive.require_writable()
        if field not in TEXT_FIELDS:
            raise ValueError(field)
        row = self._draft_row(cycle_id)
        cleaned = validate.clean_long_text(field, TEXT_FIELDS[field], text)
        with self._archive.db.atomic():
            LifeCycle.update({field: cleaned, LifeCycle.updated_at: clock.now().isoformat(sep=" ")}).where(
                LifeCycle.id == cycle_id).execute()
            self._archive.audit.record("life.update", f"{row.year} 年度组织生活会：保存{TEXT_FIELDS[field]}",
                                       "life_cycle", cycle_id, {"field": field})

    def open_meeting(self, cycle_id: int) -> int:
        """The meeting record of the cycle, made on first use from the plan: its kind
        follows the form (大会 → 支部党员大会 …), so attendance, absence reasons, host
        and recorder are recorded, finalised and reported like any meeting's, and the
        meeting counts in the 三会一课 calendar. Returns the meeting's id."""
        existing = self.meeting_id(cycle_id)
        if existing is not None:
            return existing
        self._archive.require_writable()
        row = self._draft_row(cycle_id)
        if row.planned_on is None:
            raise ValidationErrors([ValidationError("planned_on", "required", "请先在「方案」中填写计划召开日期。")])
        agenda = list(AGENDA)
        if Appraisal.select().where(Appraisal.cycle == cycle_id).exists():
            agenda.insert(3, WITH_APPRAISAL)
        form = MeetingForm(kind=row.form, planned_on=row.planned_on, title=f"{row.year}年度组织生活会",
                           theme=row.theme, group_id=row.group_id, agenda=[AgendaItem(a) for a in agenda])
        with self._archive.db.atomic():
            meeting_id = self._archive.meetings.plan(form)
            LifeCycle.update(meeting=meeting_id, updated_at=clock.now().isoformat(sep=" ")).where(
                LifeCycle.id == cycle_id).execute()
            self._archive.audit.record("life.meeting", f"{row.year} 年度组织生活会：建立会议记录", "life_cycle",
                                       cycle_id, {"meeting_id": meeting_id})
        return meeting_id

    def delete(self, cycle_id: int) -> None:
        """Remove a draft cycle entered by mistake (with a meeting not yet held)."""
        self._archive.require_writable()
        row = self._draft_row(cycle_id)
        if any(r.revision_id == cycle_id for r in self._archive.records.revisions(LIFE_CYCLE, cycle_id)):
            raise Conflict("这是已上报记录的更正版本，不能删除；请修改后定稿、上报。")
        meeting_id = self.meeting_id(cycle_id)
        if meeting_id is not None and self._archive.meetings.summary(meeting_id).state not in ("planned", "notified"):
            raise Conflict("这次组织生活会已经召开并有会议记录，不能删除。")
        if Appraisal.select().where(Appraisal.cycle == cycle_id).exists():
            raise Conflict("这次组织生活会已关联民主评议，请先删除或改关联那次民主评议。")
        for rows in (self.opinions, self.problems, self.criticism):
            uids = [item.uid for item in rows.list(cycle_id)]
            if store.linked_items(self._archive.branch.own_id(), uids):
                raise Conflict("这次组织生活会的意见或问题已列入整改台账，不能删除。")
        with self._archive.db.atomic():
            for rows in (self.opinions, self.problems, self.examinations, self.criticism):
                rows.model.delete().where(rows.model.cycle == cycle_id).execute()
            LifeCycle.delete().where(LifeCycle.id == cycle_id).execute()
            if meeting_id is not None:
                self._archive.meetings.delete(meeting_id)
            self._archive.audit.record("life.delete", f"删除 {row.year} 年度组织生活会（草稿）", "life_cycle", cycle_id)

    # -- state -----------------------------------------------------------------
    def readiness(self, cycle_id: int, today: dt.date | None = None):
        """Every check before 定稿, passed or not (see ``readiness.checks``)."""
        return readiness.checks(self._archive, self.detail(cycle_id), today)

    def finalise(self, cycle_id: int) -> None:
        """草稿 → 定稿 once every blocking check passes; the meeting record is finalised with it."""
        problems = [c for c in self.readiness(cycle_id) if c.blocking and not c.ok]
        if problems and self.state(cycle_id) == "draft":
            raise ValidationErrors([ValidationError(c.key, "not_ready", f"{c.label}：{c.detail}") for c in problems])
        meeting_id = self.meeting_id(cycle_id)
        with self._archive.db.atomic():
            if meeting_id is not None and self._archive.meetings.summary(meeting_id).state == "held":
                self._archive.meetings.finalise(meeting_id)
            self._archive.records.finalise(LIFE_CYCLE, cycle_id)

    def reopen(self, cycle_id: int, reason: str) -> None:
        """定稿 → 草稿 (its meeting record too, if it was not reported)."""
        meeting_id = self.meeting_id(cycle_id)
        with self._archive.db.atomic():
            self._archive.records.reopen(LIFE_CYCLE, cycle_id, reason)
            if meeting_id is not None and self._archive.meetings.summary(meeting_id).state == "final":
                self._archive.meetings.reopen(meeting_id, reason)

    def report(self, cycle_id: int, note: str = ""):
        """定稿 → 已上报: the meeting record and the cycle are sealed together."""
        meeting_id = self.meeting_id(cycle_id)
        with self._archive.db.atomic():
            if meeting_id is not None and self._archive.meetings.summary(meeting_id).state == "final":
                self._archive.meetings.report(meeting_id, note)
            if self.state(cycle_id) == "final":
                # The facts its papers state go into the record before the seal is computed.
                facts = snapshot.take(self._archive, cycle_id, self.detail(cycle_id).year)
                LifeCycle.update(sealed_facts=facts).where(LifeCycle.id == cycle_id).execute()
            return self._archive.records.report(LIFE_CYCLE, cycle_id, note)

    def sealed_snapshot(self, cycle_id: int) -> snapshot.Snapshot | None:
        """What a reported cycle's papers state, as sealed (None for a cycle not reported,
        or reported before the facts were kept with it)."""
        row = LifeCycle.select(LifeCycle.state, LifeCycle.sealed_facts).where(LifeCycle.id == cycle_id).first()
        if row is None or row.state != "reported" or not row.sealed_facts:
            return None
        return snapshot.decode(row.sealed_facts)

    def review_for_papers(self, cycle_id: int, year: int):
        """The 回头看 items a paper of the cycle lists: as sealed, or as they stand now."""
        sealed = self.sealed_snapshot(cycle_id)
        return sealed.review if sealed else self._archive.rectification.review_items(year)

    def correct(self, cycle_id: int, reason: str) -> int:
        return self._archive.records.correct(LIFE_CYCLE, cycle_id, reason)

    def verify(self, cycle_id: int):
        return self._archive.records.verify(LIFE_CYCLE, cycle_id)

    # -- related ---------------------------------------------------------------
    def talk_window(self, year: int) -> tuple[dt.date, dt.date]:
        from .talks import talk_window

        return talk_window(self._archive, year)

    def attention(self, today: dt.date | None = None) -> list[str]:
        """Sentences for the home page: talks still missing before a coming meeting."""
        from .readiness import attention

        return attention(self._archive, today)

    def _check_group(self, plan: PlanForm) -> None:
        if plan.group_id is not None and not PartyGroup.select().where(
            PartyGroup.id == plan.group_id, PartyGroup.branch == self._archive.branch.own_id()
        ).exists():
            raise ValidationErrors([ValidationError("group_id", "missing", "所选党小组不存在，请重新选择。")])


def form_label(form: str) -> str:
    return labels.label(labels.LIFE_FORMS, form)

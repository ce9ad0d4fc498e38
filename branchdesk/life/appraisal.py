"""``archive.appraisal``: 民主评议党员 of a year — who is appraised, self-appraisals and
mutual remarks, the ballot tallies, the committee's grades, feedback and handling —
草稿 → 定稿 → 已上报 (sealed). The rules are in ``appraisal_rules``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import clock, labels
from ..errors import Conflict, ErrorCollector, NotFound, ValidationError, ValidationErrors
from ..meetings.rules import is_voting
from ..safety.sealing import ChildSpec, SealSpec
from ..storage.binding import ArchiveBound
from ..storage.models import Appraisal, Member
from ..storage.models import AppraisalEntry as EntryRow
from ..text import LINE_MAX, TEXT_MAX, bounded, clean_line, clean_text
from . import appraisal_rules as rules
from . import store
from .appraisal_rules import AppraisalEntry, AppraisalForm, GradeCounts
from .validate import year_span

APPRAISAL = SealSpec("appraisal", "民主评议党员记录", children=(ChildSpec("appraisal_entry", "appraisal_id"),))
MAX_VOTERS = 1000
_VOTE_FIELDS = ("votes_excellent", "votes_qualified", "votes_basic", "votes_unqualified")


@dataclass
class AppraisalDetail:
    id: int
    year: int
    state: str
    form: AppraisalForm
    branch_name: str
    higher_org: str
    branch_code: str = ""  # 组织代码, the first part of a paper's 档号

    @property
    def counts(self) -> GradeCounts:
        return rules.grade_counts(self.form.entries)

    @property
    def state_label(self) -> str:
        return labels.label(labels.RECORD_STATES, self.state)


def clean_form(form: AppraisalForm, year: int, people: dict[int, str], today: dt.date | None = None) -> AppraisalForm:
    """The form cleaned, or ValidationErrors naming each wrong field or row and the fix."""
    today = today or clock.today()
    errors = ErrorCollector()
    first, last = year_span(year)
    for field, what, day in (("held_on", "测评日期", form.held_on), ("decided_on", "支委会评定日期", form.decided_on)):
        if day is None:
            continue
        if day > today:
            errors.add(field, "future", f"「{what}」{day:%Y-%m-%d} 晚于今天，请核对。")
        elif not first <= day <= last:
            errors.add(field, "year", f"「{what}」{day:%Y-%m-%d} 不在 {year} 年度民主评议的时间范围内，请核对。")
    if form.held_on and form.decided_on and form.decided_on < form.held_on:
        errors.add("decided_on", "order", "支委会评定日期早于民主测评日期，请核对：先测评，后评定。")
    try:
        voters = int(form.voters or 0)
    except (TypeError, ValueError):
        voters = -1
    if not 0 <= voters <= MAX_VOTERS:
        errors.add("voters", "range", f"参加测评人数应在 0 到 {MAX_VOTERS} 之间，请核对。")
    note = errors.check(bounded, "note", "说明", clean_text(form.note), TEXT_MAX) or ""
    entries = []
    seen: set = set()
    for n, entry in enumerate(form.entries, start=1):
        cleaned = _clean_entry(entry, n, max(voters, 0), form, people, seen, errors)
        if cleaned is not None:
            entries.append(cleaned)
    if any(e.decided_grade for e in entries) and form.decided_on is None:
        errors.add("decided_on", "required", "已评定等次，请填写支委会评定日期。")
    counts = rules.grade_counts(entries)
    if not counts.within_limit:
        errors.add("decided_grade", "one_third",
                   f"评为优秀的有 {counts.excellent} 名，超过参评党员 {counts.appraised} 名的三分之一"
                   f"（最多 {counts.limit} 名）。请支委会重新研究，把部分党员评定为合格。")
    errors.raise_if_any()
    return AppraisalForm(form.held_on, voters, form.decided_on, note, form.cycle_id, entries)


def _clean_entry(entry: AppraisalEntry, n: int, voters: int, form: AppraisalForm, people: dict[int, str],
                 seen: set, errors: ErrorCollector) -> AppraisalEntry | None:
    name = clean_line(entry.member_name)
    if entry.member_id is not None:
        name = people.get(entry.member_id, name)
    where = f"第 {n} 行" + (f"（{name}）" if name else "")
    if not name:
        errors.add("entries", "name", f"{where}：请填写党员姓名，或删去这一行。")
        return None
    key = entry.member_id if entry.member_id is not None else name
    if key in seen:
        errors.add("entries", "duplicate", f"{where}：这名党员在名单中出现了两次，请删去重复的一行。")
        return None
    seen.add(key)
    problem = rules.tally_problem(entry, voters)
    if problem:
        errors.add("votes", "tally", f"{where}：{problem}，请核对测评票。")
    for field, value, table in (("self_grade", entry.self_grade, labels.GRADES),
                                ("decided_grade", entry.decided_grade, labels.GRADES)):
        if value and value not in table:
            errors.add(field, "choice", f"{where}：请选择优秀、合格、基本合格或不合格。")
    texts = {}
    for field, what, limit in (("self_appraisal", "自评", TEXT_MAX), ("mutual_remarks", "互评意见", TEXT_MAX),
                               ("decision_reason", "评定理由", LINE_MAX * 2), ("feedback_note", "反馈情况", LINE_MAX * 2),
                               ("handling_note", "处置说明", LINE_MAX * 2)):
        text = clean_text(getattr(entry, field))
        if len(text) > limit:
            errors.add(field, "too_long", f"{where}：「{what}」太长（{len(text)} 字），最多 {limit} 字。")
        texts[field] = text
    grade = entry.decided_grade
    leading = entry.leading_grades()
    if grade and leading and grade not in leading and not texts["decision_reason"] and not problem:
        top = "或".join(labels.GRADES[g] for g in leading)
        errors.add("decision_reason", "required",
                   f"{where}：测评得票最多的是「{top}」，支委会评定为「{labels.GRADES[grade]}」，请写明评定理由（结合日常表现）。")
    if entry.feedback_on is not None:
        if not grade:
            errors.add("feedback_on", "order", f"{where}：还没有评定等次，不能登记反馈。")
        elif entry.feedback_on > clock.today():
            errors.add("feedback_on", "future", f"{where}：反馈日期晚于今天，请核对。")
        elif form.decided_on and entry.feedback_on < form.decided_on:
            errors.add("feedback_on", "order", f"{where}：反馈日期早于支委会评定日期，请核对。")
    handling = entry.handling
    allowed = labels.HANDLINGS_FOR.get(grade, ())
    if handling and handling not in allowed:
        if not allowed:
            errors.add("handling", "not_needed", f"{where}：评定为「{labels.label(labels.GRADES, grade) or '未评定'}」"
                       "的党员不需要组织处置，请清空处置方式。")
        else:
            choices = "、".join(labels.HANDLINGS[h] for h in allowed)
            errors.add("handling", "choice", f"{where}：评定为{labels.GRADES[grade]}的党员，处置方式只能是{choices}。")
    return AppraisalEntry(
        name, entry.member_id, entry.self_grade, texts["self_appraisal"], texts["mutual_remarks"],
        *entry.votes, grade, texts["decision_reason"], entry.feedback_on, texts["feedback_note"],
        handling, texts["handling_note"],
    )


def finalise_problems(form: AppraisalForm) -> list[ValidationError]:
    """What a clean appraisal still lacks before 定稿."""
    problems = []

    def add(field: str, detail: str) -> None:
        problems.append(ValidationError(field, "incomplete", detail))

    def names(items: list[AppraisalEntry]) -> str:
        shown = "、".join(e.member_name for e in items[:5])
        return shown + (f"等 {len(items)} 人" if len(items) > 5 else "")

    if not form.entries:
        add("entries", "名单中还没有参加评议的党员。")
    if form.held_on is None:
        add("held_on", "请填写民主测评日期。")
    if form.voters <= 0:
        add("voters", "请填写参加测评的人数。")
    if form.decided_on is None:
        add("decided_on", "请填写支委会评定日期。")
    for field, missing, what in (
        ("votes", [e for e in form.entries if not e.tallied], "还没有录入测评票数"),
        ("decided_grade", [e for e in form.entries if not e.decided_grade], "还没有评定等次"),
        ("feedback_on", [e for e in form.entries if e.decided_grade and e.feedback_on is None], "还没有反馈评定结果"),
        ("handling", [e for e in form.entries if e.needs_handling() and not e.handling], "评定为基本合格或不合格，还没有确定处置方式"),
    ):
        if missing:
            add(field, f"{names(missing)}{what}。")
    return problems


class AppraisalManager(ArchiveBound):
    def __init__(self, archive):
        self._archive = archive

    def _current(self):
        return (Appraisal.branch == self._archive.branch.own_id()) & self._archive.records.current_only(
            APPRAISAL, Appraisal.id)

    def years(self) -> list[int]:
        rows = Appraisal.select(Appraisal.year).where(self._current()).distinct().tuples()
        return sorted((r[0] for r in rows), reverse=True)

    def appraisal_id(self, year: int) -> int | None:
        row = Appraisal.select(Appraisal.id).where(self._current(), Appraisal.year == year).first()
        return row.id if row else None

    def require(self, year: int) -> int:
        found = self.appraisal_id(year)
        if found is None:
            raise NotFound(f"{year} 年度民主评议", "尚未开始")
        return found

    def _row(self, appraisal_id: int) -> Appraisal:
        row = Appraisal.get_or_none(Appraisal.id == appraisal_id, Appraisal.branch == self._archive.branch.own_id())
        if row is None:
            raise NotFound("民主评议", appraisal_id)
        return row

    def due_entries(self) -> list[AppraisalEntry]:
        """Who is appraised, from the roster: members with a vote (正式, and 流动 ones who
        are full members); 预备党员 take part without a grade."""
        members = (
            Member.select().where(Member.branch == self._archive.branch.own_id(),
                                  Member.status.in_(list(labels.ACTIVE_STATUSES)))
            .order_by(Member.id)
        )
        voting = [m for m in members if is_voting(m.status, m.full_on)]
        return [AppraisalEntry(m.name, m.id) for m in self._archive.members.in_roster_order(voting)]

    def form(self, appraisal_id: int) -> AppraisalForm:
        row = self._row(appraisal_id)
        entries = [
            AppraisalEntry(
                e.member_name, e.member_id, e.self_grade, e.self_appraisal, e.mutual_remarks, e.votes_excellent,
                e.votes_qualified, e.votes_basic, e.votes_unqualified, e.decided_grade, e.decision_reason,
                e.feedback_on, e.feedback_note, e.handling, e.handling_note,
            )
            for e in EntryRow.select().where(EntryRow.appraisal == appraisal_id).order_by(EntryRow.position)
        ]
        return AppraisalForm(row.held_on, row.voters, row.decided_on, row.note, row.cycle_id, entries)

    def detail(self, appraisal_id: int) -> AppraisalDetail:
        row = self._row(appraisal_id)
        branch = self._archive.branch.own()
        return AppraisalDetail(row.id, row.year, row.state, self.form(appraisal_id), branch.name, branch.higher_org,
                               branch.code or "")

    def create(self, year: int, held_on: dt.date | None = None, voters: int = 0) -> int:
        """Start the ``year`` appraisal with everyone due from the roster; it is tied to
        the year's 组织生活会 when there is one."""
        self._archive.require_writable()
        if self.appraisal_id(year) is not None:
            raise Conflict(f"{year} 年度民主评议已经开始，请在原记录上继续办理。")
        if not 2000 <= year <= clock.today().year + 1:
            raise ValidationErrors([ValidationError("year", "range", f"年度 {year} 不对，请核对。")])
        cycle_id = self._archive.life.cycle_id(year)
        form = AppraisalForm(held_on, voters, None, "", cycle_id, self.due_entries())
        cleaned = clean_form(form, year, self._people())
        now = clock.now().isoformat(sep=" ")
        with self._archive.db.atomic():
            row = Appraisal.create(branch=self._archive.branch.own_id(), year=year, cycle=cycle_id,
                                   held_on=cleaned.held_on, voters=cleaned.voters, state="draft", created_at=now,
                                   updated_at=now)
            self._write_entries(row.id, cleaned.entries)
            self._archive.audit.record("appraisal.create", f"开始 {year} 年度民主评议党员（{len(cleaned.entries)} 名）",
                                       "appraisal", row.id, {"year": year})
        return row.id

    def save(self, appraisal_id: int, form: AppraisalForm) -> None:
        """Save a draft: all or nothing, every rule checked (tallies, one third, reasons)."""
        self._archive.require_writable()
        row = self._row(appraisal_id)
        self._archive.records.require_draft(APPRAISAL, appraisal_id)
        cleaned = clean_form(form, row.year, self._people())
        with self._archive.db.atomic():
            Appraisal.update(held_on=cleaned.held_on, voters=cleaned.voters, decided_on=cleaned.decided_on,
                             note=cleaned.note, updated_at=clock.now().isoformat(sep=" ")).where(
                Appraisal.id == appraisal_id).execute()
            self._write_entries(appraisal_id, cleaned.entries)
            counts = rules.grade_counts(cleaned.entries)
            self._archive.audit.record("appraisal.update", f"保存 {row.year} 年度民主评议：{counts.sentence()}",
                                       "appraisal", appraisal_id, counts.by_grade())

    def with_roster(self, form: AppraisalForm) -> list[AppraisalEntry]:
        """The form's list brought up to date with the roster (new members added, what
        was entered kept)."""
        present = {e.member_id for e in form.entries if e.member_id is not None}
        return form.entries + [e for e in self.due_entries() if e.member_id not in present]

    def finalise_problems(self, appraisal_id: int) -> list[ValidationError]:
        return finalise_problems(self.form(appraisal_id))

    def finalise(self, appraisal_id: int) -> None:
        if self._row(appraisal_id).state == "draft":
            problems = self.finalise_problems(appraisal_id)
            if problems:
                raise ValidationErrors(problems)
        self._archive.records.finalise(APPRAISAL, appraisal_id)

    def reopen(self, appraisal_id: int, reason: str) -> None:
        self._archive.records.reopen(APPRAISAL, appraisal_id, reason)

    def report(self, appraisal_id: int, note: str = ""):
        return self._archive.records.report(APPRAISAL, appraisal_id, note)

    def correct(self, appraisal_id: int, reason: str) -> int:
        return self._archive.records.correct(APPRAISAL, appraisal_id, reason)

    def verify(self, appraisal_id: int):
        return self._archive.records.verify(APPRAISAL, appraisal_id)

    def delete(self, appraisal_id: int) -> None:
        """A draft started by mistake."""
        self._archive.require_writable()
        row = self._row(appraisal_id)
        self._archive.records.require_draft(APPRAISAL, appraisal_id)
        if any(r.revision_id == appraisal_id for r in self._archive.records.revisions(APPRAISAL, appraisal_id)):
            raise Conflict("这是已上报记录的更正版本，不能删除；请修改后定稿、上报。")
        with self._archive.db.atomic():
            EntryRow.delete().where(EntryRow.appraisal == appraisal_id).execute()
            Appraisal.delete().where(Appraisal.id == appraisal_id).execute()
            self._archive.audit.record("appraisal.delete", f"删除 {row.year} 年度民主评议（草稿）", "appraisal",
                                       appraisal_id)

    def done(self, year: int) -> bool:
        """Whether the ``year`` appraisal is complete (定稿 or 已上报)."""
        found = self.appraisal_id(year)
        return found is not None and self._row(found).state in ("final", "reported")

    # -- helpers ---------------------------------------------------------------
    def _people(self) -> dict[int, str]:
        return store.people(self._archive.branch.own_id())

    @staticmethod
    def _write_entries(appraisal_id: int, entries: list[AppraisalEntry]) -> None:
        EntryRow.delete().where(EntryRow.appraisal == appraisal_id).execute()
        if entries:
            EntryRow.insert_many([
                dict(appraisal=appraisal_id, position=n, member=e.member_id, member_name=e.member_name,
                     self_grade=e.self_grade, self_appraisal=e.self_appraisal, mutual_remarks=e.mutual_remarks,
                     **dict(zip(_VOTE_FIELDS, e.votes)), decided_grade=e.decided_grade,
                     decision_reason=e.decision_reason, feedback_on=e.feedback_on, feedback_note=e.feedback_note,
                     handling=e.handling, handling_note=e.handling_note)
                for n, e in enumerate(entries, start=1)
            ]).execute()


"""``archive.meetings``: plan, notify, record, finalise, report and correct meetings."""

from __future__ import annotations

import dataclasses
import datetime as dt

import peewee

from .. import clock, labels
from ..errors import Conflict, NotFound, ValidationError, ValidationErrors
from ..storage.binding import ArchiveBound
from ..storage.database import like
from ..storage.models import Meeting, PartyGroup
from ..text import LINE_MAX, bounded, clean_line, quoted
from . import due, store
from .chairs import with_usual_chairs
from .forms import AttendanceEntry, MeetingDetail, MeetingForm, MeetingSummary
from .paper_words import default_attendees
from .seal import MEETING
from .validate import clean_form, default_title, finalise_problems

# Archive settings (travel with the archive); defaults from docs/domain.md §2.
FREQUENCY_SETTING = "meetings.frequency"
DEFAULT_FREQUENCIES = {
    "general": "quarterly", "committee": "monthly", "group": "monthly", "lecture": "quarterly",
    "theme_day": "monthly", "forum": "none", "other": "none",
}
THEME_DAY_SETTING = "meetings.theme_day_of_month"
DEFAULT_THEME_DAY = 10

SORT_COLUMNS = {
    "date": peewee.fn.COALESCE(Meeting.held_on, Meeting.planned_on),
    "kind": Meeting.kind,
    "title": Meeting.title,
    "place": Meeting.place,
    "state": Meeting.state,
}
OPEN_STATES = ("planned", "notified")
HELD_STATES = ("held", "final", "reported")


class MeetingManager(ArchiveBound):
    def __init__(self, archive):
        self._archive = archive

    # -- settings --------------------------------------------------------------
    def frequencies(self) -> dict[str, str]:
        stored = self._archive.settings.get(FREQUENCY_SETTING) or {}
        return {k: stored.get(k, v) if stored.get(k) in labels.FREQUENCIES else v for k, v in DEFAULT_FREQUENCIES.items()}

    def set_frequencies(self, values: dict[str, str]) -> None:
        for kind, frequency in values.items():
            if kind not in labels.MEETING_KINDS:
                raise ValidationError("frequency", "kind", f"没有{quoted(kind, '「」')}这种会议类型。")
            if frequency not in labels.FREQUENCIES:
                raise ValidationError(
                    "frequency", "choice",
                    f"{labels.label(labels.MEETING_KINDS, kind)}的频次{quoted(frequency)}无效，请选择每月、每季度、每半年、每年或不要求。",
                )
        self._archive.settings.set(FREQUENCY_SETTING, self.frequencies() | values)

    # -- reading ---------------------------------------------------------------
    def _current(self):
        return (Meeting.branch == self._archive.branch.own_id()) & self._archive.records.current_only(
            MEETING, Meeting.id
        )

    def query_ids(
        self,
        year: int | None = None,
        kind: str | None = None,
        state: str | None = None,
        group_id: int | None = None,
        overdue_only: bool = False,
        text: str = "",
        sort: str = "date",
        descending: bool = True,
        today: dt.date | None = None,
    ) -> list[int]:
        """Ids of the current versions of meetings that match, sorted in SQL.
        ``kind`` also finds meetings that count for it (同时计为)."""
        today = today or clock.today()
        query = Meeting.select(Meeting.id).where(self._current())
        day = SORT_COLUMNS["date"]
        if year is not None:
            query = query.where(day.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
        if kind:
            query = query.where((Meeting.kind == kind) | like(Meeting.also_counts, kind))
        if state:
            query = query.where(Meeting.state == state)
        if group_id is not None:
            query = query.where(Meeting.group == group_id)
        if overdue_only:
            query = query.where(Meeting.state.in_(OPEN_STATES), Meeting.planned_on < today)
        text = clean_line(text)
        if text:
            query = query.where(like(Meeting.title, text) | like(Meeting.theme, text) | like(Meeting.place, text))
        column = SORT_COLUMNS.get(sort, day)
        order = column.desc(nulls="LAST") if descending else column.asc(nulls="LAST")
        return [row[0] for row in query.order_by(order, Meeting.id.desc() if descending else Meeting.id).tuples()]

    def years(self, extra: tuple[int, ...] = ()) -> list[int]:
        """Years that have meetings (and ``extra`` ones), newest first."""
        day = SORT_COLUMNS["date"]
        rows = Meeting.select(peewee.fn.MIN(day), peewee.fn.MAX(day)).where(self._current()).tuples().first()
        years = set(extra)
        if rows and rows[0] is not None:
            first, last = (v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v)[:10]) for v in rows)
            years.update(range(first.year, last.year + 1))
        return sorted(years, reverse=True)

    def summaries(self, ids: list[int]) -> list[MeetingSummary]:
        """List rows for ``ids``, in the same order."""
        if not ids:
            return []
        counts = store.attendance_counts(ids)
        rows = (
            Meeting.select(Meeting, PartyGroup.name.alias("group_name"))
            .join(PartyGroup, peewee.JOIN.LEFT_OUTER, on=(Meeting.group == PartyGroup.id))
            .where(Meeting.id.in_(ids))
            .dicts()
        )
        found = {}
        for r in rows:
            due, present, absent = counts.get(r["id"], (0, 0, 0))
            found[r["id"]] = MeetingSummary(
                r["id"], r["kind"], r["group"], r["group_name"] or "", r["title"], r["planned_on"], r["held_on"],
                r["place"], r["state"], due, present, absent,
            )
        return [found[i] for i in ids if i in found]

    def summary(self, meeting_id: int) -> MeetingSummary:
        rows = self.summaries([meeting_id])
        if not rows:
            raise NotFound("会议", meeting_id)
        return rows[0]

    def _row(self, meeting_id: int) -> Meeting:
        row = Meeting.get_or_none(Meeting.id == meeting_id, Meeting.branch == self._archive.branch.own_id())
        if row is None:
            raise NotFound("会议", meeting_id)
        return row

    def form(self, meeting_id: int, with_roster: bool = True) -> MeetingForm:
        """The meeting as an editable form. A draft without an attendance grid gets one
        from the roster (who is due follows from the kind), not yet saved."""
        row = self._row(meeting_id)
        form = store.read_form(row)
        if with_roster and row.state in MEETING.draft_states and not any(not e.is_guest for e in form.attendance):
            form.attendance = self.due_entries(form.kind, form.group_id) + form.attendance
        return form

    def detail(self, meeting_id: int) -> MeetingDetail:
        from .tasks import tasks_of

        row = self._row(meeting_id)
        branch = self._archive.branch.own()
        group = PartyGroup.get_or_none(PartyGroup.id == row.group_id) if row.group_id else None
        return MeetingDetail(
            id=row.id, state=row.state, form=store.read_form(row), branch_name=branch.name,
            higher_org=branch.higher_org, group_name=group.name if group else "", notified_on=row.notified_on,
            created_at=row.created_at, updated_at=row.updated_at, attachments=store.attachments_of(row.id),
            tasks=tasks_of(meeting_id), branch_code=branch.code or "",
        )

    def due_entries(self, kind: str, group_id: int | None = None) -> list[AttendanceEntry]:
        """Who is due, from the roster (meetings/due.py)."""
        return due.due_entries(self._archive, kind, group_id)

    def with_roster(self, form: MeetingForm) -> list[AttendanceEntry]:
        """The form's grid brought up to date with the roster (meetings/due.py)."""
        return due.merged_with_roster(form, self.due_entries(form.kind, form.group_id))

    roster_update_sentence = staticmethod(due.roster_update_sentence)

    # -- writing ---------------------------------------------------------------
    def plan(self, form: MeetingForm) -> int:
        """Store a new meeting in 计划; returns its id."""
        self._archive.require_writable()
        cleaned = self._checked(form)
        if cleaned.held_on is None:  # a plan; a record entered as held says who chaired it
            cleaned = with_usual_chairs(self._archive, cleaned)
        now = clock.now().isoformat(sep=" ")
        state = "held" if cleaned.held_on else "planned"
        with self._archive.db.atomic():
            row = Meeting.create(
                branch=self._archive.branch.own_id(), state=state, created_at=now, updated_at=now,
                **store.row_values(cleaned),
            )
            store.write_children(row.id, cleaned)
            self._archive.audit.record(
                "meeting.plan", f"新建会议：{cleaned.title}（{cleaned.planned_on:%Y-%m-%d}）", "meeting", row.id,
                {"kind": cleaned.kind, "planned_on": cleaned.planned_on.isoformat()},
            )
        return row.id

    def save(self, meeting_id: int, form: MeetingForm) -> None:
        """Save a draft meeting. Writing the actual date makes it 已召开; clearing it
        takes it back to 已通知 / 计划. All or nothing."""
        self._archive.require_writable()
        self._archive.records.require_draft(MEETING, meeting_id)
        row = self._row(meeting_id)
        cleaned = self._checked(form)
        if cleaned.held_on is not None:
            state = "held"
        else:
            state = "notified" if row.notified_on else "planned"
        with self._archive.db.atomic():
            Meeting.update(
                state=state, updated_at=clock.now().isoformat(sep=" "), **store.row_values(cleaned)
            ).where(Meeting.id == meeting_id).execute()
            store.write_children(meeting_id, cleaned)
            self._archive.audit.record(
                "meeting.update", f"保存会议记录：{cleaned.title}", "meeting", meeting_id,
                {"state": state, "attendance": len(cleaned.attendance), "resolutions": len(cleaned.resolutions)},
            )
        form.tasks = cleaned.tasks  # the caller keeps the task ids it was given

    def notify(self, meeting_id: int, on: dt.date | None = None) -> None:
        """计划 → 已通知: the notice has what it needs (time, place, who attends)."""
        self._archive.require_writable()
        self._archive.records.require_draft(MEETING, meeting_id)
        row = self._row(meeting_id)
        on = on or clock.today()
        if row.state == "held":
            raise Conflict("会议已经召开，不需要再发通知。")
        problems = []
        if not row.planned_time:
            problems.append(ValidationError("planned_time", "required", "通知须写明开会时间，请填写计划时间（如 14:30）。"))
        if not row.place:
            problems.append(ValidationError("place", "required", "通知须写明开会地点，请填写地点。"))
        if row.planned_on < on:
            problems.append(ValidationError(
                "planned_on", "past", f"计划日期 {row.planned_on:%Y-%m-%d} 已经过去，请先改期再发通知。"
            ))
        if problems:
            raise ValidationErrors(problems)
        group = PartyGroup.get_or_none(PartyGroup.id == row.group_id) if row.group_id else None
        values = {"state": "notified", "notified_on": on, "updated_at": clock.now().isoformat(sep=" ")}
        if not row.attendees_text:
            values["attendees_text"] = default_attendees(row.kind, group.name if group else "")
        if not row.theme:
            values["theme"] = row.title
        with self._archive.db.atomic():
            Meeting.update(**values).where(Meeting.id == meeting_id).execute()
            self._archive.audit.record("meeting.notify", f"发出会议通知：{row.title}", "meeting", meeting_id,
                                       {"notified_on": on.isoformat()})

    def finalise_problems(self, meeting_id: int) -> list[ValidationError]:
        return finalise_problems(store.read_form(self._row(meeting_id)))

    def finalise(self, meeting_id: int) -> None:
        """已召开 → 定稿, once the record is complete (every absence has its reason…)."""
        row = self._row(meeting_id)
        if row.state in OPEN_STATES:
            raise Conflict("会议还没有召开（没有实际召开日期），不能定稿。请先在记录中填写实际召开日期并保存。")
        if row.state == "held":
            problems = self.finalise_problems(meeting_id)
            if problems:
                raise ValidationErrors(problems)
        self._archive.records.finalise(MEETING, meeting_id)

    def reopen(self, meeting_id: int, reason: str) -> None:
        self._archive.records.reopen(MEETING, meeting_id, reason)

    def report(self, meeting_id: int, note: str = ""):
        return self._archive.records.report(MEETING, meeting_id, note)

    def correct(self, meeting_id: int, reason: str) -> int:
        return self._archive.records.correct(MEETING, meeting_id, reason)

    def verify(self, meeting_id: int):
        return self._archive.records.verify(MEETING, meeting_id)

    def is_current(self, meeting_id: int) -> bool:
        return self._archive.records.latest_id(MEETING, meeting_id) == meeting_id

    def delete(self, meeting_id: int) -> None:
        """Remove a draft entered by mistake or a plan called off (not 定稿/已上报 ones,
        nor the draft of a correction, which the revision log points to)."""
        self._archive.require_writable()
        self._archive.records.require_draft(MEETING, meeting_id)
        row = self._row(meeting_id)
        if any(r.revision_id == meeting_id for r in self._archive.records.revisions(MEETING, meeting_id)):
            raise Conflict("这是已上报记录的更正版本，不能删除；请修改后定稿、上报。")
        from ..storage.models import LifeCycle, MeetingAttachment

        if LifeCycle.select().where(LifeCycle.meeting == meeting_id).exists():
            raise Conflict("这是组织生活会的会议记录，请在「组织生活会」页办理；删除组织生活会草稿时会一并删除它。")
        from ..storage.election_models import Election

        if Election.select().where(Election.meeting == meeting_id).exists():
            raise Conflict("这是换届选举的党员大会会议记录，不能删除（换届选举记录要读它的到会情况）。")
        with self._archive.db.atomic():
            MeetingAttachment.delete().where(MeetingAttachment.meeting == meeting_id).execute()
            store.write_children(meeting_id, MeetingForm())
            Meeting.delete().where(Meeting.id == meeting_id).execute()
            self._archive.audit.record(
                "meeting.delete", f"删除会议：{row.title}（{labels.label(labels.MEETING_STATES, row.state)}）",
                "meeting", meeting_id, {"title": row.title, "planned_on": row.planned_on.isoformat()},
            )

    # -- helpers ---------------------------------------------------------------
    def _checked(self, form: MeetingForm) -> MeetingForm:
        cleaned = clean_form(form)
        group_name = ""
        if cleaned.group_id is not None:
            group = PartyGroup.get_or_none(
                PartyGroup.id == cleaned.group_id, PartyGroup.branch == self._archive.branch.own_id()
            )
            if group is None:
                raise ValidationErrors([ValidationError("group_id", "missing", "所选党小组不存在，请重新选择。")])
            group_name = group.name
        if not cleaned.title:
            cleaned = dataclasses.replace(cleaned, title=default_title(cleaned.kind, cleaned.planned_on, group_name))
        return cleaned

    # -- other parts, kept in their own modules --------------------------------
    def search(self, text: str, limit: int = 200):
        from .search import search

        return search(self._archive, text, limit)

    def compliance(self, year: int, today: dt.date | None = None):
        from .compliance import compliance

        return compliance(self._archive, year, today)

    def plan_year(self, year: int, today: dt.date | None = None) -> list[int]:
        from .planning import plan_year

        return plan_year(self._archive, year, today)

    def tasks(self, open_only: bool = False):
        from .tasks import all_tasks

        return all_tasks(self._archive, open_only)

    def set_task_done(self, uid: str, done_on: dt.date | None, note: str = "") -> None:
        from .tasks import set_done

        set_done(self._archive, uid, done_on, bounded("note", "完成说明", clean_line(note), LINE_MAX))

    def attach(self, meeting_id: int, path, kind: str = "other", title: str = "") -> int:
        from .attachments import attach

        return attach(self._archive, meeting_id, path, kind, title)

    def detach(self, attachment_id: int) -> None:
        from .attachments import detach

        detach(self._archive, attachment_id)

    def attachment_file(self, attachment_id: int):
        from .attachments import file_of

        return file_of(self._archive, attachment_id)

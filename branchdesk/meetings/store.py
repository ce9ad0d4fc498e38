"""Reading and writing the meeting tables: a form in, rows out, and back."""

from __future__ import annotations

import uuid

import peewee

from ..storage.models import (
    Meeting,
    MeetingAgenda,
    MeetingAttachment,
    MeetingAttendance,
    MeetingResolution,
    MeetingSpeech,
    MeetingTask,
    MeetingTaskDone,
)
from .forms import (
    AgendaItem,
    AttachmentInfo,
    AttendanceEntry,
    MeetingForm,
    ResolutionForm,
    Speech,
    TaskForm,
)

CHILD_MODELS = (MeetingAttendance, MeetingAgenda, MeetingSpeech, MeetingResolution, MeetingTask)


def row_values(form: MeetingForm) -> dict:
    """The meeting row's columns for a cleaned form."""
    return dict(
        kind=form.kind, group=form.group_id, also_counts=",".join(form.also_counts), title=form.title,
        planned_on=form.planned_on, planned_time=form.planned_time, place=form.place, theme=form.theme,
        attendees_text=form.attendees_text, preparation=form.preparation, held_on=form.held_on,
        started_at=form.started_at, ended_at=form.ended_at, host_name=form.host_name,
        recorder_name=form.recorder_name, speaker_name=form.speaker_name, minutes=form.minutes,
    )


def write_children(meeting_id: int, form: MeetingForm) -> None:
    """Replace the child rows of a draft meeting with the form's lists, in order."""
    for model in CHILD_MODELS:
        model.delete().where(model.meeting == meeting_id).execute()
    if form.attendance:
        MeetingAttendance.insert_many([
            dict(meeting=meeting_id, position=n, member=e.member_id, name=e.name, is_guest=e.is_guest,
                 member_status=e.member_status, voting=e.voting, status=e.status, reason=e.reason, note=e.note)
            for n, e in enumerate(form.attendance, start=1)
        ]).execute()
    if form.agenda:
        MeetingAgenda.insert_many([
            dict(meeting=meeting_id, position=n, title=a.title, summary=a.summary)
            for n, a in enumerate(form.agenda, start=1)
        ]).execute()
    if form.speeches:
        MeetingSpeech.insert_many([
            dict(meeting=meeting_id, position=n, agenda_no=s.agenda_no, speaker=s.speaker, content=s.content)
            for n, s in enumerate(form.speeches, start=1)
        ]).execute()
    if form.resolutions:
        MeetingResolution.insert_many([
            dict(meeting=meeting_id, position=n, text=r.text, voted=r.voted, votes_yes=r.yes if r.voted else None,
                 votes_no=r.no if r.voted else None, votes_abstain=r.abstain if r.voted else None)
            for n, r in enumerate(form.resolutions, start=1)
        ]).execute()
    for task in form.tasks:
        task.uid = task.uid or uuid.uuid4().hex
    if form.tasks:
        MeetingTask.insert_many([
            dict(meeting=meeting_id, position=n, uid=t.uid, task=t.task, owner=t.owner, deadline=t.deadline)
            for n, t in enumerate(form.tasks, start=1)
        ]).execute()
    # A done date whose task was removed from every version of every meeting goes too.
    orphans = MeetingTaskDone.select(MeetingTaskDone.task_uid).where(
        MeetingTaskDone.task_uid.not_in(MeetingTask.select(MeetingTask.uid))
    )
    MeetingTaskDone.delete().where(MeetingTaskDone.task_uid.in_(orphans)).execute()


def read_form(row: Meeting) -> MeetingForm:
    meeting_id = row.id
    attendance = [
        AttendanceEntry(a.name, a.member_id, bool(a.is_guest), a.status, a.reason, a.note, a.member_status,
                        bool(a.voting))
        for a in MeetingAttendance.select().where(MeetingAttendance.meeting == meeting_id)
        .order_by(MeetingAttendance.position)
    ]
    agenda = [
        AgendaItem(a.title, a.summary)
        for a in MeetingAgenda.select().where(MeetingAgenda.meeting == meeting_id).order_by(MeetingAgenda.position)
    ]
    speeches = [
        Speech(s.speaker, s.content, s.agenda_no)
        for s in MeetingSpeech.select().where(MeetingSpeech.meeting == meeting_id).order_by(MeetingSpeech.position)
    ]
    resolutions = [
        ResolutionForm(r.text, bool(r.voted), r.votes_yes, r.votes_no, r.votes_abstain)
        for r in MeetingResolution.select().where(MeetingResolution.meeting == meeting_id)
        .order_by(MeetingResolution.position)
    ]
    tasks = [
        TaskForm(t.task, t.owner, t.deadline, t.uid)
        for t in MeetingTask.select().where(MeetingTask.meeting == meeting_id).order_by(MeetingTask.position)
    ]
    return MeetingForm(
        kind=row.kind, planned_on=row.planned_on, planned_time=row.planned_time, title=row.title, place=row.place,
        theme=row.theme, group_id=row.group_id, also_counts=tuple(k for k in row.also_counts.split(",") if k),
        attendees_text=row.attendees_text, preparation=row.preparation, held_on=row.held_on,
        started_at=row.started_at, ended_at=row.ended_at, host_name=row.host_name, recorder_name=row.recorder_name,
        speaker_name=row.speaker_name, minutes=row.minutes, attendance=attendance, agenda=agenda,
        speeches=speeches, resolutions=resolutions, tasks=tasks,
    )


def attachments_of(meeting_id: int) -> list[AttachmentInfo]:
    rows = MeetingAttachment.select().where(MeetingAttachment.meeting == meeting_id).order_by(
        MeetingAttachment.position, MeetingAttachment.id
    )
    return [
        AttachmentInfo(a.id, a.kind, a.title, a.original_name, a.stored_path, a.sha256, a.size, a.added_at)
        for a in rows
    ]


def attendance_counts(ids: list[int]) -> dict[int, tuple[int, int, int]]:
    """(due, present, absent) per meeting, guests and 不计入应到 left out of 应到."""
    counts: dict[int, list[int]] = {i: [0, 0, 0] for i in ids}
    if not ids:
        return {}
    rows = (
        MeetingAttendance.select(MeetingAttendance.meeting, MeetingAttendance.status, peewee.fn.COUNT(1))
        .where(MeetingAttendance.meeting.in_(ids), MeetingAttendance.is_guest == False)  # noqa: E712 - SQL
        .group_by(MeetingAttendance.meeting, MeetingAttendance.status)
        .tuples()
    )
    for meeting_id, status, number in rows:
        if status == "not_counted":
            continue
        entry = counts[meeting_id]
        entry[0] += number
        if status == "present":
            entry[1] += number
        elif status == "absent":
            entry[2] += number
    return {k: (v[0], v[1], v[2]) for k, v in counts.items()}

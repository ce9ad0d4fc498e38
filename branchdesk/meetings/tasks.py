"""Follow-up tasks (落实事项): their done dates live outside the sealed record, keyed by
the task's ``uid`` (a corrected version of the record keeps the same uids)."""

from __future__ import annotations

import datetime as dt

import peewee

from .. import clock
from ..dates import date_problem
from ..errors import NotFound, ValidationError
from ..storage.binding import uses_archive
from ..storage.models import Meeting, MeetingTask, MeetingTaskDone
from .forms import TaskInfo
from .seal import MEETING


def _query():
    return (
        MeetingTask.select(
            MeetingTask.uid, Meeting.id, Meeting.title, Meeting.held_on, Meeting.planned_on, MeetingTask.task,
            MeetingTask.owner, MeetingTask.deadline, MeetingTaskDone.done_on, MeetingTaskDone.note,
        )
        .join(Meeting, on=(MeetingTask.meeting == Meeting.id))
        .join(MeetingTaskDone, peewee.JOIN.LEFT_OUTER, on=(MeetingTaskDone.task_uid == MeetingTask.uid))
    )


def _info(row: tuple) -> TaskInfo:
    uid, meeting_id, title, held_on, planned_on, task, owner, deadline, done_on, note = row
    return TaskInfo(uid, meeting_id, title, held_on or planned_on, task, owner, deadline, done_on, note or "")


def tasks_of(meeting_id: int) -> list[TaskInfo]:
    rows = _query().where(MeetingTask.meeting == meeting_id).order_by(MeetingTask.position).tuples()
    return [_info(r) for r in rows]


@uses_archive
def all_tasks(archive, open_only: bool = False) -> list[TaskInfo]:
    """Tasks of the current versions of held meetings; open ones first by deadline."""

    query = _query().where(
        Meeting.branch == archive.branch.own_id(),
        Meeting.state.in_(("held", "final", "reported")),
        archive.records.current_only(MEETING, Meeting.id),
    )
    if open_only:
        query = query.where(MeetingTaskDone.task_uid.is_null())
    rows = query.order_by(MeetingTask.deadline.asc(nulls="LAST"), Meeting.held_on, MeetingTask.position).tuples()
    return [_info(r) for r in rows]


@uses_archive
def set_done(archive, uid: str, done_on: dt.date | None, note: str = "") -> None:
    """Mark a task done on ``done_on`` (None: not done after all)."""
    archive.require_writable()
    task = MeetingTask.select().where(MeetingTask.uid == uid).order_by(MeetingTask.id.desc()).first()
    if task is None:
        raise NotFound("落实事项", uid)
    meeting = Meeting.get_by_id(task.meeting_id)
    if done_on is not None:
        if bad := date_problem("完成日期", done_on):
            raise ValidationError("done_on", *bad)
        start = meeting.held_on or meeting.planned_on
        if done_on < start:
            raise ValidationError("done_on", "before", f"完成日期早于会议日期 {start:%Y-%m-%d}，请核对。")
    with archive.db.atomic():
        MeetingTaskDone.delete().where(MeetingTaskDone.task_uid == uid).execute()
        if done_on is not None:
            MeetingTaskDone.create(task_uid=uid, done_on=done_on, note=note, recorded_at=clock.now().isoformat(sep=" "))
        what = f"于 {done_on:%Y-%m-%d} 完成" if done_on else "改为未完成"
        archive.audit.record("meeting.task_done", f"落实事项「{task.task[:30]}」{what}", "meeting", meeting.id,
                             {"task_uid": uid, "done_on": done_on.isoformat() if done_on else None})


def open_counts(tasks: list[TaskInfo], today: dt.date) -> tuple[int, int]:
    """(open, of them overdue) among ``tasks``: the 首页 fact counts every task not done,
    as ``branchdesk meetings tasks`` lists them, overdue ones included (docs/domain.md §9)."""
    open_tasks = [t for t in tasks if t.done_on is None]
    return len(open_tasks), sum(1 for t in open_tasks if t.is_overdue(today))

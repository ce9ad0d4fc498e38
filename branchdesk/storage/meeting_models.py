"""Peewee models of 三会一课 and 主题党日 meetings (step 3), in their own module: building
a peewee model costs about 0.2 ms, and the core ones (storage/models.py) are all that an
open or a roster listing needs (issue 18). Times of day are "HH:MM" text, timestamps ISO text."""

from __future__ import annotations

import peewee as pw

from .models import BaseModel, Branch, Member, PartyGroup


class Meeting(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="meetings")
    kind = pw.TextField()
    group = pw.ForeignKeyField(PartyGroup, null=True, backref="meetings")
    also_counts = pw.TextField(default="")
    title = pw.TextField()
    planned_on = pw.DateField()
    planned_time = pw.TextField(default="")
    place = pw.TextField(default="")
    theme = pw.TextField(default="")
    attendees_text = pw.TextField(default="")
    preparation = pw.TextField(default="")
    notified_on = pw.DateField(null=True)
    held_on = pw.DateField(null=True)
    started_at = pw.TextField(default="")
    ended_at = pw.TextField(default="")
    host_name = pw.TextField(default="")
    recorder_name = pw.TextField(default="")
    speaker_name = pw.TextField(default="")
    minutes = pw.TextField(default="")
    state = pw.TextField(default="planned")
    created_at = pw.TextField()
    updated_at = pw.TextField()


class MeetingAttendance(BaseModel):
    meeting = pw.ForeignKeyField(Meeting, backref="attendance")
    position = pw.IntegerField()
    member = pw.ForeignKeyField(Member, null=True)
    name = pw.TextField()
    is_guest = pw.BooleanField(default=False)
    member_status = pw.TextField(default="")
    voting = pw.BooleanField(default=False)
    status = pw.TextField(default="")
    reason = pw.TextField(default="")
    note = pw.TextField(default="")


class MeetingAgenda(BaseModel):
    meeting = pw.ForeignKeyField(Meeting, backref="agenda")
    position = pw.IntegerField()
    title = pw.TextField()
    summary = pw.TextField(default="")


class MeetingSpeech(BaseModel):
    meeting = pw.ForeignKeyField(Meeting, backref="speeches")
    position = pw.IntegerField()
    agenda_no = pw.IntegerField(default=0)
    speaker = pw.TextField()
    content = pw.TextField()


class MeetingResolution(BaseModel):
    meeting = pw.ForeignKeyField(Meeting, backref="resolutions")
    position = pw.IntegerField()
    text = pw.TextField()
    voted = pw.BooleanField(default=False)
    votes_yes = pw.IntegerField(null=True)
    votes_no = pw.IntegerField(null=True)
    votes_abstain = pw.IntegerField(null=True)


class MeetingTask(BaseModel):
    meeting = pw.ForeignKeyField(Meeting, backref="tasks")
    position = pw.IntegerField()
    uid = pw.TextField()
    task = pw.TextField()
    owner = pw.TextField(default="")
    deadline = pw.DateField(null=True)


class MeetingTaskDone(BaseModel):
    task_uid = pw.TextField(primary_key=True)
    done_on = pw.DateField()
    note = pw.TextField(default="")
    recorded_at = pw.TextField()


class MeetingAttachment(BaseModel):
    meeting = pw.ForeignKeyField(Meeting, backref="attachments")
    position = pw.IntegerField()
    kind = pw.TextField()
    title = pw.TextField()
    original_name = pw.TextField()
    stored_path = pw.TextField()
    sha256 = pw.TextField()
    size = pw.IntegerField()
    added_at = pw.TextField()

"""Peewee models of the core of the current schema: settings, the branch, its groups,
members and committee. Each feature's are in a module of their own (meeting_models.py,
life_models.py, dues_models.py …), imported by the feature that uses them.

The schema itself is created by the numbered steps in ``migrations/``; these
classes only map it (``migrations`` never import them)."""

from __future__ import annotations

import importlib

import peewee as pw

from .binding import ArchiveDatabase


class BaseModel(pw.Model):
    class Meta:
        # Each query runs on the database of the archive whose call is running (binding.py).
        database = ArchiveDatabase()
        legacy_table_names = False


class Setting(BaseModel):
    key = pw.TextField(primary_key=True)
    value = pw.TextField()


class Branch(BaseModel):
    name = pw.TextField()
    code = pw.TextField(default="")
    kind = pw.TextField()
    higher_org = pw.TextField(default="")
    founded_on = pw.DateField(null=True)
    term_started_on = pw.DateField(null=True)
    is_own = pw.BooleanField(default=False)
    created_at = pw.DateTimeField()
    updated_at = pw.DateTimeField()


class PartyGroup(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="groups")
    name = pw.TextField()
    leader_id = pw.IntegerField(null=True)
    sort_order = pw.IntegerField(default=0)


class Member(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="members")
    name = pw.TextField()
    gender = pw.TextField()
    ethnicity = pw.TextField(default="汉族")
    birth_date = pw.DateField()
    id_number = pw.TextField()
    education = pw.TextField(default="")
    phone = pw.TextField(default="")
    job = pw.TextField(default="")
    joined_on = pw.DateField()
    full_on = pw.DateField(null=True)
    full_exception = pw.TextField(default="")
    status = pw.TextField()
    group = pw.ForeignKeyField(PartyGroup, null=True, backref="members")
    note = pw.TextField(default="")
    created_at = pw.DateTimeField()
    updated_at = pw.DateTimeField()


class MemberStatusChange(BaseModel):
    member = pw.ForeignKeyField(Member, backref="status_changes")
    status_from = pw.TextField(null=True)
    status_to = pw.TextField()
    changed_on = pw.DateField()
    reason = pw.TextField(default="")
    recorded_at = pw.DateTimeField()


class CommitteePost(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="committee")
    post = pw.TextField()
    member = pw.ForeignKeyField(Member, null=True)
    holder_name = pw.TextField(default="")
    sort_order = pw.IntegerField(default=0)


# Models that lived here before they moved to their feature's module; ``from .models
# import Meeting`` still finds them, loading that module then (building every model at
# each open cost ~5 ms of ``members list``, issue 18).
MOVED = {
    "Meeting": "meeting_models",
    "MeetingAttendance": "meeting_models",
    "MeetingAgenda": "meeting_models",
    "MeetingSpeech": "meeting_models",
    "MeetingResolution": "meeting_models",
    "MeetingTask": "meeting_models",
    "MeetingTaskDone": "meeting_models",
    "MeetingAttachment": "meeting_models",
    "LifeCycle": "life_models",
    "LifeOpinion": "life_models",
    "LifeProblem": "life_models",
    "LifeExamination": "life_models",
    "LifeCriticism": "life_models",
    "Talk": "life_models",
    "Appraisal": "life_models",
    "AppraisalEntry": "life_models",
    "RectificationItem": "life_models",
    "RectificationProgress": "life_models",
    "RectificationEvidence": "life_models",
}


def __getattr__(name: str):
    if name in MOVED:
        return getattr(importlib.import_module(f"{__package__}.{MOVED[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""Peewee models of the 群众工作 tables (migration ``m…_masses``), beside ``models.py``."""

from __future__ import annotations

import peewee as pw

from .life_models import RectificationItem
from .meeting_models import Meeting
from .models import BaseModel, Branch, Member


class MassesHousehold(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="households")
    name = pw.TextField()
    address = pw.TextField(default="")
    phone = pw.TextField(default="")
    circumstances = pw.TextField(default="")
    kind = pw.TextField()
    member = pw.ForeignKeyField(Member, null=True)
    member_name = pw.TextField(default="")
    listed_on = pw.DateField()
    ended_on = pw.DateField(null=True)
    created_at = pw.TextField()
    updated_at = pw.TextField()


class MassesVisit(BaseModel):
    household = pw.ForeignKeyField(MassesHousehold, backref="visits")
    member = pw.ForeignKeyField(Member, null=True)
    member_name = pw.TextField()
    visited_on = pw.DateField()
    seen = pw.TextField(default="")
    asked = pw.TextField(default="")
    recorded_at = pw.TextField()


class MassesRequest(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="mass_requests")
    uid = pw.TextField()
    year = pw.IntegerField()
    number = pw.IntegerField()
    channel = pw.TextField()
    received_on = pw.DateField()
    person_name = pw.TextField(default="")
    household = pw.ForeignKeyField(MassesHousehold, null=True)
    content = pw.TextField()
    visit = pw.ForeignKeyField(MassesVisit, null=True)
    meeting = pw.ForeignKeyField(Meeting, null=True)
    opinion_uid = pw.TextField(default="")
    owner_member = pw.ForeignKeyField(Member, null=True)
    owner_name = pw.TextField(default="")
    assigned_on = pw.DateField(null=True)
    deadline = pw.DateField(null=True)
    done_on = pw.DateField(null=True)
    done_note = pw.TextField(default="")
    feedback_on = pw.DateField(null=True)
    feedback_how = pw.TextField(default="")
    feedback_note = pw.TextField(default="")
    revisit_on = pw.DateField(null=True)
    satisfaction = pw.TextField(default="")
    revisit_note = pw.TextField(default="")
    rectification = pw.ForeignKeyField(RectificationItem, null=True)
    created_at = pw.TextField()
    updated_at = pw.TextField()


class MassesRequestNote(BaseModel):
    request = pw.ForeignKeyField(MassesRequest, backref="notes")
    noted_on = pw.DateField()
    text = pw.TextField()
    original_name = pw.TextField(default="")
    stored_path = pw.TextField(default="")
    sha256 = pw.TextField(default="")
    size = pw.IntegerField(default=0)
    recorded_at = pw.TextField()


MASSES_MODELS = [MassesHousehold, MassesVisit, MassesRequest, MassesRequestNote]

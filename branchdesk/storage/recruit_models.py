"""Peewee models of the 发展党员 tables (migration ``m…_recruit``), beside ``models.py``."""

from __future__ import annotations

import peewee as pw

from .meeting_models import Meeting
from .models import BaseModel, Branch, Member, PartyGroup


class RecruitPerson(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="recruits")
    name = pw.TextField()
    gender = pw.TextField()
    birth_date = pw.DateField()
    id_number = pw.TextField()
    ethnicity = pw.TextField(default="")
    education = pw.TextField(default="")
    phone = pw.TextField(default="")
    job = pw.TextField(default="")
    note = pw.TextField(default="")
    member = pw.ForeignKeyField(Member, null=True)
    state = pw.TextField(default="draft")
    created_at = pw.TextField()
    updated_at = pw.TextField()


class RecruitStep(BaseModel):
    person = pw.ForeignKeyField(RecruitPerson, backref="steps")
    position = pw.IntegerField()
    step = pw.TextField()
    done_on = pw.DateField()
    people = pw.TextField(default="[]")
    body = pw.TextField(default="")
    decision = pw.TextField(default="")
    text = pw.TextField(default="")
    reason = pw.TextField(default="")
    days = pw.IntegerField(null=True)
    hours = pw.IntegerField(null=True)
    extension_months = pw.IntegerField(null=True)
    group = pw.ForeignKeyField(PartyGroup, null=True)
    meeting = pw.ForeignKeyField(Meeting, null=True)
    resolution_no = pw.IntegerField(null=True)
    recorded_at = pw.TextField()


class RecruitDocument(BaseModel):
    step = pw.ForeignKeyField(RecruitStep, backref="documents")
    position = pw.IntegerField()
    title = pw.TextField()
    original_name = pw.TextField()
    stored_path = pw.TextField()
    sha256 = pw.TextField()
    size = pw.IntegerField()
    added_at = pw.TextField()


RECRUIT_MODELS = [RecruitPerson, RecruitStep, RecruitDocument]

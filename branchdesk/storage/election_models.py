"""Peewee model of the 换届选举 table (migration ``m…_election``), beside ``models.py``."""

from __future__ import annotations

import peewee as pw

from .meeting_models import Meeting
from .models import BaseModel, Branch


class Election(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="elections")
    planned_on = pw.DateField()
    places = pw.IntegerField()
    deputies = pw.IntegerField(default=0)
    plan_note = pw.TextField(default="")
    plan_submitted_on = pw.DateField(null=True)
    plan_approved_on = pw.DateField(null=True)
    plan_approval_no = pw.TextField(default="")
    candidates = pw.TextField(default="[]")
    candidates_on = pw.DateField(null=True)
    meeting = pw.ForeignKeyField(Meeting, null=True)
    rounds = pw.TextField(default="[]")
    offices = pw.TextField(default="[]")
    offices_on = pw.DateField(null=True)
    result_submitted_on = pw.DateField(null=True)
    result_approved_on = pw.DateField(null=True)
    result_approval_no = pw.TextField(default="")
    previous = pw.TextField(default="")
    created_at = pw.TextField()
    updated_at = pw.TextField()


ELECTION_MODELS = [Election]

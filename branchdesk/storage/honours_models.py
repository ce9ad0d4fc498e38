"""Peewee models of the 奖惩 tables (migration ``m…_honours``), beside ``models.py``."""

from __future__ import annotations

import peewee as pw

from .models import BaseModel, Branch, Member


class MemberCommendation(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="commendations")
    member = pw.ForeignKeyField(Member, backref="commendations")
    kind = pw.TextField()
    title = pw.TextField()
    granted_by = pw.TextField()
    granted_on = pw.DateField()
    doc_no = pw.TextField(default="")
    note = pw.TextField(default="")
    created_at = pw.TextField()
    updated_at = pw.TextField()


class MemberDiscipline(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="disciplines")
    member = pw.ForeignKeyField(Member, backref="disciplines")
    kind = pw.TextField()
    probation_years = pw.IntegerField(null=True)
    decided_by = pw.TextField()
    decided_on = pw.DateField()
    doc_no = pw.TextField(default="")
    facts = pw.TextField(default="")
    status_before = pw.TextField(default="")
    created_at = pw.TextField()
    updated_at = pw.TextField()


HONOURS_MODELS = [MemberCommendation, MemberDiscipline]

"""Peewee models of the current schema, all in one place.

The schema itself is created by the numbered steps in ``migrations/``; these
classes only map it (``migrations`` never import them)."""

from __future__ import annotations

import peewee as pw

from .database import database_proxy


class BaseModel(pw.Model):
    class Meta:
        database = database_proxy
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


ALL_MODELS = [Setting, Branch, PartyGroup, Member, MemberStatusChange, CommitteePost]

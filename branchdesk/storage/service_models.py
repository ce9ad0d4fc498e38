"""Peewee models of the 服务群众、党务公开与群众评议 tables (migration ``m…_service``)."""

from __future__ import annotations

import peewee as pw

from .models import BaseModel, Branch, Member


class ServiceActivity(BaseModel):
    branch = pw.ForeignKeyField(Branch)
    held_on = pw.DateField()
    place = pw.TextField()
    content = pw.TextField()
    created_at = pw.TextField()
    updated_at = pw.TextField()


class ServiceParticipant(BaseModel):
    activity = pw.ForeignKeyField(ServiceActivity, backref="participants")
    position = pw.IntegerField()
    member = pw.ForeignKeyField(Member, null=True)
    name = pw.TextField()
    hours_x10 = pw.IntegerField()


class ServicePledge(BaseModel):
    branch = pw.ForeignKeyField(Branch)
    year = pw.IntegerField()
    title = pw.TextField()
    promised_by = pw.DateField()
    lead_name = pw.TextField()
    done_on = pw.DateField(null=True)
    created_at = pw.TextField()
    updated_at = pw.TextField()


class ServicePledgeNote(BaseModel):
    pledge = pw.ForeignKeyField(ServicePledge, backref="notes")
    noted_on = pw.DateField()
    text = pw.TextField()


class OpennessPosting(BaseModel):
    branch = pw.ForeignKeyField(Branch)
    kind = pw.TextField()
    title = pw.TextField()
    body = pw.TextField(default="")
    covers_year = pw.IntegerField()
    covers_part = pw.IntegerField(default=0)
    posted_on = pw.DateField()
    place = pw.TextField()
    hung_from = pw.DateField()
    hung_to = pw.DateField()
    created_at = pw.TextField()


class ServiceVerdict(BaseModel):
    branch = pw.ForeignKeyField(Branch)
    year = pw.IntegerField()
    member = pw.ForeignKeyField(Member, null=True)
    held_on = pw.DateField()
    satisfied = pw.IntegerField()
    basic = pw.IntegerField()
    unsatisfied = pw.IntegerField()
    unknown = pw.IntegerField()
    feedback = pw.TextField(default="")
    created_at = pw.TextField()


SERVICE_MODELS = [ServiceActivity, ServiceParticipant, ServicePledge, ServicePledgeNote, OpennessPosting, ServiceVerdict]

"""Peewee models of the 学习 and 汇报制度 tables (migration ``m…_study``, docs/domain.md §18)."""

from __future__ import annotations

import peewee as pw

from .meeting_models import Meeting
from .models import BaseModel, Branch, Member


class StudyTopic(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="study_topics")
    year = pw.IntegerField()
    title = pw.TextField()
    readings = pw.TextField(default="")
    lead_member = pw.ForeignKeyField(Member, null=True)
    lead_name = pw.TextField(default="")
    planned_on = pw.DateField(null=True)
    note = pw.TextField(default="")
    created_at = pw.TextField()
    updated_at = pw.TextField()


class StudyTopicMeeting(BaseModel):
    topic = pw.ForeignKeyField(StudyTopic, backref="meetings")
    meeting = pw.ForeignKeyField(Meeting)


class StudyMakeup(BaseModel):
    topic = pw.ForeignKeyField(StudyTopic, backref="makeups")
    member = pw.ForeignKeyField(Member)
    done_on = pw.DateField()
    way = pw.TextField()
    note = pw.TextField(default="")
    created_at = pw.TextField()


class MemberReport(BaseModel):
    branch = pw.ForeignKeyField(Branch)
    member = pw.ForeignKeyField(Member)
    kind = pw.TextField()
    received_on = pw.DateField()
    note = pw.TextField(default="")
    created_at = pw.TextField()


class BranchReport(BaseModel):
    branch = pw.ForeignKeyField(Branch)
    year = pw.IntegerField()
    half = pw.IntegerField()
    meeting = pw.ForeignKeyField(Meeting, null=True)
    title = pw.TextField()
    body = pw.TextField(default="")
    created_at = pw.TextField()
    updated_at = pw.TextField()


STUDY_MODELS = [StudyTopic, StudyTopicMeeting, StudyMakeup, MemberReport, BranchReport]

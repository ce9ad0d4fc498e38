"""Peewee models of 组织生活会, 民主评议党员, 谈心谈话 and 整改台账 (step 4), in their own
module, as the meetings' are (storage/meeting_models.py)."""

from __future__ import annotations

import peewee as pw

from .meeting_models import Meeting
from .models import BaseModel, Branch, Member, PartyGroup


class LifeCycle(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="life_cycles")
    year = pw.IntegerField()
    theme = pw.TextField(default="")
    planned_on = pw.DateField(null=True)
    form = pw.TextField(default="general")
    group = pw.ForeignKeyField(PartyGroup, null=True)
    plan_reported_on = pw.DateField(null=True)
    meeting = pw.ForeignKeyField(Meeting, null=True)
    secretary_report = pw.TextField(default="")
    review = pw.TextField(default="")
    summary = pw.TextField(default="")
    state = pw.TextField(default="draft")
    created_at = pw.TextField()
    updated_at = pw.TextField()
    # What its papers state, written when it is reported (life/snapshot.py).
    sealed_facts = pw.TextField(null=True)


class LifeOpinion(BaseModel):
    cycle = pw.ForeignKeyField(LifeCycle, backref="opinions")
    position = pw.IntegerField()
    uid = pw.TextField()
    source = pw.TextField()
    channel = pw.TextField()
    received_on = pw.DateField()
    content = pw.TextField()
    category = pw.TextField()
    addressed_member = pw.ForeignKeyField(Member, null=True)
    addressed_name = pw.TextField(default="")
    anonymous = pw.BooleanField(default=False)
    giver = pw.TextField(default="")
    answer = pw.TextField(default="")
    answered_on = pw.DateField(null=True)


class LifeProblem(BaseModel):
    cycle = pw.ForeignKeyField(LifeCycle, backref="problems")
    position = pw.IntegerField()
    uid = pw.TextField()
    member = pw.ForeignKeyField(Member, null=True)
    owner_name = pw.TextField(default="")
    source = pw.TextField()
    category = pw.TextField()
    problem = pw.TextField()


class LifeExamination(BaseModel):
    cycle = pw.ForeignKeyField(LifeCycle, backref="examinations")
    position = pw.IntegerField()
    member = pw.ForeignKeyField(Member, null=True)
    owner_name = pw.TextField(default="")
    problems = pw.TextField()
    causes = pw.TextField(default="")
    measures = pw.TextField(default="")
    submitted_on = pw.DateField(null=True)


class LifeCriticism(BaseModel):
    cycle = pw.ForeignKeyField(LifeCycle, backref="criticism")
    position = pw.IntegerField()
    uid = pw.TextField()
    kind = pw.TextField()
    from_member = pw.ForeignKeyField(Member, null=True)
    from_name = pw.TextField()
    to_member = pw.ForeignKeyField(Member, null=True)
    to_name = pw.TextField()
    content = pw.TextField()
    response = pw.TextField(default="")


class Talk(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="talks")
    talked_on = pw.DateField()
    place = pw.TextField(default="")
    talker_member = pw.ForeignKeyField(Member, null=True)
    talker_name = pw.TextField()
    partner_member = pw.ForeignKeyField(Member, null=True)
    partner_name = pw.TextField()
    content = pw.TextField(default="")
    effect = pw.TextField(default="")
    created_at = pw.TextField()
    updated_at = pw.TextField()


class Appraisal(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="appraisals")
    year = pw.IntegerField()
    cycle = pw.ForeignKeyField(LifeCycle, null=True)
    held_on = pw.DateField(null=True)
    voters = pw.IntegerField(default=0)
    decided_on = pw.DateField(null=True)
    note = pw.TextField(default="")
    state = pw.TextField(default="draft")
    created_at = pw.TextField()
    updated_at = pw.TextField()


class AppraisalEntry(BaseModel):
    appraisal = pw.ForeignKeyField(Appraisal, backref="entries")
    position = pw.IntegerField()
    member = pw.ForeignKeyField(Member, null=True)
    member_name = pw.TextField()
    self_grade = pw.TextField(default="")
    self_appraisal = pw.TextField(default="")
    mutual_remarks = pw.TextField(default="")
    votes_excellent = pw.IntegerField(null=True)
    votes_qualified = pw.IntegerField(null=True)
    votes_basic = pw.IntegerField(null=True)
    votes_unqualified = pw.IntegerField(null=True)
    decided_grade = pw.TextField(default="")
    decision_reason = pw.TextField(default="")
    feedback_on = pw.DateField(null=True)
    feedback_note = pw.TextField(default="")
    handling = pw.TextField(default="")
    handling_note = pw.TextField(default="")


class RectificationItem(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="rectification_items")
    year = pw.IntegerField()
    number = pw.IntegerField()
    source = pw.TextField()
    source_ref = pw.TextField(default="")
    category = pw.TextField(default="other")
    scope = pw.TextField(default="branch")
    owner_member = pw.ForeignKeyField(Member, null=True)
    owner_name = pw.TextField()
    problem = pw.TextField()
    cause = pw.TextField(default="")
    measure = pw.TextField()
    deadline = pw.DateField()
    created_on = pw.DateField()
    closed_on = pw.DateField(null=True)
    closing_note = pw.TextField(default="")
    public = pw.BooleanField(default=False)
    created_at = pw.TextField()
    updated_at = pw.TextField()


class RectificationProgress(BaseModel):
    item = pw.ForeignKeyField(RectificationItem, backref="progress")
    noted_on = pw.DateField()
    text = pw.TextField()
    recorded_at = pw.TextField()


class RectificationEvidence(BaseModel):
    item = pw.ForeignKeyField(RectificationItem, backref="evidence")
    kind = pw.TextField()
    record_id = pw.IntegerField(null=True)
    title = pw.TextField()
    original_name = pw.TextField(default="")
    stored_path = pw.TextField(default="")
    sha256 = pw.TextField(default="")
    size = pw.IntegerField(default=0)
    added_at = pw.TextField()

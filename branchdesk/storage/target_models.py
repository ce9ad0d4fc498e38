"""Peewee models of the 目标管理 tables (migration step 5), beside ``models.py`` which
maps the rest of the schema. Points and scores are whole tenths (``*_x10``)."""

from __future__ import annotations

import peewee as pw

from .models import BaseModel, Branch


class IndicatorLibrary(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="indicator_libraries")
    year = pw.IntegerField()
    name = pw.TextField()
    issued_by = pw.TextField(default="")
    note = pw.TextField(default="")
    created_at = pw.TextField()
    updated_at = pw.TextField()


class Indicator(BaseModel):
    library = pw.ForeignKeyField(IndicatorLibrary, backref="indicators")
    parent = pw.ForeignKeyField("self", null=True, backref="children")
    position = pw.IntegerField()
    code = pw.TextField()
    name = pw.TextField()
    points_x10 = pw.IntegerField()
    scoring_rule = pw.TextField(default="")
    evidence_required = pw.TextField(default="")
    measure = pw.TextField(default="")


class TargetPlan(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="target_plans")
    year = pw.IntegerField()
    library = pw.ForeignKeyField(IndicatorLibrary)
    note = pw.TextField(default="")
    adopted_on = pw.DateField(null=True)
    created_at = pw.TextField()
    updated_at = pw.TextField()


class TargetPlanItem(BaseModel):
    plan = pw.ForeignKeyField(TargetPlan, backref="items")
    indicator = pw.ForeignKeyField(Indicator)
    position = pw.IntegerField()
    target_text = pw.TextField(default="")
    target_value_x10 = pw.IntegerField(null=True)
    measure = pw.TextField(default="")
    note = pw.TextField(default="")


class TargetInspection(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="target_inspections")
    year = pw.IntegerField()
    period_kind = pw.TextField()
    period_no = pw.IntegerField()
    library_name = pw.TextField(default="")
    inspected_on = pw.DateField(null=True)
    inspectors = pw.TextField(default="")
    inspecting_body = pw.TextField(default="")
    remarks = pw.TextField(default="")
    total_points_x10 = pw.IntegerField(default=0)
    self_total_x10 = pw.IntegerField(null=True)
    total_x10 = pw.IntegerField(null=True)
    grade = pw.TextField(default="")
    thresholds = pw.TextField(default="")
    state = pw.TextField(default="draft")
    created_at = pw.TextField()
    updated_at = pw.TextField()


class TargetScore(BaseModel):
    inspection = pw.ForeignKeyField(TargetInspection, backref="scores")
    position = pw.IntegerField()
    indicator = pw.ForeignKeyField(Indicator, null=True)
    parent_code = pw.TextField(default="")
    parent_name = pw.TextField(default="")
    code = pw.TextField()
    name = pw.TextField()
    points_x10 = pw.IntegerField()
    scoring_rule = pw.TextField(default="")
    target_text = pw.TextField(default="")
    measured_text = pw.TextField(default="")
    self_score_x10 = pw.IntegerField(null=True)
    score_x10 = pw.IntegerField(null=True)
    remark = pw.TextField(default="")


class TargetEvidence(BaseModel):
    score = pw.ForeignKeyField(TargetScore, backref="evidence")
    position = pw.IntegerField()
    kind = pw.TextField()
    record_id = pw.IntegerField(null=True)
    title = pw.TextField()
    original_name = pw.TextField(default="")
    stored_path = pw.TextField(default="")
    sha256 = pw.TextField(default="")
    size = pw.IntegerField(default=0)
    added_at = pw.TextField()


class TargetProblem(BaseModel):
    inspection = pw.ForeignKeyField(TargetInspection, backref="problems")
    position = pw.IntegerField()
    uid = pw.TextField()
    code = pw.TextField(default="")
    problem = pw.TextField()
    suggestion = pw.TextField(default="")


TARGET_MODELS = [
    IndicatorLibrary, Indicator, TargetPlan, TargetPlanItem, TargetInspection, TargetScore, TargetEvidence,
    TargetProblem,
]

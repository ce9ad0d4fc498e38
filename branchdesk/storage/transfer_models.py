"""Peewee models of the 组织关系转接 and 流动党员 tables (migration ``m…_transfers``),
beside ``models.py``."""

from __future__ import annotations

import peewee as pw

from .models import BaseModel, Branch, Member


class MemberTransfer(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="transfers")
    direction = pw.TextField()
    member = pw.ForeignKeyField(Member, backref="transfers")
    new_member = pw.BooleanField(default=False)
    moved_on = pw.DateField()
    letter_year = pw.IntegerField(null=True)
    letter_seq = pw.IntegerField(null=True)
    letter_no = pw.TextField(default="")
    from_org = pw.TextField()
    to_org = pw.TextField()
    reason = pw.TextField()
    reason_note = pw.TextField(default="")
    scope = pw.TextField()
    valid_days = pw.IntegerField()
    dues_paid_to = pw.TextField(default="")
    receipt_on = pw.DateField(null=True)
    status_before = pw.TextField(default="")
    cancelled_on = pw.DateField(null=True)
    cancel_reason = pw.TextField(default="")
    note = pw.TextField(default="")
    created_at = pw.TextField()
    updated_at = pw.TextField()


class AwayMember(BaseModel):
    branch = pw.ForeignKeyField(Branch, backref="away_members")
    member = pw.ForeignKeyField(Member, backref="away_spells")
    place = pw.TextField()
    since = pw.DateField()
    until = pw.DateField(null=True)
    contact = pw.TextField(default="")
    host_org = pw.TextField(default="")
    life_way = pw.TextField()
    life_note = pw.TextField(default="")
    dues_way = pw.TextField()
    dues_note = pw.TextField(default="")
    status_before = pw.TextField(default="")
    note = pw.TextField(default="")
    created_at = pw.TextField()
    updated_at = pw.TextField()


TRANSFER_MODELS = [MemberTransfer, AwayMember]

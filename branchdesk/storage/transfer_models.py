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


def arrived_after(branch_id: int, day) -> set[int]:
    """Members put on the roster by a 组织关系转入 dated after ``day``: they belong from that
    date, not from their 入党日期 (docs/domain.md §16), so whoever asks who belonged on
    ``day`` leaves them out."""
    rows = MemberTransfer.select(MemberTransfer.member).where(
        MemberTransfer.branch == branch_id, MemberTransfer.new_member == True,  # noqa: E712
        MemberTransfer.moved_on > day)
    return {row.member_id for row in rows}


TRANSFER_MODELS = [MemberTransfer, AwayMember]

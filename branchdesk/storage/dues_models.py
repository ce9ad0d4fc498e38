"""Peewee models of the 党费 tables (the dues migration step), beside ``models.py``.
Money is whole fen; months are 'YYYY-MM' text."""

from __future__ import annotations

import peewee as pw

from .models import BaseModel, Member


class DuesBase(BaseModel):
    member = pw.ForeignKeyField(Member)
    from_month = pw.TextField()
    category = pw.TextField()
    base_fen = pw.IntegerField(null=True)
    voluntary_fen = pw.IntegerField(null=True)
    set_on = pw.DateField()
    set_by = pw.TextField()
    note = pw.TextField(default="")
    created_at = pw.TextField()


class DuesReceiptCounter(BaseModel):
    year = pw.IntegerField(primary_key=True)
    last_number = pw.IntegerField()


class DuesPayment(BaseModel):
    receipt_no = pw.TextField(null=True, unique=True)
    member = pw.ForeignKeyField(Member)
    paid_on = pw.DateField()
    received_by = pw.TextField()
    method = pw.TextField()
    payer = pw.TextField(default="")
    kind = pw.TextField()
    reason = pw.TextField(default="")
    corrects = pw.ForeignKeyField("self", null=True)
    total_fen = pw.IntegerField()
    created_at = pw.TextField()
    created_by = pw.TextField()


class DuesPaymentMonth(BaseModel):
    payment = pw.ForeignKeyField(DuesPayment, backref="months")
    month = pw.TextField()
    amount_fen = pw.IntegerField()
    due_fen = pw.IntegerField()
    timing = pw.TextField()


class DuesExcuse(BaseModel):
    member = pw.ForeignKeyField(Member)
    from_month = pw.TextField()
    to_month = pw.TextField()
    reason = pw.TextField()
    set_on = pw.DateField()
    set_by = pw.TextField()
    created_at = pw.TextField()


class DuesMonth(BaseModel):
    month = pw.TextField(unique=True)
    state = pw.TextField(default="draft")
    closed_on = pw.DateField()
    closed_by = pw.TextField()
    closed_for = pw.TextField()
    due_fen = pw.IntegerField()
    paid_fen = pw.IntegerField()
    created_at = pw.TextField()


class DuesMonthLine(BaseModel):
    month = pw.ForeignKeyField(DuesMonth, backref="lines", column_name="month_id")
    member = pw.ForeignKeyField(Member)
    member_name = pw.TextField()
    category = pw.TextField()
    due_fen = pw.IntegerField()
    paid_fen = pw.IntegerField()
    receipts = pw.TextField(default="")


class DuesHandover(BaseModel):
    handed_on = pw.DateField()
    amount_fen = pw.IntegerField()
    to_org = pw.TextField()
    from_month = pw.TextField()
    to_month = pw.TextField()
    voucher = pw.TextField(default="")
    handed_by = pw.TextField()
    note = pw.TextField(default="")
    created_at = pw.TextField()
    created_by = pw.TextField()

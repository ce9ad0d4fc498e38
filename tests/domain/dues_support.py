"""Helpers of the 党费 tests: bases for the small meeting-test branch, payments by name."""

from __future__ import annotations

import datetime as dt

from branchdesk.dues import BaseForm, PaymentForm

YEAR = 2026


def month(m: int, year: int = YEAR) -> dt.date:
    return dt.date(year, m, 1)


def set_base(archive, ids, name, category="employed", base_fen=400_000, from_month=None, **changes) -> int:
    form = BaseForm(ids[name], from_month or month(1), category, base_fen, set_by="李喆",
                    set_on=dt.date(YEAR, 1, 5), **changes)
    return archive.dues.set_base(form)


def pay(archive, ids, name, months, paid_on=None, **changes):
    form = PaymentForm(ids[name], list(months), paid_on=paid_on or dt.date(YEAR, 12, 1), received_by="李喆",
                       **changes)
    return archive.dues.pay(form)

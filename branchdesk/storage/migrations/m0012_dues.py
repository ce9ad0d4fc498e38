"""党费: the dues ledger (docs/domain.md §10).

* ``dues_base``: each member's monthly base and category from a month on, with the day
  it was set and who set it (not sealed: a new base from a later month is a new row;
  a base of a closed month is refused by the manager).
* ``dues_payment`` with ``dues_payment_month``: money received (or a correction with its
  reason) for named months, each payment with its receipt number. Append-only: a
  payment is never changed or deleted, a mistake is a correction entry.
* ``dues_receipt_counter``: the last receipt number of each year, raised in the
  payment's own transaction, so numbers have no gaps and are never used twice.
* ``dues_excuse``: months a member is excused with a reason (the six-month rule skips them).
* ``dues_month`` with ``dues_month_line``: a closed month — what each member owed and
  had paid when it was closed — sealed like other records.
* ``dues_handover``: 上缴 to the higher 党委. Append-only.
* ``upper_dues_month``: at an upper level, each branch's 党费 per month from its bundles
  (due, paid, members still owing, handed over), for the dashboard.

Money is whole fen (INTEGER); months are 'YYYY-MM' text; timestamps ISO text."""

from ..protect import append_only, protect_table, refuse_replace_append_only, refuse_replace_sealed
from ._ddl import run_ddl

VERSION = 12

TABLES = """
CREATE TABLE dues_base (
    id {pk},
    member_id INTEGER NOT NULL REFERENCES member (id),
    from_month TEXT NOT NULL,
    category TEXT NOT NULL,
    base_fen INTEGER,
    voluntary_fen INTEGER,
    set_on DATE NOT NULL,
    set_by TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    UNIQUE (member_id, from_month)
);
CREATE TABLE dues_receipt_counter (
    year INTEGER PRIMARY KEY,
    last_number INTEGER NOT NULL
);
CREATE TABLE dues_payment (
    id {pk},
    receipt_no TEXT UNIQUE,
    member_id INTEGER NOT NULL REFERENCES member (id),
    paid_on DATE NOT NULL,
    received_by TEXT NOT NULL,
    method TEXT NOT NULL,
    payer TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    corrects_id INTEGER REFERENCES dues_payment (id),
    total_fen INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX dues_payment_member ON dues_payment (member_id);
CREATE TABLE dues_payment_month (
    id {pk},
    payment_id INTEGER NOT NULL REFERENCES dues_payment (id),
    month TEXT NOT NULL,
    amount_fen INTEGER NOT NULL,
    due_fen INTEGER NOT NULL,
    timing TEXT NOT NULL
);
CREATE INDEX dues_payment_month_month ON dues_payment_month (month);
CREATE INDEX dues_payment_month_payment ON dues_payment_month (payment_id);
CREATE TABLE dues_excuse (
    id {pk},
    member_id INTEGER NOT NULL REFERENCES member (id),
    from_month TEXT NOT NULL,
    to_month TEXT NOT NULL,
    reason TEXT NOT NULL,
    set_on DATE NOT NULL,
    set_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE dues_month (
    id {pk},
    month TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL DEFAULT 'draft',
    closed_on DATE NOT NULL,
    closed_by TEXT NOT NULL,
    closed_for TEXT NOT NULL,
    due_fen INTEGER NOT NULL,
    paid_fen INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE dues_month_line (
    id {pk},
    month_id INTEGER NOT NULL REFERENCES dues_month (id),
    member_id INTEGER NOT NULL REFERENCES member (id),
    member_name TEXT NOT NULL,
    category TEXT NOT NULL,
    due_fen INTEGER NOT NULL,
    paid_fen INTEGER NOT NULL,
    receipts TEXT NOT NULL DEFAULT ''
);
CREATE INDEX dues_month_line_month ON dues_month_line (month_id);
CREATE TABLE dues_handover (
    id {pk},
    handed_on DATE NOT NULL,
    amount_fen INTEGER NOT NULL,
    to_org TEXT NOT NULL,
    from_month TEXT NOT NULL,
    to_month TEXT NOT NULL,
    voucher TEXT NOT NULL DEFAULT '',
    handed_by TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE TABLE upper_dues_month (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES upper_branch (id),
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,
    due_fen INTEGER NOT NULL,
    paid_fen INTEGER NOT NULL,
    unpaid INTEGER NOT NULL,
    handed_fen INTEGER NOT NULL
);
CREATE INDEX upper_dues_month_branch ON upper_dues_month (branch_id, year, month)
"""

APPEND_ONLY_KEYS = {
    "dues_payment": (("id",), ("receipt_no",)),
    "dues_payment_month": (("id",),),
    "dues_handover": (("id",),),
    "dues_excuse": (("id",),),
}


def apply(db) -> None:
    run_ddl(db, TABLES)
    protect_table(db, "dues_month", state_column="state")
    protect_table(db, "dues_month_line", parent=("dues_month", "month_id"))
    refuse_replace_sealed(db, "dues_month")
    refuse_replace_sealed(db, "dues_month_line", parent=("dues_month", "month_id"))
    for table, keys in APPEND_ONLY_KEYS.items():
        append_only(db, table)
        refuse_replace_append_only(db, table, keys)

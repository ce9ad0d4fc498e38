"""Step 19: 组织关系转接 and 流动党员 (docs/domain.md §16).

``member_transfer``: one 组织关系 transfer, out of the branch (``direction`` 'out', our
介绍信 numbered per year: ``letter_year`` + ``letter_seq``, unique, never reused even when
the letter is cancelled) or into it ('in', the sender's letter number as typed in
``letter_no``). ``new_member``: a transfer in that put a new person on the roster.
``status_before``: the member's status the transfer replaced, so cancelling restores it.
``receipt_on``: the 回执 received back (out) or sent back (in).

``away_member``: the 流动党员 register, one row per spell away (``since`` … ``until``,
open while ``until`` is NULL), with where, how they are reached, the 流入地 党组织 and how
they take part in 组织生活 and pay dues. Timestamps are ISO text as in step 3."""

from ._ddl import run_ddl

VERSION = 19

TABLES = """
CREATE TABLE member_transfer (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES branch (id),
    direction TEXT NOT NULL,
    member_id INTEGER NOT NULL REFERENCES member (id),
    new_member BOOLEAN NOT NULL DEFAULT FALSE,
    moved_on DATE NOT NULL,
    letter_year INTEGER,
    letter_seq INTEGER,
    letter_no TEXT NOT NULL DEFAULT '',
    from_org TEXT NOT NULL,
    to_org TEXT NOT NULL,
    reason TEXT NOT NULL,
    reason_note TEXT NOT NULL DEFAULT '',
    scope TEXT NOT NULL,
    valid_days INTEGER NOT NULL,
    dues_paid_to TEXT NOT NULL DEFAULT '',
    receipt_on DATE,
    status_before TEXT NOT NULL DEFAULT '',
    cancelled_on DATE,
    cancel_reason TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX member_transfer_letter ON member_transfer (branch_id, letter_year, letter_seq);
CREATE INDEX member_transfer_member ON member_transfer (member_id);
CREATE TABLE away_member (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES branch (id),
    member_id INTEGER NOT NULL REFERENCES member (id),
    place TEXT NOT NULL,
    since DATE NOT NULL,
    until DATE,
    contact TEXT NOT NULL DEFAULT '',
    host_org TEXT NOT NULL DEFAULT '',
    life_way TEXT NOT NULL,
    life_note TEXT NOT NULL DEFAULT '',
    dues_way TEXT NOT NULL,
    dues_note TEXT NOT NULL DEFAULT '',
    status_before TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX away_member_member ON away_member (member_id)
"""


def apply(db) -> None:
    run_ddl(db, TABLES)

"""Step 18: 群众工作 (docs/domain.md §14) — the households each member keeps in touch
with (``masses_household``: 联系户, 结对帮扶, 困难群众; its phone and circumstances are
shown masked unless asked for), the 走访 log (``masses_visit``), and the 民情诉求 ledger
(``masses_request``) with its 办理 notes and evidence (``masses_request_note``).

A request's steps are columns filled in order (受理 → 交办 → 办理 → 办结 → 反馈 → 回访);
the manager refuses a step out of order. A request points at what it came from: a 走访
(``visit_id``), a 座谈会 (``meeting_id``) or a 组织生活会 opinion (``opinion_uid``), and at
the 整改台账 item it became (``rectification_id``). At an upper level,
``upper_masses_request`` holds each branch's requests from its bundles as dates and
states only (no people, no words), for the dashboard. Nothing here is sealed (the work goes
on after a year is reported); every change is in the audit log. Timestamps ISO text."""

from ._ddl import run_ddl

VERSION = 18

TABLES = """
CREATE TABLE masses_household (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES branch (id),
    name TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    circumstances TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    member_id INTEGER REFERENCES member (id),
    member_name TEXT NOT NULL DEFAULT '',
    listed_on DATE NOT NULL,
    ended_on DATE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX masses_household_branch ON masses_household (branch_id, member_id);
CREATE TABLE masses_visit (
    id {pk},
    household_id INTEGER NOT NULL REFERENCES masses_household (id),
    member_id INTEGER REFERENCES member (id),
    member_name TEXT NOT NULL,
    visited_on DATE NOT NULL,
    seen TEXT NOT NULL DEFAULT '',
    asked TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);
CREATE INDEX masses_visit_household ON masses_visit (household_id, visited_on);
CREATE TABLE masses_request (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES branch (id),
    uid TEXT NOT NULL UNIQUE,
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    channel TEXT NOT NULL,
    received_on DATE NOT NULL,
    person_name TEXT NOT NULL DEFAULT '',
    household_id INTEGER REFERENCES masses_household (id),
    content TEXT NOT NULL,
    visit_id INTEGER REFERENCES masses_visit (id),
    meeting_id INTEGER REFERENCES meeting (id),
    opinion_uid TEXT NOT NULL DEFAULT '',
    owner_member_id INTEGER REFERENCES member (id),
    owner_name TEXT NOT NULL DEFAULT '',
    assigned_on DATE,
    deadline DATE,
    done_on DATE,
    done_note TEXT NOT NULL DEFAULT '',
    feedback_on DATE,
    feedback_how TEXT NOT NULL DEFAULT '',
    feedback_note TEXT NOT NULL DEFAULT '',
    revisit_on DATE,
    satisfaction TEXT NOT NULL DEFAULT '',
    revisit_note TEXT NOT NULL DEFAULT '',
    rectification_id INTEGER REFERENCES rectification_item (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (branch_id, year, number)
);
CREATE INDEX masses_request_open ON masses_request (branch_id, done_on, deadline);
CREATE TABLE masses_request_note (
    id {pk},
    request_id INTEGER NOT NULL REFERENCES masses_request (id),
    noted_on DATE NOT NULL,
    text TEXT NOT NULL,
    original_name TEXT NOT NULL DEFAULT '',
    stored_path TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL DEFAULT '',
    size INTEGER NOT NULL DEFAULT 0,
    recorded_at TEXT NOT NULL
);
CREATE INDEX masses_request_note_request ON masses_request_note (request_id);
CREATE TABLE upper_masses_request (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES upper_branch (id),
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    received_on TEXT NOT NULL,
    deadline TEXT,
    done_on TEXT,
    revisit_on TEXT,
    satisfaction TEXT NOT NULL DEFAULT ''
);
CREATE INDEX upper_masses_request_branch ON upper_masses_request (branch_id, year)
"""


def apply(db) -> None:
    run_ddl(db, TABLES)

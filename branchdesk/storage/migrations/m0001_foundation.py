"""Step 1: settings, branches, committee posts, party groups, members and their status history."""

from ._ddl import run_ddl

VERSION = 1

TABLES = """
CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE branch (
    id {pk},
    name TEXT NOT NULL,
    code TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    higher_org TEXT NOT NULL DEFAULT '',
    founded_on DATE,
    term_started_on DATE,
    is_own BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE TABLE party_group (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES branch (id),
    name TEXT NOT NULL,
    leader_id INTEGER,
    sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX party_group_branch_name ON party_group (branch_id, name);
CREATE TABLE member (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES branch (id),
    name TEXT NOT NULL,
    gender TEXT NOT NULL,
    ethnicity TEXT NOT NULL DEFAULT '汉族',
    birth_date DATE NOT NULL,
    id_number TEXT NOT NULL,
    education TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    job TEXT NOT NULL DEFAULT '',
    joined_on DATE NOT NULL,
    full_on DATE,
    full_exception TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    group_id INTEGER REFERENCES party_group (id),
    note TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX member_branch_id_number ON member (branch_id, id_number);
CREATE INDEX member_branch_status ON member (branch_id, status);
CREATE INDEX member_group ON member (group_id);
CREATE TABLE member_status_change (
    id {pk},
    member_id INTEGER NOT NULL REFERENCES member (id),
    status_from TEXT,
    status_to TEXT NOT NULL,
    changed_on DATE NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    recorded_at TIMESTAMP NOT NULL
);
CREATE INDEX member_status_change_member ON member_status_change (member_id);
CREATE TABLE committee_post (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES branch (id),
    post TEXT NOT NULL,
    member_id INTEGER REFERENCES member (id),
    holder_name TEXT NOT NULL DEFAULT '',
    sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX committee_post_branch ON committee_post (branch_id);
"""


def apply(db) -> None:
    run_ddl(db, TABLES)

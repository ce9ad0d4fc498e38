"""Step 13: 发展党员 — one 发展档案 per person (``recruit_person``), the steps of
《中国共产党发展党员工作细则》 recorded on it in order (``recruit_step``), and the scanned
papers of each step (``recruit_document``, files under their SHA-256 as for meetings).

A step that was a meeting points at its 支委会/支部党员大会 record (``meeting_id``) and the
resolution voted there (``resolution_no``); its date and vote are read from the meeting,
never typed twice. People of a step (谈话人, 培养联系人, 入党介绍人) are JSON text: a list of
``{"role", "member_id", "name"}``. The person joins the roster when 上级党委 approves
(``member_id``). ``state``: 草稿 → 定稿 → 已上报 (sealed) as for other records. Timestamps
are ISO text as in step 3."""

from ..protect import protect_table
from ._ddl import run_ddl

VERSION = 13

TABLES = """
CREATE TABLE recruit_person (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES branch (id),
    name TEXT NOT NULL,
    gender TEXT NOT NULL,
    birth_date DATE NOT NULL,
    id_number TEXT NOT NULL,
    ethnicity TEXT NOT NULL DEFAULT '',
    education TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    job TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    member_id INTEGER REFERENCES member (id),
    state TEXT NOT NULL DEFAULT 'draft',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX recruit_person_id_number ON recruit_person (branch_id, id_number);
CREATE TABLE recruit_step (
    id {pk},
    person_id INTEGER NOT NULL REFERENCES recruit_person (id),
    position INTEGER NOT NULL,
    step TEXT NOT NULL,
    done_on DATE NOT NULL,
    people TEXT NOT NULL DEFAULT '[]',
    body TEXT NOT NULL DEFAULT '',
    decision TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    days INTEGER,
    hours INTEGER,
    extension_months INTEGER,
    group_id INTEGER REFERENCES party_group (id),
    meeting_id INTEGER REFERENCES meeting (id),
    resolution_no INTEGER,
    recorded_at TEXT NOT NULL
);
CREATE UNIQUE INDEX recruit_step_position ON recruit_step (person_id, position);
CREATE INDEX recruit_step_meeting ON recruit_step (meeting_id);
CREATE TABLE recruit_document (
    id {pk},
    step_id INTEGER NOT NULL REFERENCES recruit_step (id),
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    original_name TEXT NOT NULL,
    stored_path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    added_at TEXT NOT NULL
);
CREATE INDEX recruit_document_step ON recruit_document (step_id)
"""


def apply(db) -> None:
    run_ddl(db, TABLES)
    # a 发展档案 is sealed when it is reported after 材料归档 (定稿 → 已上报), its steps and papers with it
    protect_table(db, "recruit_person", state_column="state")
    protect_table(db, "recruit_step", parent=("recruit_person", "person_id"))
    protect_table(db, "recruit_document", parent=[("recruit_step", "step_id"), ("recruit_person", "person_id")])

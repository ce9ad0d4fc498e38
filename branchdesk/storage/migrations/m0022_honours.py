"""Step 22: 奖惩 (docs/domain.md §17).

``member_commendation``: one 表彰 of a member (``kind`` 优秀共产党员 / 优秀党务工作者 /
其他, its ``title`` as the decision words it), by whom (``granted_by``), when and under
which 文号.

``member_discipline``: one 党纪处分 or 组织处理 (``kind``), with ``probation_years`` for a
留党察看, the deciding body, date and 文号, and ``facts`` — the sensitive text, covered on
screens and never carried upward. ``status_before``: the member's status an 开除党籍
replaced, so deleting a record entered by mistake restores it."""

from ._ddl import run_ddl

VERSION = 22

TABLES = """
CREATE TABLE member_commendation (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES branch (id),
    member_id INTEGER NOT NULL REFERENCES member (id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    granted_by TEXT NOT NULL,
    granted_on DATE NOT NULL,
    doc_no TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX member_commendation_member ON member_commendation (member_id);
CREATE TABLE member_discipline (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES branch (id),
    member_id INTEGER NOT NULL REFERENCES member (id),
    kind TEXT NOT NULL,
    probation_years INTEGER,
    decided_by TEXT NOT NULL,
    decided_on DATE NOT NULL,
    doc_no TEXT NOT NULL DEFAULT '',
    facts TEXT NOT NULL DEFAULT '',
    status_before TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX member_discipline_member ON member_discipline (member_id)
"""


def apply(db) -> None:
    run_ddl(db, TABLES)

"""Step 21: 学习 and 汇报制度 (docs/domain.md §18).

``study_topic``: one topic of a year's 学习计划 (title, 必读篇目 one per line, who leads
it — a roster member or a name typed — and the planned date). ``study_topic_meeting``
links a topic to the 党课 / 支部党员大会 / 主题党日 records where it was studied: the
attendance is those meetings', never entered again. ``study_makeup``: a member's 补学 of
a topic missed (date, how: 自学+心得 or 补课, a note).

``member_report``: a member's 思想、工作、学习 汇报 (``kind`` 'regular') or a 预备党员's
思想汇报 ('probation'), with the date it was received and a short note; the period it
counts for follows from that date. ``branch_report``: the branch's half-yearly 工作报告
to all members (``year`` + ``half``), presented at a 支部党员大会 (``meeting_id``)."""

from ._ddl import run_ddl

VERSION = 21

TABLES = """
CREATE TABLE study_topic (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES branch (id),
    year INTEGER NOT NULL,
    title TEXT NOT NULL,
    readings TEXT NOT NULL DEFAULT '',
    lead_member_id INTEGER REFERENCES member (id),
    lead_name TEXT NOT NULL DEFAULT '',
    planned_on DATE,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX study_topic_year ON study_topic (branch_id, year);
CREATE TABLE study_topic_meeting (
    id {pk},
    topic_id INTEGER NOT NULL REFERENCES study_topic (id),
    meeting_id INTEGER NOT NULL REFERENCES meeting (id)
);
CREATE UNIQUE INDEX study_topic_meeting_pair ON study_topic_meeting (topic_id, meeting_id);
CREATE TABLE study_makeup (
    id {pk},
    topic_id INTEGER NOT NULL REFERENCES study_topic (id),
    member_id INTEGER NOT NULL REFERENCES member (id),
    done_on DATE NOT NULL,
    way TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX study_makeup_pair ON study_makeup (topic_id, member_id);
CREATE TABLE member_report (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES branch (id),
    member_id INTEGER NOT NULL REFERENCES member (id),
    kind TEXT NOT NULL,
    received_on DATE NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX member_report_member ON member_report (member_id, received_on);
CREATE TABLE branch_report (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES branch (id),
    year INTEGER NOT NULL,
    half INTEGER NOT NULL,
    meeting_id INTEGER REFERENCES meeting (id),
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX branch_report_half ON branch_report (branch_id, year, half)
"""


def apply(db) -> None:
    run_ddl(db, TABLES)

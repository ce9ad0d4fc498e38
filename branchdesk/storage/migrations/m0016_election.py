"""Step 16: 换届选举 — one row per election (``election``), filled step by step: the
换届工作方案 and its 批复, the 预备人选 (candidates), the 支部党员大会 that votes (a meeting
record, ``meeting_id``; its attendance gives the electors due and present), each round of
voting, the 支委会's first meeting choosing 书记/副书记 and dividing the posts, and the
上级党组织's 批复 of the result, when the branch's committee and term change
(docs/domain.md §14).

Lists are JSON text as in the 发展党员 step: ``candidates`` ``[{"member_id", "name"}]``;
``rounds`` one object per vote (kind, places, candidates, 应到/实到, ballots, votes);
``offices`` ``[{"post", "member_id", "name", "votes"}]``; ``previous`` the committee and
term start the approval replaced (``{"term_started_on", "committee": [[post, member_id,
name]]}``), so the old committee stays visible. Timestamps are ISO text.

At the upper level, ``upper_branch.term_started_on`` (ISO date text, NULL until a bundle
tells it) keeps each branch's term start, for its term end beside its last election."""

from ._ddl import run_ddl

VERSION = 16

TABLES = """
CREATE TABLE election (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES branch (id),
    planned_on DATE NOT NULL,
    places INTEGER NOT NULL,
    deputies INTEGER NOT NULL DEFAULT 0,
    plan_note TEXT NOT NULL DEFAULT '',
    plan_submitted_on DATE,
    plan_approved_on DATE,
    plan_approval_no TEXT NOT NULL DEFAULT '',
    candidates TEXT NOT NULL DEFAULT '[]',
    candidates_on DATE,
    meeting_id INTEGER REFERENCES meeting (id),
    rounds TEXT NOT NULL DEFAULT '[]',
    offices TEXT NOT NULL DEFAULT '[]',
    offices_on DATE,
    result_submitted_on DATE,
    result_approved_on DATE,
    result_approval_no TEXT NOT NULL DEFAULT '',
    previous TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX election_branch ON election (branch_id, planned_on);
CREATE INDEX election_meeting ON election (meeting_id);
ALTER TABLE upper_branch ADD COLUMN term_started_on TEXT
"""


def apply(db) -> None:
    run_ddl(db, TABLES)

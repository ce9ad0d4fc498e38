"""服务群众、党务公开与群众评议 (docs/domain.md §15).

* ``service_activity`` with ``service_participant``: a 志愿服务 activity (day, place,
  content) and who took part, each with their hours in tenths; a roster member points at
  the member (``member_id``), anyone else is a name alone (``member_id`` NULL).
* ``service_pledge`` with ``service_pledge_note``: the 为民办实事 the branch promised for
  a year (title, promised by when, who leads), progress notes, and the day it was done.
* ``openness_posting``: what the branch posted for the masses (党务公开): its kind, the
  period it covers (year and part: 0 the whole year, 1–4 a quarter, 1–2 a half-year),
  the day posted, where, and from when to when it hung.
* ``service_verdict``: a year's 群众评议 of the branch committee (``member_id`` NULL) or of
  one member: the four ballot tallies and the feedback.
* ``upper_pledge`` and ``upper_verdict``: at an upper level, each branch's 实事 (promised
  by, done on) and its committee's 群众评议 tallies from its bundles, for the dashboard
  (dates and counts only: no names, no feedback).

Dates are DATE (at the upper level ISO text, compared as text like ``upper_ledger_item``), timestamps
ISO text, as in the other steps. Nothing here is sealed."""

from ._ddl import run_ddl

VERSION = 17

TABLES = """
CREATE TABLE service_activity (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES branch (id),
    held_on DATE NOT NULL,
    place TEXT NOT NULL,
    content TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX service_activity_day ON service_activity (branch_id, held_on);
CREATE TABLE service_participant (
    id {pk},
    activity_id INTEGER NOT NULL REFERENCES service_activity (id),
    position INTEGER NOT NULL,
    member_id INTEGER REFERENCES member (id),
    name TEXT NOT NULL,
    hours_x10 INTEGER NOT NULL
);
CREATE INDEX service_participant_activity ON service_participant (activity_id);
CREATE INDEX service_participant_member ON service_participant (member_id);
CREATE TABLE service_pledge (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES branch (id),
    year INTEGER NOT NULL,
    title TEXT NOT NULL,
    promised_by DATE NOT NULL,
    lead_name TEXT NOT NULL,
    done_on DATE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX service_pledge_year ON service_pledge (branch_id, year);
CREATE TABLE service_pledge_note (
    id {pk},
    pledge_id INTEGER NOT NULL REFERENCES service_pledge (id),
    noted_on DATE NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX service_pledge_note_pledge ON service_pledge_note (pledge_id);
CREATE TABLE openness_posting (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES branch (id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    covers_year INTEGER NOT NULL,
    covers_part INTEGER NOT NULL DEFAULT 0,
    posted_on DATE NOT NULL,
    place TEXT NOT NULL,
    hung_from DATE NOT NULL,
    hung_to DATE NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX openness_posting_year ON openness_posting (branch_id, covers_year);
CREATE TABLE service_verdict (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES branch (id),
    year INTEGER NOT NULL,
    member_id INTEGER REFERENCES member (id),
    held_on DATE NOT NULL,
    satisfied INTEGER NOT NULL,
    basic INTEGER NOT NULL,
    unsatisfied INTEGER NOT NULL,
    unknown INTEGER NOT NULL,
    feedback TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX service_verdict_year ON service_verdict (branch_id, year);
CREATE TABLE upper_pledge (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES upper_branch (id),
    year INTEGER NOT NULL,
    promised_by TEXT NOT NULL,
    done_on TEXT
);
CREATE INDEX upper_pledge_branch ON upper_pledge (branch_id, year);
CREATE TABLE upper_verdict (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES upper_branch (id),
    year INTEGER NOT NULL,
    satisfied INTEGER NOT NULL,
    basic INTEGER NOT NULL,
    unsatisfied INTEGER NOT NULL,
    unknown INTEGER NOT NULL
);
CREATE UNIQUE INDEX upper_verdict_branch ON upper_verdict (branch_id, year)
"""


def apply(db) -> None:
    run_ddl(db, TABLES)

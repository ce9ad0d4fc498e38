"""Step 3: meetings (三会一课 and 主题党日) — the meeting row with its plan, notice and
record, and its child rows: attendance, agenda items, speeches, resolutions with votes,
follow-up tasks and attachments. The meeting and every child table are sealed when the
meeting is reported (``protect_table``). Whether a follow-up task is done is written
after the record went upward, so it lives in its own table, outside the seal.

Times of day are text ``HH:MM``; created/updated/added times are ISO text like the
tables of step 2, so that seals hash the same text on both engines."""

from ..protect import protect_table
from ._ddl import run_ddl

VERSION = 3

TABLES = """
CREATE TABLE meeting (
    id {pk},
    branch_id INTEGER NOT NULL REFERENCES branch (id),
    kind TEXT NOT NULL,
    group_id INTEGER REFERENCES party_group (id),
    also_counts TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    planned_on DATE NOT NULL,
    planned_time TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    theme TEXT NOT NULL DEFAULT '',
    attendees_text TEXT NOT NULL DEFAULT '',
    preparation TEXT NOT NULL DEFAULT '',
    notified_on DATE,
    held_on DATE,
    started_at TEXT NOT NULL DEFAULT '',
    ended_at TEXT NOT NULL DEFAULT '',
    host_name TEXT NOT NULL DEFAULT '',
    recorder_name TEXT NOT NULL DEFAULT '',
    speaker_name TEXT NOT NULL DEFAULT '',
    minutes TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'planned',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX meeting_branch_planned ON meeting (branch_id, planned_on);
CREATE INDEX meeting_branch_held ON meeting (branch_id, held_on);
CREATE TABLE meeting_attendance (
    id {pk},
    meeting_id INTEGER NOT NULL REFERENCES meeting (id),
    position INTEGER NOT NULL,
    member_id INTEGER REFERENCES member (id),
    name TEXT NOT NULL,
    is_guest BOOLEAN NOT NULL DEFAULT FALSE,
    member_status TEXT NOT NULL DEFAULT '',
    voting BOOLEAN NOT NULL DEFAULT FALSE,
    status TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_attendance_meeting ON meeting_attendance (meeting_id);
CREATE INDEX meeting_attendance_member ON meeting_attendance (member_id);
CREATE TABLE meeting_agenda (
    id {pk},
    meeting_id INTEGER NOT NULL REFERENCES meeting (id),
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_agenda_meeting ON meeting_agenda (meeting_id);
CREATE TABLE meeting_speech (
    id {pk},
    meeting_id INTEGER NOT NULL REFERENCES meeting (id),
    position INTEGER NOT NULL,
    agenda_no INTEGER NOT NULL DEFAULT 0,
    speaker TEXT NOT NULL,
    content TEXT NOT NULL
);
CREATE INDEX meeting_speech_meeting ON meeting_speech (meeting_id);
CREATE TABLE meeting_resolution (
    id {pk},
    meeting_id INTEGER NOT NULL REFERENCES meeting (id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    voted BOOLEAN NOT NULL DEFAULT FALSE,
    votes_yes INTEGER,
    votes_no INTEGER,
    votes_abstain INTEGER
);
CREATE INDEX meeting_resolution_meeting ON meeting_resolution (meeting_id);
CREATE TABLE meeting_task (
    id {pk},
    meeting_id INTEGER NOT NULL REFERENCES meeting (id),
    position INTEGER NOT NULL,
    uid TEXT NOT NULL,
    task TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    deadline DATE
);
CREATE INDEX meeting_task_meeting ON meeting_task (meeting_id);
CREATE INDEX meeting_task_uid ON meeting_task (uid);
CREATE TABLE meeting_task_done (
    task_uid TEXT PRIMARY KEY,
    done_on DATE NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);
CREATE TABLE meeting_attachment (
    id {pk},
    meeting_id INTEGER NOT NULL REFERENCES meeting (id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    original_name TEXT NOT NULL,
    stored_path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    added_at TEXT NOT NULL
);
CREATE INDEX meeting_attachment_meeting ON meeting_attachment (meeting_id)
"""

CHILD_TABLES = (
    "meeting_attendance", "meeting_agenda", "meeting_speech", "meeting_resolution", "meeting_task",
    "meeting_attachment",
)


def apply(db) -> None:
    run_ddl(db, TABLES)
    protect_table(db, "meeting", state_column="state")
    for table in CHILD_TABLES:
        protect_table(db, table, parent=("meeting", "meeting_id"))

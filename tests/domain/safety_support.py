"""Helpers for the record-safety tests: a second BranchDesk in a subprocess, raw
driver connections (SQL that bypasses the program), a sealable test record kind
added as a migration step, and the command line run in-process."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import types
from pathlib import Path

import pytest

from branchdesk import cli
from branchdesk.roster.members import MemberForm
from branchdesk.safety.sealing import ChildSpec, SealSpec
from branchdesk.storage import migrate
from branchdesk.storage.migrations._ddl import run_ddl
from branchdesk.storage.protect import protect_table
from tests.helpers import make_id

REPO = Path(__file__).resolve().parents[2]

# A second BranchDesk: opens the archive, says who it is, holds it until told to stop.
HOLDER = r"""
import json, os, sys
from branchdesk.archive import Archive
archive = Archive.open(sys.argv[1], sys.argv[2] or None)
print(json.dumps({"pid": os.getpid(), "read_only": archive.read_only}), flush=True)
sys.stdin.readline()
archive.close()
"""


def subprocess_env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def start_holder(data_dir, url) -> tuple[subprocess.Popen, dict]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir), url or ""],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=subprocess_env(), cwd=REPO,
    )
    line = process.stdout.readline()
    assert line, "the holder process did not start"
    return process, json.loads(line)


def stop_holder(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.stdin.write("stop\n")
        process.stdin.flush()
    process.wait(timeout=30)
    process.stdin.close()
    process.stdout.close()


def raw_connection(data_dir, url):
    """A plain driver connection: SQL exactly as someone with a database tool would type it."""
    if url:
        import psycopg

        return psycopg.connect(url, autocommit=True)
    conn = sqlite3.connect(Path(data_dir) / "branchdesk.sqlite3", isolation_level=None)
    return conn


def raw_error_types():
    import psycopg

    return (sqlite3.Error, psycopg.Error)


def member_forms(count: int, start: int = 0, note: str = "") -> list[MemberForm]:
    forms = []
    for n in range(start, start + count):
        born = dt.date(1960, 1, 1) + dt.timedelta(days=n // 400)
        forms.append(
            MemberForm(
                name=f"党员{n}", id_number=make_id(born, 100 + n % 400), joined_on=dt.date(2000, 3, 1),
                full_on=dt.date(2001, 3, 2), status="full", note=note,
            )
        )
    return forms


def cli_run(capsys, data_dir, *args, db_url=None) -> tuple[int, str, str]:
    argv = ["--data-dir", str(data_dir)] + (["--db-url", db_url] if db_url else []) + list(args)
    code = cli.main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- a sealable record kind, installed the way a later migration step would -----------
PROBE_TABLES = """
CREATE TABLE probe_record (
    id {pk},
    title TEXT NOT NULL,
    held_on DATE,
    is_public BOOLEAN NOT NULL DEFAULT FALSE,
    state TEXT NOT NULL DEFAULT 'draft',
    updated_at TIMESTAMP
);
CREATE TABLE probe_line (
    id {pk},
    record_id INTEGER NOT NULL REFERENCES probe_record (id),
    body TEXT NOT NULL
);
CREATE TABLE probe_vote (
    id {pk},
    line_id INTEGER NOT NULL REFERENCES probe_line (id),
    yes INTEGER NOT NULL
)
"""

PROBE = SealSpec(
    "probe_record",
    "测试记录",
    children=(ChildSpec("probe_line", "record_id", children=(ChildSpec("probe_vote", "line_id"),)),),
)


def _probe_step(db) -> None:
    run_ddl(db, PROBE_TABLES)
    protect_table(db, "probe_record", state_column="state")
    protect_table(db, "probe_line", parent=("probe_record", "record_id"))
    protect_table(db, "probe_vote", parent=(("probe_line", "line_id"), ("probe_record", "record_id")))


@pytest.fixture
def probe_step(monkeypatch):
    """Adds the probe tables as the next migration step, for every archive opened in the test."""
    real = migrate.steps()
    step = types.SimpleNamespace(VERSION=len(real) + 1, apply=_probe_step)
    monkeypatch.setattr(migrate, "steps", lambda: real + [step])
    return step


def add_probe_record(db, title="支部党员大会记录 𠮷😀", lines=(("议题一", (7, 2)), ("议题二", (9,)))) -> int:
    """A record with child lines and grandchild votes, written with plain SQL."""
    p = db.param
    sql = f"INSERT INTO probe_record (title, held_on, is_public, updated_at) VALUES ({p}, {p}, {p}, {p})"
    params = (title, "2024-05-01", True, "2024-05-01 09:30:00")
    if db.__class__.__name__.startswith("BranchDeskPostgres"):
        record_id = db.execute_sql(sql + " RETURNING id", params).fetchone()[0]
    else:
        record_id = db.execute_sql(sql, params).lastrowid
    for body, votes in lines:
        sql = f"INSERT INTO probe_line (record_id, body) VALUES ({p}, {p})"
        if db.__class__.__name__.startswith("BranchDeskPostgres"):
            line_id = db.execute_sql(sql + " RETURNING id", (record_id, body)).fetchone()[0]
        else:
            line_id = db.execute_sql(sql, (record_id, body)).lastrowid
        for yes in votes:
            db.execute_sql(f"INSERT INTO probe_vote (line_id, yes) VALUES ({p}, {p})", (line_id, yes))
    return record_id


@contextlib.contextmanager
def tmpfs(folder: Path, size: str, read_only: bool = False):
    """A small (or read-only) file system at ``folder``: a real full or write-protected stick."""
    folder.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True, check=False
    )
    if result.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root); the injected-error tests cover this")
    try:
        if read_only:
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def close_after_a_failed_backup(archive, monkeypatch):
    """Change ``archive`` and close it while the disk is full, so its automatic backup at
    close fails; returns (data_dir, db_url) for opening it again."""
    import sqlite3

    from branchdesk.safety import backup as backup_mod

    def disk_full(*_args, **_kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    with monkeypatch.context() as patched:
        patched.setattr(backup_mod, "_copy_sqlite", disk_full)
        patched.setattr(backup_mod, "_copy_postgres", disk_full)
        archive.members.add_many(member_forms(2))
        archive.close()
    return archive.layout.root, archive.url

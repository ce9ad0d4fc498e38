"""How long a backup of the demo archive takes (A), against what a user could run on the
same archive without BranchDesk (B), alternated and repeated. The demo has ~30 members
and a few thousand rows (status history and audit entries from a year of edits).

* into the archive's folder: A ``Archive.backup_to(None)`` (the backup API: a snapshot,
  fsynced, ``integrity_check``-ed, named, rotated); B what ``sqlite3 branchdesk.sqlite3
  ".backup copy.sqlite3"`` does (``sqlite3.Connection.backup``), then fsync and
  ``PRAGMA integrity_check`` on the copy - the same guarantees by hand;
* verified to another folder: A ``backup_to(folder)`` (staged and checked locally, copied,
  fsynced and read back there, attachments carried); B the same as above into that
  folder;
* PostgreSQL (when BRANCHDESK_TEST_PG_URL is set): A ``backup_to(None)`` (a logical copy
  into a SQLite file); B ``pg_dump -Fc`` of the same database when pg_dump is installed.

Goal: none in issue 18 (which asked for a baseline); <= 1.5x proposed here on SQLite, the
difference being the naming, rotation and the note in the archive. On PostgreSQL the
whole-archive backup is the server's job (pg_dump), the ratio says what the SQLite copy
costs beside it.

Run: .venv/bin/python bench/backup.py [--rounds 5] [--edits 3000]"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _alternate import alternate, machine_load, report

from branchdesk.archive import Archive
from branchdesk.demo import build_demo

EDITS = 3000
GOAL = "<= 1.5x (proposed here; issue 18 sets none)"


def fill(archive, edits: int) -> int:
    build_demo(archive)
    ids = archive.members.query_ids()
    with archive.db.atomic():
        for n in range(edits):
            member_id = ids[n % len(ids)]
            form = archive.members.get(member_id).form()
            form.phone = f"138{n:08d}"
            archive.members.update(member_id, form)
    return sum(archive.db.execute_sql(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in archive.db.get_tables())


def sqlite_backup(source: Path, target: Path) -> None:
    """B: the backup API, as the sqlite3 shell's ``.backup`` runs it, fsync, integrity_check."""
    target.unlink(missing_ok=True)
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    with open(target, "rb+") as copy:
        os.fsync(copy.fileno())
    with sqlite3.connect(f"file:{target}?mode=ro", uri=True) as check:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def pg_dump(url: str, target: Path) -> None:
    subprocess.run(["pg_dump", "-Fc", "-f", str(target), url], check=True, capture_output=True)


def measure(label: str, data_dir: Path, url: str | None, rounds: int, edits: int) -> None:
    archive = Archive.open(data_dir, url)
    rows = fill(archive, edits)
    stick = Path(tempfile.mkdtemp(prefix="bench-usb-"))
    plain = Path(tempfile.mkdtemp(prefix="bench-plain-"))
    size = archive.backup_to(stick).stat().st_size
    print(f"{label}: {rows} rows, backup file {size / 1024:.0f} KB")
    if url is None:
        database = data_dir / "branchdesk.sqlite3"
        print(" into the archive's folder:")
        local_a, local_b = alternate(lambda: archive.backup_to(None),
                                     lambda: sqlite_backup(database, plain / "copy.sqlite3"), rounds)
        report("backup_to(backups folder)", local_a, ".backup + fsync + integrity_check", local_b, goal=GOAL)
        print(" verified, to another folder:")
        far_a, far_b = alternate(lambda: archive.backup_to(stick),
                                 lambda: sqlite_backup(database, stick / "copy.sqlite3"), rounds)
        report("backup_to(folder), read back", far_a, ".backup + fsync + integrity_check there", far_b, goal=GOAL)
    elif shutil.which("pg_dump"):
        print(" into the archive's folder:")
        pg_a, pg_b = alternate(lambda: archive.backup_to(None), lambda: pg_dump(url, plain / "dump.pgc"), rounds)
        report("backup_to(backups folder)", pg_a, "pg_dump -Fc of the same database", pg_b,
               goal="none: the server's own dump is the PostgreSQL backup (docs)")
    else:
        print(" pg_dump is not installed here: no baseline to compare with (install postgresql-client)")
    archive.close(auto_backup=False)
    for folder in (stick, plain, data_dir):
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--rounds", type=int, default=5, help="timings of each, alternated")
    options.add_argument("--edits", type=int, default=EDITS, help="member edits after the demo (rows to copy)")
    args = options.parse_args()
    rounds, edits = args.rounds, args.edits
    print(machine_load())
    measure("SQLite", Path(tempfile.mkdtemp(prefix="bench-backup-")), None, rounds, edits)
    pg = os.environ.get("BRANCHDESK_TEST_PG_URL")
    if pg:
        import psycopg

        name = f"bench_backup_{os.getpid()}"
        with psycopg.connect(pg, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        try:
            measure("PostgreSQL", Path(tempfile.mkdtemp(prefix="bench-backup-")), pg.rpartition("/")[0] + "/" + name,
                    rounds, edits)
        finally:
            with psycopg.connect(pg, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


if __name__ == "__main__":
    main()

"""How long a backup of the demo archive takes: ~30 members and a few thousand rows
(status history and audit entries from a year of edits). Prints seconds per backup
for the local backups folder, a verified copy to another folder, and (when
BRANCHDESK_TEST_PG_URL is set) the logical copy of the same archive on PostgreSQL.

Run: make bench   (or .venv/bin/python bench/backup.py)"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from branchdesk.archive import Archive
from branchdesk.demo import build_demo

EDITS = 3000
ROUNDS = 5


def fill(archive) -> int:
    build_demo(archive)
    ids = archive.members.query_ids()
    with archive.db.atomic():
        for n in range(EDITS):
            member_id = ids[n % len(ids)]
            form = archive.members.get(member_id).form()
            form.phone = f"138{n:08d}"
            archive.members.update(member_id, form)
    return sum(archive.db.execute_sql(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in archive.db.get_tables())


def timed(action) -> float:
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(label: str, data_dir: Path, url: str | None) -> None:
    archive = Archive.open(data_dir, url)
    rows = fill(archive)
    stick = Path(tempfile.mkdtemp(prefix="bench-usb-"))
    local = timed(lambda: archive.backup_to(None))
    verified = timed(lambda: archive.backup_to(stick))
    size = next(stick.iterdir()).stat().st_size
    archive.close(auto_backup=False)
    print(f"{label}: {rows} rows, backup file {size / 1024:.0f} KB")
    print(f"  backup into the archive's folder: {local * 1000:.0f} ms")
    print(f"  backup to another folder, read back and verified: {verified * 1000:.0f} ms")


if __name__ == "__main__":
    measure("SQLite", Path(tempfile.mkdtemp(prefix="bench-backup-")), None)
    pg = os.environ.get("BRANCHDESK_TEST_PG_URL")
    if pg:
        import psycopg

        name = f"bench_backup_{os.getpid()}"
        with psycopg.connect(pg, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        try:
            measure("PostgreSQL", Path(tempfile.mkdtemp(prefix="bench-backup-")), pg.rpartition("/")[0] + "/" + name)
        finally:
            with psycopg.connect(pg, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

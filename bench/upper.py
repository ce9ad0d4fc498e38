"""A synthetic upper level: 100 branches × 3 years of records.

Four demo branches are generated with different dates (so their records differ); each
of the 100 bench branches is a copy of one of them with its own name, code, key and
uid, and writes one bundle of all its years. (The yearly archive PDFs are left out of
these bundles: making 300 PDFs is the branch side's cost, not the upper level's.)

Printed:
* importing all 100 bundles into an upper archive, against SHA-256 of the same bytes in
  the same run (ratio), on SQLite and on PostgreSQL;
* the dashboard query for a year (100 branches × 12 months, and with a filter and a
  sort), median of several runs, on SQLite and on PostgreSQL (goal: under 1 s).

PostgreSQL: BRANCHDESK_TEST_PG_URL, or a throw-away server from tools/with-postgres.
Run: make bench   (or .venv/bin/python bench/upper.py)"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from branchdesk import clock
from branchdesk.archive import Archive
from branchdesk.branch import BranchInfo
from branchdesk.bundle import writer as bundle_writer
from branchdesk.demo import build_demo

BRANCHES = 100
BASES = 4
ROUNDS = 7


def make_bundles(work: Path) -> list[tuple[Path, Path, str]]:
    """(bundle, public-key card, fingerprint) of BRANCHES branches."""
    bundle_writer.make_year_papers = lambda *args, **kwargs: ([], {})
    bases = []
    for n in range(BASES):
        folder = work / f"base{n}"
        archive = Archive.open(folder)
        build_demo(archive, today=clock.today() - dt.timedelta(days=91 * n))
        archive.close(auto_backup=False)
        bases.append(folder)
    out = work / "bundles"
    out.mkdir()
    made = []
    for n in range(BRANCHES):
        folder = work / f"branch{n:03d}"
        base = bases[n % BASES]
        shutil.copytree(base / "attachments", folder / "attachments")
        source, target = sqlite3.connect(base / "branchdesk.sqlite3"), sqlite3.connect(folder / "branchdesk.sqlite3")
        source.backup(target)
        source.close()
        target.close()
        archive = Archive.open(folder, auto_backup=False)
        own = archive.branch.own()
        archive.branch.save_own(BranchInfo(name=f"第{n + 1}村党支部", kind=own.kind, code=f"B{n + 1:04d}",
                                           higher_org=own.higher_org, term_started_on=own.term_started_on))
        identity = archive.branch_key.ensure()
        card = archive.branch_key.export_public_key(work / f"card{n:03d}.txt")
        written = bundle_writer.write_bundle(archive, out)
        archive.close(auto_backup=False)
        shutil.rmtree(folder)
        made.append((written.path, card, identity.fingerprint))
    return made


def sha256_baseline(bundles) -> float:
    start = time.perf_counter()
    for path, _, _ in bundles:
        hashlib.sha256(path.read_bytes()).hexdigest()
    return time.perf_counter() - start


def import_all(archive, bundles) -> float:
    for _, card, fingerprint in bundles:
        archive.upper.enrol(card, fingerprint)
    start = time.perf_counter()
    for index, (path, _, _) in enumerate(bundles):
        archive.upper.import_bundle(path, backup=index == 0)
    return time.perf_counter() - start


def timed(action) -> float:
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(label: str, data_dir: Path, url: str | None, bundles) -> None:
    archive = Archive.open(data_dir, url)
    archive.upper.create("基准镇党委")
    baseline = sha256_baseline(bundles)
    took = import_all(archive, bundles)
    size = sum(p.stat().st_size for p, _, _ in bundles)
    records = archive.db.execute_sql("SELECT COUNT(*) FROM upper_record").fetchone()[0]
    year = clock.today().year - 1
    years = archive.db.execute_sql("SELECT COUNT(DISTINCT year) FROM upper_meeting").fetchone()[0]
    plain = timed(lambda: archive.upper.dashboard(year))
    filtered = timed(lambda: archive.upper.dashboard(year, search="村", only_behind=True, sort="ledger_overdue",
                                                     descending=True))
    rows = len(archive.upper.dashboard(year).rows)
    archive.close(auto_backup=False)
    print(f"{label}: {len(bundles)} bundles ({size / 1024 / 1024:.1f} MB), {records} records over {years} years")
    print(f"  import all: {took:.2f} s, SHA-256 of the same bytes {baseline * 1000:.1f} ms, ratio {took / baseline:.0f}x"
          f" ({took / len(bundles) * 1000:.0f} ms a bundle)")
    print(f"  dashboard {year}, {rows} rows: {plain * 1000:.0f} ms; filtered and sorted: {filtered * 1000:.0f} ms"
          f" (goal < 1000 ms)")


def postgres_url() -> str | None:
    return os.environ.get("BRANCHDESK_TEST_PG_URL") or None


def run_postgres(work: Path, bundles) -> None:
    import psycopg

    base = postgres_url()
    name = f"bd_bench_upper_{os.getpid()}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    try:
        measure("PostgreSQL", work / "upper-pg", base.rpartition("/")[0] + "/" + name, bundles)
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def reuse_bundles(work: Path) -> list[tuple[Path, Path, str]]:
    """The bundles a parent run made (``--postgres-only WORK``)."""
    from branchdesk.bundle.keys import read_public_key_file

    cards = sorted(work.glob("card*.txt"))
    paths = sorted((work / "bundles").glob("*.bdx"), key=lambda p: p.name)
    by_code = {read_public_key_file(c).branch_code: c for c in cards}
    made = []
    for path in paths:
        code = path.name.split("-")[1]
        card = by_code[code]
        made.append((path, card, read_public_key_file(card).fingerprint))
    return made


def main() -> None:
    if "--postgres-only" in sys.argv:
        if postgres_url():
            work = Path(sys.argv[sys.argv.index("--postgres-only") + 1])
            run_postgres(work, reuse_bundles(work))
        else:
            print("PostgreSQL: not installed here, no figures")
        return
    work = Path(tempfile.mkdtemp(prefix="bench-upper-"))
    try:
        start = time.perf_counter()
        bundles = make_bundles(work)
        print(f"made {len(bundles)} bundles in {time.perf_counter() - start:.0f} s")
        measure("SQLite", work / "upper-sqlite", None, bundles)
        if postgres_url():
            run_postgres(work, bundles)
        elif (ROOT / "tools" / "with-postgres").exists():
            # A throw-away server for the PostgreSQL figures, importing the same bundles.
            subprocess.run([str(ROOT / "tools" / "with-postgres"), sys.executable, __file__, "--postgres-only",
                            str(work)], check=False)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

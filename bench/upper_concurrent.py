"""Four PCs importing into one PostgreSQL upper archive at once (issue 18): N bundles
(default 200, re-keyed demo bundles, bench/_upper_bundles.py), four importers each running
``branchdesk upper import`` one process per bundle over its share, every importer also
taking a few bundles of another's share so that the same bundle races on two PCs.

Checked and printed: every bundle's result (imported once, else 已导入，未作更改), no
lost and no doubled record (per branch and in all), the audit log whole; the wall time of
the whole run and per bundle. This is a correctness run with one timing, not a ratio.

PostgreSQL: BRANCHDESK_TEST_PG_URL, or a throw-away server from tools/with-postgres.
Run: .venv/bin/python bench/upper_concurrent.py [--bundles N]"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _upper_bundles import make

from branchdesk.archive import Archive

IMPORTERS = 4
RACED = 3  # bundles of the next importer's share each importer also takes


def import_share(env: dict, url: str, folder: Path, share: list[Path], outcomes: dict, lock: threading.Lock) -> None:
    for bundle in share:
        done = subprocess.run([sys.executable, "-m", "branchdesk", "--data-dir", str(folder), "--db-url", url,
                               "upper", "import", str(bundle)], env=env, capture_output=True, text=True,
                              cwd=tempfile.gettempdir())
        said = "imported" if "已导入「" in done.stdout else "unchanged" if "未作更改" in done.stdout else "failed"
        with lock:
            outcomes.setdefault(bundle.name, []).append((said, done.returncode, done.stdout + done.stderr))


def run(url: str, count: int, work: Path) -> None:
    started = time.perf_counter()
    made = make(work, count)
    print(f"made {count} re-keyed bundles in {time.perf_counter() - started:.0f} s")
    first = Archive.open(work / "pc0", url)
    first.upper.create("基准县委组织部")
    for _, card, fingerprint in made:
        first.upper.enrol(card, fingerprint)
    first.close()
    shares = [[p for p, _, _ in made[n::IMPORTERS]] for n in range(IMPORTERS)]
    shares = [share + shares[(n + 1) % IMPORTERS][:RACED] for n, share in enumerate(shares)]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    outcomes: dict[str, list] = {}
    lock = threading.Lock()
    threads = [threading.Thread(target=import_share, args=(env, url, work / f"pc{n}", share, outcomes, lock))
               for n, share in enumerate(shares)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.perf_counter() - started
    tried = sum(len(share) for share in shares)
    kinds = Counter(said for seen in outcomes.values() for said, _, _ in seen)
    wrong = {name: seen for name, seen in outcomes.items()
             if sorted(s for s, _, _ in seen) not in (["imported"], ["imported", "unchanged"])}
    with Archive.open(work / "pc0", url, read_only=True) as archive:
        db = archive.db
        bundles = db.execute_sql("SELECT COUNT(*) FROM upper_bundle").fetchone()[0]
        per_branch = Counter(n for (n,) in db.execute_sql("SELECT COUNT(*) FROM upper_record GROUP BY branch_id"))
        records = db.execute_sql("SELECT COUNT(*) FROM upper_record").fetchone()[0]
        distinct = db.execute_sql("SELECT COUNT(*) FROM (SELECT DISTINCT branch_id, source_table, source_id "
                                  "FROM upper_record) d").fetchone()[0]
        audit_ok = archive.audit.verify().ok
        logged = [e.action for e in archive.audit.entries()].count("upper.import")
    print(f"{IMPORTERS} importers, {tried} imports of {count} bundles in {took:.0f} s "
          f"({took / tried * 1000:.0f} ms an import of wall time, {took * IMPORTERS / tried * 1000:.0f} ms per importer)")
    print(f"  results: {dict(kinds)}; bundles with a wrong or missing result: {len(wrong)}")
    for name, seen in list(wrong.items())[:5]:
        print(f"    {name}: {[(s, code, text.strip()[-200:]) for s, code, text in seen]}")
    print(f"  upper_bundle rows {bundles} (expected {count}); import entries in the audit log {logged}; "
          f"audit log whole: {audit_ok}")
    print(f"  records {records}, distinct {distinct} (doubled: {records - distinct}); "
          f"records per branch: {dict(per_branch)} (the base bundles' counts)")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--bundles", type=int, default=200)
    args = options.parse_args()
    url = os.environ.get("BRANCHDESK_TEST_PG_URL")
    if not url:
        server = ROOT / "tools" / "with-postgres"
        if not server.exists():
            print("PostgreSQL: not installed here, no figures")
            return
        os.execv(str(server), [str(server), sys.executable, __file__, *sys.argv[1:]])
    import psycopg

    name = f"bd_bench_concurrent_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    work = Path(tempfile.mkdtemp(prefix="bench-upper-concurrent-"))
    try:
        run(url.rpartition("/")[0] + "/" + name, args.bundles, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


if __name__ == "__main__":
    main()

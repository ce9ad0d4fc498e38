"""Four PCs importing into one PostgreSQL upper archive at once (issue 18), from
re-keyed demo bundles (bench/_upper_bundles.py), each import its own
``branchdesk upper import`` process. Two runs:

* correctness (the default, N = 200 bundles): four importers each take their share, and
  also a few bundles of the next importer's share, so the same bundle races on two PCs.
  Checked and printed: every bundle's result (imported once, else 已导入，未作更改), no
  lost and no doubled record (per branch and in all), the audit log whole. Counts, not
  a speed: the run's wall time is printed for scale only.
* ``--speed`` (N = 16 by default, a few minutes): A four importers at once over the N
  bundles, B one importer taking the same N bundles one after another (what an upper
  level with one PC does), each round on a fresh database with every branch enrolled;
  A and B alternate (bench/_alternate.py), medians, spread and the ratio against the
  goal: below 1x (each import locks only its branch, so four PCs finish sooner; four
  PCs of their own would approach 0.25x, here the importers and the server share the
  machine's cores); every round's results and records are checked too.

PostgreSQL: BRANCHDESK_TEST_PG_URL, or a throw-away server from tools/with-postgres.
Run: .venv/bin/python bench/upper_concurrent.py [--bundles N] [--speed [--rounds R]]"""

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

from _alternate import alternate_measured, machine_load, report

IMPORTERS = 4
RACED = 3  # bundles of the next importer's share each importer also takes (correctness run)


class Server:
    """Fresh databases on the PostgreSQL server at ``url``, dropped at the end."""

    def __init__(self, url: str):
        self.url, self.made = url, []

    def fresh(self) -> str:
        import psycopg

        name = f"bd_bench_concurrent_{os.getpid()}_{len(self.made)}"
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        self.made.append(name)
        return self.url.rpartition("/")[0] + "/" + name

    def drop_all(self) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            for name in self.made:
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def enrolled(url: str, folder: Path, made) -> None:
    """A new upper archive on ``url`` with every bundle's branch enrolled (not timed)."""
    from branchdesk.archive import Archive

    first = Archive.open(folder, url)
    first.upper.create("基准县委组织部")
    for _, card, fingerprint in made:
        first.upper.enrol(card, fingerprint)
    first.close()


def import_share(url: str, folder: Path, share: list[Path], outcomes: dict, lock: threading.Lock) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for bundle in share:
        done = subprocess.run([sys.executable, "-m", "branchdesk", "--data-dir", str(folder), "--db-url", url,
                               "upper", "import", str(bundle)], env=env, capture_output=True, text=True,
                              cwd=tempfile.gettempdir())
        said = "imported" if "已导入「" in done.stdout else "unchanged" if "未作更改" in done.stdout else "failed"
        with lock:
            outcomes.setdefault(bundle.name, []).append((said, done.returncode, done.stdout + done.stderr))


def importers(url: str, work: Path, shares: list[list[Path]], tag: str) -> tuple[dict, float]:
    """One thread (one PC, its own data folder) per share, all at once; (outcomes, seconds)."""
    outcomes: dict[str, list] = {}
    lock = threading.Lock()
    threads = [threading.Thread(target=import_share, args=(url, work / f"{tag}-pc{n}", share, outcomes, lock))
               for n, share in enumerate(shares)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes, time.perf_counter() - started


def checked(url: str, folder: Path, count: int, outcomes: dict) -> dict:
    """What the archive holds after the run, and which bundles got a wrong or no result."""
    from branchdesk.archive import Archive

    wrong = {name: seen for name, seen in outcomes.items()
             if sorted(s for s, _, _ in seen) not in (["imported"], ["imported", "unchanged"])}
    with Archive.open(folder, url, read_only=True) as archive:
        db = archive.db
        records = db.execute_sql("SELECT COUNT(*) FROM upper_record").fetchone()[0]
        distinct = db.execute_sql("SELECT COUNT(*) FROM (SELECT DISTINCT branch_id, source_table, source_id "
                                  "FROM upper_record) d").fetchone()[0]
        return {
            "kinds": Counter(said for seen in outcomes.values() for said, _, _ in seen),
            "wrong": wrong, "missing": count - len(outcomes),
            "bundles": db.execute_sql("SELECT COUNT(*) FROM upper_bundle").fetchone()[0],
            "per_branch": Counter(n for (n,) in db.execute_sql(
                "SELECT COUNT(*) FROM upper_record GROUP BY branch_id")),
            "records": records, "doubled": records - distinct,
            "audit_ok": archive.audit.verify().ok,
            "logged": [e.action for e in archive.audit.entries()].count("upper.import"),
        }


def correctness(server: Server, made, work: Path) -> None:
    count = len(made)
    url = server.fresh()
    enrolled(url, work / "race-pc0", made)
    shares = [[p for p, _, _ in made[n::IMPORTERS]] for n in range(IMPORTERS)]
    shares = [share + shares[(n + 1) % IMPORTERS][:RACED] for n, share in enumerate(shares)]
    outcomes, took = importers(url, work, shares, "race")
    found = checked(url, work / "race-pc0", count, outcomes)
    print(f"{IMPORTERS} importers, {sum(map(len, shares))} imports of {count} bundles "
          f"({RACED} of each share raced on two PCs); the run took {took:.0f} s (for scale: the speed is --speed)")
    print(f"  results: {dict(found['kinds'])}; bundles with a wrong result: {len(found['wrong'])}, "
          f"with none: {found['missing']}")
    for name, seen in list(found["wrong"].items())[:5]:
        print(f"    {name}: {[(s, code, text.strip()[-200:]) for s, code, text in seen]}")
    print(f"  upper_bundle rows {found['bundles']} (expected {count}); import entries in the audit log "
          f"{found['logged']} (expected {count}); audit log whole: {found['audit_ok']}")
    print(f"  records {found['records']}, doubled {found['doubled']}; records per branch: "
          f"{dict(found['per_branch'])} (the base bundles' counts)")


def speed(server: Server, made, work: Path, rounds: int) -> None:
    count, bundles = len(made), [p for p, _, _ in made]
    problems: list[str] = []

    def side(tag: str, shares: list[list[Path]]):
        def run() -> float:
            tag_n = f"{tag}{len(problems)}-{time.monotonic_ns()}"
            url = server.fresh()
            enrolled(url, work / f"{tag_n}-pc0", made)
            outcomes, took = importers(url, work, shares, tag_n)
            found = checked(url, work / f"{tag_n}-pc0", count, outcomes)
            if found["wrong"] or found["missing"] or found["doubled"] or found["bundles"] != count:
                problems.append(f"{tag}: {found}")
            return took
        return run

    together = [bundles[n::IMPORTERS] for n in range(IMPORTERS)]
    a, b = alternate_measured(side("four", together), side("one", [bundles]), rounds)
    print(f"{count} bundles into a fresh PostgreSQL upper archive, one process per import:")
    report(f"{IMPORTERS} importers at once", a, "1 importer, one after another", b,
           goal=f"< 1x (four PCs of their own: toward 0.25x; here all share {os.cpu_count()} cores and the server)")
    print(f"  every round checked (results, records, bundles): {'all right' if not problems else problems}")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--bundles", type=int, help="bundles (default 200, with --speed 16)")
    options.add_argument("--speed", action="store_true", help="four importers against one, alternated")
    options.add_argument("--rounds", type=int, default=3, help="with --speed: timings of each, alternated")
    args = options.parse_args()
    url = os.environ.get("BRANCHDESK_TEST_PG_URL")
    if not url:
        server = ROOT / "tools" / "with-postgres"
        if not server.exists() or os.environ.get("BRANCHDESK_BENCH_PG_TRIED"):
            print("PostgreSQL: not installed here, no figures")
            return
        os.environ["BRANCHDESK_BENCH_PG_TRIED"] = "1"  # with-postgres runs us without a server when it finds none
        os.execv(str(server), [str(server), sys.executable, __file__, *sys.argv[1:]])
    from _upper_bundles import make

    print(machine_load())
    count = args.bundles or (16 if args.speed else 200)
    work = Path(tempfile.mkdtemp(prefix="bench-upper-concurrent-"))
    server = Server(url)
    try:
        started = time.perf_counter()
        made = make(work, count)
        print(f"made {count} re-keyed bundles in {time.perf_counter() - started:.0f} s (not timed)")
        if args.speed:
            speed(server, made, work, args.rounds)
        else:
            correctness(server, made, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        server.drop_all()


if __name__ == "__main__":
    main()

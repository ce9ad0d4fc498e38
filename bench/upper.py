"""An upper level at county scale (issue 18): N branches × 3 years (default 1,000), each
bundle imported by its own ``branchdesk upper import`` process, as a user would.

Bundles are generated quickly (bench/_upper_bundles.py: a few demo branches re-keyed).
All branches are enrolled first (in one process; enrolment is not what is timed). Then
the archive is filled one process per bundle, and at 10, 100, 1,000 … branches the
import is measured A/B, alternated (bench/_alternate.py):

  A  importing a probe bundle (a branch not imported yet) into the big archive
  B  importing the same bundle into an archive of 10 branches (a fresh copy each time)

Printed: per-bundle import time at each scale against B (goal at 1,000: A/B <= 2x),
bytes the import process wrote (``wchar`` of /proc/self/io) against the bundle's size,
both for a branch's first bundle (the A probes) and for a branch's next bundle carrying
the same records again (it replaces all the first one brought: the most an import
replaces), the ``backups/`` folder against the archive over the run (goal <= 3x), and the
archive (database file and its WAL; attachments are files beside it) against the bundles
in it, three ways: the bundle files, the records as carried in them (compressed entries
``records/*.json``, the issue's "record bytes"), and the same records' JSON uncompressed.
At the end, where the archive's bytes are (SQLite's ``dbstat``), per table and index.
Everything is whole-process wall time.

Run: .venv/bin/python bench/upper.py [--branches N] [--rounds R] [--repo DIR] [--keep DIR]
(``--repo`` times another checkout's code, e.g. /work/main, for before/after: it makes
the upper archives too; the bundles are made by this checkout's code.)"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _alternate import alternate, report
from _upper_bundles import make_pairs

SMALL = 10
SCALES = (10, 100, 1000)
# The command line as the ``branchdesk`` script runs it, then what the process wrote.
RUN = (
    "import sys\n"
    "from branchdesk import cli\n"
    "code = cli.main(sys.argv[1:])\n"
    "io = dict(line.split(': ') for line in open('/proc/self/io').read().splitlines())\n"
    "sys.stderr.write('\\nWCHAR ' + io['wchar'].strip() + '\\n')\n"
    "sys.exit(code)\n"
)


class Importer:
    """``branchdesk --data-dir D upper import F`` in a process of its own."""

    def __init__(self, repo: Path):
        self.env = dict(os.environ, PYTHONPATH=str(repo))
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.written: list[int] = []

    def __call__(self, data_dir: Path, bundle: Path) -> int:
        done = subprocess.run([sys.executable, "-c", RUN, "--data-dir", str(data_dir), "upper", "import", str(bundle)],
                              env=self.env, capture_output=True, text=True, cwd=tempfile.gettempdir())
        # "已导入「…」" is an import made; "…已导入，未作更改" would time and weigh nothing
        if done.returncode != 0 or "已导入「" not in done.stdout:
            raise SystemExit(f"import of {bundle.name} into {data_dir} failed:\n{done.stdout}\n{done.stderr}")
        return int(done.stderr.rsplit("WCHAR ", 1)[1].split()[0])


def size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def database_size(data_dir: Path) -> int:
    return sum(size_of(data_dir / f"branchdesk.sqlite3{suffix}") for suffix in ("", "-wal"))


class Probes:
    """One scale's A/B rounds: each A imports the next probe bundle into the big archive
    (noting what the process wrote), its B the same bundle into the small one."""

    def __init__(self, importer: Importer, big: Path, small: Path, bundles: list[Path]):
        self.importer, self.big, self.small = importer, big, small
        self.waiting = iter(bundles)
        self.bundle: Path | None = None
        self.written: list[int] = []
        self.sizes: list[int] = []

    def _turn(self) -> Path:
        """The pair's bundle: the first of A and B picks it, the second uses it up."""
        if self.bundle is None:
            self.bundle = next(self.waiting)
            self.sizes.append(size_of(self.bundle))
            return self.bundle
        bundle, self.bundle = self.bundle, None
        return bundle

    def into_big(self) -> None:
        self.written.append(self.importer(self.big, self._turn()))

    def into_small(self) -> None:
        self.importer(self.small, self._turn())


# An upper archive with every branch enrolled, in one process of the timed checkout's code
# (an archive made by newer code would be refused by older code).
ENROL = (
    "import json, sys\n"
    "from branchdesk.archive import Archive\n"
    "archive = Archive.open(sys.argv[1])\n"
    "archive.upper.create('基准县委组织部')\n"
    "for card, fingerprint in json.load(sys.stdin):\n"
    "    archive.upper.enrol(card, fingerprint)\n"
    "archive.close()\n"
)


def new_upper(importer: Importer, data_dir: Path, branches) -> None:
    cards = json.dumps([(str(card), fingerprint) for _, card, fingerprint in branches])
    subprocess.run([sys.executable, "-c", ENROL, str(data_dir)], input=cards, text=True, check=True,
                   env=importer.env, cwd=tempfile.gettempdir())


def mib(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MiB"


def record_bytes(bundle: Path) -> tuple[int, int]:
    """(compressed, uncompressed) bytes of the records a bundle carries (``records/*.json``)."""
    with zipfile.ZipFile(bundle) as opened:
        entries = [i for i in opened.infolist() if i.filename.startswith("records/")]
    return sum(i.compress_size for i in entries), sum(i.file_size for i in entries)


class Carried:
    """What the bundles imported into the big archive weigh: files, records as carried, records' JSON."""

    def __init__(self):
        self.files = self.packed = self.json = 0

    def add(self, bundle: Path) -> None:
        packed, text = record_bytes(bundle)
        self.files += size_of(bundle)
        self.packed += packed
        self.json += text

    def against(self, archive: int) -> str:
        return (f"archive {mib(archive)} = {archive / self.files:.2f}x the bundle files ({mib(self.files)}), "
                f"{archive / self.packed:.2f}x their records as carried ({mib(self.packed)}, goal <= 2x), "
                f"{archive / self.json:.2f}x those records' JSON ({mib(self.json)})")


def where_the_bytes_are(data_dir: Path, top: int = 12) -> None:
    """The largest tables and indexes of the archive (SQLite's dbstat), and its free pages."""
    with sqlite3.connect(data_dir / "branchdesk.sqlite3") as db:
        try:
            rows = db.execute("SELECT name, SUM(pgsize), SUM(unused) FROM dbstat GROUP BY name "
                              "ORDER BY 2 DESC").fetchall()
        except sqlite3.OperationalError:
            print("  (this SQLite has no dbstat)")
            return
        free = db.execute("PRAGMA freelist_count").fetchone()[0] * db.execute("PRAGMA page_size").fetchone()[0]
    total = sum(size for _, size, _ in rows) + free
    print(f"\nwhere the archive's {mib(total)} are (dbstat; unused = bytes of its pages not filled):")
    for name, size, unused in rows[:top]:
        print(f"  {name:<32} {mib(size):>10}  {size / total:6.1%}  unused {mib(unused)}")
    rest = sum(size for _, size, _ in rows[top:])
    print(f"  {'(the other ' + str(len(rows) - top) + ')':<32} {mib(rest):>10}  {rest / total:6.1%}")
    print(f"  {'(free pages)':<32} {mib(free):>10}  {free / total:6.1%}")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--branches", type=int, default=1000)
    options.add_argument("--rounds", type=int, default=5, help="A/B rounds at each scale")
    options.add_argument("--repo", help="time the imports with this checkout's code")
    options.add_argument("--keep", help="work in this folder and keep it (default: a temporary one, removed)")
    args = options.parse_args()
    scales = [s for s in SCALES if s <= args.branches] + ([args.branches] if args.branches not in SCALES else [])
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-upper-"))
    work.mkdir(parents=True, exist_ok=True)
    importer = Importer(Path(args.repo or ROOT).resolve())
    try:
        started = time.perf_counter()
        pairs = make_pairs(work, args.branches + args.rounds * len(scales), args.rounds * len(scales))
        made = [(first, card, fingerprint) for first, _, card, fingerprint in pairs]
        fill, probes = made[:args.branches], made[args.branches:]
        # each scale re-imports the next bundle of branches already in the big archive
        follow_ups = [second for _, second, _, _ in pairs[:args.rounds * len(scales)]]
        print(f"made {len(made)} re-keyed bundles ({mib(sum(size_of(p) for p, _, _ in made))}) "
              f"in {time.perf_counter() - started:.0f} s")
        big, small_template = work / "county", work / "small-template"
        started = time.perf_counter()
        new_upper(importer, big, made)
        new_upper(importer, small_template, fill[:SMALL] + probes)
        for bundle, _, _ in fill[:SMALL]:
            importer(small_template, bundle)
        print(f"enrolled {len(made)} branches in {time.perf_counter() - started:.0f} s")
        carried = Carried()
        fill_times: list[float] = []
        summary = []
        for scale_index, scale in enumerate(scales):
            while len(fill_times) < scale:
                bundle = fill[len(fill_times)][0]
                start = time.perf_counter()
                importer(big, bundle)
                fill_times.append(time.perf_counter() - start)
                carried.add(bundle)
            small = work / f"small-{scale}"
            shutil.copytree(small_template, small)
            probe = Probes(importer, big, small,
                           [p for p, _, _ in probes[scale_index * args.rounds:(scale_index + 1) * args.rounds]])
            a_times, b_times = alternate(probe.into_big, probe.into_small, args.rounds)
            written, sizes = probe.written, probe.sizes
            for bundle, _, _ in probes[scale_index * args.rounds:(scale_index + 1) * args.rounds]:
                carried.add(bundle)
            shutil.rmtree(small)
            again = follow_ups[scale_index * args.rounds:(scale_index + 1) * args.rounds]
            rewritten = [importer(big, bundle) / size_of(bundle) for bundle in again]
            archive, backups = database_size(big), size_of(big / "backups")
            print(f"\nat {scale} branches (fill: median {statistics.median(fill_times[-min(scale, 50):]) * 1000:.0f} ms "
                  f"a bundle over the last {min(scale, 50)}):")
            ratio = report(f"import at {scale}", a_times, f"same bundle at {SMALL}", b_times, "<= 2x at 1,000")
            per_write = statistics.median(w / s for w, s in zip(written, sizes, strict=True))
            print(f"  bytes written by one import: median {mib(int(statistics.median(written)))} = "
                  f"{per_write:.1f}x the bundle ({mib(int(statistics.median(sizes)))})")
            print(f"  bytes written by a branch's next bundle replacing all the first brought: median "
                  f"{statistics.median(rewritten):.1f}x the bundle (lowest {min(rewritten):.1f}, "
                  f"highest {max(rewritten):.1f}, {len(rewritten)} imports)")
            print(f"  {carried.against(archive)}")
            print(f"  backups/ {mib(backups)} = {backups / archive:.2f}x the archive (goal <= 3x)")
            summary.append((scale, ratio, statistics.median(a_times), per_write, statistics.median(rewritten),
                            archive / carried.packed, archive / carried.json, backups / archive))
        print("\nsummary: branches, import A/B, A median, written/bundle (first, next), archive/records "
              "(as carried, JSON), backups/archive")
        for scale, ratio, median, per_write, again, packed, text, backups in summary:
            print(f"  {scale:>5}  {ratio:5.2f}x  {median * 1000:6.0f} ms  {per_write:5.1f}x {again:5.1f}x  "
                  f"{packed:5.2f}x {text:5.2f}x  {backups:5.2f}x")
        where_the_bytes_are(big)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Where the line of the whole start-up check lies (reliability promise 3,
branchdesk/safety/open_check.py WHOLE_CHECK_BELOW): for each SQLite archive given, the
whole ``PRAGMA quick_check`` (A) against what every open pays anyway, a read-only
connection that reads the schema (B), alternated (bench/_alternate.py), as wall time and
as CPU time of this process (less sensitive to a loaded machine). Prints medians, the
spread and ms per MB.

Run: .venv/bin/python bench/open_check.py FILE.sqlite3 [FILE …] [--rounds N]
(e.g. a demo archive, and bench/upper.py --keep DIR's DIR/county/branchdesk.sqlite3)."""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _alternate import alternate, report


def run(path: Path, sql: str, cpu: list[float]) -> None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    start = time.process_time()
    conn.execute(sql).fetchall()
    cpu.append(time.process_time() - start)
    conn.close()


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("files", nargs="+", type=Path)
    options.add_argument("--rounds", type=int, default=9)
    args = options.parse_args()
    print(f"load: {os.getloadavg()[0]:.1f}")
    for path in args.files:
        size = path.stat().st_size / 1e6
        a_cpu: list[float] = []
        b_cpu: list[float] = []
        a_times, b_times = alternate(partial(run, path, "PRAGMA quick_check", a_cpu),
                                     partial(run, path, "SELECT COUNT(*) FROM sqlite_master", b_cpu), args.rounds)
        print(f"\n{path} ({size:.1f} MB):")
        report("whole quick_check", a_times, "open + schema", b_times)
        a, b = statistics.median(a_cpu) * 1000, statistics.median(b_cpu) * 1000
        print(f"  CPU: quick_check median {a:.1f} ms (lowest {min(a_cpu) * 1000:.1f}, highest {max(a_cpu) * 1000:.1f}), "
              f"schema {b:.1f} ms; {(a - b) / size:.2f} ms CPU and "
              f"{(statistics.median(a_times) - statistics.median(b_times)) * 1000 / size:.2f} ms wall per MB")


if __name__ == "__main__":
    main()

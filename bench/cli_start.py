"""Command-line start: ``branchdesk members list`` on a demo archive (A) against what a
user could run instead (B), each a whole process, alternated (A B, then B A, …:
bench/_alternate.py) so that load on a shared machine hits both alike. Prints medians,
the spread (lowest–highest) and the ratio against the goal; the reader judges a noisy
spread.

B is ``--baseline``:
  import  python -c 'import sqlite3'                       (the floor, issue 18's goal <= 4x)
  select  python: import sqlite3, connect, select the same members' rows (a hand-written lister)

Run: .venv/bin/python bench/cli_start.py [--rounds N] [--baseline import|select] [--repo DIR]"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _alternate import alternate, report

GOAL = 4.0
SELECT = r"""
import sqlite3, sys
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
for row in conn.execute(
    "SELECT m.name, m.gender, m.id_number, m.status, g.name FROM member m"
    " LEFT JOIN party_group g ON g.id = m.group_id ORDER BY m.id"
):
    print("\t".join(str(v) for v in row))
"""
BASELINES = {"import": ["-c", "import sqlite3"], "select": ["-c", SELECT]}


def seconds(command: list[str], env: dict, cpu: list[float] | None = None) -> float:
    """Wall time of one run; its CPU time (user + system of the child) goes to ``cpu``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    # run outside any checkout, so that PYTHONPATH alone says whose code is timed
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, cwd=tempfile.gettempdir())
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--rounds", type=int, default=15)
    options.add_argument("--baseline", choices=sorted(BASELINES), default="import")
    options.add_argument("--repo", help="time A from this checkout instead (e.g. the main branch, for before/after)")
    args = options.parse_args()
    env = dict(os.environ)
    repo = Path(args.repo or Path(__file__).resolve().parent.parent).resolve()
    env["PYTHONPATH"] = str(repo) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed program starts from bytecode
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "demo"
        subprocess.run([sys.executable, "-m", "branchdesk", "--data-dir", str(data_dir), "demo"], check=True,
                       capture_output=True, env=env, cwd=folder)  # built by the code that is timed
        database = data_dir / "branchdesk.sqlite3"
        command_a = [sys.executable, "-m", "branchdesk", "--data-dir", str(data_dir), "members", "list"]
        command_b = [sys.executable, *BASELINES[args.baseline]] + ([str(database)] if args.baseline == "select" else [])
        seconds(command_a, env), seconds(command_b, env)  # warm the file cache and bytecode for both
        a_cpu: list[float] = []
        b_cpu: list[float] = []
        a_times, b_times = alternate(partial(seconds, command_a, env, a_cpu), partial(seconds, command_b, env, b_cpu),
                                     args.rounds)
    print(f"load {os.getloadavg()[0]:.1f} (1 min) at the end")
    print("wall time (what the goal is about):")
    report("branchdesk members list", a_times, args.baseline, b_times,
           f"<= {GOAL:.0f}x against 'import sqlite3'")
    # A loaded machine stretches wall time by waiting; the processes' own CPU time less so.
    print("CPU time of the process (user + system), the same runs:")
    report("branchdesk members list", a_cpu, args.baseline, b_cpu)


if __name__ == "__main__":
    main()

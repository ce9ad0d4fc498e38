"""Runs the benchmarks of this folder that take minutes, not hours, each in a process of
its own (so one failing does not stop the others), at the sizes listed here; each prints
its medians, spread and ratio against its baseline and goal. The long ones are named
with how to run them. A bench file in neither list is an error: list a new one here.

Run: make bench   (or .venv/bin/python bench/run_all.py [--list] [NAME ...])"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# name -> arguments: minutes on a quiet 2-core machine
QUICK: dict[str, list[str]] = {
    "binding": [],
    "cli_start": ["--rounds", "9"],
    "startup": [],
    "frozen_startup": [],  # says it is skipped without dist/ (make dist)
    "font_scan": [],
    "pdf_engine": ["--pages", "60"],
    "pdf": [],
    "yearbook": [],
    "pdf_accel": ["--rounds", "3"],
    "backup": [],
    "bundle": ["--no-big"],
    "upper_ui": ["--branches", "30", "--rounds", "5"],
    "dashboard": ["--rounds", "5"],
}
# name -> why it is long, and the command
LONG: dict[str, str] = {
    "open_check": "the whole-file check at open on archives you name (e.g. a county's upper archive): "
                  ".venv/bin/python bench/open_check.py FILE.sqlite3 [FILE …] [--rounds 9]",
    "upper": "1,000 branches × 3 years, one import process per bundle: hours. "
             ".venv/bin/python bench/upper.py [--branches 1000] [--rounds 5]",
    "upper_concurrent": "PostgreSQL, 200 bundles through four importers (a correctness run with counts), "
                        "or --speed: four importers against one on 16 bundles, about 10 minutes. "
                        ".venv/bin/python bench/upper_concurrent.py [--bundles 200] | --speed [--rounds 3]",
}


def bench_names() -> list[str]:
    return sorted(p.stem for p in HERE.glob("*.py") if p.name != "run_all.py" and not p.name.startswith("_"))


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--list", action="store_true", help="name the quick and the long benchmarks, run none")
    options.add_argument("names", nargs="*", help="run only these (quick or long; long ones at their defaults)")
    args = options.parse_args()
    unlisted = sorted(set(bench_names()) - set(QUICK) - set(LONG))
    if unlisted:
        print(f"not in bench/run_all.py's lists: {', '.join(unlisted)}", file=sys.stderr)
        return 2
    if args.list:
        for name, arguments in QUICK.items():
            print(f"quick  {name} {' '.join(arguments)}")
        for name, why in LONG.items():
            print(f"long   {name}: {why}")
        return 0
    chosen = args.names or list(QUICK)
    env = dict(os.environ, PYTHONPATH=str(HERE.parent) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    failed = []
    for name in chosen:
        print(f"== {name} {' '.join(QUICK.get(name, []))}", flush=True)
        start = time.perf_counter()
        done = subprocess.run([sys.executable, str(HERE / f"{name}.py"), *QUICK.get(name, [])], env=env)
        print(f"   ({time.perf_counter() - start:.0f} s{'' if done.returncode == 0 else ', FAILED'})", flush=True)
        if done.returncode:
            failed.append(name)
    if not args.names:
        print("\nNot run by default (long):")
        for name, why in LONG.items():
            print(f"  {name}: {why}")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

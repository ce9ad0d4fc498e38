"""Start-up of the frozen program (dist/BranchDesk, from `make dist`) against the same
commit run from the virtual environment: `--version` (the command line's start) and a
`--screenshot` start to a painted main window on the demo archive. A (frozen) and B
(venv: what a user installing with pip runs) alternate A B, then B A, …
(bench/_alternate.py); prints each side's median and spread and the ratio frozen / venv
against the goal (<= 1.0: the frozen app is no slower).

Run: make bench   (or .venv/bin/python bench/frozen_startup.py [--rounds 7]); skipped without dist/."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _alternate import alternate, machine_load, process_seconds, report

FROZEN = Path(__file__).resolve().parent.parent / "dist" / "BranchDesk"


def compare(label: str, frozen_cmd: list[str], venv_cmd: list[str], env: dict, rounds: int) -> float:
    process_seconds(frozen_cmd, env=env), process_seconds(venv_cmd, env=env)  # warm the file cache for both
    frozen, venv = alternate(lambda: process_seconds(frozen_cmd, env=env), lambda: process_seconds(venv_cmd, env=env),
                             rounds)
    print(f"{label}:")
    return report("frozen dist/BranchDesk", frozen, "the venv, same commit", venv, goal="<= 1.0x")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--rounds", type=int, default=7, help="timings of each, alternated")
    rounds = options.parse_args().rounds
    program = FROZEN / "branchdesk"
    if not program.exists():
        print("frozen start-up: skipped (no dist/BranchDesk; run make dist first)")
        return
    print(machine_load())
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # the venv side starts from bytecode, as installed
    venv = [sys.executable, "-m", "branchdesk"]
    with tempfile.TemporaryDirectory() as folder:
        data_dir = str(Path(folder) / "demo")
        subprocess.run([*venv, "--data-dir", data_dir, "demo"], check=True, capture_output=True, env=env)
        compare("--version", [str(program), "--version"], [*venv, "--version"], env, rounds)
        shot = str(Path(folder) / "shot.png")
        window = ["--data-dir", data_dir, "--screenshot", shot]
        compare("--screenshot", [str(FROZEN / "BranchDesk"), *window], [*venv, *window], env, rounds)


if __name__ == "__main__":
    main()

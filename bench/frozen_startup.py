"""Start-up of the frozen program (dist/BranchDesk, from `make dist`) against the same
commit run from the virtual environment: `--version` (the command line's start) and a
`--screenshot` start to a painted main window on the demo archive. Runs alternate
frozen/venv so load on the shared machine hits both alike; prints each side's median
and spread and the ratio frozen / venv (goal <= 1.0: the frozen app is no slower).

Run: make bench   (or .venv/bin/python bench/frozen_startup.py); skipped without dist/."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = 7
FROZEN = Path(__file__).resolve().parent.parent / "dist" / "BranchDesk"


def timed(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, capture_output=True, check=True)
    return time.perf_counter() - start


def compare(label: str, frozen_cmd: list[str], venv_cmd: list[str], env: dict) -> float:
    timed(frozen_cmd, env), timed(venv_cmd, env)  # warm the file cache for both
    frozen, venv = [], []
    for _ in range(ROUNDS):
        frozen.append(timed(frozen_cmd, env))
        venv.append(timed(venv_cmd, env))
    ratio = statistics.median(frozen) / statistics.median(venv)

    def summary(times: list[float]) -> str:
        return (f"median {statistics.median(times) * 1000:.0f} ms "
                f"(spread {min(times) * 1000:.0f}–{max(times) * 1000:.0f} ms)")

    print(f"{label}: frozen {summary(frozen)}, venv {summary(venv)}")
    print(f"{label} ratio frozen/venv: {ratio:.2f} (goal <= 1.0)")
    return ratio


def main() -> None:
    program = FROZEN / "branchdesk"
    if not program.exists():
        print("frozen start-up: skipped (no dist/BranchDesk; run make dist first)")
        return
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # the venv side starts from bytecode, as installed
    venv = [sys.executable, "-m", "branchdesk"]
    with tempfile.TemporaryDirectory() as folder:
        data_dir = str(Path(folder) / "demo")
        subprocess.run([*venv, "--data-dir", data_dir, "demo"], check=True, capture_output=True, env=env)
        compare("--version", [str(program), "--version"], [*venv, "--version"], env)
        shot = str(Path(folder) / "shot.png")
        window = ["--data-dir", data_dir, "--screenshot", shot]
        compare("--screenshot", [str(FROZEN / "BranchDesk"), *window], [*venv, *window], env)


if __name__ == "__main__":
    main()

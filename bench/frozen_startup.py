"""Start-up of the frozen program (dist/BranchDesk, from `make dist`) against the same
commit run from the virtual environment: `--version` (the command line's start) and a
`--screenshot` start to a painted main window on the demo archive. Runs alternate
frozen/venv, then venv/frozen (bench/_alternate.py), so load on the shared machine hits
both alike; prints each side's median and spread and the ratio frozen / venv (goal
<= 1.0: the frozen app is no slower).

Run: make bench   (or .venv/bin/python bench/frozen_startup.py); skipped without dist/."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _alternate import alternate, report

ROUNDS = 7
FROZEN = Path(__file__).resolve().parent.parent / "dist" / "BranchDesk"


def compare(label: str, frozen_cmd: list[str], venv_cmd: list[str], env: dict) -> float:
    def frozen() -> None:
        subprocess.run(frozen_cmd, env=env, capture_output=True, check=True)

    def venv() -> None:
        subprocess.run(venv_cmd, env=env, capture_output=True, check=True)

    frozen(), venv()  # warm the file cache for both
    print(label)
    frozen_times, venv_times = alternate(frozen, venv, ROUNDS)
    return report("frozen", frozen_times, "venv", venv_times, goal="<= 1.0x")


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

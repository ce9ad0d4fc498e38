"""Cold start to a painted main window on the demo archive, against a bare PySide6
QMainWindow in the same run. Prints the ratio (goal <= 2.0) and peak memory (goal <= 150 MB).

Run: make bench   (or .venv/bin/python bench/startup.py)"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = 5
BARE = r"""
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
from PySide6.QtCore import QTimer
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setCentralWidget(QLabel("bare")); w.resize(1100, 720); w.show()
def done():
    w.grab().save(sys.argv[1]); app.quit()  # the same PNG encoding as --screenshot
QTimer.singleShot(0, done)
app.exec()
"""


def timed(command: list[str], env: dict) -> tuple[float, int]:
    """Wall time of a whole process, and its peak resident memory in KB (Linux)."""
    start = time.perf_counter()
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *command] if Path("/usr/bin/time").exists() else command,
        env=env, capture_output=True, text=True, check=True,
    )
    elapsed = time.perf_counter() - start
    peak = int(result.stderr.strip().splitlines()[-1]) if Path("/usr/bin/time").exists() else 0
    return elapsed, peak


def main() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    # An installed BranchDesk (pip, PyInstaller) starts from compiled bytecode; some
    # development shells set PYTHONDONTWRITEBYTECODE, which would time the compiler.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "demo"
        subprocess.run([sys.executable, "-m", "branchdesk", "--data-dir", str(data_dir), "demo"], check=True,
                       capture_output=True, env=env)
        shot = Path(folder) / "shot.png"
        app_cmd = [sys.executable, "-m", "branchdesk", "--data-dir", str(data_dir), "--screenshot", str(shot)]
        bare_cmd = [sys.executable, "-c", BARE, str(Path(folder) / "bare.png")]
        timed(bare_cmd, env), timed(app_cmd, env)  # warm the file cache for both
        bare, app, peaks = [], [], []
        for _ in range(ROUNDS):  # interleaved, so load on the shared machine hits both alike
            bare.append(timed(bare_cmd, env)[0])
            seconds, peak = timed(app_cmd, env)
            app.append(seconds)
            peaks.append(peak)
    ratio = statistics.median(app) / statistics.median(bare)
    print(f"startup: bare window {statistics.median(bare) * 1000:.0f} ms, BranchDesk {statistics.median(app) * 1000:.0f} ms")
    print(f"startup ratio: {ratio:.2f} (goal <= 2.0)")
    if max(peaks):
        print(f"peak memory: {max(peaks) / 1024:.0f} MB (goal <= 150 MB)")


if __name__ == "__main__":
    main()

"""Window start: ``branchdesk --screenshot`` on a demo archive (A: start, open, paint the
main window at its 首页, save it as a PNG, exit) against a bare PySide6 window a user
could write instead (B: a QMainWindow with a QTableWidget of the roster's rows, painted
and saved the same way). Whole processes, alternated A B, B A … (bench/_alternate.py) so
that load on the shared machine hits both alike; prints medians, the spread and the
ratios against issue 18's goals: time <= 1.5x, peak resident memory <= 1.3x.

A's picture is the window as it first appears: the 首页's to-do list and the seal check
follow on the next turns of the event loop (ui/main_window.py ``after_first_paint``).
``--complete`` also times ``--page home``, which paints the 首页 whole (its to-do list in,
the seal check run before the process ends), to show what the deferred part costs.

Run: .venv/bin/python bench/startup.py [--rounds N] [--repo DIR] [--complete]
(``--repo`` times A from another checkout, e.g. an export of the commit before, for before/after)."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _alternate import alternate, report

TIME_GOAL, MEMORY_GOAL = 1.5, 1.3
TIME = "/usr/bin/time"
# B: what a user could write with PySide6 alone, showing as many rows as the demo's roster.
BARE = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("党支部工作台")
rows = [(f"党员{n:02d}", "男" if n % 2 else "女", "正式党员", f"第{n % 3 + 1}党小组", "2010-07-01", "在册")
        for n in range(30)]
table = QTableWidget(len(rows), len(rows[0]))
table.setHorizontalHeaderLabels(["姓名", "性别", "类别", "党小组", "入党日期", "状态"])
for r, row in enumerate(rows):
    for c, value in enumerate(row):
        table.setItem(r, c, QTableWidgetItem(value))
window.setCentralWidget(table)
window.resize(1100, 720)
window.show()
def done():
    window.repaint()
    window.grab().save(sys.argv[1])  # the same PNG encoding as --screenshot
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


class Process:
    """One command run whole under /usr/bin/time; keeps each run's peak RSS in KB and its
    CPU seconds (user + system: less swayed by other processes than the wall clock)."""

    def __init__(self, command: list[str], env: dict):
        self.command = [TIME, "-f", "%M %U %S", *command] if Path(TIME).exists() else command
        self.env = env
        self.peaks: list[int] = []
        self.cpu: list[float] = []

    def __call__(self) -> None:
        # run outside any checkout, so that PYTHONPATH alone says whose code is timed
        result = subprocess.run(self.command, env=self.env, capture_output=True, text=True,
                                cwd=tempfile.gettempdir(), check=False)
        if result.returncode:
            raise SystemExit(f"{' '.join(self.command)} failed:\n{result.stderr}")
        if self.command[0] == TIME:
            peak, user, system = result.stderr.strip().splitlines()[-1].split()
            self.peaks.append(int(peak))
            self.cpu.append(float(user) + float(system))

    def clear(self) -> None:
        self.peaks.clear()
        self.cpu.clear()


def cpu_line(a: list[float], b: list[float]) -> None:
    print(f"  CPU user+system: A median {statistics.median(a) * 1000:.0f} ms ({min(a) * 1000:.0f}-{max(a) * 1000:.0f}),"
          f" B median {statistics.median(b) * 1000:.0f} ms ({min(b) * 1000:.0f}-{max(b) * 1000:.0f});"
          f" ratio {statistics.median(a) / statistics.median(b):.2f}x")


def memory_line(label: str, a: list[int], b: list[int]) -> None:
    ratio = statistics.median(a) / statistics.median(b)
    print(f"  peak RSS {label}: A median {statistics.median(a) / 1024:.1f} MiB ({min(a) / 1024:.1f}-{max(a) / 1024:.1f}),"
          f" B median {statistics.median(b) / 1024:.1f} MiB ({min(b) / 1024:.1f}-{max(b) / 1024:.1f});"
          f" ratio {ratio:.2f}x; goal <= {MEMORY_GOAL}x")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--rounds", type=int, default=15)
    options.add_argument("--repo", help="time A from this checkout instead (before/after)")
    options.add_argument("--complete", action="store_true", help="also time --page home (waits for the to-dos)")
    args = options.parse_args()
    repo = Path(args.repo or Path(__file__).resolve().parent.parent).resolve()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["PYTHONPATH"] = str(repo) + os.pathsep + env.get("PYTHONPATH", "")
    # An installed BranchDesk starts from compiled bytecode; some development shells set
    # PYTHONDONTWRITEBYTECODE, which would time the compiler.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    print(f"window start, {args.rounds} alternated rounds, A from {repo}; load: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "demo"
        subprocess.run([sys.executable, "-m", "branchdesk", "--data-dir", str(data_dir), "demo"], check=True,
                       capture_output=True, env=env, cwd=folder)
        shot = str(Path(folder) / "shot.png")
        window = [sys.executable, "-m", "branchdesk", "--data-dir", str(data_dir), "--screenshot", shot]
        a = Process(window, env)
        b = Process([sys.executable, "-c", BARE, str(Path(folder) / "bare.png")], env)
        a(), b()  # warm the file cache and the bytecode of both
        a.clear(), b.clear()
        a_times, b_times = alternate(a, b, args.rounds)
        report("branchdesk --screenshot", a_times, "bare window + table", b_times, goal=f"<= {TIME_GOAL}x")
        if a.peaks:
            cpu_line(a.cpu, b.cpu)
            memory_line("first paint", a.peaks, b.peaks)
        if args.complete:
            full = Process([*window, "--page", "home"], env)
            full()
            full.clear(), b.clear()
            full_times, b_times = alternate(full, b, args.rounds)
            report("--page home (to-dos in)", full_times, "bare window + table", b_times, goal="(for the record)")
            if full.peaks:
                cpu_line(full.cpu, b.cpu)
                memory_line("with to-dos", full.peaks, b.peaks)
    print(f"load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()

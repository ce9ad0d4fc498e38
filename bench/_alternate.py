"""Timing for the benchmarks: A (BranchDesk) and B (what a user could choose instead)
run alternately - A B, then B A, … - so that load on a shared machine hits both alike,
then medians, the spread and the ratio against the goal. No verdict: the reader judges
a noisy spread."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable


def seconds_of(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def alternate(a: Callable[[], object], b: Callable[[], object], rounds: int,
              between: Callable[[], object] | None = None) -> tuple[list[float], list[float]]:
    """``rounds`` timings of each, the order flipped every round (neither always goes first);
    ``between`` runs after each timing, untimed (e.g. a window's posted events)."""
    a_times: list[float] = []
    b_times: list[float] = []
    for n in range(rounds):
        for name in ("ba" if n % 2 else "ab"):
            (a_times if name == "a" else b_times).append(seconds_of(a if name == "a" else b))
            if between is not None:
                between()
    return a_times, b_times


def alternate_measured(a: Callable[[], float], b: Callable[[], float], rounds: int) -> tuple[list[float], list[float]]:
    """As ``alternate``, for sides that time themselves (a child process that reports the
    seconds of the step it measures, leaving out its own start): each call returns seconds."""
    a_times: list[float] = []
    b_times: list[float] = []
    for n in range(rounds):
        if n % 2:
            b_times.append(b())
            a_times.append(a())
        else:
            a_times.append(a())
            b_times.append(b())
    return a_times, b_times


def process_seconds(command: list[str], **run) -> float:
    """Wall time of one whole process (``subprocess.run`` keywords pass through; it must exit 0)."""
    if "stdout" not in run and "stderr" not in run:
        run.setdefault("capture_output", True)
    start = time.perf_counter()
    subprocess.run(command, check=True, **run)
    return time.perf_counter() - start


def machine_load() -> str:
    """The load averages, printed with the figures: the reader judges the spread knowing them."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"


def spread(values: list[float]) -> str:
    return (f"median {statistics.median(values) * 1000:8.1f} ms "
            f"(lowest {min(values) * 1000:.1f}, highest {max(values) * 1000:.1f})")


def report(label_a: str, a_times: list[float], label_b: str, b_times: list[float], goal: str = "") -> float:
    """Print both and the ratio of medians with the per-round range; returns the ratio."""
    width = max(len(label_a), len(label_b))
    ratio = statistics.median(a_times) / statistics.median(b_times)
    rounds = [a / b for a, b in zip(a_times, b_times)]
    print(f"  A {label_a:<{width}} : {spread(a_times)}")
    print(f"  B {label_b:<{width}} : {spread(b_times)}")
    print(f"  ratio A/B {ratio:.2f}x (per round {min(rounds):.2f}-{max(rounds):.2f}x, {len(rounds)} rounds)"
          + (f"; goal {goal}" if goal else ""))
    return ratio

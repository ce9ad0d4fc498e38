"""What owning the connection per archive costs: the roster read through the archive's
manager, where every call binds the models to that archive's database
(storage/binding.py), against the very same manager code run with the database bound
once around the whole loop — what a process-wide binding (the DatabaseProxy this design
replaced) would pay. Alternates A and B, repeats, prints medians and the spread; also
prints what checking every seal of the demo takes (the window does it in the background
after opening).

Run: make bench   (or .venv/bin/python bench/binding.py)"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from branchdesk.archive import Archive
from branchdesk.demo import build_demo
from branchdesk.storage.binding import bound_to

ROUNDS = 15
CALLS = 300


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def spread(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:.1f} ms (min {min(values) * 1000:.1f}, max {max(values) * 1000:.1f})"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        archive = Archive.open(Path(folder) / "demo")
        build_demo(archive)
        members = archive.members
        unbound_query_ids = type(members).query_ids.__wrapped__

        def through_archive():
            for _ in range(CALLS):
                members.query_ids()

        def bound_once():
            with bound_to(archive.db):
                for _ in range(CALLS):
                    unbound_query_ids(members)

        through_archive(), bound_once()  # warm caches
        times_a, times_b = [], []
        for _ in range(ROUNDS):
            times_a.append(timed(through_archive))
            times_b.append(timed(bound_once))
        ratio = statistics.median(times_a) / statistics.median(times_b)
        print(f"roster ids x{CALLS}: bound per call {spread(times_a)}; bound once {spread(times_b)}; ratio {ratio:.2f}")
        checks = [timed(archive.check_seals) for _ in range(ROUNDS)]
        print(f"every seal of the demo checked: {spread(checks)}")
        archive.close(auto_backup=False)


if __name__ == "__main__":
    main()

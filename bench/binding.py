"""What owning the connection per archive costs, alternated A/B over rounds
(bench/_alternate.py), medians, spread and the ratio against the goal:

* roster: A the roster's ids read through the archive's manager, where every call binds
  the models to that archive's database (storage/binding.py); B the very same manager
  code run with the database bound once around the whole loop - what a process-wide
  binding (the DatabaseProxy this design replaced) would pay. Goal: about 1x (design.md).
* seals: A checking every seal of the demo (what the window does in the background after
  opening); B SQLite's own ``PRAGMA integrity_check`` of the same database, the check a
  user could run instead (it proves the file whole, not the records unaltered).

Run: make bench   (or .venv/bin/python bench/binding.py [--rounds 15] [--calls 300])"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _alternate import alternate, machine_load, report


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--rounds", type=int, default=15, help="timings of each, alternated")
    options.add_argument("--calls", type=int, default=300, help="roster reads per timing")
    args = options.parse_args()
    from branchdesk.archive import Archive
    from branchdesk.demo import build_demo
    from branchdesk.storage.binding import bound_to

    print(machine_load())
    with tempfile.TemporaryDirectory() as folder:
        archive = Archive.open(Path(folder) / "demo")
        build_demo(archive)
        members = archive.members
        unbound_query_ids = type(members).query_ids.__wrapped__

        def through_archive():
            for _ in range(args.calls):
                members.query_ids()

        def bound_once():
            with bound_to(archive.db):
                for _ in range(args.calls):
                    unbound_query_ids(members)

        def integrity_check():
            assert archive.db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"

        through_archive(), bound_once(), archive.check_seals(), integrity_check()  # warm caches
        print(f"roster ids x{args.calls}:")
        per_call, once = alternate(through_archive, bound_once, args.rounds)
        report("bound per call (the archive's manager)", per_call, "bound once around the loop", once,
               goal="about 1x (docs/design.md §3: binding per call costs nothing measurable)")
        print("every seal of the demo checked:")
        seals, pragma = alternate(archive.check_seals, integrity_check, args.rounds)
        report("archive.check_seals()", seals, "PRAGMA integrity_check", pragma,
               goal="none set: the seal check proves more, this says its price")
        archive.close(auto_backup=False)


if __name__ == "__main__":
    main()

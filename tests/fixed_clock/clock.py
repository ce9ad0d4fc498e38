"""The tests' clock: it starts at a fixed moment and then runs at the real pace, so the
demo, the rules and the assertions agree on "today" whatever the calendar says, and a run
that crosses midnight or a half-year boundary sees nothing change.

One timeline for the whole run: ``BRANCHDESK_TEST_NOW`` ("<fixed start>@<real epoch
seconds at that start>") is set once and inherited by pytest-xdist workers and by every
BranchDesk subprocess a test starts (see sitecustomize.py here)."""

from __future__ import annotations

import datetime as dt
import os
import time

ENV = "BRANCHDESK_TEST_NOW"

# The day the suite was last run on the real calendar, and known to pass: the demo's
# three years of records end here, its 组织生活会 is planned three weeks ahead (still in
# this year), the second half-year's 目标管理 inspection is due soon, and last year's
# 整改 items are overdue - the situation the tests were written for. (On 2026-11-25, for
# one, the upper dashboard test finds no overdue item.)
FIXED_NOW = dt.datetime(2026, 12, 6, 10, 0, 0)


def timeline() -> str:
    """The run's timeline, made on first call and kept in the environment."""
    return os.environ.setdefault(ENV, f"{FIXED_NOW.isoformat()}@{time.time():.3f}")


def install(spec: str) -> None:
    """Replace ``branchdesk.clock.today``/``now`` (every caller looks them up at call time)."""
    from branchdesk import clock

    start, _, origin = spec.partition("@")
    begin, real_origin = dt.datetime.fromisoformat(start), float(origin)

    def now() -> dt.datetime:
        return (begin + dt.timedelta(seconds=max(time.time() - real_origin, 0.0))).replace(microsecond=0)

    def today() -> dt.date:
        return now().date()

    clock.now = now
    clock.today = today

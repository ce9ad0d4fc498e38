"""``branchdesk demo``: a realistic village branch to explore and to test against.

Each feature adds its records in its own module here and one line in ``build_demo``."""

from __future__ import annotations

import datetime as dt
import random

from .. import clock
from ..errors import Conflict
from ..storage.binding import uses_archive
from . import (
    dues,
    election,
    honours,
    life,
    masses,
    meetings,
    recruit,
    roster,
    service,
    study,
    targets,
    transfers,
)

DEMO_SEED = 20260701


@uses_archive
def build_demo(archive, today: dt.date | None = None) -> None:
    """Fill an empty archive with the demo branch. Refuses an archive that has a branch."""
    if archive.mode == "upper":
        from ..upper.mode import refuse_branch_work

        raise refuse_branch_work(archive)
    if archive.is_initialised():
        raise Conflict("这个档案库已经有支部数据，演示数据只能建在空档案库里。请换一个 --data-dir。")
    today = today or clock.today()
    rng = random.Random(DEMO_SEED)
    with archive.db.atomic():
        # Marked, so every screen can say these people are invented.
        archive.settings.set("archive.is_demo", True)
        roster.build(archive, rng, today)
        meetings.build(archive, rng, today)
        life.build(archive, rng, today)
        targets.build(archive, rng, today)
        dues.build(archive, rng, today)
        recruit.build(archive, rng, today)
        election.build(archive, today)
        service.build(archive, rng, today)
        masses.build(archive, rng, today)
        transfers.build(archive, today)
        study.build(archive, rng, today)
        honours.build(archive, today)

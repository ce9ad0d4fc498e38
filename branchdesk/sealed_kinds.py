"""Every record kind that is sealed when it is reported, in one list: the archive hands
it to ``archive.records`` (which checks all seals) and the upper level checks the seals
of each bundle against it."""

from __future__ import annotations

from .dues.closing import DUES_MONTH
from .life.appraisal import APPRAISAL
from .life.cycle import LIFE_CYCLE
from .meetings.seal import MEETING
from .recruit.seal import RECRUIT
from .safety.sealing import SealSpec
from .targets.inspections import INSPECTION

SEALED_KINDS: tuple[SealSpec, ...] = (MEETING, LIFE_CYCLE, APPRAISAL, INSPECTION, DUES_MONTH, RECRUIT)

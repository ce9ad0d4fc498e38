"""The section providers of the yearly archive, in the order it prints them.

目标管理 comes from ``branchdesk.targets`` (another line of work): ``targets_section``
uses ``branchdesk.targets.papers.year_blocks(archive, year)`` when that module is there
and keeps the part with 「本年度无记录」 until then."""

from __future__ import annotations

from . import life_sections, meeting_sections, targets_section
from .sections import SectionProvider

PROVIDERS: list[SectionProvider] = [
    meeting_sections.PROVIDER,
    life_sections.LIFE,
    life_sections.APPRAISAL,
    life_sections.LEDGER,
    targets_section.PROVIDER,
]

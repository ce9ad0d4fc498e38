"""The section providers of the yearly archive, in the order it prints them."""

from __future__ import annotations

from . import (
    dues_section,
    life_sections,
    meeting_sections,
    recruit_section,
    roster_section,
    targets_section,
)
from .sections import SectionProvider

PROVIDERS: list[SectionProvider] = [
    meeting_sections.PROVIDER,
    life_sections.LIFE,
    life_sections.APPRAISAL,
    life_sections.LEDGER,
    targets_section.PROVIDER,
    dues_section.PROVIDER,
    recruit_section.PROVIDER,
    roster_section.PROVIDER,  # after 发展党员: who joined, who left, who is on the roll at year end
]

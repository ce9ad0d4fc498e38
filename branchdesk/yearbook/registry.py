"""The section providers of the yearly archive, in the order it prints them."""

from __future__ import annotations

from . import (
    dues_section,
    election_section,
    honours_section,
    life_sections,
    masses_section,
    meeting_sections,
    recruit_section,
    roster_section,
    service_section,
    study_section,
    targets_section,
)
from .sections import SectionProvider

PROVIDERS: list[SectionProvider] = [
    meeting_sections.PROVIDER,
    study_section.PROVIDER,  # 学习 and 汇报, beside the meetings they were studied at
    life_sections.LIFE,
    life_sections.APPRAISAL,
    life_sections.LEDGER,
    targets_section.PROVIDER,
    dues_section.PROVIDER,
    masses_section.PROVIDER,
    recruit_section.PROVIDER,
    election_section.PROVIDER,
    service_section.PROVIDER,  # 服务群众: 志愿服务, 实事, 党务公开, 群众评议
    honours_section.PROVIDER,  # 奖惩: 表彰, and 处分 with their facts summarised
    roster_section.PROVIDER,  # after 发展党员: who joined, who left, who is on the roll at year end
]

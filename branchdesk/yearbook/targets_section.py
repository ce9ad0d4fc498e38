"""目标管理 of a year: the plan, the trend, open problems and each inspection's 考核表,
as ``branchdesk.targets.papers.year_blocks`` prints them, one record per title block.
The archive fingerprint covers every current inspection of the year (library and plan
are working documents, not sealed records)."""

from __future__ import annotations

from ..archival import retention_of
from ..papers import TitleBlock
from ..targets import INSPECTION
from ..targets.papers import year_blocks
from .sections import RecordRef, Section, SectionProvider, nested

TITLE = "目标管理"


def records(archive, year: int) -> list[RecordRef]:
    return [RecordRef(INSPECTION, summary.id) for summary in archive.targets.inspections.list(year)]


def sections(archive, year: int, today=None) -> list[Section]:
    section = Section("targets", TITLE, retention=retention_of("targets.year"))
    if archive.targets.library.get_or_none(year) is None and not archive.targets.inspections.list(year):
        return [section]  # nothing planned or inspected: 「本年度无记录」
    for block in nested(year_blocks(archive, year, today)):
        if isinstance(block, TitleBlock) or not section.records:
            section.records.append([])
        section.records[-1].append(block)
    return [section]


PROVIDER = SectionProvider("targets", sections, records)

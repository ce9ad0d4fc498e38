"""换届选举 of a year (docs/domain.md §13): each election held (or planned) that year — its
steps with the old and the new committee, the 计票结果 and the 选举结果请示. The election
record is a working record, not sealed, so the archive fingerprint does not cover it (as
the 发展档案)."""

from __future__ import annotations

from ..archival import retention_of
from ..election.papers import history_blocks, result_paper, tally_paper
from ..papers import TitleBlock
from .sections import RecordRef, Section, SectionProvider, record_from_paper

TITLE = "换届选举"


def records(archive, year: int) -> list[RecordRef]:
    return []


def sections(archive, year: int, today=None) -> list[Section]:
    section = Section("election", TITLE, retention=retention_of("election.year"))
    own = archive.branch.own()
    for record in archive.election.records():
        if record.year != year:
            continue
        title = TitleBlock(f"{record.title}（{record.stage_label}）", own.name, TITLE, record.held_on or record.planned_on,
                           level=1)
        section.records.append([title, *history_blocks(record)])
        if record.rounds:
            section.records.append(record_from_paper(tally_paper(record, own.name, own.code or "")))
        if record.stage in ("approval", "done"):
            section.records.append(record_from_paper(result_paper(record, own.name, own.higher_org, own.code or "")))
    return [section]


PROVIDER = SectionProvider("election", sections, records)

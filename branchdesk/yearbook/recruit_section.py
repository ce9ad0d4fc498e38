"""发展党员 of a year (docs/domain.md §11): the year's 发展党员工作台账, then the 全程纪实表 of
each person with a step that year. The 发展档案 are working records, not sealed, so the
archive fingerprint does not cover them (as the 目标管理 library and plan)."""

from __future__ import annotations

from ..archival import retention_of
from ..papers import TitleBlock
from ..recruit.papers import ledger_paper, record_paper
from .sections import RecordRef, Section, SectionProvider, record_from_paper

TITLE = "发展党员"


def records(archive, year: int) -> list[RecordRef]:
    return []


def sections(archive, year: int, today=None) -> list[Section]:
    section = Section("recruit", TITLE, retention=retention_of("recruit.record"))
    dossiers = [archive.recruit.dossier(pid, today) for pid in archive.recruit.person_ids()]
    active = [d for d in dossiers if any(s.done_on.year == year for s in d.steps)]
    if not active:
        return [section]  # 「本年度无记录」
    own = archive.branch.own()
    section.records.append(record_from_paper(ledger_paper(active, year, own.name, own.code or "", today)))
    for dossier in active:
        paper = record_paper(dossier, own.name, own.code or "", today)
        # the contents name each person: one 纪实表 a person
        named = TitleBlock(f"{paper.title}（{dossier.name}）", paper.branch, paper.record_type, paper.date, level=1)
        section.records.append([named, *paper.blocks])
    return [section]


PROVIDER = SectionProvider("recruit", sections, records)

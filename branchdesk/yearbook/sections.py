"""The parts of a yearly archive and what their providers return.

A provider reads one kind of record of a year and returns its :class:`Section` s:
the paper blocks (each record opening with a level-1 :class:`TitleBlock`, so the
outline reads part → record), how many records there are (for the cover), the files
they carry (for the appendix) and the sealable rows they are made of (for the
archive fingerprint). ``registry.PROVIDERS`` lists them in the order the archive prints
them; adding a record kind to the archive is one more provider in that list."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..papers import PageBreak, Paper, Para, TitleBlock
from ..safety.sealing import SealSpec

EMPTY = "本年度无记录"


@dataclass(frozen=True)
class AttachmentEntry:
    """A file kept with a record, listed in the appendix with its hash."""

    title: str
    owner: str  # the record it belongs to
    kind: str
    size: int
    sha256: str


@dataclass(frozen=True)
class RecordRef:
    """A sealable row (and its children) the archive fingerprint covers."""

    spec: SealSpec
    record_id: int


@dataclass
class Section:
    """One part of the archive. ``records`` holds one list of blocks per record (each
    printed from a new page); no records prints 「本年度无记录」. ``unit`` counts them on
    the cover (份, 项), where sections of one ``group`` (会议记录) are listed under its
    total and those of one ``subgroup`` (党小组会, one part per party group) share a line."""

    key: str
    title: str
    records: list[list] = field(default_factory=list)
    unit: str = "份"
    group: str = ""
    subgroup: str = ""
    count: int | None = None  # when the cover counts something else than the records (整改事项)
    attachments: list[AttachmentEntry] = field(default_factory=list)
    retention: str = ""  # the records' 保管期限, from branchdesk/archival.py as their own papers say

    @property
    def total(self) -> int:
        return len(self.records) if self.count is None else self.count


@dataclass(frozen=True)
class SectionProvider:
    """``sections(archive, year, today)`` builds the parts (``today`` dates what is
    still open, e.g. 逾期 items); ``records(archive, year)`` names the rows they are
    made of, cheaply (the fingerprint needs only these)."""

    key: str
    sections: Callable[..., list[Section]]
    records: Callable[[object, int], list[RecordRef]]


def record_from_paper(paper: Paper) -> list:
    """A paper made to be printed alone, as one record of the archive: its title block
    (one outline level down, under the part) followed by its blocks."""
    title = TitleBlock(paper.title, paper.branch, paper.record_type, paper.date, paper.subtitle, level=1)
    return [title, *paper.blocks]


def nested(blocks: Sequence) -> list:
    """Blocks whose records open with level-0 title blocks, moved under the part."""
    return [dataclasses.replace(b, level=1) if isinstance(b, TitleBlock) and b.level == 0 else b for b in blocks]


def section_blocks(section: Section) -> list:
    """The records of a section, each from a new page (the first one on the part's
    page), or the sentence saying there is none."""
    if not section.records:
        return [Para(EMPTY, indent=False, align="center")]
    blocks: list = []
    for n, record in enumerate(section.records):
        if n:
            blocks.append(PageBreak())
        blocks += record
    return blocks


def _dated(title: str, day: dt.date) -> str:
    """「2026年12月支委会」 held on the 3rd → 「2026年12月3日支委会」; a title not opening with
    its year and month is opened with the whole date (papers never print a date without its
    year): 「2025年8月11日支委会（研究确定入党积极分子）」."""
    month = f"{day.year}年{day.month}月"
    if title.startswith(month) and not re.match(r"\d", title[len(month):]):
        return f"{month}{day.day}日{title[len(month):]}"
    return f"{month}{day.day}日{title}"


def distinct_titles(section: Section) -> Section:
    """The section with records of the same title told apart by their day (two
    「2026年12月支委会」 in the contents cannot be told apart: docs/domain.md §6.2); records
    of one title held on one day are numbered 「（之二）」…."""
    heads = [r[0] if r and isinstance(r[0], TitleBlock) else None for r in section.records]
    same = Counter(h.title for h in heads if h)
    if all(n == 1 for n in same.values()):
        return section
    records, seen = [], Counter()
    for head, record in zip(heads, section.records):
        if head and same[head.title] > 1:
            day = head.date if isinstance(head.date, dt.date) else None
            title = _dated(head.title, day) if day else head.title
            seen[title] += 1
            if seen[title] > 1:
                title += f"（之{'一二三四五六七八九十'[min(seen[title], 10) - 1]}）"
            record = [dataclasses.replace(head, title=title), *record[1:]]
        records.append(record)
    return dataclasses.replace(section, records=records)

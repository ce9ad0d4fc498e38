"""奖惩 of a year in the yearly archive (docs/domain.md §17): the year's 表彰 in a table, and
its 处分 and 组织处理 with their kind, body, date and 文号 — the facts of each told in a
short summary (its first sentence, cut at 30 characters), since the yearly archive is
printed and handed over without the app password. Working registers, not sealed
records: the archive fingerprint does not cover them."""

from __future__ import annotations

from ..archival import retention_of
from ..meetings.paper_words import party_name
from ..papers import Para, Table, TitleBlock
from .sections import RecordRef, Section, SectionProvider

TITLE = "奖惩情况"
SUMMARY_CHARS = 30


def records(archive, year: int) -> list[RecordRef]:
    return []


def facts_summary(text: str) -> str:
    """The first sentence of the facts, at most ``SUMMARY_CHARS`` characters."""
    first = text.strip().replace("\n", "").split("。")[0]
    return first if len(first) <= SUMMARY_CHARS else first[:SUMMARY_CHARS] + "……"


def sections(archive, year: int, today=None) -> list[Section]:
    section = Section("honours", TITLE, retention=retention_of("honours.year"))
    praised = list(reversed(archive.honours.commendations(year)))
    punished = list(reversed(archive.honours.disciplines(year)))
    if not praised and not punished:
        return [section]
    party = sum(1 for r in punished if r.is_party_discipline)
    section.records.append([
        TitleBlock(f"{year}年度奖惩情况", party_name(archive.branch.own().name), TITLE, level=1),
        Para(f"本年度党员受到表彰{len(praised)}人次；受到党纪处分{party}人次、组织处理{len(punished) - party}人次。"),
        Table(["日期", "姓名", "表彰名称", "授予机关", "文号"],
              [[r.granted_on.isoformat(), r.member_name, r.title, r.granted_by, r.doc_no or "—"] for r in praised],
              col_widths=(1.8, 1.1, 2.0, 2.5, 2.0), caption=f"{year}年表彰", label="表彰"),
        Table(["日期", "姓名", "种类", "决定机关", "文号", "主要事实（摘要）"],
              [[r.decided_on.isoformat(), r.member_name, r.kind_label, r.decided_by, r.doc_no or "—",
                facts_summary(r.facts) or "—"] for r in punished],
              col_widths=(1.7, 1.1, 1.5, 1.9, 1.0, 2.2), caption=f"{year}年党纪处分和组织处理", label="处分"),
    ])
    return [section]


PROVIDER = SectionProvider("honours", sections, records)

"""The yearly archive as one paper: cover, contents, one part per section, and the
appendix listing every attached file with its SHA-256. Plain data in, a ``Paper`` out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..archival import archival_code
from ..meetings.papers import party_name
from ..papers import Gap, KeyValues, PageCount, Paper, Para, Part, Table, TitleBlock, chinese_number
from ..papers.document import Metadata
from .fingerprint import grouped
from .sections import EMPTY, AttachmentEntry, Section, distinct_titles, section_blocks

APPENDIX = "附录　附件清单"
SENSITIVE_NOTE = ("本档案收录组织生活会批评与自我批评、对照检查等内部记录，请按党内资料妥善保管。"
                  "档案库不得存放涉密材料。")


@dataclass(frozen=True)
class CoverFacts:
    """What the cover states besides the sections."""

    branch: str
    year: int
    retention: str
    fingerprint: str  # the year's archive fingerprint (hex)
    bundle_fingerprint: str = ""
    key_fingerprint: str = ""
    made_on: dt.date | None = None
    org_code: str = ""  # 组织代码, the first part of the 档号


def part_titles(sections: list[Section]) -> list[str]:
    """「一、支部党员大会」…: the parts as numbered in the contents."""
    return [f"{chinese_number(n)}、{s.title}" for n, s in enumerate(sections, 1)]


def _counts(sections: list[Section], volume_retention: str = "") -> str:
    """One line per section; the sections of a group run on after the group's total, those
    of a subgroup (the party groups) in brackets: 「会议记录67份：支部党员大会5份，党小组会36份
    （第一党小组12，第二党小组12，…），…」 — one run-on paragraph rather than a line each, so that
    the cover stays on one page (docs/domain.md §6.2). A part whose records are
    kept shorter than the volume says so: 「整改台账8项（保管期限10年）」. Parts without
    records of the year are named together on the last line: 「本年度无记录：发展党员、换届选举」."""
    lines: list[str] = []
    done: set[str] = set()
    empty = [s.title for s in sections if not s.group and not s.total]
    for s in sections:
        if not s.group and not s.total:
            continue  # parts without records of the year share one line, so the cover stays one page
        if not s.group:
            kept = f"（保管期限{s.retention}）" if s.total and s.retention not in ("", volume_retention) else ""
            lines.append(f"{s.title}{s.total}{s.unit}{kept}")
            continue
        if s.group in done:
            continue
        done.add(s.group)
        members = [m for m in sections if m.group == s.group]
        items: list[str] = []
        seen: set[str] = set()
        for m in members:
            if not m.subgroup:
                items.append(f"{m.title}{m.total}{m.unit}")
            elif m.subgroup not in seen:
                seen.add(m.subgroup)
                parts = [p for p in members if p.subgroup == m.subgroup]
                names = "，".join(f"{p.title.removeprefix(p.subgroup).strip('（）')}{p.total}" for p in parts)
                text = f"{m.subgroup}{sum(p.total for p in parts)}{m.unit}"
                items.append(text + (f"（{names}）" if names.strip("，0123456789") else ""))
        lines.append(f"{s.group}{sum(m.total for m in members)}{s.unit}：{'；'.join(items)}")
    if empty:
        lines.append(f"本年度无记录：{'、'.join(empty)}")
    return "\n".join(lines)


def _grouped_or_plain(text: str) -> str:
    bare = text.replace(" ", "").replace(":", "")
    if len(bare) >= 16 and all(c in "0123456789abcdefABCDEF" for c in bare):
        return grouped(bare)
    return text


def cover_blocks(facts: CoverFacts, sections: list[Section], attachments: int) -> list:
    branch = party_name(facts.branch)
    if facts.bundle_fingerprint:
        print_label, print_value = "数据包指纹", _grouped_or_plain(facts.bundle_fingerprint)
    else:
        print_label, print_value = "档案指纹", grouped(facts.fingerprint) + "\n（SHA-256，由本年度全部记录的内容计算）"
    pairs: list[tuple[str, object]] = [
        ("支部名称", branch),
        ("档案年度", f"{facts.year}年度"),
        ("保管期限", facts.retention),
        ("页数", PageCount("共{}页（含封面）")),
        ("记录数量", _counts(sections, facts.retention)),
        ("附件", f"{attachments}件，名称、大小和SHA-256校验值见附录" if attachments else "无"),
        (print_label, print_value),
    ]
    if facts.key_fingerprint:
        pairs.append(("支部密钥指纹", _grouped_or_plain(facts.key_fingerprint)))
    if facts.made_on:
        pairs.append(("编制日期", facts.made_on))
    pairs.append(("说明", SENSITIVE_NOTE))
    return [TitleBlock(f"{facts.year}年度档案", subtitle=branch), Gap(0.5), KeyValues(pairs, columns=1, label="封面")]


def empty_part(sections: list[Section], number: int) -> list:
    """The parts without a record of the year, named together in one part after the others
    (an archive shows what was not done, without a page each: docs/domain.md §6.2)."""
    empty = [s.title for s in sections if not s.records]
    if not empty:
        return []
    lines = "\n".join(f"{title}：{EMPTY}" for title in empty)
    return [Part(f"{chinese_number(number)}、{EMPTY}的工作"), Para("下列工作本年度没有形成记录，列此备查。"),
            Para(lines, indent=False)]


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(round(size / 1024), 1)} KB"


def appendix_blocks(attachments: list[AttachmentEntry]) -> list:
    blocks: list = [Part(APPENDIX)]
    if not attachments:
        return blocks + [Para("本年度记录没有附件。", indent=False, align="center")]
    blocks.append(Para("以下文件随电子档案保存。校验值（SHA-256）可用来核对收到的文件与档案库中的是否一致。"))
    rows = [
        [n, f"{a.title}\n（{a.owner}）", a.kind, _size(a.size), " ".join(a.sha256[i : i + 16] for i in range(0, 64, 16))]
        for n, a in enumerate(attachments, 1)
    ]
    blocks.append(Table(["序号", "名称（所属记录）", "类别", "大小", "SHA-256校验值"], rows, col_widths=(1.3, 5.4, 1.9, 1.9, 5.2),
                        align=("center", "left", "center", "center", "left"), label="附件清单"))
    return blocks


def year_paper(facts: CoverFacts, sections: list[Section]) -> Paper:
    attachments = [a for s in sections for a in s.attachments]
    branch = party_name(facts.branch)
    body: list = []
    kept = [s for s in sections if s.records]
    for title, section in zip(part_titles(kept), kept):
        body.append(Part(title))
        body += section_blocks(distinct_titles(section))
    body += empty_part(sections, len(kept) + 1)
    body += appendix_blocks(attachments)
    keywords = (facts.branch, f"{facts.year}年度", "年度档案", *(s.title for s in sections))
    return Paper(
        "archive", f"{branch}{facts.year}年度档案", body, branch=branch, record_type=f"{facts.year}年度档案",
        date=facts.made_on,
        toc=True, toc_depth=1, cover=cover_blocks(facts, sections, len(attachments)),
        metadata=Metadata(
            subject=f"{facts.year}年度党支部工作档案：三会一课、组织生活会、民主评议党员、整改台账、目标管理",
            keywords=tuple(dict.fromkeys(keywords)), retention=facts.retention,
            number=archival_code(facts.org_code, facts.year, facts.retention, "ND"),
            classification="内部",
        ),
    )


def branch_key_fingerprint(archive) -> str:
    """The fingerprint of the branch's active Ed25519 key (``branch_key``, made by the
    bundle work), '' while the branch has none. Read here so that the cover shows it
    however the key is managed."""
    row = archive.db.execute_sql(
        "SELECT fingerprint FROM branch_key WHERE retired_at IS NULL ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return row[0] if row else ""

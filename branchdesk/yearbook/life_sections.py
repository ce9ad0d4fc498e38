"""组织生活会, 民主评议 and 整改台账 of a year, as parts of the archive.

组织生活会 keeps everything the cycle gathered: the meeting record (with the criticism),
the opinions, the talks, the problem lists and the 对照检查 texts. These are sensitive;
the archive holds them on purpose, and whoever exports it passes the same check as for
the meeting record (see ``commands/_year_export.py`` and ``ui/pages/yearbook.py``)."""

from __future__ import annotations

import datetime as dt

from .. import clock, labels
from ..archival import retention_of
from ..life import papers
from ..life.appraisal import APPRAISAL as APPRAISAL_SPEC
from ..life.cycle import LIFE_CYCLE
from ..meetings.papers import party_name
from ..papers import Heading, KeyValues, Para, Table, TitleBlock, format_date, heading_number
from ..safety.sealing import SealSpec
from ..text import tight
from .record_state import state_line
from .sections import AttachmentEntry, RecordRef, Section, SectionProvider, record_from_paper

# Rows that are not sealed on their own, for the archive fingerprint only: the same
# canonical content (row and children) as a seal would hash.
TALK = SealSpec("talk", "谈心谈话记录")
RECTIFICATION_ITEM = SealSpec("rectification_item", "整改事项")


def _title(archive, title: str, year: int, record_type: str) -> TitleBlock:
    return TitleBlock(title, party_name(archive.branch.own().name), record_type, subtitle=f"{year}年度", level=1)


# -- 组织生活会 ----------------------------------------------------------------------
def life_records(archive, year: int) -> list[RecordRef]:
    cycle_id = archive.life.cycle_id(year)
    refs = [RecordRef(LIFE_CYCLE, cycle_id)] if cycle_id else []
    return refs + [RecordRef(TALK, talk_id) for talk_id in archive.talks.query_ids(year=year)]


def life_sections(archive, year: int, today: dt.date | None = None) -> list[Section]:
    today = today or clock.today()
    section = Section("life", "组织生活会", retention=retention_of("life.record"))
    cycle_id = archive.life.cycle_id(year)
    talks = archive.talks.records(sorted(archive.talks.query_ids(year=year)))
    if cycle_id is not None:
        detail = archive.life.detail(cycle_id)
        meeting = archive.meetings.detail(detail.meeting_id) if detail.meeting_id else None
        appraisal_id = archive.appraisal.appraisal_id(year)
        appraisal = archive.appraisal.detail(appraisal_id) if appraisal_id else None
        record = record_from_paper(papers.record_paper(detail, meeting, archive.life.review_for_papers(cycle_id, year),
                                                       appraisal, today))
        record += state_line(archive, LIFE_CYCLE, cycle_id, detail.state_label)
        section.records.append(record)
        section.records.append(_opinions(archive, detail))
    if cycle_id is not None or talks:
        section.records.append(_talks(archive, year, talks))
    if cycle_id is not None:
        section.records.append(_problems(archive, detail))
        section.records.append(_examinations(archive, detail))
    return [section]


def _day(value: dt.date | None) -> str:
    """「2025年⏎11月9日」 for a narrow date column: dates on paper always carry the year,
    and the year on its own line keeps month and day together."""
    return f"{value.year}年\n{value.month}月{value.day}日" if value is not None else ""


def _opinions(archive, detail) -> list:
    rows = []
    for n, o in enumerate(sorted(detail.opinions, key=lambda o: (o.received_on or dt.date.min, o.id or 0)), 1):
        answer = o.answer or ("列入整改台账" if detail.linked_items.get(o.uid) else "")
        rows.append([n, _day(o.received_on), f"{o.source_label}\n（{o.channel_label}）", o.content, o.addressed_label,
                     answer])
    return [
        _title(archive, "征求意见情况", detail.year, "组织生活会"),
        Table(["序号", "收到日期", "来源", "意见建议", "针对", "答复或整改"], rows, col_widths=(1.7, 3, 2.6, 5.5, 2.4, 4.6),
              align=("center", "center", "center", "left", "center", "left"), label="征求意见"),
    ]


def _talks(archive, year: int, talks) -> list:
    talks = sorted(talks, key=lambda t: (t.talked_on or dt.date.min, t.id or 0))
    rows = [[n, _day(t.talked_on), t.talker_name, t.partner_name, t.place, t.content] for n, t in enumerate(talks, 1)]
    return [
        _title(archive, "谈心谈话记录", year, "组织生活会"),
        Table(["序号", "日期", "谈话人", "谈话对象", "地点", "主要内容"], rows, col_widths=(1.7, 3, 2.2, 2.6, 2.6, 6.5),
              align=("center", "center", "center", "center", "center", "left"), label="谈心谈话"),
    ]


def _problems(archive, detail) -> list:
    rows = [[n, p.owner_label, p.problem, labels.label(labels.PROBLEM_SOURCES, p.source)]
            for n, p in enumerate(detail.problems, 1)]
    return [
        _title(archive, "问题清单", detail.year, "组织生活会"),
        Table(["序号", "对象", "问题", "来源"], rows, col_widths=(1.7, 3, 9.6, 2.7),
              align=("center", "center", "left", "center"), label="问题清单"),
    ]


def _examinations(archive, detail) -> list:
    blocks: list = [_title(archive, "对照检查材料", detail.year, "组织生活会")]
    if not detail.examinations:
        blocks.append(Para("（未登记）", indent=False))
    for n, e in enumerate(detail.examinations, 1):
        submitted = f"（{format_date(e.submitted_on)}提交）" if e.submitted_on else ""
        blocks.append(Heading(1, f"{heading_number(1, n)}{e.owner_label}{submitted}"))
        blocks += [Para(f"存在的问题：{e.problems or '（未填写）'}"), Para(f"原因分析：{e.causes or '（未填写）'}"),
                   Para(f"整改措施：{e.measures or '（未填写）'}")]
    return blocks


# -- 民主评议 ------------------------------------------------------------------------
def appraisal_records(archive, year: int) -> list[RecordRef]:
    appraisal_id = archive.appraisal.appraisal_id(year)
    return [RecordRef(APPRAISAL_SPEC, appraisal_id)] if appraisal_id else []


def appraisal_sections(archive, year: int, today: dt.date | None = None) -> list[Section]:
    section = Section("appraisal", "民主评议党员", retention=retention_of("life.appraisal"))
    appraisal_id = archive.appraisal.appraisal_id(year)
    if appraisal_id is not None:
        detail = archive.appraisal.detail(appraisal_id)
        record = record_from_paper(papers.appraisal_paper(detail, today, archive.verdicts.in_words(year)))
        record += state_line(archive, APPRAISAL_SPEC, appraisal_id, detail.state_label)
        section.records.append(record)
    return [section]


# -- 整改台账 ------------------------------------------------------------------------
def ledger_records(archive, year: int) -> list[RecordRef]:
    return [RecordRef(RECTIFICATION_ITEM, item_id) for item_id in archive.rectification.query_ids(year=year)]


def ledger_sections(archive, year: int, today: dt.date | None = None) -> list[Section]:
    today = today or clock.today()
    items = archive.rectification.items(year=year)
    section = Section("ledger", "整改台账", unit="项", count=len(items), retention=retention_of("life.ledger"))
    if not items:
        return [section]
    branch = archive.branch.own().name
    section.records.append(record_from_paper(papers.ledger_paper(items, branch, year, public=False, today=today)))
    details = [archive.rectification.detail(item.id) for item in items]
    blocks: list = [_title(archive, "整改事项明细", year, "整改台账")]
    for n, d in enumerate(details, 1):
        i = d.item
        blocks.append(Heading(1, f"{heading_number(1, n)}整改事项{i.code}"))
        pairs = [("问题", i.problem), ("原因", i.cause), ("整改措施", i.measure),
                 ("来源", d.source_text or i.source_label), ("责任人", i.owner_name), ("完成时限", i.deadline),
                 ("完成情况", tight(i.status_text(today))), ("销号说明", i.closing_note)]
        blocks.append(KeyValues([(k, v) for k, v in pairs if v], columns=2, label=f"整改事项 {i.code}"))
        if d.progress:
            blocks.append(Table(["日期", "整改进展"], [[p.noted_on, p.text] for p in d.progress], col_widths=(3, 12),
                                align=("center", "left"), label=f"整改事项 {i.code} 进展"))
        if d.evidence:
            blocks.append(Table(["类别", "佐证"], [[e.kind_label, e.title] for e in d.evidence], col_widths=(3, 12),
                                align=("center", "left"), label=f"整改事项 {i.code} 佐证"))
        section.attachments += [AttachmentEntry(e.title, f"整改事项 {i.code}", "整改佐证", e.size, e.sha256)
                                for e in d.evidence if e.kind == "file"]
    section.records.append(blocks)
    return [section]


LIFE = SectionProvider("life", life_sections, life_records)
APPRAISAL = SectionProvider("appraisal", appraisal_sections, appraisal_records)
LEDGER = SectionProvider("ledger", ledger_sections, ledger_records)

"""学习 and 汇报 of a year in the yearly archive (docs/domain.md §18): the year's 学习计划
with what was studied, the 补学 done and still owed, and a 汇报 record — how many members'
汇报 came in, who is behind, and the branch's 工作报告 to the 支部党员大会. Working records,
not sealed, so the archive fingerprint does not cover them (as the 发展档案)."""

from __future__ import annotations

import datetime as dt

from ..archival import retention_of
from ..meetings.paper_words import party_name
from ..papers import Heading, Para, TitleBlock, format_date
from ..study.papers import plan_paper
from .sections import RecordRef, Section, SectionProvider, record_from_paper

TITLE = "学习和汇报"


def records(archive, year: int) -> list[RecordRef]:
    return []


def reports_record(archive, year: int, today: dt.date) -> list:
    reports = archive.reports
    received = list(reversed(reports.records(year)))
    branch_reports = reports.branch_reports(year)
    if not received and not branch_reports:
        return []
    lines = [f"{n}. {format_date(r.received_on)}，{r.member_name}，{r.kind_label}" + (f"：{r.note}" if r.note else "。")
             for n, r in enumerate(received, 1)]
    told = [f"{r.half_label}《{r.title}》" + (f"，{format_date(r.presented_on)}向支部党员大会报告" if r.presented_on else "")
            + "。" for r in branch_reports]
    return [TitleBlock(f"{year}年度党员汇报和支部工作报告", party_name(archive.branch.own().name), TITLE, level=1),
            Para(f"本年度收到党员思想、工作、学习汇报{len(received)}份。"),
            Heading(2, "（一）支部工作报告"), Para("\n".join(told) or "本年度未登记。"),
            Heading(2, "（二）党员汇报"), Para("\n".join(lines) or "本年度无。")]


def sections(archive, year: int, today=None) -> list[Section]:
    today = today or dt.date(year, 12, 31)
    section = Section("study", TITLE, retention=retention_of("study.plan"))
    if archive.study.topic_ids(year):
        section.records.append(record_from_paper(plan_paper(archive, year)))
    told = reports_record(archive, year, today)
    if told:
        section.records.append(told)
    return [section]


PROVIDER = SectionProvider("study", sections, records)

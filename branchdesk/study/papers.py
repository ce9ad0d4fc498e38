"""The year's 学习计划 (each topic with its 必读篇目, who leads it, when it was planned and
studied, who made it up and who still owes it) and a member's 学习档案 of the year, as
record papers (docs/domain.md §18)."""

from __future__ import annotations

import datetime as dt

from .. import clock
from ..archival import archive_metadata_fields
from ..meetings.paper_words import party_name
from ..papers import DateLine, Heading, Metadata, Paper, Para, Table
from ..storage.binding import uses_archive


def _day(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "—"  # a date on paper names its year


@uses_archive
def plan_paper(archive, year: int) -> Paper:
    branch = archive.branch.own()
    topics = archive.study.topics(year)
    rows = [(str(n), t.title, "\n".join(t.readings) or "—", t.lead_name or "—", _day(t.planned_on),
             _day(t.studied_on)) for n, t in enumerate(topics, 1)]
    blocks = [Para(f"本支部{year}年度学习计划共{len(topics)}个专题，已学习{sum(1 for t in topics if t.studied_on)}个。"),
              Table(("序号", "学习专题", "必读篇目", "领学人", "计划时间", "学习时间"), rows, col_widths=(0.7, 3, 4, 1.4, 1.4, 1.4))]
    makeup_rows = [(t.title, m.member_name, _day(m.done_on), m.way_label) for t in topics for m in t.makeups]
    owed_rows = [(t.title, archive.members.get(i).name, _day(since)) for t in topics for i, since in t.owed.items()]
    blocks += [Heading(1, "一、补学情况"), Table(("学习专题", "党员", "补学日期", "补学方式"), makeup_rows, col_widths=(4, 1.6, 1.6, 2)),
               Heading(1, "二、尚未补学"), Table(("学习专题", "党员", "缺席日期"), owed_rows, col_widths=(4, 1.6, 1.6)),
               DateLine(clock.today(), party_name(branch.name))]
    return Paper("record", f"{year}年度学习计划", blocks, branch=party_name(branch.name), record_type="学习计划",
                 date=clock.today(),
                 metadata=Metadata(title=f"{year}年度学习计划", subject="学习计划", keywords=("学习", "学习计划"),
                                   **archive_metadata_fields("study.plan", branch.code or "", year, f"S-{year}")))


@uses_archive
def member_file_paper(archive, member_id: int, year: int) -> Paper:
    branch = archive.branch.own()
    member = archive.members.get(member_id)
    found = archive.study.member_file(member_id, year)
    rows = ([(t.title, "参加学习", _day(t.studied_on), "") for t in found["attended"]]
            + [(t.title, "补学", _day(m.done_on), m.way_label) for t, m in found["made_up"]]
            + [(t.title, "未补学", _day(since), "缺席后尚未补学") for t, since in found["owed"]]
            + [(t.title, "尚未学习", _day(t.planned_on), "计划时间") for t in found["pending"]])
    reports = archive.reports.records(year, member_id)
    blocks = [Para(f"{member.name}，{member.status_label}，所在党小组：{member.group_name or '—'}。{year}年参加专题学习"
                   f"{len(found['attended'])}次，补学{len(found['made_up'])}次，尚欠补学{len(found['owed'])}次；"
                   f"交思想、工作、学习汇报{len(reports)}次。"),
              Heading(1, "一、专题学习"),
              Table(("学习专题", "情况", "日期", "说明"), rows, col_widths=(4, 1.6, 1.6, 2.4)),
              Heading(1, "二、思想、工作、学习汇报"),
              Table(("收到日期", "类别", "摘要"), [(_day(r.received_on), r.kind_label, r.note or "—") for r in reports],
                    col_widths=(1.6, 3, 5)),
              DateLine(clock.today(), party_name(branch.name))]
    return Paper("record", f"{year}年度党员学习档案（{member.name}）", blocks, branch=party_name(branch.name), record_type="党员学习档案",
                 date=clock.today(),
                 metadata=Metadata(title=f"{year}年度学习档案（{member.name}）", subject="党员学习档案",
                                   keywords=("学习", "学习档案"),
                                   **archive_metadata_fields("study.file", branch.code or "", year, f"S-{year}-{member.id}")))

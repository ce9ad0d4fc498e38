"""Papers of 目标管理: the 目标管理考核表 of one inspection, and the year's
target-management archive (cover, plan, each inspection, the trend, open problems).
``year_blocks`` gives the targets part of a yearly archive to other papers. Plain data
in (read from the archive here), a ``Paper`` or blocks out; rendering is the caller's."""

from __future__ import annotations

import dataclasses
import datetime as dt

from .. import clock
from ..archival import archive_metadata_fields, retention_of
from ..meetings.papers import party_name
from ..papers import (
    Gap,
    Heading,
    KeyValues,
    PageBreak,
    Paper,
    Para,
    Signatures,
    Table,
    TitleBlock,
    TrendChart,
    heading_number,
    unbroken,
)
from ..papers.document import Metadata
from ..papers.presets import preset
from ..text import tight
from .forms import InspectionDetail, PlanDetail
from .points import tenths_text


def _sheet_preset():
    """The record book with tables in 五号 (10.5 pt), as scoring sheets are printed: the
    24 rows of a village scheme then take two pages, not four."""
    record = preset("record")
    return dataclasses.replace(
        record,
        table=dataclasses.replace(record.table, size=10.5, leading=14),
        table_header=dataclasses.replace(record.table_header, size=10.5, leading=14),
        cell_padding=(3.0, 2.0),
    )


def _score(value: int | None) -> str:
    return tenths_text(value, "")


def inspection_blocks(detail: InspectionDetail, revision_reason: str = "") -> list:
    """The body of a 目标管理考核表 (no title block: the paper or the archive adds it)."""
    s, h = detail.summary, detail.header
    blocks: list = [KeyValues([
        ("考核周期", s.period.label), ("检查日期", h.inspected_on), ("检查单位", h.inspecting_body),
        ("检查人", h.inspectors), ("考核指标", s.library_name), ("状态", s.state_label),
    ], columns=2, label="考核基本情况")]
    if revision_reason:
        blocks.append(Para(f"本表为更正版本。更正原因：{revision_reason}", indent=False))
    rows = []
    for code, name, group in detail.groups():
        points = sum(r.points_x10 for r in group)
        for n, r in enumerate(group):
            # the points on their own line: a narrow column must not leave 「）」 to start one
            # (indicator names are kept whole: a narrow column moves them below their code)
            first = f"{code} {unbroken(name)}\n（{tenths_text(points)}分）" if n == 0 else ""
            remark = r.remark
            if r.evidence:
                remark = (remark + "；" if remark else "") + f"佐证{len(r.evidence)}项"
            rows.append([first, f"{r.code} {unbroken(r.name)}", tenths_text(r.points_x10), r.scoring_rule,
                         _score(r.self_score_x10), _score(r.score_x10), remark])
    rows.append(["合计", "", tenths_text(s.total_points_x10), "", _score(s.self_total_x10), _score(s.total_x10), ""])
    blocks.append(Table(["一级指标", "二级指标", "分值", "评分标准", "自评", "得分", "备注"], rows,
                        col_widths=(60, 80, 26, 124, 28, 28, 42),
                        align=("left", "left", "center", "left", "center", "center", "left"), label="考核评分"))
    grade = s.grade or "（尚未评定）"
    blocks.append(Para(f"考核得分{_score(s.total_x10) or '—'}分（满分{tenths_text(s.total_points_x10)}分），"
                       f"自评{_score(s.self_total_x10) or '—'}分，考核等次：{grade}。"
                       f"等次标准：{tight(detail.thresholds.sentence())}。"))
    measured = [r for r in detail.scores if r.measured_text]
    if measured:
        blocks.append(Heading(2, "（一）自动计量情况"))
        blocks.append(Table(["指标", "由支部记录计算的结果"], [[f"{r.code} {r.name}", tight(r.measured_text)] for r in measured],
                            col_widths=(70, 306), align=("left", "left"), label="自动计量情况"))
    blocks.append(Heading(2, "（二）检查发现的问题" if measured else "（一）检查发现的问题"))
    problem_rows = [[p.position, p.problem, p.code, p.suggestion, "、".join(p.ledger) or "未列入"]
                    for p in detail.problems]
    blocks.append(Table(["序号", "问题", "指标", "整改建议", "整改台账"], problem_rows, col_widths=(28, 140, 32, 110, 60),
                        align=("center", "left", "center", "left", "center"), label="检查发现的问题"))
    blocks.append(Heading(2, "（三）总体评价" if measured else "（二）总体评价"))
    blocks.append(Para(h.remarks or "（未填写）"))
    blocks.append(Signatures(("检查人", "被检查支部书记")))
    return blocks


def inspection_paper(detail: InspectionDetail, revision_reason: str = "") -> Paper:
    """The 目标管理考核表 of one inspection (record-book preset)."""
    s = detail.summary
    return Paper(
        _sheet_preset(), "党支部目标管理考核表", inspection_blocks(detail, revision_reason),
        branch=party_name(detail.branch_name), record_type="目标管理检查考核", date=detail.header.inspected_on,
        subtitle=s.period.label,
        metadata=Metadata(title=f"{s.period.label}目标管理考核表", subject="目标管理考核表",
                          keywords=("目标管理", "检查考核"),
                          **archive_metadata_fields("targets.inspection", detail.branch_code, s.year,
                                                    f"T-{s.period.code.upper()}")),
    )


def plan_blocks(plan: PlanDetail | None, library) -> list:
    if plan is None:
        return [Para("本年度尚未制定目标计划。" + (f"考核指标采用《{library.name}》。" if library else ""))]
    rows = [[f"{i.code} {i.name}", tenths_text(i.points_x10), tight(i.target_text), "自动" if i.measure else ""]
            for i in plan.items]
    blocks = [Para(f"本年度目标计划依据《{plan.library_name}》制定"
                   + (f"，{plan.adopted_on.year}年{plan.adopted_on.month}月{plan.adopted_on.day}日确定" if plan.adopted_on else "")
                   + f"，共{len(plan.items)}项指标。")]
    if plan.note:
        blocks.append(Para(plan.note))
    blocks.append(Table(["指标", "分值", "目标", "计量"], rows, col_widths=(105, 28, 200, 42),
                        align=("left", "center", "left", "center"), label="年度目标计划"))
    return blocks


def trend_caption(points) -> str:
    """The chart's title, from the points it draws: the years they span and, when any
    self-score is drawn too, that it is there (「图　2024—2025年历次检查考核得分与自评得分（百分制）」)."""
    years = sorted({p.period.year for p in points})
    span = f"{years[0]}年" if years[0] == years[-1] else f"{years[0]}—{years[-1]}年"
    with_self = any(p.self_total_x10 is not None and p.total_points_x10 for p in points)
    return f"图　{span}历次检查考核得分{'与自评得分' if with_self else ''}（百分制）"


def trend_chart(points, thresholds, caption: str | None = None) -> TrendChart:
    """The chart of totals (on a 100-point scale) per period, with the grade bands;
    ``caption`` None: :func:`trend_caption` of the points."""
    return TrendChart(
        labels=[p.period.short for p in points],
        values=[round(p.percent, 1) if p.percent is not None else None for p in points],
        secondary=[round(p.self_total_x10 * 100 / p.total_points_x10, 1)
                   if p.self_total_x10 is not None and p.total_points_x10 else None for p in points],
        bands=[(name, lowest / 10) for name, lowest in thresholds.bands],
        legend=("考核得分", "自评"), caption=trend_caption(points) if caption is None else caption,
        gap_label="未评分",
    )


def year_blocks(archive, year: int, today: dt.date | None = None) -> list:
    """The targets part of ``year``'s archive: a title block, the plan, the trend over
    this and the two years before, the inspections in brief, open problems, then each
    inspection's 考核表 on its own pages."""
    today = today or clock.today()
    t = archive.targets
    library = t.library.get_or_none(year)
    inspections = t.inspections.list(year)
    blocks: list = [TitleBlock(f"{year}年度目标管理档案", party_name(archive.branch.own().name), "目标管理")]
    number = 0

    def section(text: str) -> None:
        nonlocal number
        number += 1
        blocks.append(Heading(1, f"{heading_number(1, number)}{text}"))

    section("年度目标计划")
    blocks += plan_blocks(t.plans.get_or_none(year), library)
    section("检查考核情况")
    if inspections:
        rows = [[s.period.label, s.inspected_on, _score(s.self_total_x10), _score(s.total_x10), s.grade or "—",
                 s.state_label] for s in inspections]
        blocks.append(Table(["考核周期", "检查日期", "自评", "得分", "等次", "状态"], rows,
                            col_widths=(90, 90, 40, 40, 50, 50), label="检查考核情况"))
    else:
        blocks.append(Para("本年度还没有检查考核记录。"))
    # a draft still being scored is not a result yet (the screen's chart leaves it out too)
    points = [p for p in t.trend(year - 2, year) if p.complete]
    if points:
        blocks.append(trend_chart(points, t.thresholds()))
    gaps = [g for g in t.missing_inspections(today) if g.period.year == year]
    for gap in gaps:
        blocks.append(Para(gap.message))
    section("检查发现问题的整改情况")
    blocks += _problem_blocks(archive, inspections, today)
    for s in inspections:
        detail = t.inspections.detail(s.id)
        reason = ""
        if s.corrects_id is not None:
            chain = t.inspections.revisions(s.id)
            reason = chain[-1].reason if chain else ""
        blocks += [PageBreak(), TitleBlock("党支部目标管理考核表", subtitle=s.period.label, date=detail.header.inspected_on)]
        blocks += inspection_blocks(detail, reason)
    return blocks


def _problem_blocks(archive, inspections, today: dt.date) -> list:
    rows = []
    items = {i.code: i for i in archive.rectification.items(source="inspection")}
    for s in inspections:
        for p in archive.targets.inspections.problems(s.id):
            found = [items[code] for code in p.ledger if code in items]
            state = "；".join(f"{i.code}{tight(i.status_text(today))}" for i in found) or "未列入整改台账"
            rows.append([s.period.label, p.problem, state])
    if not rows:
        return [Para("本年度检查考核没有发现需要整改的问题。")]
    open_count = sum(1 for r in rows if "已销号" not in r[2])
    return [Para(f"本年度检查考核发现问题{len(rows)}个，其中尚未整改完成{open_count}个。"),
            Table(["考核周期", "问题", "整改情况"], rows, col_widths=(80, 180, 110),
                  align=("center", "left", "left"), label="问题整改情况")]


def year_paper(archive, year: int, today: dt.date | None = None) -> Paper:
    """The year's target-management archive as one paper: a cover, then ``year_blocks``."""
    today = today or clock.today()
    branch = archive.branch.own()
    blocks = year_blocks(archive, year, today)
    library = archive.targets.library.get_or_none(year)
    inspections = archive.targets.inspections.list(year)
    filed = sum(1 for s in inspections if s.filed)
    cover = [Gap(3), KeyValues([
        ("支部名称", party_name(branch.name)), ("上级党组织", branch.higher_org), ("年度", f"{year}年度"),
        ("考核指标", library.name if library else "（未建立）"), ("检查考核", f"{len(inspections)}次，已归档{filed}次"),
        ("整理日期", today), ("保管期限", retention_of("targets.year")),
    ], columns=1, label="档案封面"), PageBreak()]
    return Paper(
        _sheet_preset(), f"{year}年度目标管理档案", cover + blocks[1:], branch=party_name(branch.name),
        record_type="目标管理档案", date=today,
        metadata=Metadata(subject="目标管理档案", keywords=("目标管理", str(year)),
                          **archive_metadata_fields("targets.year", branch.code or "", year, "T")),
    )

"""The summary report upward (组织生活会和民主评议党员情况报告) in the GB/T 9704 preset.

``report_facts`` gathers every number the report states from the records (attendance
from the meeting record, opinions and how they were answered, talks, problems found,
criticism entries, appraisal results, the rectification list); ``report_paper`` only
words them. Tests compare the two with what was entered."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from .. import clock, labels
from ..archival import archive_metadata_fields
from ..errors import Conflict
from ..meetings import rules as meeting_rules
from ..meetings.papers import party_name
from ..papers import (
    DateLine,
    Heading,
    Paper,
    Para,
    Table,
    format_date,
    heading_number,
    unbroken_names,
)
from ..papers.document import Metadata
from ..text import tight
from .appraisal_rules import GradeCounts, grade_counts
from .ledger_forms import Completion, ItemSummary, short_date
from .sections import Sections


@dataclass
class ReportFacts:
    year: int
    branch: str
    higher_org: str
    theme: str
    form_label: str
    planned_on: dt.date | None
    plan_reported_on: dt.date | None
    held_on: dt.date | None
    place: str
    host: str
    # attendance
    due: int = 0
    present: int = 0
    absent: list[str] = field(default_factory=list)  # 「李喆（病假）」
    guests: list[str] = field(default_factory=list)
    # opinions
    opinions: int = 0
    opinions_by_source: dict[str, int] = field(default_factory=dict)
    opinions_by_category: dict[str, int] = field(default_factory=dict)
    opinions_answered: int = 0
    opinions_to_ledger: int = 0
    opinions_open: int = 0
    # talks
    talks: int = 0
    talks_complete: bool = False
    talk_gaps: list[str] = field(default_factory=list)
    # problems and 对照检查
    committee_problems: list[str] = field(default_factory=list)
    member_problems: int = 0
    member_problems_by_category: dict[str, int] = field(default_factory=dict)
    examinations: int = 0
    # criticism
    self_criticism: int = 0
    mutual_criticism: int = 0
    responses: int = 0
    # appraisal
    appraised: GradeCounts | None = None
    voters: int = 0
    handled: list[str] = field(default_factory=list)  # 「张三：基本合格，批评教育、帮助改进」
    # 回头看 and this year's items
    review_completion: Completion | None = None
    review_text: str = ""
    items: list[ItemSummary] = field(default_factory=list)
    summary: str = ""


def report_facts(archive, year: int, today: dt.date | None = None, cycle_id: int | None = None) -> ReportFacts:
    """Everything the report says, counted from the records of ``year`` — or, once the
    cycle is reported, as sealed with it (life/snapshot.py)."""
    today = today or clock.today()
    cycle_id = cycle_id or archive.life.cycle_id(year)
    if cycle_id is None:
        raise Conflict(f"{year} 年度还没有组织生活会记录，不能生成情况报告。")
    sealed = archive.life.sealed_snapshot(cycle_id)
    if sealed is not None:
        return sealed.facts
    detail = archive.life.detail(cycle_id)
    branch = archive.branch.own()
    facts = ReportFacts(
        year, party_name(branch.name), branch.higher_org, detail.plan.theme, detail.form_label,
        detail.plan.planned_on, detail.plan.plan_reported_on, None, "", "",
    )
    if detail.meeting_id is not None:
        form = archive.meetings.detail(detail.meeting_id).form
        counts = meeting_rules.Counts.of(form.attendance)
        facts.held_on, facts.place, facts.host = form.held_on, form.place, form.host_name
        facts.due, facts.present = counts.due, counts.present
        facts.absent = meeting_rules.absent_with_reason(form.attendance)
        facts.guests = [f"{e.name}（{e.note}）" if e.note else e.name for e in form.attendance if e.is_guest]
    opinions = detail.opinions
    facts.opinions = len(opinions)
    facts.opinions_by_source = dict(Counter(o.source for o in opinions))
    facts.opinions_by_category = dict(Counter(o.category for o in opinions))
    facts.opinions_to_ledger = sum(1 for o in opinions if detail.linked_items.get(o.uid))
    facts.opinions_answered = sum(1 for o in opinions if o.answer and not detail.linked_items.get(o.uid))
    facts.opinions_open = sum(1 for o in opinions if not detail.opinion_answered(o))
    coverage = archive.talks.coverage(year, today)
    facts.talks, facts.talks_complete, facts.talk_gaps = coverage.talks, coverage.complete, coverage.gap_sentences()
    facts.committee_problems = [p.problem for p in detail.problems if p.member_id is None and not p.owner_name]
    member_problems = [p for p in detail.problems if p.member_id is not None or p.owner_name]
    facts.member_problems = len(member_problems)
    facts.member_problems_by_category = dict(Counter(p.category for p in member_problems))
    facts.examinations = sum(1 for e in detail.examinations if e.member_id is not None or e.owner_name)
    facts.self_criticism = sum(1 for c in detail.criticism if c.kind == "self")
    facts.mutual_criticism = sum(1 for c in detail.criticism if c.kind == "mutual")
    facts.responses = sum(1 for c in detail.criticism if c.kind == "mutual" and c.response)
    appraisal_id = archive.appraisal.appraisal_id(year)
    if appraisal_id is not None:
        appraisal = archive.appraisal.form(appraisal_id)
        facts.appraised = grade_counts(appraisal.entries)
        facts.voters = appraisal.voters
        facts.handled = [f"{e.member_name}：{e.decided_label}，{e.handling_label or '处置方式待定'}"
                         for e in appraisal.entries if e.needs_handling()]
    review = archive.rectification.review_items(year)
    if review:
        closed = [i for i in review if i.closed_on is not None]
        facts.review_completion = Completion(year - 1, len(review), len(closed),
                                             sum(i.closed_on <= i.deadline for i in closed),
                                             sum(i.is_overdue(today) for i in review))
    facts.review_text = detail.review
    facts.items = archive.rectification.items(year=year)
    facts.summary = detail.summary
    return facts


def _counted(counts: dict[str, int], table: dict[str, str], unit: str) -> str:
    return "、".join(f"{table.get(k, k)}{n}{unit}" for k, n in sorted(counts.items(), key=lambda kv: -kv[1]))


def report_paper(facts: ReportFacts, report_date: dt.date | None = None, branch_code: str = "") -> Paper:
    report_date = report_date or clock.today()
    f = facts
    blocks: list = [Para(f"{f.higher_org or '上级党组织'}：", indent=False)]
    when = format_date(f.held_on) if f.held_on else f"（计划）{format_date(f.planned_on)}"
    opening = f"根据上级党组织统一部署，{f.branch}于{when}以{f.form_label}形式召开{f.year}年度组织生活会"
    opening += f"，主题为“{f.theme}”" if f.theme else ""
    blocks.append(Para(opening + "，同步开展民主评议党员。现将有关情况报告如下："))
    heading = Sections(blocks)
    heading("会议召开情况")
    attend = f"会议应到党员{f.due}名，实到{f.present}名"
    attend += f"，缺席{len(f.absent)}名：{'、'.join(f.absent)}" if f.absent else "，无缺席"
    attend += f"；列席{len(f.guests)}名（{'、'.join(f.guests)}）" if f.guests else ""
    where = f"，地点{f.place}" if f.place else ""
    host = f"，由{f.host}同志主持" if f.host else ""
    blocks.append(Para(f"会议于{when}召开{where}{host}。{attend}。"))
    if f.plan_reported_on:
        blocks.append(Para(f"会议方案已于{format_date(f.plan_reported_on)}报{f.higher_org or '上级党组织'}。"))

    heading("会前准备情况")
    blocks.append(Heading(2, f"{heading_number(2, 1)}广泛征求意见"))
    text = f"会前通过多种渠道共征求意见建议{f.opinions}条"
    if f.opinions:
        text += f"，其中来自{_counted(f.opinions_by_source, labels.OPINION_SOURCES, '条')}"
        text += f"；涉及{_counted(f.opinions_by_category, labels.ISSUE_CATEGORIES, '条')}"
        text += f"。已逐条答复{f.opinions_answered}条，列入整改台账{f.opinions_to_ledger}条"
        if f.opinions_open:
            text += f"，尚未答复{f.opinions_open}条"
    blocks.append(Para(text + "。"))
    blocks.append(Heading(2, f"{heading_number(2, 2)}深入谈心谈话"))
    talk = f"支委之间、支委与党员之间、党员之间开展谈心谈话{f.talks}次"
    talk += "，实现全覆盖。" if f.talks_complete else "，尚未实现全覆盖：" + tight("；".join(f.talk_gaps)) + "。"
    blocks.append(Para(talk))
    blocks.append(Heading(2, f"{heading_number(2, 3)}认真撰写对照检查材料"))
    blocks.append(Para(f"支委会撰写班子对照检查材料，{f.examinations}名党员撰写个人对照检查材料。"))

    heading("查摆的主要问题")
    if f.committee_problems:
        blocks.append(Para("支委会查摆出以下问题："))
        blocks += [Para(f"{n}. {text}") for n, text in enumerate(f.committee_problems, start=1)]
    else:
        blocks.append(Para("支委会问题清单未登记。"))
    if f.member_problems:
        blocks.append(Para(f"党员个人问题清单共列出问题{f.member_problems}个，主要涉及"
                           f"{_counted(f.member_problems_by_category, labels.ISSUE_CATEGORIES, '个')}。"))

    heading("批评和自我批评开展情况")
    blocks.append(Para(
        f"支部书记代表支委会报告工作并带头作对照检查。会上{f.self_criticism}名党员逐一作自我批评，"
        f"党员之间开展相互批评，共提出批评意见{f.mutual_criticism}条，"
        f"被批评人对其中{f.responses}条当场作了回应。"
    ))

    heading("民主评议党员情况")
    if f.appraised is None:
        blocks.append(Para("本年度民主评议党员尚未开展。"))
    else:
        blocks.append(Para(f"参加民主测评{f.voters}人。{f.appraised.sentence()}{tight(f.appraised.limit_sentence())}"))
        if f.handled:
            blocks.append(Para("对评定为基本合格、不合格的党员，支部分别作出处置：" + "；".join(f.handled) + "。"))

    heading("上年度整改“回头看”情况")
    if f.review_completion is None:
        blocks.append(Para("上年度没有列入台账的整改事项。"))
    else:
        c = f.review_completion
        blocks.append(Para(f"上年度及以前列入台账的整改事项{c.total}项，已销号{c.closed}项，未完成{c.open}项。"))
        if f.review_text:
            blocks.append(Para(f.review_text))

    heading("整改措施")
    blocks.append(Para(f"针对查摆出的问题，支部制定整改清单，共{len(f.items)}项，明确责任人和完成时限，逐项对单销号："))
    rows = [[i.number, i.problem, i.measure, unbroken_names(i.owner_name), short_date(i.deadline)] for i in f.items]
    blocks.append(Table(["序号", "问题", "整改措施", "责任人", "完成时限"], rows, col_widths=(34, 138, 154, 46, 70),
                        align=("center", "left", "left", "center", "center"), label="整改清单"))
    if f.summary:
        heading("会议小结")
        blocks.append(Para(f.summary))
    blocks.append(DateLine(report_date, signer=f.branch, sealed=True))  # goes upward: sealed
    return Paper(
        "gongwen", f"{f.branch}关于召开{f.year}年度组织生活会和开展民主评议党员情况的报告", blocks,
        metadata=Metadata(author=f.branch, subject="组织生活会情况报告", **archive_metadata_fields("life.report", branch_code, f.year, "L-R"),
                          keywords=("组织生活会", "民主评议党员", str(f.year))),
    )

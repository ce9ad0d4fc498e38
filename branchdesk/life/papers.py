"""The papers of 组织生活会 and 民主评议 other than the report upward (``report.py``):
the meeting record (record-book preset), the member appraisal register, and the
rectification ledger for public display (公示). Plain data in, a ``Paper`` out."""

from __future__ import annotations

import datetime as dt

from .. import clock, labels
from ..archival import archive_metadata_fields
from ..meetings import rules as meeting_rules
from ..meetings.forms import MeetingDetail
from ..meetings.papers import party_name, when
from ..papers import (
    Heading,
    KeyValues,
    Paper,
    Para,
    Signatures,
    Table,
    format_date,
    heading_number,
    unbroken,
    unbroken_names,
)
from ..papers.document import Metadata
from ..text import tight
from . import appraisal_rules
from .appraisal import AppraisalDetail
from .forms import CycleDetail
from .ledger_forms import ItemSummary, short_date
from .sections import Sections

PAPERS = {"report": "组织生活会情况报告", "record": "组织生活会会议记录", "appraisal": "民主评议党员登记表"}


def record_paper(detail: CycleDetail, meeting: MeetingDetail | None, review: list[ItemSummary],
                 appraisal: AppraisalDetail | None = None, today: dt.date | None = None) -> Paper:
    """The record of the meeting: attendance as for any meeting, the 回头看, the
    secretary's report, then the criticism in the order it was made, and the summary."""
    today = today or clock.today()
    branch = party_name(detail.branch_name)
    form = meeting.form if meeting else None
    pairs: list[tuple[str, object]] = [("会议名称", detail.title), ("会议形式", detail.form_label)]
    if form is not None:
        counts = meeting_rules.Counts.of(form.attendance)
        present = [unbroken(e.name) for e in meeting.members if e.status == "present"]  # never broken inside
        guests = [f"{unbroken(e.name)}（{e.note}）" if e.note else unbroken(e.name) for e in meeting.guests]
        pairs += [
            ("时间", when(form.held_on, form.started_at, form.ended_at) or f"（计划）{when(form.planned_on)}"),
            ("地点", form.place), ("主持人", form.host_name), ("记录人", form.recorder_name),
            ("会议主题", detail.plan.theme), ("到会情况", f"应到{counts.due}人，实到{counts.present}人"),
            ("出席人员", "、".join(present) or "无"),
            ("缺席人员及原因", "；".join(meeting_rules.absent_with_reason(form.attendance, unbroken)) or "无"),
            ("列席人员", "、".join(guests) or "无"),
        ]
    else:
        pairs += [("计划日期", detail.plan.planned_on), ("会议主题", detail.plan.theme)]
    blocks: list = [KeyValues(pairs, columns=2, label="会议基本情况")]
    section = Sections(blocks)
    section("上年度整改事项“回头看”")
    if review:
        rows = [[i.code, i.problem, unbroken_names(i.owner_name), i.status_text(today)] for i in review]
        blocks.append(Table(["编号", "问题", "责任人", "完成情况"], rows, col_widths=(2, 7, 2.2, 4),
                            align=("center", "left", "center", "left"), label="回头看"))
    blocks.append(Para(detail.review or ("上年度没有列入台账的整改事项。" if not review else "（未填写）")))
    section("支部书记报告工作")
    blocks.append(Para(detail.secretary_report or "（未填写）"))
    section("批评与自我批评")
    blocks += criticism_blocks(detail)
    if appraisal is not None:
        section("民主评议党员")
        counts = appraisal.counts
        blocks.append(Para(f"参加民主测评{appraisal.form.voters}人。{counts.sentence()}"))
    section("会议小结")
    blocks.append(Para(detail.summary or "（未填写）"))
    blocks.append(Signatures(("主持人", "记录人")))
    return Paper(
        "record", "组织生活会会议记录", blocks, branch=branch, record_type="组织生活会",
        date=form.held_on if form and form.held_on else detail.plan.planned_on, subtitle=detail.title,
        metadata=Metadata(title=f"{detail.title}会议记录", subject="组织生活会会议记录", keywords=("组织生活会", "批评与自我批评"),
                          **archive_metadata_fields("life.record", detail.branch_code, detail.year, "L")),
    )


def criticism_blocks(detail: CycleDetail) -> list:
    """Each person's block: the self-criticism, then the criticism by others with the
    response (the order the meeting followed)."""
    blocks: list = []
    if not detail.criticism:
        return [Para("（未记录）")]
    current = None
    number = 0
    for entry in detail.criticism:
        who = (entry.to_member_id, entry.to_name)
        if who != current:
            current = who
            number += 1
            blocks.append(Heading(2, f"{heading_number(2, number)}{entry.to_name}"))
        if entry.kind == "self":
            blocks.append(Para(f"自我批评：{entry.content}"))
        else:
            blocks.append(Para(f"{entry.from_name}提出批评：{entry.content}"))
            blocks.append(Para(f"{entry.to_name}回应：{entry.response or '（未记录）'}"))
    return blocks


def appraisal_paper(detail: AppraisalDetail, today: dt.date | None = None,
                    mass_verdicts: dict[int, str] | None = None) -> Paper:
    """民主评议党员登记表: one row per member, then the self-appraisal and mutual remarks.
    ``mass_verdicts``: member id → that year's 群众评议 of the member in words, printed
    under their 测评 line for the committee to weigh (docs/domain.md §15.4); the grade rules
    do not read it."""
    form = detail.form
    branch = party_name(detail.branch_name)
    counts = detail.counts
    blocks: list = [KeyValues([
        ("评议年度", f"{detail.year}年度"), ("民主测评日期", form.held_on), ("参加测评人数", f"{form.voters}人"),
        ("支委会评定日期", form.decided_on), ("评定结果", counts.sentence()), ("优秀比例", tight(counts.limit_sentence())),
    ], columns=2, label="基本情况")]
    rows = []
    for n, e in enumerate(form.entries, start=1):
        votes = "/".join("—" if v is None else str(v) for v in e.votes)
        feedback = format_date(e.feedback_on) if e.feedback_on else ""
        rows.append([n, unbroken(e.member_name), votes, e.decided_label, feedback, e.handling_label])
    blocks.append(Table(["序号", "姓名", "测评票数\n优/合/基/不", "组织评定", "反馈日期", "处置"], rows,
                        col_widths=(34, 50, 82, 58, 92, 99),
                        align=("center", "center", "center", "center", "center", "left"), label="评议结果"))
    section = Sections(blocks)
    section("自评与互评")
    for n, e in enumerate(form.entries, start=1):
        blocks.append(Heading(2, f"{heading_number(2, n)}{e.member_name}"))
        self_grade = f"（{labels.GRADES[e.self_grade]}）" if e.self_grade else ""
        blocks.append(Para(f"自评{self_grade}：{e.self_appraisal or '（未填写）'}"))
        blocks.append(Para(f"互评意见：{e.mutual_remarks or '（未填写）'}"))
        blocks.append(Para(f"测评：{appraisal_rules.ballot_sentence(e)}。组织评定：{e.decided_label or '未评定'}"
                           + (f"（理由：{e.decision_reason}）" if e.decision_reason else "") + "。"))
        if mass_verdicts and e.member_id in mass_verdicts:
            blocks.append(Para(f"群众评议：{mass_verdicts[e.member_id]}。"))
    if form.note:
        section("说明")
        blocks.append(Para(form.note))
    blocks.append(Signatures(("支部书记", "记录人")))
    return Paper(
        "record", "民主评议党员登记表", blocks, branch=branch, record_type="民主评议党员",
        date=form.decided_on or form.held_on, subtitle=f"{detail.year}年度",
        metadata=Metadata(subject="民主评议党员登记表", keywords=("民主评议党员", str(detail.year)),
                          **archive_metadata_fields("life.appraisal", detail.branch_code, detail.year, "A")),
    )


def ledger_paper(items: list[ItemSummary], branch_name: str, year: int | None, public: bool = True,
                 today: dt.date | None = None, branch_code: str = "") -> Paper:
    """The ledger: for public display (公示) only the items marked so, numbered 1…n;
    otherwise every item by its code (the spreadsheet has every column)."""
    today = today or clock.today()
    branch = party_name(branch_name)
    span = f"{year}年度" if year else "历年"
    if public:
        rows = [[n, i.problem, i.measure, unbroken_names(i.owner_name), short_date(i.deadline), i.public_status(today)]
                for n, i in enumerate(items, start=1)]
        table = Table(["序号", "问题", "整改措施", "责任人", "完成时限", "完成情况"], rows,
                      col_widths=(32, 102, 102, 48, 68, 64),
                      align=("center", "left", "left", "center", "center", "center"), label="整改事项")
        done = sum(1 for i in items if i.closed_on is not None)
        blocks = [
            Para(f"根据组织生活会查摆的问题和征求到的意见建议，{branch}制定了整改清单。现将整改事项及落实情况予以公示，"
                 "接受党员和群众监督。"),
            table,
            Para(f"共{len(items)}项，已完成{done}项。如有意见建议，请向支部委员会反映。"),
        ]
        title = f"{span}整改事项公示"
    else:
        rows = [[i.code, i.problem, i.measure, unbroken_names(i.owner_name), short_date(i.deadline), i.public_status(today)]
                for i in items]
        blocks = [Table(["编号", "问题", "整改措施", "责任人", "时限", "完成情况"], rows,
                        col_widths=(56, 94, 96, 48, 64, 60),
                        align=("center", "left", "left", "center", "center", "center"), label="整改台账")]
        title = f"{span}整改台账"
    blocks.append(Signatures(("支部书记",)))
    return Paper(
        "record", title, blocks, branch=branch, record_type="整改台账", date=today,
        metadata=Metadata(subject="整改台账", keywords=("整改台账", "公示" if public else "台账"),
                          **archive_metadata_fields("life.ledger", branch_code, year or today.year,
                                                    "Z" if year else "Z-ALL")),
    )

"""公开栏 sheets (docs/domain.md §15.3): one A4 sheet for each 党务公开 posting, its
content built from the records it makes public — 党费收缴 from the dues ledger,
发展党员公示 from the 发展档案, 民主评议结果 from the 民主评议, 整改 from the 整改台账,
实事进展 from the 为民办实事 — and, for 计划 and 其他, the text the branch typed.

People are named as those records allow when posted: members with their 党费 and the
整改 they lead; 发展 candidates by name, gender, month of birth, education and job (no
ID numbers, no phones); of the 民主评议 the counts of each grade and the 优秀 alone."""

from __future__ import annotations

import datetime as dt

from .. import clock, labels
from ..archival import archive_metadata_fields
from ..dues import months as mo
from ..dues.money import yuan_words
from ..dues.papers import _grid, member_months
from ..meetings.paper_words import party_name
from ..papers import DateLine, KeyValues, Metadata, Paper, Para, Table, format_date
from ..papers.blocks import unbroken_names
from ..storage.binding import uses_archive
from . import rules
from .forms import Posting


def _day(day: dt.date | None) -> str:
    return f"{day.year}.{day.month}.{day.day}" if day else ""


def period_text(posting: Posting) -> str:
    return rules.period_words(posting.kind, posting.covers_year, posting.covers_part)


def _months(posting: Posting, today: dt.date) -> list[dt.date]:
    if posting.kind == "dues" and posting.covers_part:
        first = posting.covers_part * 3 - 2
        months = [dt.date(posting.covers_year, m, 1) for m in range(first, first + 3)]
    else:
        months = [dt.date(posting.covers_year, m, 1) for m in range(1, 13)]
    return [m for m in months if m <= mo.first(today)]


def _dues_blocks(archive, posting: Posting, today: dt.date) -> list:
    months = _months(posting, today)
    ledgers, people = member_months(archive, months)
    rows, due_total, paid_total = _grid(ledgers, people)
    unpaid = sum(len(ledger.unpaid) for ledger in ledgers)
    return [
        Para(f"现将本支部{period_text(posting)}（{mo.labels(months) or '无'}）党费收缴情况公开如下：应交{yuan_words(due_total)}，"
             f"实交{yuan_words(paid_total)}，" + (f"尚有{unpaid}人次未交。" if unpaid else "均已交清。")),
        Table(["序号", "姓名", *[f"{m.month}月" for m in months], "合计"], rows,
              col_widths=(0.8, 1.8, *([1.2] * len(months)), 1.4), label="党费收缴情况"),
        Para("表中金额单位为元。"),
    ]


def _recruit_blocks(archive, posting: Posting) -> list:
    rows = []
    for summary in archive.recruit.summaries():
        dossier = archive.recruit.dossier(summary.id)
        for key, what in (("candidate", "拟列为发展对象"), ("full_vote", "拟转为正式党员")):
            step = dossier.last(key)
            if step is not None and step.done_on.year == posting.covers_year:
                rows.append([dossier.name, labels.label(labels.GENDERS, dossier.gender),
                             f"{dossier.birth_date.year}.{dossier.birth_date.month}", dossier.education, dossier.job,
                             what, _day(step.done_on)])
    return [
        Para(f"现将本支部{posting.covers_year}年发展党员工作中经支部研究的人选予以公示，接受党员和群众监督。"),
        Table(["姓名", "性别", "出生年月", "学历", "工作单位及职务", "公示事项", "支部研究日期"], rows,
              col_widths=(48, 30, 48, 44, 110, 70, 60), align=("center",) * 7, label="公示名单"),
    ]


def _appraisal_blocks(archive, posting: Posting) -> list:
    appraisal_id = archive.appraisal.appraisal_id(posting.covers_year)
    if appraisal_id is None:
        return [Para(f"{posting.covers_year}年度民主评议党员尚未登记。")]
    detail = archive.appraisal.detail(appraisal_id)
    counts = detail.counts
    excellent = [e.member_name for e in detail.form.entries if e.decided_grade == "excellent"]
    held = f"于{format_date(detail.form.held_on)}" if detail.form.held_on else ""
    return [
        Para(f"本支部{held}开展了{posting.covers_year}年度民主评议党员工作，参加评议{counts.appraised}人，"
             f"经党员民主测评、支部委员会组织评定，结果如下："),
        Table(["优秀", "合格", "基本合格", "不合格"], [[counts.excellent, counts.qualified, counts.basic, counts.unqualified]],
              align=("center",) * 4, label="评定结果"),
        Para("评为优秀的党员：" + ("、".join(excellent) if excellent else "无") + "。"),
    ]


def _rectification_blocks(archive, posting: Posting, today: dt.date) -> list:
    items = archive.rectification.summaries(archive.rectification.query_ids(year=posting.covers_year, public_only=True))
    rows = [[n, i.problem, i.measure, unbroken_names(i.owner_name), _day(i.deadline), i.public_status(today)]
            for n, i in enumerate(items, start=1)]
    done = sum(1 for i in items if i.closed_on is not None)
    return [
        Para("现将整改事项及落实情况公开如下，接受党员和群众监督。"),
        Table(["序号", "问题", "整改措施", "责任人", "完成时限", "完成情况"], rows, col_widths=(32, 102, 102, 48, 60, 64),
              align=("center", "left", "left", "center", "center", "center"), label="整改事项"),
        Para(f"共{len(items)}项，已完成{done}项。"),
    ]


PLEDGE_HEADERS = ["序号", "实事", "牵头人", "承诺时限", "完成日期", "最新进展", "完成情况"]
PLEDGE_WIDTHS = (26, 92, 44, 66, 66, 92, 56)
PLEDGE_ALIGN = ("center", "left", "center", "center", "center", "left", "center")


def pledge_rows(pledges) -> list[list]:
    return [[n, p.title, p.lead_name, _day(p.promised_by), _day(p.done_on), p.last_note,
             labels.label(labels.PLEDGE_STATES, p.state)] for n, p in enumerate(pledges, start=1)]


def _pledge_blocks(archive, posting: Posting, today: dt.date) -> list:
    pledges = archive.service.pledges(posting.covers_year, today)
    done = sum(1 for p in pledges if p.done_on is not None)
    return [
        Para(f"本支部{posting.covers_year}年初向群众承诺办理实事{len(pledges)}件，截至{format_date(posting.posted_on)}"
             f"已办结{done}件。进展情况公开如下："),
        Table(PLEDGE_HEADERS, pledge_rows(pledges), col_widths=PLEDGE_WIDTHS, align=PLEDGE_ALIGN, label="为民办实事"),
    ]


@uses_archive
def board_paper(archive, posting_id: int, today: dt.date | None = None) -> Paper:
    """The 公开栏 sheet of one posting."""
    today = today or clock.today()
    posting = archive.openness.posting(posting_id)
    branch = archive.branch.own()
    signer = party_name(branch.name)
    kind_name = labels.label(labels.OPENNESS_KINDS, posting.kind)
    head = KeyValues([("公开类别", kind_name), ("所属期间", period_text(posting)), ("公开地点", posting.place),
                      ("公开时间", f"{format_date(posting.hung_from)}至{format_date(posting.hung_to)}")],
                     columns=2, label="公开事项")
    if posting.kind == "dues":
        body = _dues_blocks(archive, posting, min(today, posting.posted_on))
    elif posting.kind == "recruit":
        body = _recruit_blocks(archive, posting)
    elif posting.kind == "appraisal":
        body = _appraisal_blocks(archive, posting)
    elif posting.kind == "rectification":
        body = _rectification_blocks(archive, posting, posting.posted_on)
    elif posting.kind == "pledges":
        body = _pledge_blocks(archive, posting, posting.posted_on)
    else:
        body = []
    if posting.body:
        body.append(Para(posting.body))
    if not body:
        body = [Para("（本次公开未填写内容。）")]
    closing = Para("党员和群众对公开内容如有意见建议，请向支部委员会反映。")
    return Paper(
        "gongwen", posting.title, [head, *body, closing, DateLine(posting.posted_on, signer)], branch=signer,
        record_type="党务公开", date=posting.posted_on,
        metadata=Metadata(subject="党务公开", keywords=("党务公开", kind_name, str(posting.covers_year)),
                          **archive_metadata_fields("service.board", branch.code or "", posting.covers_year,
                                                    f"GK-{posting.id:04d}")),
    )


def board_name(posting: Posting) -> str:
    """「2026年第一季度党费收缴公开」 — the file name of a sheet (export_names makes it safe)."""
    return posting.title or f"{period_text(posting)}{labels.label(labels.OPENNESS_KINDS, posting.kind)}公开"


@uses_archive
def verdict_result_paper(archive, year: int) -> Paper:
    """The year's 群众评议 result: the committee and any members, tallies and rates, and
    the masses' feedback (the committee's)."""
    verdicts = archive.verdicts.verdicts(year)
    branch = archive.branch.own()
    signer = party_name(branch.name)
    rows = [[v.subject, v.ballots, v.satisfied, v.basic, v.unsatisfied, v.unknown, rules.percent(v.rate)] for v in verdicts]
    blocks = [
        Para(f"本支部{year}年度群众评议结果如下。满意率 =（满意票 + 基本满意票）÷（收回票数 − 不了解票数）。"),
        Table(["评议对象", "收回票数", "满意", "基本满意", "不满意", "不了解", "满意率"], rows,
              col_widths=(80, 50, 40, 50, 44, 44, 50), align=("left",) + ("center",) * 6, label="群众评议结果"),
    ]
    committee = next((v for v in verdicts if v.member_id is None), None)
    if committee and committee.feedback_lines:
        blocks.append(Para("群众意见建议：", indent=False))
        blocks.extend(Para(f"{n}. {line}", indent=False) for n, line in enumerate(committee.feedback_lines, start=1))
    held = max((v.held_on for v in verdicts), default=clock.today())
    blocks.append(DateLine(held, signer))
    return Paper(
        "gongwen", f"{year}年度群众评议结果", blocks, branch=signer, record_type="群众评议", date=held,
        metadata=Metadata(subject="群众评议", keywords=("群众评议", str(year)),
                          **archive_metadata_fields("service.verdict", branch.code or "", year, "QP")),
    )


def verdict_name(year: int) -> str:
    return f"{year}年度群众评议结果"




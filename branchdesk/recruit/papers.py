"""Papers of 发展党员 (docs/domain.md §11): the 发展党员工作全程纪实表 of one person (every
step of the 25, its date, people and decision), the 公示 of 发展对象 or of 转正, and the
year's 发展党员工作台账 (PDF here, XLSX in ``ledger_xlsx``)."""

from __future__ import annotations

import datetime as dt

from .. import clock, labels
from ..archival import archive_metadata_fields
from ..meetings.paper_words import party_name
from ..papers import Metadata, Paper
from ..papers.blocks import (
    DateLine,
    Heading,
    KeyValues,
    Para,
    Signatures,
    Table,
    heading_number,
    unbroken_names,
)
from .forms import Dossier
from .steps import STAGE_TITLES, STEPS

PUBLICITY_SETTING = "recruit.publicity_days"
DEFAULT_PUBLICITY_DAYS = 5  # 公示 commonly 5 个工作日
NOTICE_KINDS = {"candidate": "拟列为发展对象", "full": "拟转为正式党员"}


def _short(day: dt.date | None) -> str:
    return f"{day.year}.{day.month}.{day.day}" if day else ""


def _month(day: dt.date | None) -> str:
    return f"{day.year}.{day.month:02d}" if day else ""


def first_on(dossier: Dossier, key: str) -> dt.date | None:
    found = [s for s in dossier.steps if s.step == key]
    return found[0].done_on if found else None


def record_paper(dossier: Dossier, branch_name: str, branch_code: str = "", today: dt.date | None = None) -> Paper:
    """The 全程纪实表: every step in the 细则's order, the ones not reached left blank."""
    today = today or clock.today()
    gender = labels.label(labels.GENDERS, dossier.gender)
    facts = [("姓名", dossier.name), ("性别", gender), ("出生年月", _month(dossier.birth_date)), ("民族", dossier.ethnicity),
             ("学历", dossier.education), ("公民身份号码", dossier.masked_id), ("工作单位及职务", dossier.job),
             ("当前阶段", dossier.stage_label)]
    if dossier.probation_end:
        facts.append(("预备期满", dossier.probation_end))
    blocks: list = [KeyValues(facts, label="基本情况")]
    for stage, title in STAGE_TITLES.items():
        rows = []
        for kind in (k for k in STEPS if k.stage == stage):
            done = [s for s in dossier.steps if s.step == kind.key]
            for record in done or [None]:
                if record is None:
                    rows.append([kind.number, kind.title, "", "", ""])
                    continue
                summary = record.summary(with_people=False)
                details = [summary] if summary else []
                if record.text:
                    details.append(f"{kind.text_label}：{record.text}")
                if record.reason:
                    details.append(f"情况说明：{record.reason}")
                details += [f"材料：{d.title}（SHA-256 {d.sha256[:16]}）" for d in record.documents]
                rows.append([kind.number, kind.title, _short(record.done_on), unbroken_names("、".join(record.names())),
                             "\n".join(details)])
        blocks += [Heading(1, f"{heading_number(1, stage)}{title}"),
                   Table(["序号", "步骤", "日期", "人员", "结论及情况记载"], rows, col_widths=(28, 92, 72, 62, 162),
                         align=("center", "left", "center", "center", "left"), label=title)]
    blocks.append(Signatures(("支部书记", "经办人")))
    return Paper(
        "record", "发展党员工作全程纪实表", blocks, branch=party_name(branch_name), record_type="发展党员",
        date=today, subtitle=dossier.name,
        metadata=Metadata(subject="发展党员工作全程纪实表", keywords=("发展党员", dossier.name),
                          **archive_metadata_fields("recruit.record", branch_code, today.year, f"F{dossier.id:06d}")),
    )


def working_days_after(start: dt.date, days: int) -> dt.date:
    """The last of ``days`` working days from ``start`` (Monday to Friday; decided here:
    no holiday calendar — the branch picks a start that avoids holidays)."""
    day, counted = start, 0
    while True:
        if day.weekday() < 5:
            counted += 1
            if counted == days:
                return day
        day += dt.timedelta(days=1)


def notice_paper(dossiers: list[Dossier], kind: str, branch_name: str, start: dt.date, days: int = DEFAULT_PUBLICITY_DAYS,
                 branch_code: str = "", phone: str = "") -> Paper:
    """The 公示 of people 拟列为发展对象 (``kind`` "candidate") or 拟转为正式党员 ("full")."""
    branch = party_name(branch_name)
    end = working_days_after(start, days)
    names = "、".join(d.name for d in dossiers)
    what = NOTICE_KINDS[kind]
    if kind == "candidate":
        headers = ["姓名", "性别", "出生年月", "学历", "工作单位及职务", "申请入党时间", "确定为入党积极分子时间"]
        rows = [[d.name, labels.label(labels.GENDERS, d.gender), _month(d.birth_date), d.education, d.job,
                 _short(first_on(d, "application")), _short(first_on(d, "activist"))] for d in dossiers]
        widths = (48, 30, 52, 52, 110, 62, 62)
        lead = (f"经党支部委员会研究，拟将{names}同志列为发展对象。为广泛听取党员和群众意见，"
                "把好发展党员入口关，现予以公示。")
    else:
        headers = ["姓名", "性别", "出生年月", "学历", "工作单位及职务", "接收为预备党员时间", "预备期满时间"]
        rows = [[d.name, labels.label(labels.GENDERS, d.gender), _month(d.birth_date), d.education, d.job,
                 _short(first_on(d, "branch_vote")), _short(d.probation_end)] for d in dossiers]
        widths = (48, 30, 52, 52, 110, 62, 62)
        lead = f"{names}同志预备期已满（或即将期满），本人已提出转正申请。经党支部委员会研究，拟转为中共正式党员，现予以公示。"
    contact = f"联系电话：{phone}。" if phone else ""
    blocks = [
        Para(lead),
        Table(headers, rows, col_widths=widths, align=("center",) * len(headers), label="公示名单"),
        Para(f"公示时间：{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日（{days}个工作日）。"),
        Para("公示期间，党员和群众如有意见，可通过来信、来电、来访等方式向党支部或上级党委反映。反映情况要实事求是，"
             f"以个人名义反映的请署真实姓名。{contact}"),
        DateLine(start, branch),
    ]
    return Paper(
        "gongwen", f"关于{names}同志{what}的公示", blocks, branch=branch, record_type="公示", date=start,
        metadata=Metadata(subject="发展党员公示", keywords=("发展党员", "公示", what),
                          **archive_metadata_fields("recruit.notice", branch_code, start.year,
                                                    f"FG-{start:%m%d}")),
    )


LEDGER_HEADERS = ["序号", "姓名", "性别", "出生年月", "申请入党", "确定积极分子", "确定发展对象", "支部大会接收",
                  "上级审批接收", "转正", "本年度完成的步骤", "阶段"]


def ledger_rows(dossiers: list[Dossier], year: int) -> list[list]:
    """One row per person with a step in ``year``: the milestone dates and that year's steps."""
    rows = []
    for dossier in dossiers:
        this_year = [s for s in dossier.steps if s.done_on.year == year]
        if not this_year:
            continue
        approval = next((s for s in dossier.steps if s.step == "approval" and s.decision == "approved"), None)
        full = next((s for s in dossier.steps if s.step == "full_approval" and s.decision == "approved"), None)
        rows.append([
            len(rows) + 1, dossier.name, labels.label(labels.GENDERS, dossier.gender), _month(dossier.birth_date),
            first_on(dossier, "application"), first_on(dossier, "activist"), first_on(dossier, "candidate"),
            first_on(dossier, "branch_vote"), approval.done_on if approval else None,
            full.done_on if full else None, "、".join(str(s.kind.number) for s in this_year), dossier.stage_label,
        ])
    return rows


# The printed 台账 keeps the milestones, each date on one line (A4 portrait); the
# spreadsheet has every column.
PRINTED_COLUMNS = (1, 4, 5, 6, 7, 9)


def ledger_paper(dossiers: list[Dossier], year: int, branch_name: str, branch_code: str = "",
                 today: dt.date | None = None) -> Paper:
    today = today or clock.today()
    rows = [[_short(row[n]) if isinstance(row[n], dt.date) else row[n] for n in PRINTED_COLUMNS]
            for row in ledger_rows(dossiers, year)]
    # headers broken between their words, never inside one (docs/domain.md §6.1.1)
    headers = ["姓名", "申请入党", "确定\n积极分子", "确定\n发展对象", "支部大会\n接收", "转为\n正式党员"]
    for row in rows:
        row[0] = unbroken_names(row[0])
    blocks = [
        Table(headers, rows, col_widths=(60, 76, 76, 76, 76, 76), align=("center",) * len(headers),
              label="发展党员工作台账"),
        Para(f"共{len(rows)}人（本年度登记过发展步骤的人）。", indent=False),
        Signatures(("支部书记", "组织委员")),
    ]
    return Paper(
        "record", f"{year}年度发展党员工作台账", blocks, branch=party_name(branch_name), record_type="发展党员",
        date=today,
        metadata=Metadata(subject="发展党员工作台账", keywords=("发展党员", str(year)),
                          **archive_metadata_fields("recruit.ledger", branch_code, year, "F-ALL")),
    )

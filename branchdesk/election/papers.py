"""Papers of a 换届选举 (docs/domain.md §13): the 请示 for the 换届 (plan), the 计票结果
of the 大会 (each round: 应到/实到, 发出/收回/无效/有效, each candidate's 赞成票, 当选), and
the 报告 of the result asking for the upper organisation's 批复. Plain GB/T 9704 papers."""

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
from .forms import ElectionRecord
from .rules import more_than_half

STEMS = {"plan": "换届选举请示", "tally": "换届选举计票结果", "result": "换届选举结果报告"}


def stem(kind: str, record: ElectionRecord) -> str:
    return f"{record.year}年{STEMS[kind]}"


def _day(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "（未定）"


def _item(record: ElectionRecord, kind: str) -> str:
    return f"HJ{record.id:04d}-{kind[0].upper()}"


def plan_paper(record: ElectionRecord, branch_name: str, higher_org: str, code: str = "") -> Paper:
    """关于召开党员大会进行换届选举的请示."""
    branch = party_name(branch_name)
    deputies = f"，其中书记1名、副书记{record.deputies}名" if record.deputies else "，其中书记1名"
    blocks = [
        Para(f"{higher_org or '上级党组织'}：", indent=False),
        Para(f"本届支部委员会任期即将届满（或已届满）。根据《中国共产党基层组织选举工作条例》，经支部委员会研究，"
             f"拟于{_day(record.planned_on)}召开支部党员大会，选举产生新一届支部委员会。"),
        Para(f"新一届支部委员会拟设委员{record.places}名{deputies}。委员候选人按照不少于应选人数20%的差额比例提出，"
             "实行差额选举；书记、副书记由新一届支部委员会第一次会议等额选举产生。"),
    ]
    if record.plan_note:
        blocks.append(Para(record.plan_note))
    blocks += [Para("妥否，请批示。"), DateLine(record.plan_submitted_on or clock.today(), branch)]
    return Paper(
        "gongwen", "关于召开党员大会进行换届选举的请示", blocks, branch=branch, record_type="请示",
        date=record.plan_submitted_on or clock.today(),
        metadata=Metadata(subject="换届选举请示", keywords=("换届选举", "请示"),
                          **archive_metadata_fields("election.plan", code, record.year, _item(record, "plan"))),
    )


def _round_blocks(record: ElectionRecord) -> list:
    blocks: list = []
    for n, r in enumerate(record.rounds, start=1):
        elected = {v.member_id for v in r.outcome.elected}
        tied = {v.member_id for v in r.outcome.tied}
        rows = []
        for v in sorted(r.votes, key=lambda v: -v.yes):
            mark = "当选" if v.member_id in elected else ("重新投票" if v.member_id in tied else "未当选")
            rows.append([unbroken_names(v.name), v.yes, "无效" if r.outcome.void else mark])
        blocks += [
            Heading(1, f"{heading_number(1, n)}第{n}轮（{r.kind_label}，应选{r.places}名）"),
            KeyValues([("应到会有选举权党员", f"{r.due}名"), ("实到", f"{r.present}名"),
                       ("发出选票", f"{r.issued}张"), ("收回选票", f"{r.returned}张"),
                       ("无效票", f"{r.invalid}张"), ("有效票", f"{max(r.valid, 0)}张"),
                       ("当选所需赞成票", f"至少{more_than_half(r.due)}票（超过应到半数）"),
                       ("选举是否有效", "无效" if r.outcome.void else "有效")], label=f"第{n}轮计票"),
            Table(["候选人", "赞成票", "结果"], rows, col_widths=(2, 1, 1), align=("center", "center", "center"),
                  label=f"第{n}轮得票"),
            Para(r.outcome.explanation),
        ]
    return blocks


def tally_paper(record: ElectionRecord, branch_name: str, code: str = "") -> Paper:
    """选举计票结果 of the 大会: every round, in order, signed by the 监票人 and 计票人."""
    facts = [("选举日期", _day(record.held_on)), ("应选委员", f"{record.places}名"),
             ("候选人", "、".join(p.name for p in record.candidates)),
             ("当选委员", "、".join(p.name for p in record.elected) or "无")]
    blocks = [KeyValues(facts, columns=1, label="选举概况"), *_round_blocks(record),
              Signatures(("总监票人", "监票人", "计票人"))]
    return Paper(
        "record", "支部党员大会选举计票结果", blocks, branch=party_name(branch_name), record_type="换届选举",
        date=record.held_on or clock.today(), subtitle=record.title,
        metadata=Metadata(subject="换届选举计票结果", keywords=("换届选举", "计票"),
                          **archive_metadata_fields("election.tally", code, record.year, _item(record, "tally"))),
    )


def result_paper(record: ElectionRecord, branch_name: str, higher_org: str, code: str = "") -> Paper:
    """关于选举结果的请示: who was elected with how many votes, and the 书记/副书记."""
    branch = party_name(branch_name)
    first = record.rounds[0] if record.rounds else None
    votes = {v.member_id: v.yes for r in record.rounds if not r.outcome.void for v in r.outcome.elected}
    rows = [[unbroken_names(p.name), votes.get(p.member_id, ""),
             next((labels.COMMITTEE_POSTS[o.post] for o in record.offices if o.member_id == p.member_id), "委员")]
            for p in record.elected]
    lead = (f"{_day(record.held_on)}，{branch}召开支部党员大会，选举产生新一届支部委员会。"
            + (f"应到会有选举权的党员{first.due}名，实到{first.present}名，超过应到会人数的五分之四，选举有效。"
               if first and not first.outcome.void else ""))
    offices = "；".join(f"{labels.COMMITTEE_POSTS[o.post]}{o.name}" + (f"（赞成{o.votes}票）" if o.votes is not None else "")
                        for o in record.offices)
    blocks = [
        Para(f"{higher_org or '上级党组织'}：", indent=False),
        Para(lead + f"经差额选举，{'、'.join(p.name for p in record.elected)}同志当选为支部委员会委员，"
             "得票均超过应到会有选举权党员的半数。"),
        Table(["姓名", "赞成票", "职务"], rows, col_widths=(2, 1, 2), align=("center", "center", "center"),
              label="当选委员"),
        Para(f"{_day(record.offices_on)}，新一届支部委员会召开第一次会议，选举产生书记、副书记并进行分工：{offices}。"),
        Para("现将选举结果报上，请予批复。"),
        DateLine(record.result_submitted_on or record.offices_on or clock.today(), branch),
    ]
    return Paper(
        "gongwen", "关于支部委员会选举结果的请示", blocks, branch=branch, record_type="请示",
        date=record.result_submitted_on or record.offices_on or clock.today(),
        metadata=Metadata(subject="换届选举结果", keywords=("换届选举", "选举结果"),
                          **archive_metadata_fields("election.result", code, record.year, _item(record, "result"))),
    )


def history_blocks(record: ElectionRecord) -> list:
    """The steps of one election as a ruled form, for the yearly archive."""
    previous = "；".join(f"{labels.COMMITTEE_POSTS.get(p, p)}{n}" for p, n in record.previous_committee) or "（未登记）"
    pairs = [
        ("方案批复", f"{_day(record.plan_approved_on)} {record.plan_approval_no}".strip()),
        ("应选委员", f"{record.places}名（副书记{record.deputies}名）"),
        ("候选人", "、".join(p.name for p in record.candidates)),
        ("选举日期", _day(record.held_on)),
        ("当选委员", "、".join(p.name for p in record.elected)),
        ("书记、副书记及分工", "；".join(f"{labels.COMMITTEE_POSTS[o.post]}{o.name}" for o in record.offices)),
        ("选举结果批复", f"{_day(record.result_approved_on)} {record.result_approval_no}".strip()),
        ("上届支委会", previous),
        ("上届任期开始", _day(record.previous_term_started_on)),
    ]
    return [KeyValues(pairs, columns=1, label=record.title)]

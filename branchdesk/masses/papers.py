"""Papers of 群众工作 (docs/domain.md §14.4): the year's 民情台账 (one row per request,
landscape A4) and the 诉求办理单 of one request with every step. The person who asked
is printed masked (刘*妈) unless the user asks for full names."""

from __future__ import annotations

import dataclasses
import datetime as dt

from .. import clock
from ..archival import archive_metadata_fields
from ..dues.papers import _sheet
from ..meetings.paper_words import party_name
from ..papers import DateLine, KeyValues, Metadata, Paper, Para, Table
from ..papers.blocks import Signatures, unbroken_names
from .forms import Request, Tally


def _short(day: dt.date | None) -> str:
    return f"{day.year}.{day.month}.{day.day}" if day else ""


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _landscape():
    sheet = _sheet(9.5)
    width, height = sheet.page_size
    return dataclasses.replace(sheet, page_size=(height, width), text_width=height - 2 * sheet.margin_left,
                               text_height=width - sheet.margin_top - sheet.margin_bottom)


LEDGER_HEADERS = ["编号", "受理日期", "渠道", "提出人", "诉求内容", "承办人", "办理时限", "办结日期", "办理结果",
                  "反馈", "回访评价", "状态"]


def ledger_rows(requests: list[Request], today: dt.date, full_names: bool = False) -> list[list]:
    """One row per request, in ledger order (the spreadsheet takes the dates as dates)."""
    rows = []
    for q in requests:
        state = q.state_label + (f"（逾期{(today - q.deadline).days}天）" if q.is_overdue(today) else "")
        feedback = f"{q.feedback_how_label}（{_short(q.feedback_on)}）" if q.feedback_on else ""
        rows.append([q.code, q.received_on, q.channel_label, q.shown_person(full_names) or "—", q.content,
                     q.owner_name, q.deadline, q.done_on, q.done_note, feedback, q.satisfaction_label, state])
    return rows


def tally_line(tally: Tally) -> str:
    return (f"全年受理{tally.received}件，应办结{tally.due}件，已办结{tally.done}件（办结率{_rate(tally.completion_rate)}），"
            f"逾期未办结{tally.overdue}件；回访{tally.revisited}件，满意{tally.satisfied}件、基本满意{tally.basic}件、"
            f"不满意{tally.unsatisfied}件（满意率{_rate(tally.satisfaction_rate)}）。")


def ledger_paper(requests: list[Request], tally: Tally, year: int, branch_name: str, branch_code: str = "",
                 today: dt.date | None = None, full_names: bool = False) -> Paper:
    today = today or clock.today()
    rows = [[_short(c) if isinstance(c, dt.date) else c for c in row] for row in ledger_rows(requests, today, full_names)]
    for row in rows:
        row[3], row[5] = unbroken_names(row[3]), unbroken_names(row[5])
    headers = ["编号", "受理\n日期", "渠道", "提出人", "诉求内容", "承办人", "办理\n时限", "办结\n日期", "办理结果",
               "反馈", "回访\n评价", "状态"]
    blocks = [
        Table(headers, rows, col_widths=(1.5, 1.6, 1.1, 1.1, 3.7, 1.1, 1.6, 1.6, 2.8, 1.7, 1.1, 1.5),
              align=("center", "center", "center", "center", "left", "center", "center", "center", "left",
                     "center", "center", "center"), label="民情台账"),
        Para(tally_line(tally) + ("" if full_names else "提出人姓名已作隐藏处理。"), indent=False),
        DateLine(today, party_name(branch_name)),
    ]
    return Paper(
        _landscape(), f"{year}年度民情台账", blocks, branch=party_name(branch_name), record_type="民情台账", date=today,
        metadata=Metadata(subject="民情台账", keywords=("群众工作", "民情诉求", str(year)),
                          **archive_metadata_fields("masses.ledger", branch_code, year, "MQ")),
    )


def compact_table(requests: list[Request], today: dt.date) -> Table:
    """The 民情台账 in seven columns, for a portrait page (the yearly archive): dates as
    month.day of the request's year, the satisfaction joined to the state (已回访·满意)."""
    def state(q: Request) -> str:
        if q.is_overdue(today):
            return f"{q.state_label}（逾期{(today - q.deadline).days}天）"
        return f"{q.state_label}·{q.satisfaction_label}" if q.satisfaction else q.state_label

    def day(value: dt.date | None) -> str:  # the year is the table's (a request of 12-31 may end next year)
        return "" if value is None else f"{value.month}.{value.day}" if value.year == q.year else _short(value)

    rows = []
    for q in requests:
        rows.append([q.code, day(q.received_on), q.channel_label, q.content, unbroken_names(q.owner_name),
                     day(q.done_on), state(q)])
    return Table(["编号", "受理", "渠道", "诉求内容", "承办人", "办结", "状态"], rows,
                 col_widths=(68, 42, 48, 132, 46, 42, 64),
                 align=("center", "center", "center", "left", "center", "center", "center"), label="民情台账")


def step_lines(archive, q: Request) -> list[tuple[str, str]]:
    """(step, what happened) for every step taken, in order (the 办理单 and ``masses show``)."""
    lines = [("受理", f"{q.received_on:%Y-%m-%d}，{q.channel_label}" + _origin(archive, q))]
    if q.assigned_on:
        lines.append(("交办", f"{q.assigned_on:%Y-%m-%d}：交{q.owner_name}办理，时限{q.deadline:%Y-%m-%d}"))
    for note in q.notes:
        evidence = f"（佐证：{note.original_name}，SHA-256：{note.sha256[:16]}）" if note.sha256 else ""
        lines.append(("办理", f"{note.noted_on:%Y-%m-%d}：{note.text}{evidence}"))
    if q.done_on:
        lines.append(("办结", f"{q.done_on:%Y-%m-%d}：{q.done_note}"))
    if q.feedback_on:
        lines.append(("反馈", f"{q.feedback_on:%Y-%m-%d}：{q.feedback_how_label}反馈" + (f"，{q.feedback_note}" if q.feedback_note else "")))
    if q.revisit_on:
        lines.append(("回访", f"{q.revisit_on:%Y-%m-%d}：{q.satisfaction_label}" + (f"，{q.revisit_note}" if q.revisit_note else "")))
    if q.rectification_id:
        lines.append(("整改", f"已列入整改台账，事项编号{archive.masses.rectification_code(q.rectification_id)}"))
    return lines


def _origin(archive, q: Request) -> str:
    if q.meeting_id:
        return f"（{archive.meetings.summary(q.meeting_id).title}）"
    if q.visit_id:
        return "（走访时提出）"
    if q.opinion_uid:
        return "（组织生活会征求意见）"
    return ""


def request_paper(archive, q: Request, today: dt.date | None = None, full_names: bool = False) -> Paper:
    """The 诉求办理单: what was asked, then every step with its date."""
    today = today or clock.today()
    own = archive.branch.own()
    facts = [("编号", q.code), ("受理日期", q.received_on), ("来源渠道", q.channel_label),
             ("提出人", q.shown_person(full_names) or "—"), ("承办人", q.owner_name or "（未交办）"),
             ("办理时限", q.deadline or "—"), ("当前状态", q.state_label), ("群众评价", q.satisfaction_label or "—"),
             ("诉求内容", q.content)]
    rows = [[step, text] for step, text in step_lines(archive, q)]
    blocks = [
        KeyValues(facts, label="诉求情况"),
        Table(["环节", "办理情况"], rows, col_widths=(1, 6), align=("center", "left"), label="办理过程"),
        Signatures(("承办人", "支部书记")),
    ]
    return Paper(
        "record", "民情诉求办理单", blocks, branch=party_name(own.name), record_type="民情诉求", date=today,
        subtitle=q.code,
        metadata=Metadata(subject="民情诉求办理单", keywords=("群众工作", "民情诉求", q.code),
                          **archive_metadata_fields("masses.request", own.code or "", q.year, f"MQ-{q.number:03d}")),
    )

"""组织关系转接与流动党员 of a year in the yearly archive (docs/domain.md §16): the year's
transfers out and in with their 介绍信 number and 回执, and the 流动党员 away at some time in
the year with where they were and how they took part and paid. No ID numbers or phone
numbers: the letters themselves hold those. A record of the 党员名册 section (roster_section.py):
working registers, not sealed records, so the archive fingerprint does not cover them."""

from __future__ import annotations

import datetime as dt

from ..meetings.paper_words import party_name
from ..papers import Heading, Para, TitleBlock, format_date


def transfer_line(r, today: dt.date) -> str:
    """「2026年11月26日，胡立新组织关系转出至…（迁居，县内），介绍信〔2026〕第1号，2026年12月3日收到回执。」"""
    if r.direction == "out":
        what = f"组织关系转出至{r.to_org}（{r.reason_label}，{r.scope_short}），介绍信{r.letter_no}"
        receipt = f"{format_date(r.receipt_on)}收到回执" if r.receipt_on else r.state_label(today)
    else:
        letter = f"，对方介绍信{r.letter_no}" if r.letter_no else ""
        what = f"组织关系由{r.from_org}转入（{r.reason_label}，{r.scope_short}）{letter}"
        receipt = f"{format_date(r.receipt_on)}寄回回执" if r.receipt_on else "回执未寄"
    cancelled = f"；{format_date(r.cancelled_on)}撤销：{r.cancel_reason}" if r.cancelled_on else ""
    return f"{format_date(r.moved_on)}，{r.member_name}{what}，{receipt}{cancelled}。"


def away_line(r) -> str:
    """「张卫东，2026年5月20日起在浙江省杭州市萧山区，流入地党组织…；组织生活：…；党费：…。」"""
    when = f"{format_date(r.since)}至{format_date(r.until)}" if r.until else f"{format_date(r.since)}起"
    host = f"，流入地党组织为{r.host_org}" if r.host_org else ""
    return f"{r.member_name}，{when}在{r.place}{host}；组织生活：{r.life_label}；党费：{r.dues_label}。"


def year_record(archive, year: int, today=None) -> list[list]:
    """The year's record of transfers and members away (none when there were neither), part
    of the 党员名册 section: they are the roster's changes, told with their letters."""
    today = today or dt.date(year, 12, 31)
    transfers = list(reversed(archive.transfers.records(archive.transfers.ids(year=year))))
    away = list(reversed(archive.away.records(archive.away.ids(year=year))))
    if not transfers and not away:
        return []
    counts = archive.transfers.year_counts(year, today)
    return [[
        TitleBlock(f"{year}年度组织关系转接和流动党员情况", party_name(archive.branch.own().name), "组织关系转接", level=1),
        Para(f"本年度转出党员{counts['out']}名、转入党员{counts['in']}名（撤销的不计），"
             + (f"转出的介绍信中{counts['receipt_missing']}份尚未收到回执" if counts["receipt_missing"]
                else "转出的介绍信都已收到回执" if counts["out"] else "没有开具介绍信")
             + f"；流动党员{counts['away']}名。"),
        Heading(2, "（一）组织关系转接"),
        Para("\n".join(f"{n}. {transfer_line(r, today)}" for n, r in enumerate(transfers, start=1)) or "本年度无。"),
        Heading(2, "（二）流动党员"),
        Para("\n".join(f"{n}. {away_line(r)}" for n, r in enumerate(away, start=1)) or "本年度无。"),
    ]]

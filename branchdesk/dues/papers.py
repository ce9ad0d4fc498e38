"""Papers of the 党费 ledger (record-book preset, PDF/A like every paper): the 党费收据 of
one payment, the 党费收缴情况公示 of a half-year or a year, and the year's
党费收缴登记表 (one row per member, twelve months)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from .. import clock, labels
from ..archival import archive_metadata_fields
from ..meetings.paper_words import party_name
from ..papers import DateLine, KeyValues, Metadata, Paper, Para, Signatures, Table, format_date
from ..papers.presets import preset
from ..storage.binding import uses_archive
from . import months as mo
from .forms import Receipt
from .money import yuan, yuan_words


def _sheet(size: float = 10.5):
    """The record book with small table text: twelve months of amounts fit across A4."""
    record = preset("record")
    return dataclasses.replace(
        record,
        table=dataclasses.replace(record.table, size=size, leading=size + 3),
        table_header=dataclasses.replace(record.table_header, size=size, leading=size + 3),
        cell_padding=(2.0, 2.0),
    )


def amount_in_capitals(fen: int) -> str:
    """「叁仟元零壹分」: the amount as receipts write it, so it cannot be altered."""
    import cn2an

    return cn2an.an2cn(yuan(fen, grouped=False), "rmb")


def months_text(receipt: Receipt) -> str:
    """「2026年10月—12月（补交）、2027年1月（预交）」."""
    by_timing: dict[str, list[dt.date]] = {}
    for month, _, timing in receipt.months:
        by_timing.setdefault(timing, []).append(month)
    return "、".join(f"{mo.labels(months)}（{labels.label(labels.DUES_TIMINGS, timing)}）"
                    for timing, months in by_timing.items())


@uses_archive
def receipt_paper(archive, receipt_no: str) -> Paper:
    receipt = archive.dues.receipt(receipt_no)
    branch = archive.branch.own()
    pairs = [
        ("收据号", receipt.receipt_no), ("交纳日期", format_date(receipt.paid_on)),
        ("交纳人", receipt.member_name), ("交纳方式", receipt.method_label),
        ("所交月份", months_text(receipt)),
        ("每月金额", "、".join(f"{m.month}月{yuan_words(a)}" for m, a, _ in receipt.months)),
        ("金额（小写）", f"¥{yuan(receipt.total_fen)}"), ("金额（大写）", f"人民币{amount_in_capitals(receipt.total_fen)}"),
    ]
    if receipt.voluntary_fen:
        pairs.append(("其中自愿多交", yuan_words(receipt.voluntary_fen)))
    if receipt.reason:
        pairs.append(("说明", receipt.reason))
    blocks = [
        KeyValues(pairs, columns=1, label="党费收据"),
        Para(f"以上党费已如数收讫。收款人：{receipt.received_by}。", indent=False),
        Signatures(("交款人", "收款人"), (receipt.payer or receipt.member_name, receipt.received_by)),
        DateLine(receipt.paid_on, party_name(branch.name)),
    ]
    return Paper(
        "record", "党费收据", blocks, branch=party_name(branch.name), record_type="党费收据", date=receipt.paid_on,
        subtitle=f"No. {receipt.receipt_no}",
        metadata=Metadata(title=f"党费收据{receipt.receipt_no}", subject="党费收据", keywords=("党费", "收据"),
                          **archive_metadata_fields("dues.receipt", branch.code or "", receipt.paid_on.year,
                                                    f"F-{receipt.receipt_no}")),
    )


def period_months(year: int, half: int | None) -> list[dt.date]:
    first = 1 if half in (None, 1) else 7
    last = 6 if half == 1 else 12
    return [dt.date(year, m, 1) for m in range(first, last + 1)]


def period_label(year: int, half: int | None) -> str:
    return f"{year}年度" if half is None else f"{year}年{'上' if half == 1 else '下'}半年"


@uses_archive
def member_months(archive, months: list[dt.date]):
    """(ledgers of each month, [(member id, name)] in roster order of everyone in them)."""
    ledgers = [archive.dues.ledger(month) for month in months]
    people: dict[int, str] = {}
    for ledger in ledgers:
        for row in ledger.rows:
            if row.listed:
                people.setdefault(row.member_id, row.name)
    return ledgers, people


def _cell(row) -> str:
    if row is None or not row.listed:
        return ""
    if row.state == "excused":
        return "免交"
    if row.base_missing and not row.paid_fen:
        return "未设基数"
    return yuan(row.paid_fen) if row.paid_fen else "未交"


def _grid(ledgers, people: dict[int, str]) -> tuple[list[list[str]], int, int]:
    rows, due_total, paid_total = [], 0, 0
    for n, (member_id, name) in enumerate(people.items(), start=1):
        cells, paid = [], 0
        for ledger in ledgers:
            row = next((r for r in ledger.rows if r.member_id == member_id), None)
            cells.append(_cell(row))
            if row is not None:
                paid += row.paid_fen
                due_total += row.due_fen if row.state != "excused" else 0
        paid_total += paid
        rows.append([str(n), name, *cells, yuan(paid)])
    return rows, due_total, paid_total


def _widths(month_count: int) -> tuple[float, ...]:
    if month_count > 6:
        return (0.8, 1.8, *([1.2] * month_count), 1.4)
    return (0.7, 1.6, *([1.4] * month_count), 1.3)  # a half-year: 「未设基数」 fits on one line


@uses_archive
def publicity_paper(archive, year: int, half: int | None = None, today: dt.date | None = None) -> Paper:
    """The 党费收缴情况公示 of a half-year (1, 2) or the year (None): each member's months."""
    today = today or clock.today()
    months = [m for m in period_months(year, half) if m <= mo.first(today)]
    branch = archive.branch.own()
    ledgers, people = member_months(archive, months)
    rows, due_total, paid_total = _grid(ledgers, people)
    unpaid = sum(1 for ledger in ledgers for r in ledger.unpaid)
    period = period_label(year, half)
    intro = (f"根据党费收缴、使用和管理的有关规定，现将本支部{period}（{mo.labels(months) or '无'}）党费收缴情况公示如下："
             f"应交{yuan_words(due_total)}，实交{yuan_words(paid_total)}，"
             + (f"尚有{unpaid}人次未交。" if unpaid else "均已交清。"))
    blocks = [
        Para(intro),
        Table(["序号", "姓名", *[f"{m.month}月" for m in months], "合计"], rows,
              col_widths=_widths(len(months)), label="党费收缴情况"),
        Para(f"截至{format_date(today)}，{archive.dues.balance_sentence()}"),
        Para(f"公示期为5个工作日。党员对公示内容如有异议，请向支部委员会反映。表中金额单位为元；"
             f"「未交」为截至{format_date(today)}尚未交纳"
             + ("；「未设基数」为应交党费、尚未核定党费基数。" if any(r.base_missing for lg in ledgers for r in lg.rows)
                else "。")),
        DateLine(today, party_name(branch.name)),
    ]
    return Paper(
        _sheet(10.5 if len(months) <= 6 else 9), f"{period}党费收缴情况公示", blocks,
        branch=party_name(branch.name), record_type="党费收缴情况公示", date=today,
        metadata=Metadata(subject="党费收缴情况公示", keywords=("党费", "公示", str(year)),
                          **archive_metadata_fields("dues.publicity", branch.code or "", year,
                                                    f"F-G{'' if half is None else half}")),
    )

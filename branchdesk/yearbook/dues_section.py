"""党费 of a year in the yearly archive: each member's year (due, paid, the months still
unpaid), the 上缴 of the year and the balance — one record, the year's 党费收缴情况. The
archive fingerprint covers the year's closed (sealed) months."""

from __future__ import annotations

from ..archival import retention_of
from ..dues import months as mo
from ..dues import yuan, yuan_words
from ..dues.closing import DUES_MONTH
from ..dues.register import register_rows
from ..meetings.paper_words import party_name
from ..papers import Para, Table, TitleBlock
from ..storage.dues_models import DuesMonth
from .sections import RecordRef, Section, SectionProvider

TITLE = "党费"


def records(archive, year: int) -> list[RecordRef]:
    with archive.bound():
        ids = DuesMonth.select(DuesMonth.id).where(DuesMonth.month.startswith(f"{year}-")).order_by(DuesMonth.month)
        return [RecordRef(DUES_MONTH, month_id) for (month_id,) in ids.tuples()]


def _earlier(handovers, year: int) -> str:
    """What a 上缴 of the year covers from before it (last year's 10–12月 handed over in January),
    so the year's 上缴 is not read against its 实交 (docs/domain.md §6.2, §10):
    「（含2025年10月—12月党费）」; '' when every month handed over is of the year."""
    before = [m for h in handovers for m in mo.span(h.from_month, h.to_month) if m.year < year]
    return f"（含{mo.labels(before)}党费）" if before else ""


def sections(archive, year: int, today=None) -> list[Section]:
    section = Section("dues", TITLE, retention=retention_of("dues.register"))
    rows = register_rows(archive, year)
    handovers = [h for h in archive.dues.handovers() if h.handed_on.year == year]
    if not rows and not handovers:
        return [section]  # no dues kept this year: 「本年度无记录」
    branch = archive.branch.own()
    months = [f"{n}月" for n in range(1, 13)]
    table = [[str(n), r.name, r.category, yuan(r.due_fen), yuan(r.paid_fen),
              "、".join(m for m, cell in zip(months, r.months) if cell == "未交") or "—"]
             for n, r in enumerate(rows, start=1)]
    closed = sum(1 for ref in records(archive, year))
    section.records.append([
        TitleBlock(f"{year}年度党费收缴情况", party_name(branch.name), "党费收缴登记", level=1),
        Para(f"全年应交{yuan_words(sum(r.due_fen for r in rows))}，实交{yuan_words(sum(r.paid_fen for r in rows))}，"
             f"上缴{yuan_words(sum(h.amount_fen for h in handovers))}{_earlier(handovers, year)}；已结账封存{closed}个月。"),
        Table(["序号", "姓名", "类别", "应交（元）", "实交（元）", "未交月份"], table,
              col_widths=(0.7, 1.6, 1.1, 1.3, 1.3, 3), caption="党员交纳党费情况", label="党费收缴情况"),
        Table(["上缴日期", "金额（元）", "所属月份", "上缴给", "上级收据号"],
              [[h.handed_on.isoformat(), yuan(h.amount_fen), mo.labels(mo.span(h.from_month, h.to_month)), h.to_org,
                h.voucher] for h in handovers], col_widths=(1.9, 1.5, 2.4, 2.6, 2.2), caption="上缴党费情况",
              label="上缴党费"),
    ])
    return [section]


PROVIDER = SectionProvider("dues", sections, records)

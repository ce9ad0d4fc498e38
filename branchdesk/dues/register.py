"""The year's 党费收缴登记表: one row per member, twelve months, as a PDF (landscape A4)
and as a spreadsheet laid out to print (branchdesk/xlsx_layout.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
from dataclasses import dataclass
from pathlib import Path

from .. import clock, labels
from ..archival import archive_metadata_fields
from ..meetings.paper_words import party_name
from ..papers import DateLine, Metadata, Paper, Para, Table, format_date
from ..storage.binding import uses_archive
from ..xlsx_layout import lay_out_for_print, save_workbook
from .money import yuan, yuan_words
from .papers import _sheet, member_months, period_months


@dataclass(frozen=True)
class RegisterRow:
    name: str
    category: str
    base_fen: int | None
    usual_fen: int
    months: tuple[str, ...]  # twelve cells: the amount paid, 「未交」, 「免交」 or '' (not a member then)
    due_fen: int
    paid_fen: int


@uses_archive
def register_rows(archive, year: int) -> list[RegisterRow]:
    months = period_months(year, None)
    ledgers, people = member_months(archive, months)
    today = clock.today()
    rows = []
    for member_id, name in people.items():
        cells, due, paid, last = [], 0, 0, None
        for ledger in ledgers:
            row = next((r for r in ledger.rows if r.member_id == member_id), None)
            if row is None or not row.listed:
                cells.append("")
                continue
            last = row
            paid += row.paid_fen
            if row.state == "excused":
                cells.append("免交")
                continue
            if row.base_missing and not row.paid_fen:
                cells.append("未设基数")
                continue
            due += row.due_fen if ledger.month <= today else 0
            if row.paid_fen:
                cells.append(yuan(row.paid_fen, grouped=False))
            else:
                cells.append("未交" if ledger.month < today.replace(day=1) else "")
        rows.append(RegisterRow(name, labels.label(labels.DUES_CATEGORIES_SHORT, last.category) if last else "",
                                last.base_fen if last else None, last.usual_fen if last else 0,
                                tuple(cells), due, paid))
    return rows


HEADERS = ["序号", "姓名", "类别", "月基数", "月交纳", *[f"{m}月" for m in range(1, 13)], "应交合计", "实交合计"]


def _cells(n: int, row: RegisterRow) -> list[str]:
    return [str(n), row.name, row.category,
            yuan(row.base_fen, grouped=False) if row.base_fen else "—", yuan(row.usual_fen, grouped=False),
            *row.months, yuan(row.due_fen, grouped=False), yuan(row.paid_fen, grouped=False)]


def _landscape():
    sheet = _sheet(8.5)
    width, height = sheet.page_size
    return dataclasses.replace(
        sheet, page_size=(height, width), text_width=height - 2 * sheet.margin_left,
        text_height=width - sheet.margin_top - sheet.margin_bottom,
    )


@uses_archive
def register_paper(archive, year: int, today: dt.date | None = None) -> Paper:
    today = today or clock.today()
    rows = register_rows(archive, year)
    branch = archive.branch.own()
    due, paid = sum(r.due_fen for r in rows), sum(r.paid_fen for r in rows)
    handed = sum(h.amount_fen for h in archive.dues.handovers() if h.handed_on.year == year)
    blocks = [
        Table(HEADERS, [_cells(n, r) for n, r in enumerate(rows, start=1)],
              col_widths=(0.7, 1.6, 1.2, 1.3, 1.1, *([1.05] * 12), 1.3, 1.3), label="党费收缴登记表"),
        Para(f"全年应交{yuan_words(due)}，实交{yuan_words(paid)}，本年上缴{yuan_words(handed)}。"
             f"金额单位为元；「未交」为截至{format_date(today)}尚未交纳，预交、补交的记入所交月份。", indent=False),
        DateLine(today, party_name(branch.name)),
    ]
    return Paper(
        _landscape(), f"{year}年度党费收缴登记表", blocks, branch=party_name(branch.name),
        record_type="党费收缴登记表", date=today,
        metadata=Metadata(subject="党费收缴登记表", keywords=("党费", "登记表", str(year)),
                          **archive_metadata_fields("dues.register", branch.code or "", year, "F")),
    )


WIDTHS = [5, 9, 8, 10, 8, *([8] * 12), 10, 10]


@uses_archive
def write_register_xlsx(archive, year: int, target: str | Path) -> Path:
    """The register as a spreadsheet: amounts as numbers (yuan, two decimals)."""
    return write_rows_xlsx(register_rows(archive, year), archive.branch.own().name, year, target)


def write_rows_xlsx(rows: list[RegisterRow], branch_name: str, year: int, target: str | Path) -> Path:
    """The spreadsheet from rows read beforehand (a worker writes it without the database)."""
    from openpyxl import Workbook

    target = Path(target)
    branch = party_name(branch_name)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"{year}年党费"
    sheet.append(HEADERS)
    for n, row in enumerate(rows, start=1):
        sheet.append([n, row.name, row.category, _number(row.base_fen), _number(row.usual_fen),
                      *[_number_or_text(cell) for cell in row.months], _number(row.due_fen), _number(row.paid_fen)])
        for cell in sheet[sheet.max_row][3:]:
            if isinstance(cell.value, decimal.Decimal):
                cell.number_format = "0.00"
    title = f"{branch}{year}年度党费收缴登记表"
    lay_out_for_print(sheet, WIDTHS, 1, title)
    sheet.freeze_panes = "C2"
    return save_workbook(workbook, target, title)


def _number(fen: int | None) -> decimal.Decimal | str:
    """Yuan as an exact number cell (never a float)."""
    return "" if fen is None else decimal.Decimal(fen) / 100


def _number_or_text(cell: str) -> decimal.Decimal | str:
    try:
        return decimal.Decimal(cell)
    except decimal.InvalidOperation:
        return cell

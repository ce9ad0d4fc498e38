"""The year's 发展党员工作台账 as a spreadsheet, laid out to print (branchdesk/xlsx_layout.py),
written atomically."""

from __future__ import annotations

from pathlib import Path

from ..xlsx_layout import lay_out_for_print, save_workbook
from .forms import Dossier
from .papers import LEDGER_HEADERS, ledger_rows

WIDTHS = [6, 10, 6, 10, 13, 13, 13, 13, 13, 13, 18, 12]


def write_ledger_xlsx(dossiers: list[Dossier], year: int, target: str | Path, branch_name: str) -> Path:
    from openpyxl import Workbook

    target = Path(target)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"{year}年度发展党员台账"
    sheet.append(LEDGER_HEADERS)
    for row in ledger_rows(dossiers, year):
        sheet.append(row)
    title = f"{branch_name}{year}年度发展党员工作台账"
    lay_out_for_print(sheet, WIDTHS, 1, title)
    sheet.freeze_panes = "A2"
    return save_workbook(workbook, target, title)

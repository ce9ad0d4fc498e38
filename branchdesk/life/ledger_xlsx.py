"""The 整改台账 as a spreadsheet: every column of the ledger (docs/domain.md §3.1), laid
out to print in full (branchdesk/xlsx_layout.py), written atomically."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .. import clock
from ..xlsx_layout import lay_out_for_print, save_workbook
from .ledger_forms import ItemSummary

# Widths keep the whole ledger readable on one landscape A4 width (about 70 %): the long
# texts wrap in their rows instead of widening the page.
COLUMNS = [
    ("编号", 8), ("来源", 10), ("类别", 8), ("整改对象", 8), ("问题", 28), ("原因", 18), ("整改措施", 28),
    ("责任人", 8), ("完成时限", 15), ("整改进展", 20), ("销号日期", 15), ("完成情况", 20), ("佐证", 5),
    ("公示", 5), ("状态", 13),
]


def write_ledger_xlsx(items: list[ItemSummary], target: str | Path, branch_name: str,
                      today: dt.date | None = None) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, PatternFill

    today = today or clock.today()
    target = Path(target)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "整改台账"
    sheet.append([title for title, _ in COLUMNS])
    overdue = PatternFill("solid", fgColor="FDE2E1")
    for item in items:
        sheet.append([
            item.code, item.source_label, item.category_label, item.scope_label, item.problem, item.cause,
            item.measure, item.owner_name, item.deadline, item.last_progress,
            item.closed_on, item.closing_note, item.evidence_count, "是" if item.public else "否",
            item.status_text(today),
        ])
        row = sheet.max_row
        for column in (1, 13, 14):  # 编号, 佐证, 公示: short, centred
            sheet.cell(row, column).alignment = Alignment(horizontal="center")
        if item.is_overdue(today):
            for cell in sheet[row]:
                cell.fill = overdue
    # 编号 as text: 「2024-01」 typed again would become a date
    lay_out_for_print(sheet, [width for _, width in COLUMNS], 1, f"{branch_name}整改台账", text_columns=[1])
    sheet.freeze_panes = "A2"
    return save_workbook(workbook, target, f"{branch_name}整改台账")

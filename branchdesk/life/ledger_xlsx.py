"""The 整改台账 as a spreadsheet: every column of the ledger (docs/domain.md §3.1), written atomically."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .. import clock
from ..fileio import atomic_path
from .ledger_forms import ItemSummary

COLUMNS = [
    ("编号", 9), ("来源", 12), ("类别", 10), ("整改对象", 8), ("问题", 40), ("原因", 24), ("整改措施", 40),
    ("责任人", 10), ("完成时限", 12), ("整改进展", 30), ("销号日期", 12), ("完成情况", 30), ("佐证", 6),
    ("公示", 6), ("状态", 14),
]


def write_ledger_xlsx(items: list[ItemSummary], target: str | Path, branch_name: str,
                      today: dt.date | None = None) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    today = today or clock.today()
    target = Path(target)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "整改台账"
    sheet.append([title for title, _ in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center")
    overdue = PatternFill("solid", fgColor="FDE2E1")
    for item in items:
        sheet.append([
            item.code, item.source_label, item.category_label, item.scope_label, item.problem, item.cause,
            item.measure, item.owner_name, item.deadline, item.last_progress,
            item.closed_on, item.closing_note, item.evidence_count, "是" if item.public else "否",
            item.status_text(today),
        ])
        row = sheet.max_row
        for cell in sheet[row]:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
        if item.is_overdue(today):
            for cell in sheet[row]:
                cell.fill = overdue
    for index, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
    sheet.freeze_panes = "A2"
    workbook.properties.title = f"{branch_name}整改台账"
    with atomic_path(target) as tmp:
        workbook.save(tmp)
    return target

"""The dashboard as a spreadsheet (.xlsx, openpyxl) or a paper (PDF, our paper engine:
the record-book preset turned landscape with a compact table, 16 columns fit)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .. import clock
from ..dates import format_date
from ..errors import ValidationError
from ..text import quoted
from ..xlsx_layout import bold_font, lay_out_for_print, save_workbook


def export(upper, board, target: Path) -> Path:
    suffix = target.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise ValidationError("out", "suffix", f"汇总表只能导出为 .xlsx 或 .pdf，文件名{quoted(target.name)}不是这两种。")
    org = upper.organisation()["name"]
    title = f"{board.year}年各支部组织生活汇总表"
    filters = _filter_text(board)
    if suffix == ".xlsx":
        _xlsx(board, target, title, org, filters)
    else:
        _pdf(board, target, title, org, filters)
    return target


def _filter_text(board) -> str:
    f = board.filters
    parts = [f"截至{format_date(board.as_of)}", f"{f['months'][0]}–{f['months'][1]}月"]
    if f.get("search"):
        parts.append(f"筛选：{f['search']}")
    if f.get("only_behind"):
        parts.append("只列有缺项或逾期的")
    return "；".join(parts)


# Column widths: the branch's name wide, the counts narrow; 15 columns fit one landscape
# A4 width at about 95 %.
_WIDTHS = {"branch_name": 24, "branch_code": 14, "month": 6, "missing": 6}


def _xlsx(board, target: Path, title: str, org: str, filters: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = f"{board.year}年汇总"
    sheet.append([title])
    sheet["A1"].font = bold_font(14)
    sheet.append([f"{org}；{filters}"])
    sheet.append([c.label for c in board.columns])
    behind = PatternFill("solid", fgColor="FDE2E1")
    for row in board.rows:
        values = []
        for column in board.columns:
            if column.key == "month":
                values.append(row.month)
            elif column.key in ("ledger_open", "ledger_overdue", "missing"):
                values.append(getattr(row, column.key))
            elif column.key == "inspection_total":
                values.append(row.inspection_total)
            else:
                values.append(row.text(column.key))
        sheet.append(values)
        for cell in sheet[sheet.max_row][1:]:
            cell.alignment = Alignment(horizontal="center")
        if row.behind:
            for cell in sheet[sheet.max_row]:
                cell.fill = behind
    widths = [_WIDTHS.get(c.key, 9.5) for c in board.columns]
    lay_out_for_print(sheet, widths, 3, f"{org} {title}", text_columns=[
        n for n, c in enumerate(board.columns, start=1) if c.key == "branch_code"])
    sheet.freeze_panes = "D4"
    save_workbook(book, target)


# The PDF's 24 columns share landscape A4 by what they hold: a column is as wide as its
# longest cell (「本期已开」, 「99%，1人未交」, 「1,941.05」 stay on one line), the header may wrap,
# and the branch's name wraps past six characters. Estimated in em: a Chinese character or
# full-width mark 1, anything else about half.
NAME_EMS = 6.0
PAD_EMS = 0.7  # the cell's own padding and the rule, in em at 8 pt
# 24 columns: the usual 4 pt each side would take a quarter of the width
PDF_CELL_PADDING = (1.5, 2.0)


def _ems(text: str) -> float:
    return sum(1.0 if ord(ch) > 0x2E80 else 0.55 for ch in text)


def pdf_weights(board, rows: list[list[str]]) -> list[float]:
    weights = []
    for index, column in enumerate(board.columns):
        widest = max((_ems(row[index]) for row in rows), default=1.0)
        if column.key == "branch_name":
            widest = min(widest, NAME_EMS)
        weights.append(max(widest, 2.2) + PAD_EMS)  # a header of 7 characters in 4 lines at most
    return weights


def _pdf(board, target: Path, title: str, org: str, filters: str) -> None:
    from ..papers import Metadata, Paper, Para, Table, render
    from ..papers.presets import PRESETS, TextStyle, cm

    base = PRESETS["record"]
    width, height = base.page_size[1], base.page_size[0]
    margin = 1.5 * cm
    landscape = dataclasses.replace(
        base, key="record-landscape", page_size=(width, height), margin_top=margin, margin_left=margin,
        text_width=width - 2 * margin, text_height=height - 2 * margin - 0.8 * cm,
        table=TextStyle("song", 8, 11, align="left"), table_header=TextStyle("hei", 8, 11, align="center"),
        cell_padding=PDF_CELL_PADDING,
        body=TextStyle("song", 10.5, 16), meta=TextStyle("song", 10.5, 16, align="center", space_after=6),
        meta_labels=False,  # the organisation is no 「支部」
    )
    headers = [c.label for c in board.columns]
    rows = [[row.text(c.key) for c in board.columns] for row in board.rows]
    weights = pdf_weights(board, rows)
    behind = sum(r.behind for r in board.rows)
    paper = Paper(
        preset=landscape, title=title, branch=org, record_type="组织生活汇总", date=board.as_of,
        blocks=[Para(f"{filters}。共{len(board.rows)}行，其中有缺项或整改逾期的{behind}行。"),
                Table(headers, rows, col_widths=weights)],
        metadata=Metadata(title=title, author=org, subject="各支部组织生活汇总", keywords=("上级汇总", str(board.year)),
                          created=clock.now()),
    )
    render(paper, target)

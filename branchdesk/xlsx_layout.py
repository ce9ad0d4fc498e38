"""How every .xlsx BranchDesk writes looks on screen and on paper (docs/tech-notes.md,
"Spreadsheets that print"): one page setup for the roster, the 整改台账, the indicator
library and the upper level's dashboard.

A spreadsheet opened and printed with the program's defaults comes out as Letter or A4
portrait at 100 %: a wide roster spreads over three pages and only the first holds the
names; text runs past its cell and is cut at the next one. So each sheet gets A4, landscape
when its columns are wider than a portrait page, scaled to one page wide (as many pages
tall as it needs), the header row repeated on every page, margins, page numbers in the
footer in Chinese, thin borders, wrapped text in rows tall enough to show all of it
(spreadsheets do not grow a row written by a program), dates as date cells in a Chinese
format, ID columns formatted as text, so that an ID typed again stays 18 characters, and
text that starts like a formula kept as text (the program never writes formulas)."""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

DATE_FORMAT = 'yyyy"年"m"月"d"日"'
TEXT_FORMAT = "@"
PAGE_NUMBERS = "第 &P 页 共 &N 页"
HEADER_FILL = "F2F2F2"

# Column widths are in Excel's character units: the width of a digit of the default font
# (Calibri 11, 7 px at 96 dpi), plus 5 px of padding. A CJK character in an 11-point
# font is 11 pt = 14.7 px wide, about 2.1 units; digits and Latin letters about 1.
CJK_UNITS = 2.1
LATIN_UNITS = 1.15  # a little wide: WPS and LibreOffice may draw digits in a wider font
WRAP_SLACK = 0.93  # a wrapped line breaks before punctuation and whole words: it holds less
LINE_POINTS = 15.5  # one line of 11-point text, CJK fonts included (Excel's own row is 15 pt)
ROW_PADDING = 3.0
MAX_ROW_POINTS = 409.0  # Excel's limit for one row
DATE_UNITS = 15.0  # 「2026年12月16日」 at 11 pt, with its padding

# A4 less the margins below, in points; a column of w units takes 5.25 w + 3.75 points.
A4_PORTRAIT_TEXT_POINTS = (21.0 - 2 * 1.5) / 2.54 * 72
MARGIN_INCHES = {"left": 1.5 / 2.54, "right": 1.5 / 2.54, "top": 2.0 / 2.54, "bottom": 2.0 / 2.54,
                 "header": 0.8 / 2.54, "footer": 0.8 / 2.54}


def bold_font(size: float = 11):
    """The default font (Calibri) in bold: a font without a name prints in whatever the
    spreadsheet program picks, often a serif face."""
    from openpyxl.styles import Font

    return Font(name="Calibri", size=size, bold=True)


def text_units(text: str) -> float:
    """How wide ``text`` is in column units (CJK and full-width characters count double)."""
    return sum(CJK_UNITS if unicodedata.east_asian_width(ch) in "WF" else LATIN_UNITS for ch in text)


def lines_needed(value: object, width: float) -> int:
    """How many lines ``value`` takes when wrapped in a column ``width`` units wide."""
    if value is None or value == "":
        return 1
    if isinstance(value, (dt.date, int, float)):
        return 1  # numbers and dates are never wrapped; their columns are made wide enough
    usable = max(width - 0.4, 1.0)
    return sum(1 if text_units(line) <= usable else math.ceil(text_units(line) / (usable * WRAP_SLACK))
               for line in str(value).split("\n"))


def row_points(values: Iterable[object], widths: Sequence[float]) -> float:
    """A row height that shows every wrapped cell of ``values`` in full."""
    lines = max((lines_needed(v, w) for v, w in zip(values, widths)), default=1)
    return min(lines * LINE_POINTS + ROW_PADDING, MAX_ROW_POINTS)


def table_points(widths: Sequence[float]) -> float:
    return sum(5.25 * w + 3.75 for w in widths)


def lay_out_for_print(sheet, widths: Sequence[float], header_row: int, title: str,
                      text_columns: Iterable[int] = ()) -> None:
    """Give ``sheet`` (its table's header in ``header_row``, title rows above it, data
    below) its column widths, borders, wrapping, row heights, date and text formats and
    page setup. ``text_columns``: 1-based columns kept as text (ID numbers, phones)."""
    from openpyxl.styles import Alignment, Border, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.page import PageMargins

    widths = list(widths)
    last = len(widths)
    text_columns = set(text_columns)
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":  # typed text that starts like a formula (=, +, -, @) stays text
                cell.data_type = "s"
    for index in range(1, last + 1):
        if any(isinstance(sheet.cell(r, index).value, dt.date) for r in range(header_row + 1, sheet.max_row + 1)):
            widths[index - 1] = max(widths[index - 1], DATE_UNITS)
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = widths[index - 1]
        if index in text_columns:
            dimension.number_format = TEXT_FORMAT  # cells typed later below the table, too
    line = Side(style="thin", color="808080")
    border = Border(left=line, right=line, top=line, bottom=line)
    for number in range(1, header_row):  # title rows: across the table, centred
        if sheet.cell(number, 1).value not in (None, "") and last > 1:
            sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=last)
        sheet.cell(number, 1).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        size = sheet.cell(number, 1).font.sz or 11
        lines = lines_needed(sheet.cell(number, 1).value, sum(widths) * 11 / size)
        sheet.row_dimensions[number].height = lines * LINE_POINTS * size / 11 + ROW_PADDING
    for cell in sheet[header_row][:last]:
        cell.font = bold_font()
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.border = border
    sheet.row_dimensions[header_row].height = row_points([c.value for c in sheet[header_row][:last]], widths)
    for number in range(header_row + 1, sheet.max_row + 1):
        cells = sheet[number][:last]
        for cell in cells:
            horizontal = cell.alignment.horizontal if cell.alignment else None
            if isinstance(cell.value, dt.date):
                if isinstance(cell.value, dt.datetime):
                    cell.value = cell.value.date()
                cell.number_format = DATE_FORMAT
                horizontal = "center"
            elif cell.column in text_columns:
                cell.number_format = TEXT_FORMAT
            cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
            cell.border = border
        sheet.row_dimensions[number].height = row_points([c.value for c in cells], widths)
    _page_setup(sheet, widths, header_row, title, PageMargins(**MARGIN_INCHES))


def _page_setup(sheet, widths: Sequence[float], header_row: int, title: str, margins) -> None:
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if table_points(widths) > A4_PORTRAIT_TEXT_POINTS else "portrait"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages tall as the rows need
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_margins = margins
    sheet.print_options.horizontalCentered = True
    sheet.oddHeader.center.text = title.replace("&", "&&")
    sheet.oddFooter.center.text = PAGE_NUMBERS


def save_workbook(workbook, target: str | Path, title: str | None = None) -> Path:
    """Write ``workbook`` to ``target`` whole or not at all (a power cut leaves the old file
    or none), with ``title`` as the file's document title when given. Every XLSX export
    ends here."""
    from .fileio import atomic_path

    target = Path(target)
    if title is not None:
        workbook.properties.title = title
    with atomic_path(target) as tmp:
        workbook.save(tmp)
    return target

"""Reading an old-format .xls (Excel 97–2003, BIFF8) someone sent us, with bounded time
and memory, through xlrd.

An .xls is one compound file that xlrd reads whole into memory and parses at once, so
the bound is on the file: a 5,000-row roster of 30 columns saved by Excel or WPS is
under 4 MB; the limit leaves four times that. Rows are then cut to ``MAX_COLUMNS`` cells
and counted as for .xlsx (``sheet_rows``). xlrd's own warnings go to the log, not to the
terminal; whatever a damaged file makes xlrd raise becomes a Chinese message."""

from __future__ import annotations

import datetime as dt
import io
import logging
from pathlib import Path

from .errors import BranchDeskError
from .sheet_rows import ChosenSheet, month_shown, pick_sheet
from .xlsx_safety import MAX_COLUMNS

log = logging.getLogger(__name__)

MAX_XLS_BYTES = 16 * 1024**2
_RESAVE = "请在 Excel/WPS 中打开它，另存为 .xlsx 后再导入。"


class _XlrdLog(io.TextIOBase):
    """xlrd writes its warnings to a file object (stdout by default): keep them in the log."""

    def write(self, text: str) -> int:
        if text.strip():
            log.info("xlrd: %s", text.rstrip())
        return len(text)


def read_best_sheet(path: Path, score, max_rows: int, too_many: str, error: type[BranchDeskError]) -> ChosenSheet | None:
    """The .xls counterpart of ``xlsx_safety.read_best_sheet``: date cells come as dates
    (in the workbook's 1900 or 1904 date system), a date cell formatted to show only
    year and month as ``dates.MonthShown``; numbers stay numbers."""
    import xlrd

    size = path.stat().st_size
    if size > MAX_XLS_BYTES:
        raise error(
            f"{path.name} 有 {size / 1024**2:,.0f} MB（上限 {MAX_XLS_BYTES // 1024**2} MB），远大于一个支部的表格。"
            f"请检查是否选错了文件。{_RESAVE}"
        )
    try:
        book = xlrd.open_workbook(
            file_contents=path.read_bytes(), formatting_info=True, on_demand=True, logfile=_XlrdLog()
        )
    except Exception as cause:  # xlrd raises many kinds (XLRDError, CompDocError, struct.error, …) for a bad file
        log.warning("xlrd could not open %s", path, exc_info=True)
        raise error(_unopenable(path.name, cause)) from cause
    try:
        sheets = [(name, (lambda index=index: _values(book, index))) for index, name in enumerate(book.sheet_names())]
        return pick_sheet(sheets, score, max_rows, too_many, error)
    except BranchDeskError:
        raise
    except Exception as cause:  # a damaged sheet surfaces only while it is read
        log.warning("xlrd could not read %s", path, exc_info=True)
        raise error(f"无法读取 {path.name} 的工作表：文件可能已损坏（{type(cause).__name__}）。{_RESAVE}") from cause
    finally:
        book.release_resources()


def _unopenable(name: str, cause: Exception) -> str:
    text = str(cause).lower()
    if "encrypt" in text:
        return f"{name} 设了打开密码，无法读取。请在 Excel/WPS 中输入密码打开，取消密码后另存为 .xlsx 再导入。"
    if "xlsx" in text or "zip" in text:
        return f"{name} 其实是 .xlsx 格式的文件，只是扩展名写成了 .xls。请把扩展名改为 .xlsx，或在 Excel/WPS 中另存为 .xlsx 后再导入。"
    return f"无法打开 {name}：它不是有效的 .xls 文件（可能已损坏，或只是改了扩展名）。{_RESAVE}"


def _values(book, index: int):
    sheet = book.sheet_by_index(index)
    for row in range(sheet.nrows):
        yield tuple(_value(book, sheet, row, column) for column in range(min(sheet.row_len(row), MAX_COLUMNS)))


def _value(book, sheet, row: int, column: int) -> object:
    import xlrd

    cell = sheet.cell(row, column)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return None
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            # xlrd accounts for the 1900 leap-year bug and the 1904 date system.
            value: object = xlrd.xldate_as_datetime(cell.value, book.datemode)
        except (xlrd.xldate.XLDateError, OverflowError, ValueError):
            return cell.value  # not a date any calendar has: the number, for the importer to explain
        if isinstance(value, dt.datetime) and value.time() == dt.time(0):
            value = value.date()
        xf = book.xf_list[cell.xf_index]
        return month_shown(value, book.format_map[xf.format_key].format_str)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    return cell.value

"""Reading an old-format .xls (Excel 97–2003, BIFF8) someone sent us, with bounded time
and memory, through xlrd.

An .xls is one compound file that xlrd reads whole into memory, so the first bound is on
the file: a 5,000-row roster of 30 columns saved by Excel or WPS is under 4 MB; the limit
leaves four times that. xlrd then makes every row of a sheet as long as its longest, so
a 2 MB file with one cell per row in the last column (65,536 × 256) would take 400 MB:
before xlrd loads a sheet, its cell records are walked (cheap: a few bytes each) and a
sheet spanning more than ``MAX_CELLS`` is refused. Rows are cut to ``MAX_COLUMNS`` cells
and counted as for .xlsx (``sheet_rows``). xlrd's own warnings go to the log, not to the
terminal; whatever a damaged file makes xlrd raise becomes a Chinese message."""

from __future__ import annotations

import datetime as dt
import io
import logging
import struct
from pathlib import Path

from .errors import BranchDeskError
from .sheet_rows import ChosenSheet, month_shown, pick_sheet
from .xlsx_safety import MAX_COLUMNS

log = logging.getLogger(__name__)

MAX_XLS_BYTES = 16 * 1024**2
# rows × columns a sheet may span: a roster of 5,000 × 30 is 150,000; borders drawn down to
# row 65,536 over 30 columns, 2 million. xlrd keeps about 30 bytes per cell.
MAX_CELLS = 3_000_000
# BIFF8 records (type → True when it covers a run of columns, its last column in its last 2 bytes).
_BOF, _EOF = 0x0809, 0x000A
_CELL_RECORDS = {0x0203: False, 0x00FD: False, 0x027E: False, 0x0201: False, 0x0006: False, 0x0205: False,
                 0x0204: False, 0x00D6: False, 0x00BD: True, 0x00BE: True}
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
        names = book.sheet_names()
        for index, name in enumerate(names):
            rows, columns = _extent(book, index)
            if rows * columns > MAX_CELLS:
                raise error(
                    f"{path.name} 的工作表「{name}」占了 {rows:,} 行 × {columns} 列，远大于任何支部的表格"
                    f"（可能选错了文件，也可能是恶意构造的文件），没有打开。{_RESAVE}"
                )
        sheets = [(name, (lambda index=index: _values(book, index))) for index, name in enumerate(names)]
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


def _extent(book, index: int) -> tuple[int, int]:
    """(rows, columns) the cells of sheet ``index`` span, read from its records without
    loading it (xlrd's private sheet offsets: xlrd 2.0 is the last .xls release)."""
    memory, position = book.mem, book._sh_abs_posn[index]
    rows = columns = depth = 0
    while position + 4 <= len(memory):
        kind, length = struct.unpack_from("<HH", memory, position)
        body, position = position + 4, position + 4 + length
        if kind == _BOF:
            depth += 1
        elif kind == _EOF:
            depth -= 1
            if depth <= 0:
                break
        elif kind in _CELL_RECORDS and length >= 6 and position <= len(memory):
            row, first = struct.unpack_from("<HH", memory, body)
            last = struct.unpack_from("<H", memory, position - 2)[0] if _CELL_RECORDS[kind] else first
            rows, columns = max(rows, row + 1), max(columns, first + 1, last + 1)
    return rows, columns


def _values(book, index: int):
    import xlrd

    sheet = book.sheet_by_index(index)
    empty = (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK)
    for row in range(sheet.nrows):
        width = min(sheet.row_len(row), MAX_COLUMNS)
        types = sheet.row_types(row, 0, width)
        if all(kind in empty for kind in types):
            yield (None,) * width
            continue
        values = sheet.row_values(row, 0, width)
        yield tuple(_value(book, sheet, row, column, kind, value)
                    for column, (kind, value) in enumerate(zip(types, values)))
    book.unload_sheet(index)


def _value(book, sheet, row: int, column: int, kind: int, value: object) -> object:
    import xlrd

    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return None
    if kind == xlrd.XL_CELL_DATE:
        try:
            # xlrd accounts for the 1900 leap-year bug and the 1904 date system.
            day: object = xlrd.xldate_as_datetime(value, book.datemode)
        except (xlrd.xldate.XLDateError, OverflowError, ValueError):
            return value  # not a date any calendar has: the number, for the importer to explain
        if isinstance(day, dt.datetime) and day.time() == dt.time(0):
            day = day.date()
        xf = book.xf_list[sheet.cell_xf_index(row, column)]
        return month_shown(day, book.format_map[xf.format_key].format_str)
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    return value

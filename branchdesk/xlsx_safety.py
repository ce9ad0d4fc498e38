"""Reading the sheets of an .xlsx someone sent us, with bounded time and memory.

An .xlsx is a ZIP of XML files, and openpyxl trusts it: it inflates and parses the
shared strings at load, and in read-only mode it scans every sheet up to its end just
to learn its size when the sheet names none. So a 2 MB file whose sheet inflates to
2 GiB (a zip bomb), or a sheet of a million rows, would take minutes and gigabytes
before a single row was checked. Before openpyxl sees the file, every ZIP entry's
declared sizes are checked (Python's zipfile never inflates an entry past its declared
size, so the check holds even for a lying header); then the sheet is streamed
(``read_only=True``), each row cut to ``MAX_COLUMNS`` cells and the reading stopped at
the importer's row limit.

The limits come from real files: a 1,000-row roster of 14 columns as this program
writes it (text inline) has a sheet part of 750 KB that compresses 12.6 times; Excel
and WPS keep the text in a shared-strings part and write smaller sheets. 5,000 rows of
30 columns stay under 8 MB per part. A zip bomb compresses about 1,000 times."""

from __future__ import annotations

import datetime as dt
import logging
import zipfile
from contextlib import contextmanager
from pathlib import Path

from .errors import BranchDeskError
from .sheet_rows import ChosenSheet, RowCollector, month_shown, pick_sheet

log = logging.getLogger(__name__)

# openpyxl scans a whole sheet part at load (about 5 MB a second on a busy office PC), so
# this bound is also the bound on the time before the first row is read.
MAX_ENTRY_BYTES = 16 * 1024**2  # one part of the file, inflated
MAX_TOTAL_BYTES = 48 * 1024**2  # all parts together, inflated
MAX_ENTRIES = 2000
MAX_RATIO = 100  # inflated / compressed; real sheets compress 5-20 times
RATIO_FROM_BYTES = 1024**2  # small parts may compress better: they cannot grow far anyway
MAX_COLUMNS = 100  # a roster has about 15 columns, an indicator library about 8

_RESAVE = "请在 Excel/WPS 中打开它，把需要的内容复制到一个新建的表格，另存为 .xlsx 后再导入。"


def _megabytes(size: int) -> str:
    return f"{size / 1024**2:,.0f} MB" if size >= 1024**2 else f"{size / 1024:,.0f} KB"


def check_parts(handle, name: str, error: type[BranchDeskError]) -> None:
    """Refuse a file whose ZIP entries are too many, too big or compressed like a bomb."""
    try:
        with zipfile.ZipFile(handle) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as cause:
        raise error(
            f"无法打开 {name}：它不是有效的 .xlsx 文件（可能已损坏、设了打开密码，或只是改了扩展名）。{_RESAVE}"
        ) from cause
    if len(entries) > MAX_ENTRIES:
        raise error(f"{name} 里有 {len(entries)} 个部件（上限 {MAX_ENTRIES}），不像是正常的表格文件，没有打开。{_RESAVE}")
    total = 0
    for entry in entries:
        inflated, packed = entry.file_size, max(entry.compress_size, 1)
        if inflated > MAX_ENTRY_BYTES:
            raise error(
                f"{name} 中的部件「{entry.filename}」解压后有 {_megabytes(inflated)}（上限 {_megabytes(MAX_ENTRY_BYTES)}），"
                f"远大于任何支部的表格（可能选错了文件，也可能是恶意构造的“压缩炸弹”），没有打开。{_RESAVE}"
            )
        if inflated > RATIO_FROM_BYTES and inflated > MAX_RATIO * packed:
            raise error(
                f"{name} 中的部件「{entry.filename}」从 {_megabytes(packed)} 解压成 {_megabytes(inflated)}，"
                f"压缩比超过 {MAX_RATIO} 倍，正常表格不会这样，可能是恶意构造的文件（压缩炸弹），没有打开。{_RESAVE}"
            )
        total += inflated
    if total > MAX_TOTAL_BYTES:
        raise error(
            f"{name} 解压后共 {_megabytes(total)}（上限 {_megabytes(MAX_TOTAL_BYTES)}），不像是一份名册或指标库，没有打开。"
            f"如果里面有图片或很多工作表，{_RESAVE}"
        )


def read_first_sheet(path: Path, max_rows: int, too_many: str, error: type[BranchDeskError]) -> list[list[object]]:
    """The first sheet's rows as lists of values (at most ``MAX_COLUMNS`` each), blank
    rows kept in place so row numbers match the spreadsheet's.

    More than ``max_rows`` rows that hold anything (plus ``ROWS_ABOVE_DATA`` for titles
    and the header) raise ``error(too_many)`` as soon as the row after the limit is read; trailing blank rows (a sheet formatted far
    down) neither count nor cost memory."""
    with _open_book(path, error) as workbook:
        sheet = workbook.worksheets[0]
        return _reading(path, error, lambda: RowCollector(max_rows, too_many, error).take(_values(sheet)))


def read_best_sheet(path: Path, score, max_rows: int, too_many: str, error: type[BranchDeskError]) -> ChosenSheet | None:
    """Like ``read_first_sheet`` but over every sheet: the one whose first rows ``score``
    highest (see ``sheet_rows.pick_sheet``), None when none scores. A date cell formatted
    to show only year and month comes as ``dates.MonthShown``."""
    with _open_book(path, error) as workbook:
        sheets = [(sheet.title, (lambda sheet=sheet: _dated_values(sheet))) for sheet in workbook.worksheets
                  if hasattr(sheet, "iter_rows")]  # a chart sheet has no cells
        return _reading(path, error, lambda: pick_sheet(sheets, score, max_rows, too_many, error))


@contextmanager
def _open_book(path: Path, error: type[BranchDeskError]):
    from openpyxl import load_workbook

    with open(path, "rb") as handle:
        check_parts(handle, path.name, error)
        handle.seek(0)
        try:
            workbook = load_workbook(handle, read_only=True, data_only=True, keep_links=False)
            if not workbook.worksheets:
                raise ValueError("no worksheet")
        except Exception as cause:  # openpyxl raises many kinds for a broken file
            log.warning("openpyxl could not open %s", path, exc_info=True)
            raise error(f"无法打开 {path.name}：文件可能已损坏或不是 Excel 文件（{cause}）。{_RESAVE}") from cause
        try:
            yield workbook
        finally:
            workbook.close()


def _reading(path: Path, error: type[BranchDeskError], read):
    try:
        return read()
    except BranchDeskError:
        raise
    except Exception as cause:  # a damaged sheet part surfaces only while it is read
        log.warning("openpyxl could not read %s", path, exc_info=True)
        raise error(f"无法读取 {path.name} 的工作表：文件可能已损坏（{cause}）。{_RESAVE}") from cause


def _values(sheet):
    # A sheet that names its size as A1:XFD1048576 would otherwise pad every row to 16,384 cells.
    sheet.reset_dimensions()
    return sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)


def _dated_values(sheet):
    from openpyxl.cell.read_only import EMPTY_CELL

    sheet.reset_dimensions()
    empty: tuple = ()
    for cells in sheet.iter_rows(max_col=MAX_COLUMNS):
        # openpyxl hands every missing row over as one and the same tuple: a million stay fast.
        if cells is empty or all(cell is EMPTY_CELL for cell in cells):
            empty = cells
            yield (None,) * len(cells)
        else:
            yield tuple(_dated(cell) for cell in cells)


def _dated(cell) -> object:
    value = getattr(cell, "value", None)  # an EmptyCell has no style at all
    if not isinstance(value, dt.date):
        return value
    try:
        number_format = cell.number_format
    except (IndexError, AttributeError):  # a style the file does not define: shown as a full date
        return value
    return month_shown(value, number_format)

"""Spreadsheets built to hurt (issue 12, item 6): a zip bomb, a million rows, a sheet
that claims to be 16,384 columns wide. Both importers (roster, indicator library) share
one reader; each file is refused within seconds with a message naming the limit and the
fix, and nothing is imported. Real files (title rows, blank rows, dates, text IDs) are
covered by test_roster_io.py and test_targets_xlsx.py."""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook

from branchdesk.roster import files as roster_io
from branchdesk.roster.files import RosterFileError
from branchdesk.targets import library_xlsx
from branchdesk.targets.library_xlsx import LibraryFileError
from branchdesk.xlsx_safety import MAX_ENTRY_BYTES
from tests.helpers import make_id

SHEET = "xl/worksheets/sheet1.xml"
SHEET_START = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
ROSTER_HEADER = ["姓名", "公民身份号码", "入党日期"]
LIBRARY_HEADER = ["一级指标", "二级指标", "分值"]
# Loose on purpose (a shared machine): today's refusals take about one second, the old
# reader took minutes and gigabytes.
SECONDS = 10


def _text_cell(reference: str, text: str) -> bytes:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


def _header_row(header: list[str]) -> bytes:
    cells = b"".join(_text_cell(f"{chr(65 + n)}1", title) for n, title in enumerate(header))
    return b'<row r="1">' + cells + b"</row>"


def xlsx_with_sheet(path: Path, sheet_parts: Iterator[bytes]) -> Path:
    """An .xlsx made by openpyxl whose first sheet is replaced by ``sheet_parts``,
    streamed into the ZIP: a huge sheet costs little memory to build."""
    buffer = io.BytesIO()
    Workbook().save(buffer)
    with zipfile.ZipFile(buffer) as made, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in made.infolist():
            if info.filename != SHEET:
                out.writestr(info, made.read(info))
                continue
            entry = zipfile.ZipInfo(SHEET, date_time=(2024, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            with out.open(entry, "w", force_zip64=True) as sink:
                for part in sheet_parts:
                    sink.write(part)
    return path


def bomb(header: list[str], inflated: int = 4 * MAX_ENTRY_BYTES) -> Iterator[bytes]:
    """One cell of ``inflated`` bytes of 'x': about a thousand times smaller packed."""
    yield SHEET_START + b"<sheetData>" + _header_row(header) + b'<row r="2"><c r="A2" t="inlineStr"><is><t>'
    block = b"x" * 1024**2
    for _ in range(inflated // len(block)):
        yield block
    yield b"</t></is></c></row></sheetData></worksheet>"


def many_rows(header: list[str], count: int, dimension: str = "") -> Iterator[bytes]:
    """``count`` rows of one number each, as Excel writes them (with references)."""
    yield SHEET_START + (f'<dimension ref="{dimension}"/>'.encode() if dimension else b"") + b"<sheetData>"
    yield _header_row(header)
    for start in range(2, count + 2, 10_000):
        yield b"".join(b'<row r="%d"><c r="C%d"><v>%d</v></c></row>' % (n, n, n)
                       for n in range(start, min(start + 10_000, count + 2)))
    yield b"</sheetData></worksheet>"


def refused_quickly(read, error_class, *expected: str):
    started = time.monotonic()
    with pytest.raises(error_class) as caught:
        read()
    elapsed = time.monotonic() - started
    assert elapsed < SECONDS, f"took {elapsed:.1f} s"
    message = caught.value.message()
    for text in expected:
        assert text in message, message
    return message


# -- the roster --------------------------------------------------------------------------------
def test_a_zip_bomb_roster_is_refused_before_it_is_inflated(archive, tmp_path):
    path = xlsx_with_sheet(tmp_path / "名册.xlsx", bomb(ROSTER_HEADER))
    assert path.stat().st_size < 1024**2
    message = refused_quickly(lambda: roster_io.preview(archive, path), RosterFileError,
                              "名册.xlsx", SHEET, "上限 16 MB", "另存为 .xlsx")
    assert "压缩炸弹" in message
    assert archive.members.count() == 0


@pytest.mark.parametrize("dimension", ["", "A1:XFD1000001"])
def test_a_million_row_roster_is_refused_within_seconds(archive, tmp_path, dimension):
    path = xlsx_with_sheet(tmp_path / "名册.xlsx", many_rows(ROSTER_HEADER, 1_000_000, dimension))
    refused_quickly(lambda: roster_io.preview(archive, path), RosterFileError, "名册.xlsx", "上限", "另存为 .xlsx")
    assert archive.members.count() == 0


def test_a_roster_past_the_row_limit_is_refused_naming_the_limit_and_the_fix(archive, tmp_path):
    # Small enough to pass the size checks: the reader itself stops at the limit.
    path = xlsx_with_sheet(tmp_path / "名册.xlsx", many_rows(ROSTER_HEADER, roster_io.MAX_ROWS + 20))
    refused_quickly(lambda: roster_io.preview(archive, path), RosterFileError,
                    f"超过 {roster_io.MAX_ROWS} 行", "拆成", "没有导入任何人")
    assert archive.members.count() == 0


def test_a_sheet_claiming_16384_columns_is_read_without_padding(archive, tmp_path):
    member = make_id(dt.date(1980, 2, 3))
    rows = (_text_cell("A2", "王堃") + _text_cell("B2", member) + _text_cell("C2", "2005-07-01")
            + _text_cell("XFD2", "远处的单元格"))
    path = xlsx_with_sheet(tmp_path / "名册.xlsx", iter([
        SHEET_START, b'<dimension ref="A1:XFD1048576"/><sheetData>', _header_row(ROSTER_HEADER),
        b'<row r="2">' + rows + b"</row>", b'<row r="1048576"><c r="A1048576" s="1"/></row>',
        b"</sheetData></worksheet>",
    ]))
    started = time.monotonic()
    checked = roster_io.preview(archive, path)
    assert time.monotonic() - started < SECONDS
    assert [r.form.name for r in checked.rows] == ["王堃"]
    assert checked.rows[0].form.joined_on == dt.date(2005, 7, 1)


def test_blank_rows_far_below_a_roster_do_not_count_against_the_limit(archive, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["前进村党支部党员名册"])
    sheet.merge_cells("A1:C1")
    sheet.append(ROSTER_HEADER)
    sheet.append(["王堃", make_id(dt.date(1980, 2, 3)), dt.datetime(2005, 7, 1)])
    sheet.append([])
    sheet.append(["李秀英", make_id(dt.date(1975, 4, 5), 124), "2001-06-30"])
    for row in range(10, roster_io.MAX_ROWS + 200):  # a sheet formatted far down: styled, empty
        sheet.cell(row, 1).number_format = "@"
        sheet.cell(row, 1).value = " "
    book.save(tmp_path / "名册.xlsx")
    checked = roster_io.preview(archive, tmp_path / "名册.xlsx")
    assert [(r.row_number, r.form.name) for r in checked.rows] == [(3, "王堃"), (5, "李秀英")]
    assert checked.rows[0].form.joined_on == dt.date(2005, 7, 1)


def test_a_file_that_is_not_a_zip_or_is_huge_as_csv(archive, tmp_path):
    (tmp_path / "加密.xlsx").write_bytes(b"\xd0\xcf\x11\xe0 an OLE file: Excel with an opening password")
    refused_quickly(lambda: roster_io.preview(archive, tmp_path / "加密.xlsx"), RosterFileError, "不是有效的 .xlsx")
    with open(tmp_path / "名册.csv", "wb") as handle:
        handle.truncate(roster_io.MAX_CSV_BYTES + 1)  # sparse: no disk used
    refused_quickly(lambda: roster_io.preview(archive, tmp_path / "名册.csv"), RosterFileError, "上限 32 MB")


# -- the indicator library (the same reader) --------------------------------------------------------
def test_a_zip_bomb_library_is_refused(tmp_path):
    path = xlsx_with_sheet(tmp_path / "指标库.xlsx", bomb(LIBRARY_HEADER))
    refused_quickly(lambda: library_xlsx.preview(path), LibraryFileError, "指标库.xlsx", "压缩炸弹")


def test_a_million_row_library_is_refused(tmp_path):
    path = xlsx_with_sheet(tmp_path / "指标库.xlsx", many_rows(LIBRARY_HEADER, 1_000_000))
    refused_quickly(lambda: library_xlsx.preview(path), LibraryFileError, "上限")


def test_a_library_past_the_row_limit_is_refused_naming_the_limit(archive, tmp_path):
    path = xlsx_with_sheet(tmp_path / "指标库.xlsx", many_rows(LIBRARY_HEADER, library_xlsx.MAX_ROWS + 20))
    refused_quickly(lambda: library_xlsx.preview(path), LibraryFileError,
                    f"超过 {library_xlsx.MAX_ROWS} 行", "没有导入任何指标")
    assert archive.targets.library.years() == []

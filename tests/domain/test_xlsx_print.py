"""Every .xlsx the program writes prints well (issue 21, item 11): A4, landscape where
wide, one page wide with the header row on every page, page numbers in Chinese, wrapped
text in rows tall enough to show it, dates as date cells, ID numbers as text — read back
from the files as Excel, WPS and LibreOffice read them."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from branchdesk import clock
from branchdesk.life.exports import ledger_job
from branchdesk.roster.export import export_roster
from branchdesk.targets import library_xlsx
from branchdesk.xlsx_layout import DATE_FORMAT, LINE_POINTS, lines_needed
from tests.domain.upper_support import import_both


def _widths(sheet) -> list[float]:
    return [sheet.column_dimensions[get_column_letter(n)].width for n in range(1, sheet.max_column + 1)]


def assert_prints_well(path, header_row: int, header: list[str], landscape: bool = True) -> object:
    """The page setup every export shares; returns the sheet for the export's own checks."""
    sheet = load_workbook(path).active
    setup = sheet.page_setup
    assert setup.paperSize == 9  # A4 in the OOXML numbering
    assert setup.orientation == ("landscape" if landscape else "portrait")
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)  # one page wide, as many tall as needed
    assert sheet.print_title_rows == f"${header_row}:${header_row}"  # the header row on every page
    assert [c.value for c in sheet[header_row]][:len(header)] == header
    assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert sheet.oddHeader.center.text
    margins = sheet.page_margins
    assert 0.4 < margins.left < 1 and 0.4 < margins.right < 1 and 0.6 < margins.top < 1.2
    widths = _widths(sheet)
    for row in sheet.iter_rows(min_row=header_row):
        height = sheet.row_dimensions[row[0].row].height
        for cell, width in zip(row, widths):
            assert cell.alignment.wrap_text, cell.coordinate
            assert cell.border.left.style == "thin", cell.coordinate
            lines = lines_needed(cell.value, width)
            assert height >= lines * LINE_POINTS, (cell.coordinate, cell.value, height)
            if isinstance(cell.value, dt.datetime):
                assert cell.number_format == DATE_FORMAT, cell.coordinate
    return sheet


def _column(sheet, title: str, header_row: int = 1) -> int:
    return next(c.column for c in sheet[header_row] if c.value == title)


def _data(sheet, column: int, header_row: int = 1) -> list:
    return [sheet.cell(r, column) for r in range(header_row + 1, sheet.max_row + 1)]


def test_the_roster_prints_one_page_wide_with_dates_and_ids_as_they_should_be(demo_archive, tmp_path):
    records = demo_archive.members.records(demo_archive.members.query_ids())
    path = export_roster(records, tmp_path / "名册.xlsx", "前进村党支部", full_ids=True)
    sheet = assert_prints_well(path, 1, ["序号", "姓名", "性别", "民族", "出生日期", "公民身份号码"])
    assert sheet.oddHeader.center.text == "前进村党支部党员名册"
    id_column = _column(sheet, "公民身份号码")
    letter = get_column_letter(id_column)
    assert sheet.column_dimensions[letter].number_format == "@"  # an ID typed again below stays text
    ids = _data(sheet, id_column)
    assert all(c.number_format == "@" and c.data_type == "s" and len(c.value) == 18 for c in ids)
    assert sheet.column_dimensions[get_column_letter(_column(sheet, "联系电话"))].number_format == "@"
    for title in ("出生日期", "入党日期"):
        cells = _data(sheet, _column(sheet, title))
        assert all(isinstance(c.value, dt.datetime) and c.number_format == DATE_FORMAT for c in cells)
    joined = {r.name: r.joined_on for r in records}
    names = [c.value for c in _data(sheet, _column(sheet, "姓名"))]
    assert [c.value.date() for c in _data(sheet, _column(sheet, "入党日期"))] == [joined[n] for n in names]


def test_the_ledger_shows_every_long_text_in_full(demo_archive, tmp_path):
    work, count = ledger_job(demo_archive, tmp_path / "台账.xlsx", None, public=False)
    sheet = assert_prints_well(work(), 1, ["编号", "来源", "类别", "整改对象", "问题"])
    assert sheet.max_row == 1 + count
    problems = _data(sheet, _column(sheet, "问题"))
    width = sheet.column_dimensions[get_column_letter(_column(sheet, "问题"))].width
    wrapped = [c for c in problems if lines_needed(c.value, width) > 1]
    assert wrapped and all(sheet.row_dimensions[c.row].height >= 2 * LINE_POINTS for c in wrapped)
    deadlines = _data(sheet, _column(sheet, "完成时限"))
    assert all(isinstance(c.value, dt.datetime) and c.number_format == DATE_FORMAT for c in deadlines)


def test_the_indicator_library_prints_and_still_imports_back(demo_archive, tmp_path):
    year = clock.today().year
    path = library_xlsx.export_xlsx(demo_archive.targets.library.get(year), tmp_path / "指标库.xlsx")
    sheet = assert_prints_well(path, 2, ["编号", "一级指标", "二级指标", "分值", "评分标准"])
    assert "A1:G1" in {str(r) for r in sheet.merged_cells.ranges}  # the title across the table
    assert sheet.column_dimensions["A"].number_format == "@"  # a code typed as 1.10 stays 1.10
    checked = library_xlsx.preview(path)
    assert checked.can_import and len(checked.rows) == len(demo_archive.targets.library.get(year).indicators)


def test_the_upper_dashboard_prints_one_page_wide(upper_archive, demo_branches, tmp_path):
    import_both(upper_archive, demo_branches)
    upper = upper_archive.upper
    board = upper.dashboard(clock.today().year - 1, today=clock.today())
    sheet = assert_prints_well(upper.export_dashboard(board, tmp_path / "汇总.xlsx"), 3, ["支部", "代码", "月份"])
    assert sheet.max_row == 3 + len(board.rows) and sheet.oddHeader.center.text.startswith("某某镇党委")


@pytest.mark.slow
def test_a_roster_printed_by_a_spreadsheet_program_has_names_on_every_page(demo_archive, tmp_path):
    # LibreOffice stands in for Excel and WPS (tools/system-deps test installs it).
    assert shutil.which("soffice"), "LibreOffice (soffice) is missing: run tools/system-deps test as root"
    records = demo_archive.members.records(demo_archive.members.query_ids())
    path = export_roster(records * 3, tmp_path / "roster.xlsx", "前进村党支部", full_ids=False)  # 87 rows
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=180)
    pages = subprocess.run(["pdftotext", "-layout", str(tmp_path / "roster.pdf"), "-"], check=True,
                           capture_output=True, text=True).stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    assert 2 <= len(pages) <= 4  # one page wide: 87 rows, not 3 × as many pages
    for number, page in enumerate(pages, start=1):
        assert "姓名" in page and "备注" in page and f"第{number}页共{len(pages)}页" in "".join(page.split())
        assert any(record.name in page for record in records)


def test_text_that_looks_like_a_formula_stays_text_in_every_export(tmp_path):
    from openpyxl import Workbook

    from branchdesk.xlsx_layout import lay_out_for_print

    book = Workbook()
    sheet = book.active
    sheet.append(["问题", "措施"])
    sheet.append(["=HYPERLINK(\"http://x\")", "-少1次扣2分"])
    lay_out_for_print(sheet, [20, 20], 1, "台账")
    book.save(tmp_path / "f.xlsx")
    row = load_workbook(tmp_path / "f.xlsx").active[2]
    assert [(c.value, c.data_type) for c in row] == [("=HYPERLINK(\"http://x\")", "s"), ("-少1次扣2分", "s")]

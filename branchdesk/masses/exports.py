"""Writing the 群众工作 papers and spreadsheet: each reads what it needs now and returns
the work that writes the file, so the window can run it in a worker (docs/design.md rule 7)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .. import clock
from ..errors import ValidationError
from ..storage.binding import uses_archive
from ..text import quoted
from .papers import LEDGER_HEADERS, ledger_paper, ledger_rows, request_paper, tally_line

XLSX_WIDTHS = [10, 11, 8, 8, 36, 8, 11, 11, 28, 12, 9, 14]


def _suffix(path: Path, allowed: tuple[str, ...], what: str) -> str:
    suffix = path.suffix.lower()
    if suffix not in allowed:
        raise ValidationError("out", "suffix", f"导出文件{quoted(path.name)}的扩展名应为 {' 或 '.join(allowed)}（{what}）。")
    return suffix


@uses_archive
def ledger_job(archive, year: int, path, full_names: bool = False) -> Callable:
    """The 民情台账 of ``year`` as .pdf or .xlsx (the person who asked masked unless ``full_names``)."""
    from ..papers import render

    path = Path(path)
    suffix = _suffix(path, (".pdf", ".xlsx"), "民情台账")
    requests = archive.masses.requests(archive.masses.request_ids(year=year))
    tally = archive.masses.tally(year)
    own = archive.branch.own()
    today = clock.today()
    if suffix == ".xlsx":
        return lambda progress=None: write_ledger_xlsx(requests, tally, year, path, own.name, full_names, today)
    paper = ledger_paper(requests, tally, year, own.name, own.code or "", today, full_names)
    return lambda progress=None: render(paper, path, progress=progress)


@uses_archive
def request_job(archive, request_id: int, path, full_names: bool = False) -> Callable:
    from ..papers import render

    path = Path(path)
    _suffix(path, (".pdf",), "诉求办理单")
    paper = request_paper(archive, archive.masses.request(request_id), full_names=full_names)
    return lambda progress=None: render(paper, path, progress=progress)


def write_ledger_xlsx(requests, tally, year: int, target, branch_name: str, full_names: bool, today) -> Path:
    from openpyxl import Workbook

    from ..xlsx_layout import lay_out_for_print, save_workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"{year}年度民情台账"
    sheet.append(LEDGER_HEADERS)
    for row in ledger_rows(requests, today, full_names):
        sheet.append(row)
    sheet.append([])
    sheet.append([tally_line(tally)])
    title = f"{branch_name}{year}年度民情台账"
    lay_out_for_print(sheet, XLSX_WIDTHS, 1, title)
    sheet.freeze_panes = "A2"
    return save_workbook(workbook, Path(target), title)

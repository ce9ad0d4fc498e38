"""The 党费 papers from the window: the paper is read from the records on the GUI thread,
then written in a worker with progress; the spreadsheet likewise."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from branchdesk import export_names
from branchdesk.errors import BranchDeskError

from ...errors import show_error
from ...text import tr
from ...toolkit.exporting import ask_export_path, tell_exported
from ...workers import run_in_background


class DuesExports(QObject):
    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.last_result = None
        self.last_error: BaseException | None = None

    def receipt(self, receipt_no: str, path: str | None = None) -> bool:
        from branchdesk.dues.papers import receipt_paper

        archive = self.page.archive
        return self._paper(lambda: receipt_paper(archive, receipt_no),
                           lambda: export_names.dues_receipt(receipt_no, archive.dues.receipt(receipt_no).member_name),
                           path)

    def publicity(self, year: int, half: int | None, path: str | None = None) -> bool:
        from branchdesk.dues.papers import publicity_paper

        archive = self.page.archive
        return self._paper(lambda: publicity_paper(archive, year, half),
                           lambda: export_names.dues_publicity(year, half), path)

    def register(self, year: int, path: str | None = None) -> bool:
        from branchdesk.dues.register import register_paper

        archive = self.page.archive
        return self._paper(lambda: register_paper(archive, year), lambda: export_names.dues_register(year), path)

    def register_xlsx(self, year: int, path: str | None = None) -> bool:
        page = self.page
        path = path or ask_export_path(page, page.archive, tr("dues", "导出 Excel"),
                                       export_names.dues_register(year) + ".xlsx", tr("dues", "Excel 工作簿 (*.xlsx)"))
        if not path:
            return False
        from branchdesk.dues.register import register_rows, write_rows_xlsx

        try:
            rows = register_rows(page.archive, year)
            branch = page.archive.branch.own().name
        except BranchDeskError as error:
            show_error(page, error, tr("dues", "无法导出"))
            return False
        self._start(lambda report: write_rows_xlsx(rows, branch, year, path))
        return True

    def _paper(self, build, name, path: str | None) -> bool:
        page = self.page
        try:
            paper = build()
            stem = name()
        except BranchDeskError as error:
            show_error(page, error, tr("dues", "无法导出"))
            return False
        path = path or ask_export_path(page, page.archive, tr("dues", "导出 PDF"), stem + ".pdf",
                                       tr("dues", "PDF 文件 (*.pdf)"))
        if not path:
            return False
        from branchdesk.papers import render

        self._start(lambda report: render(paper, path, progress=lambda n: report(n, 0, _pages(n))))
        return True

    def _start(self, work) -> None:
        self.last_result, self.last_error = None, None
        run_in_background(self.page, tr("dues", "正在导出…"), work, self._done, self._failed)

    def _done(self, result) -> None:
        self.last_result = result
        pages = getattr(result, "pages", None)
        where = getattr(result, "path", result)
        text = tr("dues", "已导出 {0} 页：\n{1}").format(pages, where) if pages else tr("dues", "已导出：\n{0}").format(where)
        tell_exported(self.page, tr("dues", "导出完成"), text, Path(where))

    def _failed(self, error: BaseException) -> None:
        self.last_error = error
        show_error(self.page, error, tr("dues", "导出失败"))


def _pages(n: int) -> str:
    return tr("dues", "已排版 {0} 页").format(n)

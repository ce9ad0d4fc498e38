"""PDF and spreadsheet exports of the 组织生活会 page: the paper is read from the
records on the GUI thread, then written in a worker with progress."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from branchdesk import export_names
from branchdesk.errors import BranchDeskError
from branchdesk.life.exports import ledger_job, life_paper
from branchdesk.life.papers import PAPERS

from ...errors import show_error
from ...text import tr
from ...toolkit.exporting import ask_export_path, tell_exported
from ...workers import run_in_background


class LifeExports(QObject):
    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.last_result = None
        self.last_error: BaseException | None = None

    def paper(self, which: str, path: str | None = None) -> bool:
        """Export the year's ``which`` paper (report / record / appraisal). The record
        holds criticism texts: it is written only after the sensitive-text check."""
        page = self.page
        if which == "record" and not page.confirm_sensitive():
            return False
        try:
            paper = life_paper(page.archive, page.year, which)
        except BranchDeskError as error:
            show_error(page, error, tr("life", "无法导出"))
            return False
        path = path or ask_export_path(page, page.archive, tr("life", "导出 PDF"),
                                       export_names.life_paper(page.year, PAPERS[which]) + ".pdf",
                                       tr("life", "PDF 文件 (*.pdf)"))
        if not path:
            return False
        from branchdesk.papers import render

        self._start(lambda report: render(paper, path, progress=lambda n: report(n, 0, _pages(n))), path)
        return True

    def ledger(self, kind: str, path: str | None = None) -> bool:
        """The ledger as a 公示 PDF (items marked 公示) or the full spreadsheet."""
        tab = self.page.ledger
        if path is None:
            path = tab.ask_path(kind)
            if not path:
                return False
        try:
            work, _ = ledger_job(self.page.archive, Path(path), tab.year.currentData(), public=True)
        except BranchDeskError as error:
            show_error(self.page, error, tr("life", "无法导出"))
            return False
        self._start(lambda report: work(lambda n: report(n, 0, _pages(n))), path)
        return True

    def _start(self, work, path) -> None:
        self.last_result, self.last_error = None, None
        run_in_background(self.page, tr("life", "正在导出…"), work, self._done, self._failed)

    def _done(self, result) -> None:
        self.last_result = result
        pages = getattr(result, "pages", None)
        where = getattr(result, "path", result)
        text = tr("life", "已导出 {0} 页：\n{1}").format(pages, where) if pages else tr("life", "已导出：\n{0}").format(where)
        tell_exported(self.page, tr("life", "导出完成"), text, Path(where), result)

    def _failed(self, error: BaseException) -> None:
        self.last_error = error
        show_error(self.page, error, tr("life", "导出失败"))


def _pages(n: int) -> str:
    return tr("life", "已排版 {0} 页").format(n)

"""PDF and spreadsheet exports of the 组织生活会 and 整改台账 pages, and 「预览 / 打印」 of
their papers: the paper is read from the records on the GUI thread, then written in a
worker with progress (for a preview into a temporary file, ui/toolkit/paper_preview.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from branchdesk import export_names
from branchdesk.errors import BranchDeskError
from branchdesk.life.exports import ledger_job, ledger_pdf_paper, life_paper
from branchdesk.life.papers import PAPERS

from ...errors import show_error
from ...text import tr
from ...toolkit.exporting import ask_export_path, tell_exported
from ...toolkit.paper_preview import PaperPreviews, pages_laid_out, paper_renderer
from ...workers import run_in_background


class LifeExports(QObject):
    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.last_result = None
        self.last_error: BaseException | None = None
        self.previews = PaperPreviews(page)

    def _life_paper(self, which: str, failure: str):
        """The year's ``which`` paper, or None (said why). The record holds criticism
        texts: it is read only after the sensitive-text check."""
        page = self.page
        if which == "record" and not page.confirm_sensitive():
            return None
        try:
            return life_paper(page.archive, page.year, which)
        except BranchDeskError as error:
            show_error(page, error, failure)
            return None

    def paper(self, which: str, path: str | None = None) -> bool:
        """Export the year's ``which`` paper (report / record / appraisal)."""
        page = self.page
        paper = self._life_paper(which, tr("life", "无法导出"))
        if paper is None:
            return False
        path = path or ask_export_path(page, page.archive, tr("life", "导出 PDF"),
                                       export_names.life_paper(page.year, PAPERS[which]) + ".pdf",
                                       tr("life", "PDF 文件 (*.pdf)"))
        if not path:
            return False
        from branchdesk.papers import render

        self._start(lambda report: render(paper, path, progress=pages_laid_out(report)), path)
        return True

    def preview_paper(self, which: str) -> bool:
        """「预览 / 打印」 the year's ``which`` paper."""
        paper = self._life_paper(which, tr("life", "无法预览"))
        if paper is None:
            return False
        name = export_names.life_paper(self.page.year, PAPERS[which])
        return self.previews.open(name, name + ".pdf", paper_renderer(paper))

    def preview_ledger(self) -> bool:
        """「预览 / 打印」 the ledger's 公示 paper of the year chosen (every year with 全部年度)."""
        year = self.page.ledger.year.currentData()
        try:
            paper, _ = ledger_pdf_paper(self.page.archive, year, public=True)
        except BranchDeskError as error:
            show_error(self.page, error, tr("life", "无法预览"))
            return False
        name = export_names.rectification(year, True)
        return self.previews.open(name, name + ".pdf", paper_renderer(paper))

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
        self._start(lambda report: work(pages_laid_out(report)), path)
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

"""The papers of 目标管理: the 目标管理考核表 of one inspection and the year's archive.
The paper is read from the records on the GUI thread, then laid out and written in a
worker with progress; the user is told where the file went."""

from __future__ import annotations

from PySide6.QtCore import QObject

from branchdesk import export_names
from branchdesk.errors import BranchDeskError

from ...errors import show_error
from ...text import tr
from ...toolkit.exporting import ask_export_path, tell_exported
from ...workers import run_in_background


class TargetsExports(QObject):
    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.last_result = None
        self.last_error: BaseException | None = None
        self.job = None

    def inspection(self, inspection_id: int, path: str | None = None) -> bool:
        from branchdesk.targets.papers import inspection_paper

        targets = self.page.archive.targets
        try:
            detail = targets.inspections.detail(inspection_id)
            chain = targets.inspections.revisions(inspection_id)
            reason = next((r.reason for r in chain if r.revision_id == inspection_id), "")
            paper = inspection_paper(detail, reason)
        except BranchDeskError as error:
            show_error(self.page, error, tr("targets", "无法导出"))
            return False
        name = export_names.inspection(detail.summary.period.label) + ".pdf"
        return self._start(paper, path or self._ask(name))

    def year(self, year: int, path: str | None = None) -> bool:
        from branchdesk.targets.papers import year_paper

        try:
            paper = year_paper(self.page.archive, year)
        except BranchDeskError as error:
            show_error(self.page, error, tr("targets", "无法导出"))
            return False
        return self._start(paper, path or self._ask(export_names.targets_year(year) + ".pdf"))

    def _ask(self, name: str) -> str:
        return ask_export_path(self.page, self.page.archive, tr("targets", "导出 PDF"), name,
                               tr("targets", "PDF 文件 (*.pdf)")) or ""

    def _start(self, paper, path: str) -> bool:
        if not path:
            return False
        from branchdesk.papers import render

        self.last_result, self.last_error = None, None

        def work(report):
            return render(paper, path, progress=lambda n: report(n, 0, tr("targets", "已排版 {0} 页").format(n)))

        self.job = run_in_background(self.page, tr("targets", "正在导出…"), work, self._done, self._failed)
        return True

    def _done(self, result) -> None:
        self.last_result = result
        tell_exported(self.page, tr("targets", "导出完成"),
                      tr("targets", "已导出 {0} 页：\n{1}").format(result.pages, result.path), result.path, result)

    def _failed(self, error: BaseException) -> None:
        self.last_error = error
        show_error(self.page, error, tr("targets", "导出失败"))

"""The papers of 目标管理: the 目标管理考核表 of one inspection and the year's archive,
exported or shown in 「预览 / 打印」. The paper is read from the records on the GUI thread,
then laid out and written in a worker with progress; the user is told where the file went."""

from __future__ import annotations

from PySide6.QtCore import QObject

from branchdesk import export_names
from branchdesk.errors import BranchDeskError

from ...errors import show_error
from ...text import tr
from ...toolkit.exporting import ask_export_path, tell_exported
from ...toolkit.paper_preview import PaperPreviews, pages_laid_out, paper_renderer
from ...workers import run_in_background


class TargetsExports(QObject):
    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.last_result = None
        self.last_error: BaseException | None = None
        self.job = None
        self.previews = PaperPreviews(page)

    def _inspection_paper(self, inspection_id: int, failure: str):
        """(paper, file name without extension) of one inspection's 考核表, or None (said why)."""
        from branchdesk.targets.papers import inspection_paper

        targets = self.page.archive.targets
        try:
            detail = targets.inspections.detail(inspection_id)
            chain = targets.inspections.revisions(inspection_id)
            reason = next((r.reason for r in chain if r.revision_id == inspection_id), "")
            paper = inspection_paper(detail, reason)
        except BranchDeskError as error:
            show_error(self.page, error, failure)
            return None
        return paper, export_names.inspection(detail.summary.period.label)

    def _year_paper(self, year: int, failure: str):
        """(paper, file name without extension) of the year's 目标管理档案, or None (said why)."""
        from branchdesk.targets.papers import year_paper

        try:
            return year_paper(self.page.archive, year), export_names.targets_year(year)
        except BranchDeskError as error:
            show_error(self.page, error, failure)
            return None

    def inspection(self, inspection_id: int, path: str | None = None) -> bool:
        found = self._inspection_paper(inspection_id, tr("targets", "无法导出"))
        return found is not None and self._start(found[0], path or self._ask(found[1] + ".pdf"))

    def year(self, year: int, path: str | None = None) -> bool:
        found = self._year_paper(year, tr("targets", "无法导出"))
        return found is not None and self._start(found[0], path or self._ask(found[1] + ".pdf"))

    def preview_inspection(self, inspection_id: int) -> bool:
        return self._preview(self._inspection_paper(inspection_id, tr("targets", "无法预览")))

    def preview_year(self, year: int) -> bool:
        return self._preview(self._year_paper(year, tr("targets", "无法预览")))

    def _preview(self, found) -> bool:
        if found is None:
            return False
        paper, name = found
        return self.previews.open(name, name + ".pdf", paper_renderer(paper))

    def _ask(self, name: str) -> str:
        return ask_export_path(self.page, self.page.archive, tr("targets", "导出 PDF"), name,
                               tr("targets", "PDF 文件 (*.pdf)")) or ""

    def _start(self, paper, path: str) -> bool:
        if not path:
            return False
        from branchdesk.papers import render

        self.last_result, self.last_error = None, None

        def work(report):
            return render(paper, path, progress=pages_laid_out(report))

        self.job = run_in_background(self.page, tr("targets", "正在导出…"), work, self._done, self._failed)
        return True

    def _done(self, result) -> None:
        self.last_result = result
        tell_exported(self.page, tr("targets", "导出完成"),
                      tr("targets", "已导出 {0} 页：\n{1}").format(result.pages, result.path), result.path, result)

    def _failed(self, error: BaseException) -> None:
        self.last_error = error
        show_error(self.page, error, tr("targets", "导出失败"))

"""The papers of 服务群众 from the window — a posting's 公开栏 sheet and a year's 群众评议
结果 — exported to PDF in a worker, or previewed and printed (rule 18)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from branchdesk.errors import BranchDeskError

from ...errors import show_error
from ...text import tr
from ...toolkit.exporting import ask_export_path, tell_exported
from ...toolkit.paper_preview import PaperPreviews
from ...workers import run_in_background


class ServicePapers(QObject):
    def __init__(self, tab):
        super().__init__(tab)
        self.tab = tab
        self.previews = PaperPreviews(tab)
        self.last_result = None
        self.last_error: BaseException | None = None

    def _paper(self, build, stem):
        try:
            return build(), stem()
        except BranchDeskError as error:
            show_error(self.tab, error, tr("masses", "无法生成"))
            return None, None

    def export(self, build, stem, path: str | None = None) -> bool:
        """Read the paper now (on the GUI thread: the records), write it in a worker."""
        paper, name = self._paper(build, stem)
        if paper is None:
            return False
        path = path or ask_export_path(self.tab, self.tab.archive, tr("masses", "导出 PDF"), name + ".pdf",
                                       tr("masses", "PDF 文件 (*.pdf)"))
        if not path:
            return False
        from branchdesk.papers import render

        self.last_result, self.last_error = None, None
        run_in_background(self.tab, tr("masses", "正在导出…"),
                          lambda report: render(paper, path, progress=lambda n: report(n, 0, "")), self._done,
                          self._failed)
        return True

    def preview(self, build, stem) -> bool:
        paper, name = self._paper(build, stem)
        if paper is None:
            return False
        from branchdesk.papers import render

        return self.previews.open(paper.title, name + ".pdf",
                                  lambda path, report: render(paper, path, progress=lambda n: report(n, 0, "")))

    def _done(self, result) -> None:
        self.last_result = result
        tell_exported(self.tab, tr("masses", "导出完成"),
                      tr("masses", "已导出 {0} 页：\n{1}").format(result.pages, result.path), Path(result.path), result)

    def _failed(self, error: BaseException) -> None:
        self.last_error = error
        show_error(self.tab, error, tr("masses", "导出失败"))

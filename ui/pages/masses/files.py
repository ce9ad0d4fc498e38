"""The files of the 群众工作 page: the 民情台账 and the 诉求办理单 previewed, printed or
exported (written in a worker, docs/design.md rules 7 and 18), and the import of a 联系户
list with its template. The person who asked prints masked unless the user has shown
full details on the page (and confirmed the app password when one is set)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from branchdesk import export_names
from branchdesk.errors import BranchDeskError
from branchdesk.masses import exports

from ...errors import show_error
from ...text import tr
from ...toolkit.actions import run_action
from ...toolkit.exporting import ask_export_path, tell_exported
from ...toolkit.paper_preview import PaperPreviews, pages_laid_out
from ...workers import run_in_background

PDF = "PDF 文件 (*.pdf)"


class MassesFiles(QObject):
    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.previews = PaperPreviews(page)
        self.last_result = None

    @property
    def archive(self):
        return self.page.archive

    def _full(self) -> bool:
        return self.page.reveal.shown

    # -- the 民情台账 --------------------------------------------------------------
    def preview_ledger(self, year: int) -> bool:
        return self._preview(tr("masses", "{0}年度民情台账").format(year), export_names.masses_ledger(year),
                             lambda path: exports.ledger_job(self.archive, year, path, self._full()))

    def export_ledger(self, year: int, path: str | None = None) -> bool:
        filters = tr("masses", "PDF 文件 (*.pdf);;Excel 文件 (*.xlsx)")
        return self._export(lambda p: exports.ledger_job(self.archive, year, p, self._full()),
                            export_names.masses_ledger(year), filters, path)

    # -- the 诉求办理单 ------------------------------------------------------------
    def preview_request(self, request_id: int | None) -> bool:
        if request_id is None:
            return self.page.say(tr("masses", "请先在台账中选择一件诉求。"))
        code = self.archive.masses.request(request_id).code
        return self._preview(tr("masses", "民情诉求办理单（{0}）").format(code), export_names.masses_request(code),
                             lambda path: exports.request_job(self.archive, request_id, path, self._full()))

    def export_request(self, request_id: int | None, path: str | None = None) -> bool:
        if request_id is None:
            return self.page.say(tr("masses", "请先在台账中选择一件诉求。"))
        code = self.archive.masses.request(request_id).code
        return self._export(lambda p: exports.request_job(self.archive, request_id, p, self._full()),
                            export_names.masses_request(code), tr("masses", PDF), path)

    def _preview(self, title: str, file_name: str, job_for) -> bool:
        """The paper read and written in the worker, on its own connection to the records."""
        def write(path, report):
            return job_for(Path(path))(progress=pages_laid_out(report))

        return self.previews.open(title, file_name + ".pdf", write, db=self.archive.db)

    def _export(self, job_for, name: str, filters: str, path: str | None) -> bool:
        page = self.page
        path = path or ask_export_path(page, self.archive, tr("masses", "导出"), name + ".pdf", filters)
        if not path:
            return False
        try:
            work = job_for(Path(path))
        except BranchDeskError as error:
            show_error(page, error, tr("masses", "无法导出"))
            return False
        run_in_background(page, tr("masses", "正在导出…"), lambda report: work(), self._done,
                          lambda error: show_error(page, error, tr("masses", "导出失败")))
        return True

    def _done(self, result) -> None:
        self.last_result = result
        where = getattr(result, "path", result)
        tell_exported(self.page, tr("masses", "导出完成"), tr("masses", "已导出：\n{0}").format(where), Path(where))

    # -- the 联系户 import ---------------------------------------------------------
    def import_households(self, path: str | None = None) -> int:
        """A 联系户 list from a sheet: checked whole, every bad row named, then all rows
        or none after the user agrees."""
        from branchdesk.masses import importing

        page = self.page
        if path is None:
            path, _ = QFileDialog.getOpenFileName(page, tr("masses", "选择联系户导入表"), "",
                                                  tr("masses", "Excel 文件 (*.xlsx)"))
            if not path:
                return 0
        try:
            checked = importing.check_file(self.archive, path)
        except BranchDeskError as error:
            show_error(page, error, tr("masses", "无法导入"))
            return 0
        if checked.errors:
            QMessageBox.warning(page, tr("masses", "导入表有错误"),
                                tr("masses", "以下各行有错误，全部改正后才能导入（没有导入任何一户）：\n")
                                + "\n".join(e.message() for e in checked.errors[:30]))
            return 0
        question = tr("masses", "检查通过，将导入 {0} 户联系户。确定导入吗？").format(len(checked.rows))
        if QMessageBox.question(page, tr("masses", "导入联系户"), question) != QMessageBox.StandardButton.Yes:
            return 0
        if not run_action(page, importing.apply, self.archive, path):
            return 0
        page.changed()
        return len(checked.rows)

    def save_template(self) -> None:
        from branchdesk.masses.importing import write_template

        page = self.page
        path = ask_export_path(page, self.archive, tr("masses", "保存导入表模板"),
                               export_names.masses_template() + ".xlsx", tr("masses", "Excel 文件 (*.xlsx)"))
        if path and run_action(page, write_template, path):
            tell_exported(page, tr("masses", "导入表模板"), tr("masses", "已保存：\n{0}").format(path), Path(path))

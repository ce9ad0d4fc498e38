"""The files of the 发展党员 page: scans added to a step (and opened again), and the import
of people already in the pipeline with its template."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from branchdesk.errors import BranchDeskError

from ...errors import show_error
from ...text import tr
from ...toolkit.actions import run_action


class PageFiles:
    """Mixed into the page (``self.archive``, ``load``, ``show_dossier``, ``_person_or_say``)."""

    def attach(self) -> int | None:
        person_id = self._person_or_say()
        if person_id is None:
            return None
        steps = self.archive.recruit.dossier(person_id).steps
        if not steps:
            QMessageBox.information(self, tr("recruit", "添加材料"), tr("recruit", "请先登记步骤，再为它添加材料。"))
            return None
        titles = [f"{s.title}（{s.done_on:%Y-%m-%d}）" for s in steps]
        chosen, ok = QInputDialog.getItem(self, tr("recruit", "添加材料"), tr("recruit", "材料属于哪一步："),
                                          titles, len(titles) - 1, False)
        if not ok:
            return None
        path, _ = QFileDialog.getOpenFileName(self, tr("recruit", "选择材料扫描件"), "",
                                              tr("recruit", "扫描件和文档 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.doc *.docx);;所有文件 (*)"))
        if not path:
            return None
        step = steps[titles.index(chosen)]
        try:
            document_id = self.archive.recruit.attach(step.id, path)
        except BranchDeskError as error:
            show_error(self, error)
            return None
        self.show_dossier(person_id)
        return document_id

    def import_file(self, path: str | None = None) -> int:
        """People already in the pipeline from a sheet: checked whole, every bad row named,
        then all rows or none after the user agrees."""
        from branchdesk.recruit import importing

        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, tr("recruit", "选择发展党员导入表"), "",
                                                  tr("recruit", "Excel 文件 (*.xlsx)"))
            if not path:
                return 0
        try:
            checked = importing.check_file(self.archive, path)
        except BranchDeskError as error:
            show_error(self, error, tr("recruit", "无法导入"))
            return 0
        if checked.errors:
            QMessageBox.warning(self, tr("recruit", "导入表有错误"), tr("recruit", "以下各行有错误，全部改正后才能导入（没有导入任何人）：\n")
                                + "\n".join(e.message() for e in checked.errors))
            return 0
        names = "、".join(row.person.name for row in checked.rows[:10]) + ("等" if len(checked.rows) > 10 else "")
        question = tr("recruit", "检查通过，将导入 {0} 人：{1}。确定导入吗？").format(len(checked.rows), names)
        if QMessageBox.question(self, tr("recruit", "导入发展党员"), question) != QMessageBox.StandardButton.Yes:
            return 0
        if not run_action(self, importing.apply, self.archive, path):
            return 0
        self.load()
        return len(checked.rows)

    def save_template(self) -> None:
        from branchdesk.recruit.importing import write_template

        from ...toolkit.exporting import ask_export_path, tell_exported

        path = ask_export_path(self, self.archive, tr("recruit", "保存导入表模板"), "发展党员导入表模板.xlsx",
                               tr("recruit", "Excel 文件 (*.xlsx)"))
        if path and run_action(self, write_template, path):
            tell_exported(self, tr("recruit", "导入表模板"), tr("recruit", "已保存：\n{0}").format(path), Path(path))

    def open_document(self, url: QUrl) -> None:
        try:
            path = self.archive.recruit.document_file(int(url.toString().removeprefix("doc:")))
        except BranchDeskError as error:
            show_error(self, error)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

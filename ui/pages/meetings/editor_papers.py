"""The papers of the meeting open in the editor: preview (then print), and export to
a PDF file. Rendering runs in a worker thread; the paper is built from plain data first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from branchdesk import export_names
from branchdesk.errors import BranchDeskError
from branchdesk.meetings.papers import PAPERS, paper_for

from ...errors import message_for, show_error
from ...text import tr
from ...toolkit import styles
from ...toolkit.exporting import ask_export_path, tell_exported
from ...toolkit.paper_preview import PaperPreviews, pages_laid_out, paper_renderer
from ...workers import run_in_background


class PaperActions(QObject):
    def __init__(self, editor):
        super().__init__(editor)
        self.editor = editor
        self.previewer = PaperPreviews(editor)
        self.last_export: Path | None = None

    def _paper(self, which: str, preset: str | None):
        if self.editor.dirty and self.editor.save_button.isVisible() and not self.editor.save():
            return None
        try:
            return paper_for(self.editor.archive.meetings.detail(self.editor.meeting_id), which, preset)
        except BranchDeskError as error:
            show_error(self.editor, error)
            return None

    def export_pdf(self, which: str = "record", path: str | None = None, preset: str | None = None,
                   then=None) -> bool:
        """Write the paper to ``path`` (asked if None) in a worker; ``then(result)`` after."""
        paper = self._paper(which, preset)
        if paper is None:
            return False
        if path is None:
            path = ask_export_path(self.editor, self.editor.archive, tr("meetings", "导出 PDF"),
                                   self._file_name(which) + ".pdf", tr("meetings", "PDF 文件 (*.pdf)"))
            if not path:
                return False
            then = then or self._exported
        from branchdesk.papers import render

        run_in_background(
            self.editor, tr("meetings", "正在生成 PDF…"),
            lambda report: render(paper, path, progress=pages_laid_out(report)),
            then or (lambda result: None), self._export_failed, cancellable=True,
        )
        return True

    def _file_name(self, which: str) -> str:
        """「2025年2月支委会会议记录」: the kind and month of the meeting as saved."""
        detail = self.editor.archive.meetings.detail(self.editor.meeting_id)
        return export_names.meeting_detail_paper(detail, which)

    def _exported(self, result) -> None:
        self.last_export = result.path
        note = ""
        if result.substitutions:
            chars = "、".join(result.substitutions)
            note = tr("meetings", "\n其中「{0}」用备用字体印出。").format(chars)
        tell_exported(self.editor, tr("meetings", "导出完成"),
                      tr("meetings", "已导出 {0} 页：\n{1}").format(result.pages, result.path) + note, result.path)

    def _export_failed(self, error: BaseException) -> None:
        self.editor.banner.setText(tr("meetings", "PDF 没有生成：") + message_for(error))
        self.editor.banner.setStyleSheet(styles.banner("error"))
        self.editor.banner.show()
        show_error(self.editor, error, tr("meetings", "无法生成 PDF"))

    @property
    def previews(self) -> list:
        return self.previewer.shown

    def preview(self, which: str = "record", preset: str | None = None) -> bool:
        """Show the paper (saved first, as for an export) with 打印 and 另存为 PDF (into the
        exports folder, under its Chinese name); its temporary file goes when it closes."""
        paper = self._paper(which, preset)
        if paper is None:
            return False
        title = f"{self.editor.basic.title.text()} {PAPERS[which]}"
        return self.previewer.open(title, self._file_name(which) + ".pdf", paper_renderer(paper))


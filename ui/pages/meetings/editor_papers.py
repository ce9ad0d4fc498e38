"""The papers of the meeting open in the editor: preview (then print), and export to
a PDF file. Rendering runs in a worker thread; the paper is built from plain data first."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject

from branchdesk import export_names
from branchdesk.errors import BranchDeskError
from branchdesk.fileio import make_private_folder
from branchdesk.meetings.papers import PAPERS, paper_for

from ...errors import message_for, show_error
from ...text import tr
from ...toolkit import styles
from ...toolkit.exporting import ask_export_path, tell_exported
from ...workers import run_in_background
from .preview import PdfPreview


class PaperActions(QObject):
    def __init__(self, editor):
        super().__init__(editor)
        self.editor = editor
        self.previews: list[PdfPreview] = []
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
            lambda report: render(paper, path, progress=lambda page: report(page, 0, _laid_out(page))),
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

    def preview(self, which: str = "record", preset: str | None = None) -> bool:
        """Write the paper into the previews folder (emptied as each preview closes), then
        show it with 打印 and 另存为 PDF (into the exports folder, under its Chinese name)."""
        archive = self.editor.archive
        folder = previews_folder(archive)
        target = folder / f"meeting-{self.editor.meeting_id}-{which}.pdf"
        title = f"{self.editor.basic.title.text()} {PAPERS[which]}"
        name = self._file_name(which) + ".pdf"
        return self.export_pdf(which, str(target), preset,
                               then=lambda result: self.show_preview(result.path, title, name))

    def show_preview(self, path: Path, title: str, file_name: str = "") -> PdfPreview:
        dialog = PdfPreview(path, title, self.editor, archive=self.editor.archive, file_name=file_name)
        dialog.finished.connect(lambda _result, shown=Path(path): _forget_preview(shown))
        self.previews = [p for p in self.previews if p.isVisible()] + [dialog]
        dialog.show()
        return dialog


def previews_folder(archive) -> Path:
    """Where previews are written: inside the archive (owner-only, like the records), apart
    from the exports the user keeps; elsewhere when the archive cannot be written."""
    folder = archive.layout.previews
    try:
        make_private_folder(folder)
    except OSError:  # a write-protected stick: the system's temporary folder (owner-only too)
        return Path(tempfile.mkdtemp(prefix="branchdesk-preview-"))
    return folder


def _forget_preview(path: Path) -> None:
    """A closed preview's file is not an export: removed (a file still open elsewhere stays)."""
    with contextlib.suppress(OSError):
        path.unlink()


def _laid_out(page: int) -> str:
    return tr("meetings", "已排版 {0} 页").format(page)

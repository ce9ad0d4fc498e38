"""「预览 / 打印…」 for any paper: its PDF is written into a temporary file by a worker
(progress after 0.5 s, 取消; the window stays free), then shown in :class:`PdfPreview`
with 打印 and 另存为 PDF. The file is not an export: it is removed when the preview closes
(or the work fails or is cancelled), and what a power cut left behind in the archive's
``previews/`` folder is swept at the next writable open (branchdesk/safety/leftovers.py).

A page holds one :class:`PaperPreviews` and gives it, per paper, a title, the Chinese
file name 另存为 PDF suggests, and a function that writes the paper's PDF to a path."""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from branchdesk.fileio import make_private_folder

from ..errors import show_error
from ..text import tr
from ..workers import run_in_background
from .pdf_preview import PdfPreview

log = logging.getLogger("branchdesk.ui")

# Writes the paper's PDF to the path, reporting through the worker's ``report(done, total,
# text)`` (which raises when 取消 was pressed).
Report = Callable[[int, int, str], None]
RenderPaper = Callable[[Path, Report], object]
# The system's temporary folder is used only when the archive's cannot be written.
SYSTEM_TEMP_PREFIX = "branchdesk-preview-"
PREVIEW_PREFIX = "preview-"


def previews_folder(archive) -> Path:
    """Where previews are written: inside the archive (owner-only, like the records), apart
    from the exports the user keeps; the system's temporary folder (owner-only too) when the
    archive is opened read-only (another copy of the program may be sweeping its folder) or
    its folder cannot be written (a write-protected stick)."""
    if not getattr(archive, "read_only", False):
        folder = archive.layout.previews
        try:
            make_private_folder(folder)
            return folder
        except OSError as error:
            log.warning("previews folder %s not writable: %s", folder, error)
    return Path(tempfile.mkdtemp(prefix=SYSTEM_TEMP_PREFIX))


def new_preview_file(folder: Path) -> Path:
    """A free name in ``folder``: two previews of the same paper never share a file."""
    handle, name = tempfile.mkstemp(prefix=PREVIEW_PREFIX, suffix=".pdf", dir=folder)
    os.close(handle)
    return Path(name)


def forget_preview(path: Path) -> None:
    """A closed preview's file is not an export: removed (a file still open elsewhere
    stays), with the system temporary folder made for it."""
    with contextlib.suppress(OSError):
        path.unlink()
    if path.parent.name.startswith(SYSTEM_TEMP_PREFIX):
        with contextlib.suppress(OSError):
            path.parent.rmdir()


def pages_laid_out(report: Report) -> Callable[[int], None]:
    """The ``progress(pages)`` of branchdesk.papers.render, told to the progress dialog."""
    return lambda pages: report(pages, 0, tr("preview", "已排版 {0} 页").format(pages))


def paper_renderer(paper) -> RenderPaper:
    """Writing a laid-out paper (branchdesk.papers.Paper), read from the records beforehand."""
    def render_paper(path: Path, report: Report):
        from branchdesk.papers import render

        return render(paper, path, progress=pages_laid_out(report))

    return render_paper


class PaperPreviews(QObject):
    """The previews one page opens. ``shown`` lists the dialogs still open (the newest
    last); ``last_error`` is what stopped the last preview, if anything did."""

    def __init__(self, page: QWidget, archive_of: Callable[[], object] | None = None):
        super().__init__(page)
        self.page = page
        self._archive_of = archive_of or (lambda: page.archive)
        self.shown: list[PdfPreview] = []
        self.last_error: BaseException | None = None
        self.job = None

    def open(self, title: str, file_name: str, render: RenderPaper, db=None) -> bool:
        """Write the paper with ``render(path, report)`` in a worker (on ``db``'s connection when given:
        work that queries the records), then show it. ``title`` names it in the dialog's
        title bar; ``file_name`` is what 另存为 PDF suggests in the exports folder."""
        archive = self._archive_of()
        try:
            target = new_preview_file(previews_folder(archive))
        except OSError as error:
            show_error(self.page, error, tr("preview", "无法预览"))
            return False
        self.last_error = None
        state = {"shown": False}

        def work(report):
            return render(target, report)

        def succeeded(_result) -> None:
            state["shown"] = True
            self.show(target, title, file_name)

        def finished() -> None:
            if not state["shown"]:  # failed or cancelled: nothing to show, nothing kept
                forget_preview(target)

        self.job = run_in_background(self.page, tr("preview", "正在生成预览…"), work, succeeded, self._failed,
                                     db=db, on_finished=finished)
        return True

    def show(self, path: Path, title: str, file_name: str = "") -> PdfPreview:
        dialog = PdfPreview(path, title, self.page, archive=self._archive_of(), file_name=file_name)
        dialog.finished.connect(lambda _result, shown=Path(path): forget_preview(shown))
        self.shown = [p for p in self.shown if p.isVisible()] + [dialog]
        dialog.show()
        return dialog

    def _failed(self, error: BaseException) -> None:
        self.last_error = error
        show_error(self.page, error, tr("preview", "无法预览"))

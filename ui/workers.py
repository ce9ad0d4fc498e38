"""Slow work off the GUI thread: a QRunnable that reports progress, success and failure
through signals, and a progress dialog that appears only if the work takes a while.

The work function receives a ``progress(done, total, text)`` callable; raising
``Cancelled`` from it (the dialog's 取消 does that on the next call) stops the work.
The work never touches widgets; results come back through signals on the GUI thread."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from branchdesk.storage.binding import bound_to

from .text import tr

SHOW_AFTER_MS = 500
# Jobs under way (only so Python does not collect them while a thread runs them).
_RUNNING: set = set()


class Cancelled(Exception):
    """The user pressed 取消."""


class _Signals(QObject):
    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object, str)  # the exception and its formatted traceback
    finished = Signal()


class Job(QRunnable):
    def __init__(self, work: Callable[[Callable[[int, int, str], None]], object], db=None):
        super().__init__()
        self.setAutoDelete(False)
        self.signals = _Signals()
        self._work = work
        self._db = db
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def _report(self, done: int, total: int, text: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self.signals.progress.emit(done, total, text)

    def run(self) -> None:
        try:
            if self._db is not None:
                # Each thread has its own connection, closed when the work ends; model
                # queries in the work run on this archive's database.
                with self._db.connection_context(), bound_to(self._db):
                    result = self._work(self._report)
            else:
                result = self._work(self._report)
        except BaseException as error:  # reported to the GUI thread, never lost
            self.signals.failed.emit(error, "".join(traceback.format_exception(error)))
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.signals.finished.emit()


def run_in_background(
    parent: QWidget,
    title: str,
    work: Callable,
    on_success: Callable[[object], None],
    on_failure: Callable[[BaseException], None],
    db=None,
    cancellable: bool = True,
    on_finished: Callable[[], None] | None = None,
) -> Job:
    """Start ``work`` in the global thread pool with a progress dialog shown after 0.5 s.
    ``on_finished`` runs after success, failure or cancel (connected before the job
    starts: a job may end before this function returns)."""
    job = Job(work, db)
    dialog = QProgressDialog(title, tr("workers", "取消") if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.canceled.connect(job.cancel)

    def show_progress(done: int, total: int, text: str) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)
        if text:
            dialog.setLabelText(text)

    def finish() -> None:
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()

    def failed(error: BaseException, details: str) -> None:
        if not isinstance(error, Cancelled):
            on_failure(error)

    job.signals.progress.connect(show_progress)
    job.signals.succeeded.connect(on_success)
    job.signals.failed.connect(failed)
    job.signals.finished.connect(finish)
    if on_finished is not None:
        job.signals.finished.connect(on_finished)
    # The pool does not own a job that is not auto-deleted: keep it alive until it ends.
    _RUNNING.add(job)
    job.signals.finished.connect(lambda: _RUNNING.discard(job))
    QThreadPool.globalInstance().start(job)
    return job

"""Slow work off the GUI thread: a QRunnable in the global QThreadPool that reports
progress, success and failure through signals (delivered on the GUI thread). The work
function never touches widgets; a progress dialog appears only if it takes > 0.5 s."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from .text import tr

SHOW_PROGRESS_AFTER_MS = 500


class Cancelled(Exception):
    """Raised inside the work function when the user pressed 取消."""


class _Signals(QObject):
    progress = Signal(int)
    finished = Signal(object)
    failed = Signal(object)


class Job(QRunnable):
    """``work(progress)`` runs in a pool thread; ``progress(n)`` may be called from it
    and raises Cancelled once the user cancelled."""

    def __init__(self, work: Callable[[Callable[[int], None]], object]):
        super().__init__()
        self.setAutoDelete(False)
        self.signals = _Signals()
        self._work = work
        self.cancelled = False

    def _progress(self, value: int) -> None:
        if self.cancelled:
            raise Cancelled()
        self.signals.progress.emit(int(value))

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except BaseException as error:  # noqa: BLE001 - every failure goes back to the GUI thread
            self.signals.failed.emit(error)
            return
        self.signals.finished.emit(result)


class JobRunner(QObject):
    """Runs jobs for one widget and keeps them referenced until they end."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self._parent = parent
        self._jobs: set[Job] = set()

    def start(
        self,
        work: Callable[[Callable[[int], None]], object],
        on_done: Callable[[object], None],
        on_error: Callable[[BaseException], None],
        label: str,
        maximum: int = 0,
    ) -> Job:
        job = Job(work)
        dialog = QProgressDialog(label, tr("worker", "取消"), 0, maximum, self._parent)
        dialog.setWindowTitle(tr("worker", "请稍候"))
        dialog.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(lambda: setattr(job, "cancelled", True))
        job.signals.progress.connect(lambda n: dialog.setValue(min(n, dialog.maximum()) if dialog.maximum() else 0))

        def finish(callback, value):
            self._jobs.discard(job)
            dialog.reset()
            dialog.deleteLater()
            if isinstance(value, Cancelled):
                return
            callback(value)

        job.signals.finished.connect(lambda result: finish(on_done, result))
        job.signals.failed.connect(lambda error: finish(on_error, error))
        self._jobs.add(job)
        QThreadPool.globalInstance().start(job)
        return job

    def busy(self) -> bool:
        return bool(self._jobs)

"""Background jobs report progress, results and failures on the GUI thread."""

import threading

from PySide6.QtWidgets import QWidget

from branchdesk.errors import StorageError
from ui.workers import _RUNNING, run_in_background


def test_work_runs_off_the_gui_thread_and_reports_back(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen = {}

    def work(progress):
        seen["thread"] = threading.current_thread()
        for step in range(3):
            progress(step + 1, 3, f"第 {step + 1} 步")
        return "完成"

    results, errors = [], []
    run_in_background(parent, "测试", work, results.append, errors.append)
    qtbot.waitUntil(lambda: bool(results or errors), timeout=5000)
    seen["result"], seen["errors"] = results, errors
    assert seen["thread"] is not threading.main_thread()
    assert seen["result"] == ["完成"] and seen["errors"] == []


def test_failures_and_cancel_reach_the_caller(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    errors, results = [], []

    def failing(progress):
        raise StorageError("磁盘已满")

    job = run_in_background(parent, "失败", failing, results.append, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert errors[0].message() == "磁盘已满" and results == []

    started = threading.Event()
    release = threading.Event()

    def long_work(progress):
        started.set()
        release.wait(5)
        progress(1, 2, "")  # raises Cancelled once 取消 was pressed
        return "不应到达"

    job = run_in_background(parent, "长任务", long_work, results.append, errors.append)
    assert started.wait(5)
    job.cancel()
    with qtbot.waitSignal(job.signals.finished, timeout=5000):
        release.set()
    qtbot.waitUntil(lambda: job not in _RUNNING, timeout=5000)
    assert results == [] and len(errors) == 1  # cancelling is not an error

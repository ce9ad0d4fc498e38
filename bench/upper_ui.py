"""First paint of the upper level's 汇总看板 and 支部档案 pages on a synthetic upper
archive of 100 branches × 3 years (the bundles come from bench/upper.py's generator),
each against a bare QTableView of the same row count painted in the same run.

"First paint" is from building the page (its queries included) to a finished
``grab()`` at 1100×720 less the navigation; the bare table gets a plain model with
the same rows and columns and no database. Rounds are interleaved, so load on the
shared machine hits both alike; medians and their ratio are printed.

Run: make bench   (or .venv/bin/python bench/upper_ui.py)"""

from __future__ import annotations

import importlib.util
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from branchdesk import clock
from branchdesk.archive import Archive

ROUNDS = 5
PAGE_SIZE = (960, 680)


def _upper_bench():
    """bench/upper.py as a module: its generator of 100 branches' bundles."""
    spec = importlib.util.spec_from_file_location("bench_upper", Path(__file__).with_name("upper.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _bare_model(rows: int, columns: int):
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

    class Bare(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()):
            return 0 if parent.isValid() else rows

        def columnCount(self, parent=QModelIndex()):
            return 0 if parent.isValid() else columns

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            return f"{index.row()}·{index.column()}" if role == Qt.ItemDataRole.DisplayRole else None

    return Bare()


def first_paint(build) -> float:
    start = time.perf_counter()
    widget = build()
    widget.resize(*PAGE_SIZE)
    widget.show()
    widget.grab()
    took = time.perf_counter() - start
    widget.close()
    widget.deleteLater()
    return took


def bare_table(rows: int, columns: int):
    from PySide6.QtWidgets import QTableView

    def build():
        view = QTableView()
        view.setModel(_bare_model(rows, columns))
        return view
    return build


def measure(archive) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.app import make_application
    from ui.pages.upper.browser import BrowserPage
    from ui.pages.upper.dashboard import DashboardPage

    app = make_application()
    probe = DashboardPage(archive)
    dash_rows, dash_columns = probe.model.rowCount(), probe.model.columnCount()
    probe.deleteLater()
    branches = len(archive.upper.branches())
    first_paint(lambda: DashboardPage(archive))  # warm: fonts, styles, the database's cache
    first_paint(lambda: BrowserPage(archive))
    first_paint(bare_table(dash_rows, dash_columns))
    times: dict[str, list[float]] = {"dashboard": [], "bare_dashboard": [], "browser": [], "bare_browser": [],
                                     "query": []}
    for _ in range(ROUNDS):
        times["bare_dashboard"].append(first_paint(bare_table(dash_rows, dash_columns)))
        times["dashboard"].append(first_paint(lambda: DashboardPage(archive)))
        times["bare_browser"].append(first_paint(bare_table(branches, 1)))
        times["browser"].append(first_paint(lambda: BrowserPage(archive)))
        QApplication.processEvents()
        start = time.perf_counter()
        archive.upper.dashboard(clock.today().year)
        times["query"].append(time.perf_counter() - start)
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"dashboard first paint ({dash_rows} rows × {dash_columns} columns, year {clock.today().year}): "
          f"{med['dashboard'] * 1000:.0f} ms; bare QTableView {med['bare_dashboard'] * 1000:.0f} ms; "
          f"ratio {med['dashboard'] / med['bare_dashboard']:.1f} (of which the dashboard query alone "
          f"{med['query'] * 1000:.0f} ms)")
    print(f"browser first paint ({branches} branches, first year/category/record): {med['browser'] * 1000:.0f} ms; "
          f"bare QTableView of {branches} rows {med['bare_browser'] * 1000:.0f} ms; "
          f"ratio {med['browser'] / med['bare_browser']:.1f}")
    del app


def main() -> None:
    upper_bench = _upper_bench()
    work = Path(tempfile.mkdtemp(prefix="bench-upper-ui-"))
    try:
        start = time.perf_counter()
        bundles = upper_bench.make_bundles(work)
        print(f"made {len(bundles)} bundles in {time.perf_counter() - start:.0f} s")
        archive = Archive.open(work / "upper")
        archive.upper.create("基准镇党委")
        for path, card, fingerprint in bundles:
            archive.upper.enrol(card, fingerprint)
            archive.upper.import_bundle(path, backup=False)
        try:
            measure(archive)
        finally:
            archive.close(auto_backup=False)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

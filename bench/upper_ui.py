"""First paint of the upper level's 汇总看板 and 支部档案 pages on a synthetic upper
archive of N branches × 3 years (default 100; re-keyed demo bundles from
bench/_upper_bundles.py, imported in this process), each against a bare QTableView of the
same row and column count painted in the same run (goal: within 2x, issue 18).

"First paint" is from building the page (its queries included) to a finished
``grab()`` at 960×680; the bare table gets a plain model with the same rows and columns
and no database. Page and bare table alternate A B, then B A, … (bench/_alternate.py);
medians, spread and the ratio are printed. The dashboard page against its plain SQL and
at 300 branches is bench/dashboard.py's.

Run: make bench   (or .venv/bin/python bench/upper_ui.py [--branches 100] [--rounds 7])"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _alternate import alternate_measured, machine_load, report

from branchdesk import clock
from branchdesk.archive import Archive

PAGE_SIZE = (960, 680)


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


def bare_browser(probe):
    """The 支部档案 page's layout in bare widgets, filled with as many plain rows as
    ``probe`` (a BrowserPage) shows and its record's text: no database, no queries."""
    from PySide6.QtCore import QStringListModel
    from PySide6.QtWidgets import (
        QListView,
        QSplitter,
        QTableView,
        QTextBrowser,
        QVBoxLayout,
        QWidget,
    )

    counts = [model.rowCount() for model in (probe.branch_model, probe.year_model, probe.category_model)]
    records, text = probe.record_model.rowCount(), probe.detail.toHtml()

    def build():
        left = QWidget()
        column = QVBoxLayout(left)
        for count in counts:
            view = QListView()
            view.setModel(QStringListModel([f"第{n}项" for n in range(count)], view))
            column.addWidget(view)
        table = QTableView()
        table.setModel(_bare_model(records, 3))
        detail = QTextBrowser()
        detail.setHtml(text)
        splitter = QSplitter()
        for part in (left, table, detail):
            splitter.addWidget(part)
        return splitter
    return build


def measure(archive, rounds: int) -> None:
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
    print(f"汇总看板 page, first paint ({dash_rows} rows × {dash_columns} columns, year {clock.today().year}):")
    a, b = alternate_measured(lambda: first_paint(lambda: DashboardPage(archive)),
                              lambda: first_paint(bare_table(dash_rows, dash_columns)), rounds)
    report("DashboardPage built, queried, painted", a, "bare QTableView, same rows", b, goal="within 2x")
    probe = BrowserPage(archive)
    bare = bare_browser(probe)
    records = probe.record_model.rowCount()
    probe.deleteLater()
    first_paint(bare)
    print(f"支部档案 page, first paint ({branches} branches, first year/category, {records} records, one shown):")
    a, b = alternate_measured(lambda: first_paint(lambda: BrowserPage(archive)), lambda: first_paint(bare), rounds)
    report("BrowserPage built, queried, painted", a, "bare lists, table and text of the same rows", b,
           goal="within 2x")
    del app


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--branches", type=int, default=100, help="branches in the upper archive")
    options.add_argument("--rounds", type=int, default=7, help="timings of each, alternated")
    args = options.parse_args()
    from _upper_bundles import BASES, base_bundles, rekeyed

    print(machine_load())
    work = Path(tempfile.mkdtemp(prefix="bench-upper-ui-"))
    try:
        start = time.perf_counter()
        bases = base_bundles(work, min(BASES, args.branches))  # fewer demos for a quick run of 1-3 branches
        (work / "bundles").mkdir()
        bundles = [rekeyed(bases[n % len(bases)], n + 1, work / "bundles") for n in range(args.branches)]
        archive = Archive.open(work / "upper")
        archive.upper.create("基准镇党委")
        for path, card, fingerprint in bundles:
            archive.upper.enrol(card, fingerprint)
            archive.upper.import_bundle(path)
        print(f"made and imported {len(bundles)} bundles in {time.perf_counter() - start:.0f} s (not timed)")
        try:
            measure(archive, args.rounds)
        finally:
            archive.close(auto_backup=False)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

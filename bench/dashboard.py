"""The upper level's 汇总看板 at 300 branches, against what a user could write by hand,
alternated A/B over rounds (bench/_alternate.py), medians and spread:

* ``query``: ``archive.upper.dashboard(year)`` (one row per branch × month, periods,
  states, what is missing, Python rows) against a hand-written ``GROUP BY`` over the
  same fact tables (meetings per branch × month × kind, the year's facts, 党费 per
  month, open and overdue 整改 items) fetched whole — on SQLite and on PostgreSQL
  (goal: within 3×); on SQLite also by this process's CPU time (on PostgreSQL the work is
  the server's);
* ``page``: the 汇总看板 page's first paint (building the page, its query included,
  to a finished ``grab()``) against a bare QTableView of the same rows and columns
  (goal: within 2×);
* ``pdf``: the dashboard's PDF of 3,600 rows against plain reportlab drawing the same
  table in the same text block (wall time, CPU time and peak memory, each in its own
  process; goal: within 2×).

The 300 branches are made quickly: three demo branches (different dates) write real
bundles that an upper archive imports; then each of the other branches is a copy of
one of them, its fact rows inserted with plain SQL under a new name and code.

PostgreSQL: BRANCHDESK_TEST_PG_URL, or run under tools/with-postgres.
Run: .venv/bin/python bench/dashboard.py [--part query|page|pdf] [--rounds 9] [--branches 300]"""

from __future__ import annotations

import argparse
import datetime as dt
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

from _alternate import alternate, machine_load, report

from branchdesk import clock
from branchdesk.archive import Archive
from branchdesk.storage.database import is_postgres

BASES = 3
FACT_TABLES = {  # copied per bench branch: table -> its columns besides id and branch_id
    "upper_meeting": "record_id, year, month, kind, group_key, day, state, held",
    "upper_group": "source_id, name",
    "upper_ledger_item": "record_id, year, created_on, deadline, closed_on",
    "upper_year": "year, life_held, life_on, appraisal_done, appraisal_on, inspection_total_x10, inspection_grade, "
                  "inspection_on",
    "upper_dues_month": "year, month, due_fen, paid_fen, unpaid, handed_fen",
}
BRANCH_COLUMNS = ("kind, public_key, confirmed_from_paper, enrolled_at, enrolled_by, freq_general, freq_committee, "
                  "freq_group, freq_lecture, freq_theme_day, frequencies_from_branch, start_ym")


def base_bundles(work: Path) -> list[tuple[Path, Path, str]]:
    """(bundle, key card, fingerprint) of BASES demo branches, records only."""
    from branchdesk.branch import BranchInfo
    from branchdesk.bundle import writer as bundle_writer
    from branchdesk.demo import build_demo

    bundle_writer.make_year_papers = lambda *args, **kwargs: ([], {})
    out = work / "bundles"
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for n in range(BASES):
        archive = Archive.open(work / f"base{n}", auto_backup=False)
        build_demo(archive, today=clock.today() - dt.timedelta(days=91 * n))
        own = archive.branch.own()
        archive.branch.save_own(BranchInfo(name=f"第{n + 1}村党支部", kind=own.kind, code=f"B{n + 1:04d}",
                                           higher_org=own.higher_org, term_started_on=own.term_started_on))
        identity = archive.branch_key.ensure()
        card = archive.branch_key.export_public_key(work / f"card{n}.txt")
        made.append((bundle_writer.write_bundle(archive, out).path, card, identity.fingerprint))
        archive.close(auto_backup=False)
    return made


def build_upper(folder: Path, url: str | None, bundles, branches: int):
    """An upper archive of ``branches`` branches: the bases imported, the rest copied."""
    archive = Archive.open(folder, url, auto_backup=False)
    archive.upper.create("基准镇党委")
    for path, card, fingerprint in bundles:
        archive.upper.enrol(card, fingerprint)
        archive.upper.import_bundle(path)
    db = archive.db
    bases = [row[0] for row in db.execute_sql("SELECT id FROM upper_branch ORDER BY id").fetchall()]
    p = db.param
    with db.atomic():
        for n in range(len(bases), branches):
            base = bases[n % len(bases)]
            db.execute_sql(
                f"INSERT INTO upper_branch (branch_uid, name, code, fingerprint, {BRANCH_COLUMNS}) "
                f"SELECT {p}, {p}, {p}, {p}, {BRANCH_COLUMNS} FROM upper_branch WHERE id = {p}",
                (f"bench-{n:05d}", f"第{n + 1}村党支部", f"B{n + 1:04d}", f"bench-fp-{n:05d}", base))
            new_id = db.execute_sql(f"SELECT id FROM upper_branch WHERE branch_uid = {p}", (f"bench-{n:05d}",)).fetchone()[0]
            for table, columns in FACT_TABLES.items():
                db.execute_sql(f"INSERT INTO {table} (branch_id, {columns}) SELECT {p}, {columns} FROM {table} "
                               f"WHERE branch_id = {p}", (new_id, base))
    db.execute_sql("ANALYZE")  # the planner knows the tables' sizes, as after a season of imports
    return archive


def plain_group_by(db, year: int, as_of: dt.date) -> list[tuple]:
    """B: the same facts, grouped by hand (no periods, no states, no month grid)."""
    p = db.param
    day = as_of.isoformat()
    sql = f"""
SELECT b.id, b.name, b.code, mm.month, mm.general, mm.committee, mm.groups, mm.lecture, mm.theme_day,
       y.life_held, y.appraisal_done, y.inspection_total_x10, y.inspection_grade,
       d.due_fen, d.paid_fen, d.unpaid, d.handed_fen, l.open_items, l.overdue
FROM upper_branch b
JOIN (SELECT branch_id, month,
             SUM(CASE WHEN kind = 'general' THEN 1 ELSE 0 END) AS general,
             SUM(CASE WHEN kind = 'committee' THEN 1 ELSE 0 END) AS committee,
             COUNT(DISTINCT CASE WHEN kind = 'group' THEN group_key END) AS groups,
             SUM(CASE WHEN kind = 'lecture' THEN 1 ELSE 0 END) AS lecture,
             SUM(CASE WHEN kind = 'theme_day' THEN 1 ELSE 0 END) AS theme_day
      FROM upper_meeting WHERE year = {p} AND held GROUP BY branch_id, month) mm ON mm.branch_id = b.id
LEFT JOIN upper_year y ON y.branch_id = b.id AND y.year = {p}
LEFT JOIN upper_dues_month d ON d.branch_id = b.id AND d.year = {p} AND d.month = mm.month
LEFT JOIN (SELECT branch_id, COUNT(*) AS open_items, SUM(CASE WHEN deadline < {p} THEN 1 ELSE 0 END) AS overdue
           FROM upper_ledger_item WHERE created_on <= {p} AND (closed_on IS NULL OR closed_on > {p})
           GROUP BY branch_id) l ON l.branch_id = b.id
ORDER BY b.name, mm.month"""
    return db.execute_sql(sql, (year, year, year, day, day, day)).fetchall()


def bench_query(label: str, archive, rounds: int) -> None:
    year = clock.today().year - 1
    as_of = clock.today()
    rows = len(archive.upper.dashboard(year).rows)
    plain = len(plain_group_by(archive.db, year, as_of))
    cpu: dict[str, list[float]] = {"a": [], "b": []}

    def noting_cpu(side: str, action):
        def run():
            start = time.process_time()
            action()
            cpu[side].append(time.process_time() - start)
        return run

    a, b = alternate(noting_cpu("a", lambda: archive.upper.dashboard(year, today=as_of)),
                     noting_cpu("b", lambda: plain_group_by(archive.db, year, as_of)), rounds)
    print(f"{label}: dashboard of {year}, {rows} rows (the hand-written GROUP BY returns {plain}); {machine_load()}")
    report("archive.upper.dashboard(year)", a, "hand-written GROUP BY, fetched", b, "within 3x")
    if not is_postgres(archive.db):  # on PostgreSQL the work is the server's, outside this process
        print("  CPU time of this process (steadier than wall time on a shared machine):")
        report("archive.upper.dashboard(year)", cpu["a"], "hand-written GROUP BY, fetched", cpu["b"], "within 3x")


def bench_page(archive, rounds: int) -> None:
    """The 汇总看板 page's first paint against a bare QTableView showing the same table:
    the same cell texts (already in memory, as a hand-written viewer would hold them),
    headers, column widths, hidden column and row height, so both paint the same cells.
    Posted events (the page's follow-up load of the whole board, deleted widgets) are
    processed between measurements, outside both timings."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QApplication, QTableView
    from upper_ui import first_paint

    from ui.app import make_application
    from ui.pages.upper.dashboard import DashboardPage

    app = make_application()
    probe = DashboardPage(archive)
    rows, columns = probe.model.rowCount(), probe.model.columnCount()
    board = probe.model.board
    texts = [[probe.model.data(probe.model.index(r, c)) for c in range(columns)] for r in range(rows)]
    headers = [probe.model.headerData(c, Qt.Orientation.Horizontal) for c in range(columns)]
    table = probe.table
    widths = [table.columnWidth(c) for c in range(columns)]
    hidden = [c for c in range(columns) if table.isColumnHidden(c)]
    order = [table.horizontalHeader().logicalIndex(v) for v in range(columns)]
    height = table.verticalHeader().defaultSectionSize()
    probe.deleteLater()
    assert len(board.rows) == rows

    class _TextModel(QAbstractTableModel):
        """What a hand-written viewer would hold: the texts, nothing else."""

        def __init__(self, cells, labels):
            super().__init__()
            self.cells, self.labels = cells, labels

        def rowCount(self, parent=QModelIndex()):
            return 0 if parent.isValid() else len(self.cells)

        def columnCount(self, parent=QModelIndex()):
            return 0 if parent.isValid() else len(self.labels)

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            return self.cells[index.row()][index.column()] if role == Qt.ItemDataRole.DisplayRole else None

        def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
                return self.labels[section]
            return None

    def bare():
        view = QTableView()
        view.setModel(_TextModel(texts, headers))
        view.verticalHeader().setDefaultSectionSize(height)
        view.verticalHeader().hide()
        for column, width in enumerate(widths):
            view.setColumnWidth(column, width)
        for column in hidden:
            view.setColumnHidden(column, True)
        header = view.horizontalHeader()
        for visual, logical in enumerate(order):
            header.moveSection(header.visualIndex(logical), visual)
        return view

    for build in (lambda: DashboardPage(archive), bare):  # warm: fonts, styles, the database's cache
        first_paint(build)
        QApplication.processEvents()
    a, b = alternate(lambda: first_paint(lambda: DashboardPage(archive)), lambda: first_paint(bare), rounds,
                     between=QApplication.processEvents)
    print(f"汇总看板 page, first paint ({rows} rows × {columns} columns), SQLite:")
    report("DashboardPage built, queried, painted", a, "bare QTableView, same texts and widths", b, "within 2x")
    del app


def bench_pdf(archive, rounds: int) -> None:
    """The dashboard's PDF (3,600 rows) against plain reportlab drawing the same table
    (landscape A4, the bundled 宋体, a header row repeated on each page), each round in a
    fresh process: the time of the work (wall and CPU) and the process's peak memory."""
    import pickle
    import statistics
    import subprocess

    board = archive.upper.dashboard(clock.today().year - 1)
    folder = Path(tempfile.mkdtemp(prefix="bench-dashboard-pdf-"))
    try:
        source = folder / "board.pickle"
        source.write_bytes(pickle.dumps(board))
        runs: dict[str, list[tuple[float, float, float]]] = {"a": [], "b": []}

        def child(kind: str) -> None:
            out = subprocess.run([sys.executable, __file__, "--pdf-child", kind, str(source), str(folder / f"{kind}.pdf")],
                                 capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
            seconds, cpu, peak = out.stdout.split()
            runs[kind].append((float(seconds), float(cpu), float(peak)))

        alternate(lambda: child("a"), lambda: child("b"), rounds)
        pages = {k: _pages(folder / f"{k}.pdf") for k in ("a", "b")}
        print(f"dashboard PDF, {len(board.rows)} rows ({pages['a']} pages; plain reportlab {pages['b']} pages); "
              f"{machine_load()}:")
        report("upper.export_dashboard (paper engine, PDF/A)", [t for t, _, _ in runs["a"]],
               "plain reportlab, same table", [t for t, _, _ in runs["b"]], "within 2x")
        print("  CPU time of the same work in the child (steadier than wall time on a shared machine):")
        report("upper.export_dashboard (paper engine, PDF/A)", [c for _, c, _ in runs["a"]],
               "plain reportlab, same table", [c for _, c, _ in runs["b"]], "within 2x")
        peak_a = statistics.median(p for _, _, p in runs["a"])
        peak_b = statistics.median(p for _, _, p in runs["b"])
        print(f"  peak memory (median of {rounds}, whole process): A {peak_a:.0f} MiB, B {peak_b:.0f} MiB, "
              f"ratio {peak_a / peak_b:.2f}x; goal within 2x")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _pages(path: Path) -> int:
    import pikepdf

    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def _pdf_child(kind: str, source: Path, target: Path) -> None:
    """One export in this process; prints its seconds, its CPU seconds and the process's peak MiB."""
    import pickle
    import resource
    import time

    board = pickle.loads(source.read_bytes())
    start, cpu = time.perf_counter(), time.process_time()
    if kind == "a":
        from branchdesk.upper.dashboard_export import export

        class Upper:
            def organisation(self):
                return {"name": "基准镇党委", "code": ""}

        export(Upper(), board, target)
    else:
        _plain_reportlab(board, target)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(seconds, cpu, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _plain_reportlab(board, target: Path) -> None:
    """B: the same headers and cell texts in one reportlab Table with the same geometry
    (landscape A4, 1.5 cm margins, the bundled 宋体 8 pt on 11 pt, the same column
    weights and cell padding, the header row repeated; a text wider than its column wraps
    in a paragraph, as A's do — strings would run across the rules), no PDF/A."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        PageTemplate,
        Paragraph,
        Table,
        TableStyle,
    )

    from branchdesk.papers.fonts import BUNDLED, BUNDLED_DIR
    from branchdesk.upper.dashboard_export import PDF_CELL_PADDING, pdf_weights

    pdfmetrics.registerFont(TTFont("Song", str(BUNDLED_DIR / BUNDLED["uming"][0])))
    pad_h, pad_v = PDF_CELL_PADDING
    width = landscape(A4)[0] - 3 * cm
    texts = [[row.text(c.key) for c in board.columns] for row in board.rows]
    weights = pdf_weights(board, texts)  # the same columns as A's
    wrapped = ParagraphStyle("cell", fontName="Song", fontSize=8, leading=11, wordWrap="CJK")
    widths = [width * w / sum(weights) for w in weights]

    def cell(text: str, column: int):
        """A string, or a wrapping paragraph when the text is wider than its column (as A
        wraps it: text never runs across the rules)."""
        fits = pdfmetrics.stringWidth(text, "Song", 8) <= widths[column] - 2 * pad_h
        return text if fits else Paragraph(text, wrapped)

    data = [[cell(c.label, n) for n, c in enumerate(board.columns)]] + [
        [cell(row.text(c.key), n) for n, c in enumerate(board.columns)] for row in board.rows]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "Song", 8, 11), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("TOPPADDING", (0, 0), (-1, -1), pad_v), ("BOTTOMPADDING", (0, 0), (-1, -1), pad_v),
                               ("LEFTPADDING", (0, 0), (-1, -1), pad_h), ("RIGHTPADDING", (0, 0), (-1, -1), pad_h)]))
    # A's text block: the margins' rectangle itself (SimpleDocTemplate's frame would pad it by
    # 6 pt on each side, a row less per page: 125 pages against A's 121, more work for B)
    doc = BaseDocTemplate(str(target), pagesize=landscape(A4), leftMargin=1.5 * cm, rightMargin=1.5 * cm,
                          topMargin=1.5 * cm, bottomMargin=1.5 * cm + 0.8 * cm)
    doc.addPageTemplates([PageTemplate(frames=[Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height,
                                                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)])])
    doc.build([table])


def postgres_url() -> str | None:
    return os.environ.get("BRANCHDESK_TEST_PG_URL") or None


def with_postgres_database(work: Path, bundles, branches: int, action) -> None:
    import psycopg

    base = postgres_url()
    name = f"bd_bench_dashboard_{os.getpid()}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    try:
        archive = build_upper(work / "upper-pg", base.rpartition("/")[0] + "/" + name, bundles, branches)
        try:
            action(archive)
        finally:
            archive.close(auto_backup=False)
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def main() -> None:
    if "--pdf-child" in sys.argv:
        at = sys.argv.index("--pdf-child")
        _pdf_child(sys.argv[at + 1], Path(sys.argv[at + 2]), Path(sys.argv[at + 3]))
        return
    options = argparse.ArgumentParser()
    options.add_argument("--part", choices=("query", "page", "pdf", "all"), default="all")
    options.add_argument("--rounds", type=int, default=9)
    options.add_argument("--branches", type=int, default=300)
    args = options.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-dashboard-"))
    try:
        bundles = base_bundles(work)
        archive = build_upper(work / "upper-sqlite", None, bundles, args.branches)
        try:
            if args.part in ("query", "all"):
                bench_query(f"SQLite, {args.branches} branches", archive, args.rounds)
            if args.part in ("page", "all"):
                bench_page(archive, args.rounds)
            if args.part in ("pdf", "all"):
                bench_pdf(archive, min(args.rounds, 5))
        finally:
            archive.close(auto_backup=False)
        if args.part in ("query", "all"):
            if postgres_url():
                with_postgres_database(work, bundles, args.branches, lambda upper: bench_query(
                    f"PostgreSQL, {args.branches} branches", upper, args.rounds))
            else:
                print("PostgreSQL: no server (set BRANCHDESK_TEST_PG_URL or run under tools/with-postgres)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

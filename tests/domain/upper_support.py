"""Two demo branches that write real bundles (one encrypted), their public-key cards and
fingerprints, and their TRUE figures counted with plain SQL straight from each branch's
own database — never through the upper level's code."""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import shutil
import sqlite3
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from branchdesk import clock
from branchdesk.archive import Archive
from branchdesk.branch import BranchInfo
from branchdesk.bundle import writer as bundle_writer

PASSWORD = "镇党委2025收"
HELD = ("held", "final", "reported")
KINDS = ("general", "committee", "lecture", "theme_day")


@dataclass
class DemoBranch:
    name: str
    code: str
    folder: Path
    card: Path
    fingerprint: str
    bundles: list[Path] = field(default_factory=list)  # sequence 1, 2, …
    password: str | None = None

    def query(self, sql: str, params=()) -> list[tuple]:
        conn = sqlite3.connect(f"file:{self.folder / 'branchdesk.sqlite3'}?mode=ro", uri=True)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    # -- the true figures, from the branch's own tables --------------------------------
    def current_meetings(self) -> list[tuple]:
        return self.query(
            "SELECT id, kind, also_counts, COALESCE(held_on, planned_on), state, group_id FROM meeting "
            "WHERE id NOT IN (SELECT original_id FROM record_revision WHERE record_table = 'meeting')"
        )

    def held_in_month(self, year: int, month: int, kind: str) -> int:
        """Held meetings of ``kind`` (also those that also count as it) in the month; for
        党小组会 the number of groups that held one."""
        prefix = f"{year}-{month:02d}-"
        rows = [r for r in self.current_meetings() if str(r[3]).startswith(prefix) and r[4] in HELD]
        if kind == "group":
            return len({r[5] for r in rows if r[1] == "group"})
        return sum(1 for r in rows if r[1] == kind or kind in (r[2] or "").split(","))

    def ledger(self, day: dt.date) -> tuple[int, int]:
        text = day.isoformat()
        open_ = self.query("SELECT COUNT(*) FROM rectification_item WHERE created_on <= ? "
                           "AND (closed_on IS NULL OR closed_on > ?)", (text, text))[0][0]
        overdue = self.query("SELECT COUNT(*) FROM rectification_item WHERE created_on <= ? "
                             "AND (closed_on IS NULL OR closed_on > ?) AND deadline < ?", (text, text, text))[0][0]
        return open_, overdue

    def life_held(self, year: int) -> bool:
        return bool(self.query(
            "SELECT COUNT(*) FROM life_cycle c JOIN meeting m ON m.id = c.meeting_id WHERE c.year = ? "
            "AND m.state IN ('held', 'final', 'reported') AND c.id NOT IN "
            "(SELECT original_id FROM record_revision WHERE record_table = 'life_cycle')", (year,))[0][0])

    def appraisal_done(self, year: int) -> bool:
        return bool(self.query(
            "SELECT COUNT(*) FROM appraisal WHERE year = ? AND state IN ('final', 'reported') AND id NOT IN "
            "(SELECT original_id FROM record_revision WHERE record_table = 'appraisal')", (year,))[0][0])


    def latest_inspection(self, year: int) -> tuple[int | None, str]:
        """The year's latest finished 目标管理 inspection: (total in tenths, grade)."""
        rows = self.query(
            "SELECT total_x10, grade FROM target_inspection WHERE year = ? AND state IN ('final', 'reported') "
            "AND total_x10 IS NOT NULL AND id NOT IN "
            "(SELECT original_id FROM record_revision WHERE record_table = 'target_inspection') "
            "ORDER BY inspected_on DESC, period_no DESC, id DESC LIMIT 1", (year,))
        return rows[0] if rows else (None, "")


def month_day(year: int, month: int, as_of: dt.date) -> dt.date:
    return min(dt.date(year, month, calendar.monthrange(year, month)[1]), as_of)


def _make_branch(templates, root: Path, name: str, code: str, today: dt.date, bundles: int, password: str | None,
                 paper_year: int | None = None) -> DemoBranch:
    folder, _ = templates.copy(root / code, "sqlite", "demo", today)  # build_demo(archive, today=today)
    archive = Archive.open(folder, auto_backup=False)
    try:
        own = archive.branch.own()
        archive.branch.save_own(BranchInfo(name=name, kind=own.kind, code=code, higher_org=own.higher_org,
                                           founded_on=own.founded_on, term_started_on=own.term_started_on,
                                           committee=own.committee))
        identity = archive.branch_key.ensure()
        card = archive.branch_key.export_public_key(root / f"card-{code}.txt")
        out = root / f"out-{code}"
        out.mkdir()
        made = DemoBranch(name, code, folder, card, identity.fingerprint, password=password)
        for index in range(bundles):
            with _papers_only_for(paper_year if index == 0 else None):
                made.bundles.append(bundle_writer.write_bundle(archive, out, password=password).path)
    finally:
        archive.close(auto_backup=False)
    return made


@contextlib.contextmanager
def _papers_only_for(year: int | None):
    """Yearly archive PDFs take ~20 s each: the bundles carry one (``year``) or none."""
    real = bundle_writer.make_year_papers

    def some(archive, years, *args, **kwargs):
        return real(archive, [y for y in years if y == year], *args, **kwargs)

    bundle_writer.make_year_papers = some
    try:
        yield
    finally:
        bundle_writer.make_year_papers = real


def make_demo_branches(templates, root: Path) -> tuple[DemoBranch, DemoBranch]:
    """前进村 (three plain bundles: sequence 1, 2, 3; the first carries last year's archive
    PDF) and 红旗社区 (one encrypted bundle), made from the demo with different dates so
    their figures differ. The ``demo_branches`` fixture (tests/conftest.py) makes them once
    per test run."""
    today = clock.today()
    first = _make_branch(templates, root, "前进村党支部", "330523-0117", today, 3, None, paper_year=today.year - 1)
    second = _make_branch(templates, root, "红旗社区党支部", "330523-0245", today - dt.timedelta(days=137), 1, PASSWORD)
    return first, second


def relocated(branches: tuple[DemoBranch, ...], source: Path, dest: Path) -> tuple[DemoBranch, ...]:
    """The branches copied from the folder ``source`` into ``dest``, naming their new files."""
    shutil.copytree(source, dest, dirs_exist_ok=True)

    def moved(path: Path) -> Path:
        return dest / path.relative_to(source)

    return tuple(replace(b, folder=moved(b.folder), card=moved(b.card), bundles=[moved(p) for p in b.bundles])
                 for b in branches)


@pytest.fixture
def upper_archive(empty_archive):
    empty_archive.upper.create("某某镇党委", "330523")
    return empty_archive


def import_both(archive, branches) -> None:
    """Both demo branches enrolled and their first bundles imported."""
    first, second = branches
    for branch in branches:
        archive.upper.enrol(branch.card, branch.fingerprint)
    archive.upper.import_bundle(first.bundles[0])
    archive.upper.import_bundle(second.bundles[0], password=PASSWORD)


def table_contents(archive) -> dict[str, list[tuple]]:
    """Every upper table, the audit log and the settings, row by row: to prove that a
    refused or repeated import changed nothing."""
    db = archive.db
    tables = [t for t in db.get_tables() if t.startswith("upper_")] + ["audit_log", "setting"]
    return {t: [tuple(map(str, r)) for r in db.execute_sql(f"SELECT * FROM {t} ORDER BY 1").fetchall()] for t in tables}

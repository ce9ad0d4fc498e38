"""``archive.upper``: the facade of the upper level. Every method except ``create`` and
the mode facts refuses on a branch archive with a clear Chinese message (WrongMode)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from .. import clock
from ..storage.binding import ArchiveBound
from . import mode as mode_mod
from .model import EnrolledBranch, EnrolResult, ImportResult


class UpperManager(ArchiveBound):
    def __init__(self, archive):
        self._archive = archive

    # -- mode ------------------------------------------------------------------
    @property
    def is_upper(self) -> bool:
        return mode_mod.mode_of(self._archive) == mode_mod.UPPER

    def create(self, name: str, code: str = "") -> dict:
        """Make this empty archive an upper-level archive named ``name`` (e.g. 某某镇党委)."""
        return mode_mod.create_upper(self._archive, name, code)

    def organisation_or_none(self) -> dict | None:
        return mode_mod.organisation(self._archive)

    def organisation(self) -> dict:
        """``{"name", "code"}`` of the upper organisation."""
        self._require()
        return mode_mod.organisation(self._archive) or {"name": "", "code": ""}

    def _require(self) -> None:
        if not self.is_upper:
            raise mode_mod.refuse_upper_work(self._archive)

    def default_frequencies(self) -> dict[str, str]:
        """Required meeting frequencies used for a branch whose bundle carries none."""
        from ..meetings.manager import DEFAULT_FREQUENCIES

        stored = mode_mod.stored_setting(self._archive, "upper.default_frequencies") or {}
        return {**DEFAULT_FREQUENCIES, **stored}

    # -- enrolment -------------------------------------------------------------
    def enrol(self, card_path, confirmed_fingerprint: str, replace_reason: str = "") -> EnrolResult:
        from .enrol import enrol

        self._require()
        return enrol(self._archive, card_path, confirmed_fingerprint, replace_reason)

    def read_card(self, card_path):
        """The public-key card (branch name, code, uid, fingerprint) to show before enrolling."""
        from .enrol import read_card

        return read_card(card_path)[0]

    def branches(self, search: str = "") -> list[EnrolledBranch]:
        from .enrol import branches

        self._require()
        return branches(self._archive.db, search)

    def branch(self, branch_id: int) -> EnrolledBranch:
        from .enrol import branch_by_id

        self._require()
        return branch_by_id(self._archive.db, branch_id)

    def find_branch(self, text: str) -> EnrolledBranch:
        """The one branch whose name, code or uid is ``text`` (exactly, else uniquely containing it)."""
        from .browser import find_branch

        self._require()
        return find_branch(self.branches(), text)

    # -- bundles ---------------------------------------------------------------
    def verify(self, path, password: str | None = None):
        """``verify_bundle`` against the enrolled keys and imported chain; touches nothing."""
        from .importer import verify

        self._require()
        return verify(self._archive, path, password)

    def import_bundle(self, path, password: str | None = None, progress: Callable[[int, int, str], None] | None = None,
                      cancel: Callable[[], bool] | None = None) -> ImportResult:
        """One transaction; what it replaces is kept as the branch's undo (no whole-archive copy)."""
        from .importer import import_bundle

        self._require()
        return import_bundle(self._archive, path, password, progress, cancel)

    def undo_last_import(self, branch_id: int) -> str:
        """Put the branch's records back as they were before its latest import (undo.py);
        returns the message to show. Conflict when there is nothing to undo."""
        from .undo import undo_last_import

        self._require()
        return undo_last_import(self._archive, branch_id)

    def bundles(self, branch_id: int) -> list[dict]:
        from .browser import bundles

        self._require()
        return bundles(self._archive.db, branch_id)

    # -- browser (read-only) ---------------------------------------------------
    def years(self, branch_id: int) -> list[int]:
        from .browser import years

        self._require()
        return years(self._archive.db, branch_id)

    def categories(self, branch_id: int, year: int):
        from .browser import categories

        self._require()
        return categories(self._archive.db, branch_id, year)

    def records(self, branch_id: int, year: int | None, category: str):
        from .browser import records

        self._require()
        return records(self._archive.db, branch_id, year, category)

    def record(self, record_id: int, show_id_numbers: bool = False):
        from .browser import record_view

        self._require()
        return record_view(self._archive.db, record_id, show_id_numbers)

    def files(self, branch_id: int):
        from .browser import files

        self._require()
        return files(self._archive, branch_id)

    def year_pdf(self, branch_id: int, year: int) -> Path | None:
        from .browser import year_pdf

        self._require()
        return year_pdf(self._archive, branch_id, year)

    # -- dashboard -------------------------------------------------------------
    def recruitment(self, today: dt.date | None = None):
        """Each branch's people per 发展党员 stage and its overdue steps (recruit_overview.py)."""
        from .recruit_overview import overview

        self._require()
        return overview(self._archive.db, today)

    def terms(self):
        """Each branch's term start and end and its last election (term_overview.py)."""
        from .term_overview import overview

        self._require()
        return overview(self._archive.db)

    def transfers(self, year: int):
        """Each branch's 转入 / 转出 / 回执未回 / 流动党员 of ``year`` (transfers_overview.py)."""
        from .transfers_overview import overview

        self._require()
        return overview(self._archive.db, year)

    def study(self, year: int, today: dt.date | None = None):
        """Each branch's 学习专题, 补学 and 汇报 of ``year`` (study_overview.py)."""
        from .study_overview import overview

        self._require()
        return overview(self._archive.db, year, today or clock.today())

    def honours(self, year: int):
        """Each branch's 表彰 and 处分 counts of ``year`` (honours_overview.py)."""
        from .honours_overview import overview

        self._require()
        return overview(self._archive.db, year)

    def dashboard(self, year: int, *, today: dt.date | None = None, search: str = "", only_behind: bool = False,
                  months: tuple[int, int] = (1, 12), sort: str = "branch_name", descending: bool = False,
                  branch_ids=None):
        """The dashboard (dashboard.py); ``branch_ids``: only these branches."""
        from .dashboard import dashboard

        self._require()
        return dashboard(self._archive.db, year, today=today, search=search, only_behind=only_behind,
                         months=months, sort=sort, descending=descending, branch_ids=branch_ids)

    def dashboard_branch_order(self, search: str = "", descending: bool = False) -> list[int]:
        """Branch ids in the dashboard's 支部 order (see dashboard.branch_order)."""
        from .dashboard import branch_order

        self._require()
        return branch_order(self._archive.db, search, descending)

    def export_dashboard(self, board, target) -> Path:
        """Write the dashboard to ``target`` (.xlsx or .pdf, by its suffix)."""
        from .dashboard_export import export

        self._require()
        return export(self, board, Path(target))

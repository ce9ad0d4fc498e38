"""What the window and the command line export: the papers of a year's 组织生活会 and
the ledger, built from the records (rendering is the caller's, in a worker)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from .. import clock
from ..errors import ValidationError
from ..text import quoted


def life_paper(archive, year: int, which: str):
    """The ``which`` paper of ``year`` (report / record / appraisal) as a ``Paper``."""
    from . import papers
    from .report import report_facts, report_paper

    if which == "report":
        return report_paper(report_facts(archive, year), report_date(archive, year),
                            branch_code=archive.branch.own().code or "")
    if which == "appraisal":
        return papers.appraisal_paper(archive.appraisal.detail(archive.appraisal.require(year)),
                                      mass_verdicts=archive.verdicts.in_words(year))
    cycle_id = archive.life.require_cycle(year)
    detail = archive.life.detail(cycle_id)
    meeting = archive.meetings.detail(detail.meeting_id) if detail.meeting_id else None
    appraisal_id = archive.appraisal.appraisal_id(year)
    appraisal = archive.appraisal.detail(appraisal_id) if appraisal_id else None
    return papers.record_paper(detail, meeting, archive.life.review_for_papers(cycle_id, year), appraisal)


def report_date(archive, year: int) -> dt.date:
    """The report is dated the day the cycle went upward (sealed), else today."""
    from .cycle import LIFE_CYCLE

    cycle_id = archive.life.require_cycle(year)
    seal = archive.records.seal(LIFE_CYCLE, cycle_id)
    return dt.date.fromisoformat(seal.sealed_at[:10]) if seal else clock.today()


def ledger_job(archive, path: Path, year: int | None, public: bool) -> tuple[Callable, int]:
    """Read the ledger now and return (work, number of items): ``work(progress)`` writes
    ``path`` — .xlsx every item of the year, .pdf the items marked 公示 (all with
    ``public=False``) — without touching the database, so it can run in a worker."""
    from ..papers import render
    from .ledger_xlsx import write_ledger_xlsx

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise ValidationError("out", "suffix", f"导出文件{quoted(path.name)}的扩展名应为 .pdf（公示件）或 .xlsx（台账）。")
    if suffix == ".xlsx":
        items = archive.rectification.items(year=year, public_only=False)
        branch = archive.branch.own().name
        return (lambda progress=None: write_ledger_xlsx(items, path, branch)), len(items)
    paper, count = ledger_pdf_paper(archive, year, public)
    return (lambda progress=None: render(paper, path, progress=progress)), count


def ledger_pdf_paper(archive, year: int | None, public: bool):
    """(the ledger's PDF paper, number of items): the items marked 公示 (all with
    ``public=False``) of ``year`` (every year with None); refused when there are none."""
    from .papers import ledger_paper

    items = archive.rectification.items(year=year, public_only=public)
    if not items:
        what = "设为公示的" if public else ""
        raise ValidationError("items", "empty", f"没有{what}整改事项可以导出。请先在整改台账中勾选「公示」。")
    own = archive.branch.own()
    return ledger_paper(items, own.name, year, public, branch_code=own.code or ""), len(items)

"""Every kind of paper BranchDesk prints, built from the demo branch: the list the
layout tests walk (and the one to look at after a change to the paper engine)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from branchdesk import clock
from branchdesk.life import papers as life_papers
from branchdesk.life.exports import life_paper
from branchdesk.meetings.papers import notice_paper, record_paper, resolution_paper, year_book_paper
from branchdesk.papers import Paper, render
from branchdesk.targets.papers import inspection_paper
from branchdesk.targets.papers import year_paper as targets_year_paper
from branchdesk.yearbook import write_year_archive

MEETING_KINDS = ("general", "committee", "group", "lecture", "theme_day")


def _held(archive, year: int, kind: str | None = None):
    ids = archive.meetings.query_ids(year=year, kind=kind, descending=False)
    return [s for s in archive.meetings.summaries(ids) if s.held_on is not None]


def _busiest(archive, year: int, kind: str):
    """The held meeting of ``kind`` with the most to print (a page break inside it)."""
    details = [archive.meetings.detail(s.id) for s in _held(archive, year, kind)]
    return max(details, key=lambda d: (len(d.tasks), len(d.form.speeches), len(d.form.minutes or "")))


def paper_kinds(archive, upper=None) -> dict[str, Callable[[Path], None]]:
    """{kind name: a function writing that paper to a path} for every paper of the demo's
    last full year; ``upper``: an upper-level archive, for its summary table."""
    year = clock.today().year - 1
    papers = paper_makers(archive, year)
    kinds: dict[str, Callable[[Path], None]] = {
        name: (lambda path, make=make: render(make(), path)) for name, make in papers.items()
    }
    kinds["年度档案"] = lambda path: write_year_archive(archive, year, path, key_fingerprint="ab12" * 16)
    if upper is not None:
        kinds["各支部组织生活汇总表"] = lambda path: upper.upper.export_dashboard(upper.upper.dashboard(year), path)
    return kinds


def paper_makers(archive, year: int) -> dict[str, Callable[[], Paper]]:
    """{kind name: a function making that ``Paper``} for the papers made from blocks."""
    branch = archive.branch.own().name
    kinds: dict[str, Callable[[], Paper]] = {}
    for kind in MEETING_KINDS:
        kinds[f"会议记录-{kind}"] = lambda kind=kind: record_paper(_busiest(archive, year, kind))
    general = _busiest(archive, year, "general")
    kinds["会议记录-公文版式"] = lambda: record_paper(general, "gongwen")
    kinds["会议通知"] = lambda: notice_paper(general)
    kinds["会议通知-公文版式"] = lambda: notice_paper(general, "gongwen")
    kinds["党员大会决议"] = lambda: resolution_paper(general)
    kinds["党员大会决议-记录本版式"] = lambda: resolution_paper(general, "record")
    committee = [archive.meetings.detail(s.id) for s in _held(archive, year, "committee")]
    kinds["会议记录汇编"] = lambda: year_book_paper(committee, year, branch)
    kinds["会议记录汇编-公文版式"] = lambda: year_book_paper(committee[:4], year, branch, "gongwen")
    kinds["组织生活会情况报告"] = lambda: life_paper(archive, year, "report")
    kinds["组织生活会记录"] = lambda: life_paper(archive, year, "record")
    kinds["民主评议党员登记表"] = lambda: life_paper(archive, year, "appraisal")
    kinds["整改台账-公示"] = lambda: life_papers.ledger_paper(
        archive.rectification.items(year=year, public_only=True), branch, year, True)
    kinds["整改台账-完整"] = lambda: life_papers.ledger_paper(
        archive.rectification.items(year=year, public_only=False), branch, year, False)
    inspections = archive.targets.inspections.list(year)
    kinds["目标管理考核表"] = lambda: inspection_paper(archive.targets.inspections.detail(inspections[-1].id))
    kinds["目标管理档案"] = lambda: targets_year_paper(archive, year)
    from branchdesk.service.boards import board_paper, verdict_result_paper

    postings = {p.kind: p.id for p in archive.openness.postings(year)}
    kinds["公开栏-党费收缴"] = lambda: board_paper(archive, postings["dues"])
    kinds["公开栏-实事进展"] = lambda: board_paper(archive, postings["pledges"])
    kinds["群众评议结果"] = lambda: verdict_result_paper(archive, year)
    from branchdesk.masses import papers as masses_papers

    masses, this_year = archive.masses, clock.today().year  # the demo's 群众工作 is this year's
    requests = masses.requests(masses.request_ids(year=this_year))
    kinds["民情台账"] = lambda: masses_papers.ledger_paper(requests, masses.tally(this_year), this_year, branch)
    kinds["民情诉求办理单"] = lambda: masses_papers.request_paper(archive, masses.request(requests[0].id))
    from branchdesk.election import exports as election_exports
    from branchdesk.transfers.papers import letter_paper

    kinds["换届选举计票结果"] = lambda: election_exports.paper_of(archive, archive.election.last_done().id, "tally")
    letter = next(t for t in archive.transfers.records() if t.direction == "out")
    kinds["党员组织关系介绍信"] = lambda: letter_paper(archive, letter.id)
    return kinds

"""Every kind of paper BranchDesk prints, made from an archive's records the way the
window and the command line make them (one of each kind, from the demo's richest year)."""

from __future__ import annotations

import dataclasses

from branchdesk import clock


def every_paper(archive) -> dict[str, object]:
    """{kind: Paper} for each kind of paper the demo archive can print."""
    from branchdesk.life import papers as life_papers
    from branchdesk.life.exports import life_paper
    from branchdesk.meetings.papers import paper_for, year_book_paper
    from branchdesk.targets.papers import inspection_paper
    from branchdesk.targets.papers import year_paper as targets_year_paper
    from branchdesk.yearbook.book import CoverFacts, year_paper
    from branchdesk.yearbook.registry import PROVIDERS

    year = clock.today().year - 1
    today = clock.today()
    meetings = archive.meetings
    held = [s for s in meetings.summaries(meetings.query_ids(year=year, descending=False)) if s.held_on]
    general = next(s for s in held if s.kind == "general" and meetings.detail(s.id).form.resolutions)
    own = archive.branch.own()
    upcoming = [s for s in meetings.summaries(meetings.query_ids(year=today.year)) if not s.held_on]
    papers = {
        "meeting.record": paper_for(meetings.detail(held[0].id), "record"),
        "meeting.notice": paper_for(meetings.detail((upcoming or held)[0].id), "notice"),
        "meeting.resolution": paper_for(meetings.detail(general.id), "resolution"),
        "meeting.book": year_book_paper([meetings.detail(s.id) for s in held[:6]], year, own.name,
                                        branch_code=own.code),
        "life.report": life_paper(archive, year, "report"),
        "life.record": life_paper(archive, year, "record"),
        "life.appraisal": life_paper(archive, year, "appraisal"),
        "life.ledger": life_papers.ledger_paper(archive.rectification.items(year=year), own.name, year,
                                                public=False, today=today, branch_code=own.code),
        "life.ledger.public": life_papers.ledger_paper(archive.rectification.items(year=year, public_only=True),
                                                       own.name, year, today=today, branch_code=own.code),
        "targets.inspection": inspection_paper(archive.targets.inspections.detail(
            archive.targets.inspections.list(year)[0].id)),
        "targets.year": targets_year_paper(archive, year, today),
    }
    from branchdesk.dues.papers import publicity_paper, receipt_paper
    from branchdesk.dues.register import register_paper

    papers["dues.receipt"] = receipt_paper(archive, archive.dues.receipts(year)[0].receipt_no)
    papers["dues.publicity"] = publicity_paper(archive, year, 2)
    papers["dues.register"] = register_paper(archive, year)
    from branchdesk.service.boards import board_paper, verdict_result_paper

    dues_posting = next(p for p in archive.openness.postings(year) if p.kind == "dues")
    papers["service.board"] = board_paper(archive, dues_posting.id)
    papers["service.verdict"] = verdict_result_paper(archive, year)

    from branchdesk.recruit import papers as recruit_papers

    dossiers = [archive.recruit.dossier(pid) for pid in archive.recruit.person_ids()]
    furthest = max(dossiers, key=lambda d: len(d.steps))
    papers["recruit.record"] = recruit_papers.record_paper(furthest, own.name, own.code, today)
    papers["recruit.notice"] = recruit_papers.notice_paper([d for d in dossiers if d.stage == "activist"], "candidate",
                                                           own.name, today, branch_code=own.code)
    papers["recruit.ledger"] = recruit_papers.ledger_paper(dossiers, year, own.name, own.code, today)
    from branchdesk.election import exports as election_exports

    election_id = archive.election.last_done().id
    for kind in ("plan", "tally", "result"):
        papers[f"election.{kind}"] = election_exports.paper_of(archive, election_id, kind)

    from branchdesk.masses import papers as masses_papers

    masses = archive.masses  # the demo's 群众工作 is this year's
    requests = masses.requests(masses.request_ids(year=today.year))
    papers["masses.ledger"] = masses_papers.ledger_paper(requests, masses.tally(today.year), today.year, own.name,
                                                         own.code, today)
    walked = max(requests, key=lambda q: len(q.notes) + (q.revisit_on is not None))
    papers["masses.request"] = masses_papers.request_paper(archive, masses.request(walked.id), today)
    from branchdesk.transfers.papers import letter_paper

    letter = next(t for t in archive.transfers.records() if t.direction == "out")
    papers["transfer.letter"] = letter_paper(archive, letter.id)
    from branchdesk.study.papers import member_file_paper, plan_paper

    papers["study.plan"] = plan_paper(archive, year)
    papers["study.file"] = member_file_paper(archive, archive.members.all_active()[0].id, year)
    from branchdesk.roster.member_file import member_file
    from branchdesk.roster.member_file_paper import member_file_paper as whole_file_paper

    punished = archive.honours.disciplines()[0]  # its facts covered, as an unconfirmed window prints them
    papers["member.file"] = whole_file_paper(archive, member_file(archive, punished.member_id, today.year, today))
    sections = [s for p in PROVIDERS for s in p.sections(archive, year, today)]
    papers["yearbook"] = year_paper(CoverFacts(own.name, year, "永久", "ab" * 32, made_on=today, org_code=own.code),
                                    sections)
    return papers


def texts_of(value) -> list[str]:
    """Every string a paper's blocks (or cover) carry, in order."""
    found: list[str] = []

    def walk(item):
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, (list, tuple)):
            for part in item:
                walk(part)
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            for field in dataclasses.fields(item):
                if field.name != "label":  # names a block in error messages, not printed
                    walk(getattr(item, field.name))

    walk(value)
    return found

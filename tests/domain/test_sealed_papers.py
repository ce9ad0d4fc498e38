"""Papers of a reported record say what was sealed: a change elsewhere in the archive
(the roster, the ledger) after the 组织生活会 went upward leaves its papers, and the
year's fingerprint, as they were (issue 12, item 5)."""

import datetime as dt

from branchdesk.life.cycle import LIFE_CYCLE
from branchdesk.life.exports import life_paper
from branchdesk.life.report import report_facts
from branchdesk.roster.members import MemberForm
from branchdesk.yearbook.fingerprint import year_fingerprint
from tests.domain.every_paper import texts_of
from tests.helpers import make_id


def _words(paper) -> list[str]:
    """Every text a paper's blocks carry, in order."""
    return texts_of(paper.blocks)


def _report_the_open_cycle(archive) -> int:
    """The demo's newest reported 组织生活会, corrected and reported again now."""
    year = max(y for y in archive.life.years() if archive.life.state(archive.life.cycle_id(y)) == "reported")
    correction = archive.life.correct(archive.life.cycle_id(year), "更正会议小结的错字")
    archive.life.finalise(correction)
    archive.life.report(correction, "报镇党委")
    return year


def test_a_reported_cycle_says_the_same_after_the_roster_and_ledger_change(demo_archive):
    archive = demo_archive
    year = _report_the_open_cycle(archive)
    cycle_id = archive.life.cycle_id(year)
    assert archive.life.state(cycle_id) == "reported"
    report_before = _words(life_paper(archive, year, "report"))
    record_before = _words(life_paper(archive, year, "record"))
    facts_before = report_facts(archive, year)
    fingerprint = year_fingerprint(archive, year)
    # A member found in an old file, joined in 2005, who talked with no one this year …
    archive.members.add(MemberForm(name="补录党员", id_number=make_id(dt.date(1975, 4, 9), 401),
                                   joined_on=dt.date(2005, 7, 1), full_on=dt.date(2006, 7, 1)))
    # … and a ledger item of last year closed since.
    open_items = [i for i in archive.rectification.review_items(year) if i.closed_on is None]
    if open_items:
        archive.rectification.close(open_items[0].id, dt.date(year + 1, 1, 5), "已整改完毕", )
    assert _words(life_paper(archive, year, "report")) == report_before
    assert _words(life_paper(archive, year, "record")) == record_before
    assert report_facts(archive, year) == facts_before
    assert year_fingerprint(archive, year) == fingerprint
    assert archive.records.verify(LIFE_CYCLE, cycle_id).ok


def test_an_empty_kept_facts_column_is_not_part_of_a_record_s_content(demo_archive):
    """Cycles reported before the facts were kept have no such column in their sealed
    content: the column, NULL for them, must stay out of it so their seals hold."""
    from branchdesk.safety.sealing import canonical_content

    archive = demo_archive
    drafts = [y for y in archive.life.years() if archive.life.state(archive.life.cycle_id(y)) == "draft"]
    assert drafts
    content = canonical_content(archive.db, LIFE_CYCLE, archive.life.cycle_id(drafts[0]))
    assert "sealed_facts" not in content["row"] and "summary" in content["row"]
    assert archive.check_seals().ok

"""Who a 会议通知 is addressed to and what day it announces (branchdesk/meetings/papers.py,
docs/domain.md §2.7), on the demo branch."""

import dataclasses
import datetime as dt

from branchdesk.meetings.paper_words import when
from branchdesk.meetings.papers import notice_paper
from branchdesk.papers import DateLine, Heading, Para


def _texts(paper) -> list[str]:
    return [b.text for b in paper.blocks if isinstance(b, (Para, Heading))]


def _section(paper, heading: str) -> str:
    texts = _texts(paper)
    at = next(n for n, t in enumerate(texts) if t.endswith(heading))
    return texts[at + 1]


def _first_held(archive, kind: str):
    summary = next(s for s in archive.meetings.summaries(archive.meetings.query_ids(year=None))
                   if s.kind == kind and s.held_on)
    return archive.meetings.detail(summary.id)


def test_a_notice_is_addressed_to_who_is_due_and_names_them(demo_archive):
    committee = _first_held(demo_archive, "committee")
    group = _first_held(demo_archive, "group")
    general = _first_held(demo_archive, "general")
    for detail in (committee, group, general):
        assert not detail.form.attendees_text  # the demo wrote none: the defaults speak
    expected = {committee.id: "全体支部委员：", group.id: f"{group.group_name}全体党员：", general.id: "全体党员："}
    for detail in (committee, group, general):
        paper = notice_paper(detail)
        assert _texts(paper)[0] == expected[detail.id]
        due = [e.name for e in detail.form.attendance if not e.is_guest and e.status != "not_counted"]
        invited = _section(paper, "参加人员").replace("\u2060", "")
        if detail.form.kind != "general":
            assert f"（{len(due)}人）" in invited and all(name in invited for name in due)
        else:  # a 党员大会 of 30 gives the count
            assert invited.startswith("全体党员（预备党员参加，不参加表决）") and f"{len(due)}人" in invited
    assert "全体党员" not in _texts(notice_paper(committee))[0]


def test_a_notice_never_sent_for_a_meeting_held_earlier_announces_the_day_it_was_held(demo_archive):
    detail = _first_held(demo_archive, "committee")
    held = detail.form.held_on
    moved = dataclasses.replace(
        detail, notified_on=None, created_at=f"{held + dt.timedelta(days=2)} 09:00:00",
        form=dataclasses.replace(detail.form, planned_on=held + dt.timedelta(days=5)))
    paper = notice_paper(moved, today=held + dt.timedelta(days=30))
    opening = _texts(paper)[1]
    assert when(held, detail.form.started_at) in opening
    assert f"{held + dt.timedelta(days=5):%-m月%-d日}" not in opening
    assert [b.date for b in paper.blocks if isinstance(b, DateLine)] == [held]
    # a notice that was sent said the planned day, and is dated the day it went out
    sent = dataclasses.replace(moved, notified_on=held - dt.timedelta(days=3))
    paper = notice_paper(sent)
    assert when(held + dt.timedelta(days=5), detail.form.planned_time) in _texts(paper)[1]
    assert [b.date for b in paper.blocks if isinstance(b, DateLine)] == [held - dt.timedelta(days=3)]

"""Demo 换届选举: the election that began the demo committee's term, two years ago — its
plan and 批复, six candidates for five places, the year's first 支部党员大会 of the demo (an
existing meeting record, so the demo's meetings stay as they are) as the 大会, one round,
the 支委会 choosing the 书记 and 副书记 the demo committee has, and the upper 批复."""

from __future__ import annotations

import datetime as dt

from .. import clock
from ..election import OfficeForm, PlanForm, RoundForm
from ..election.rules import quorum_met
from ..meetings.rules import Counts, is_voting


def _assembly(archive, year: int):
    """The first 支部党员大会 of ``year`` whose attendance makes an election valid."""
    for summary in archive.meetings.summaries(archive.meetings.query_ids(year=year, kind="general", descending=False)):
        form = archive.meetings.form(summary.id, with_roster=False)
        counts = Counts.of(form.attendance)
        if form.held_on is not None and quorum_met(counts.voters_due, counts.voters_present):
            return summary.id, form.held_on, counts
    return None


def build(archive, today: dt.date) -> None:
    found = _assembly(archive, today.year - 2)
    if found is None:
        return
    meeting_id, day, counts = found
    info = archive.branch.own()
    # the term the election ended: five years (a village branch) up to early that year
    info.term_started_on = clock.add_years(info.term_started_on, -info.term_years)
    archive.branch.save_own(info)
    seats = [s for s in info.committee if s.member_id is not None]
    elected = [s.member_id for s in seats]
    chosen_on = day - dt.timedelta(days=14)
    # the sixth candidate was a 正式党员 already when the candidates were chosen (election/rights.py)
    other = next(m.id for m in archive.members.all_active()
                 if is_voting(m.status, m.full_on) and m.full_on <= chosen_on and m.id not in elected)
    election = archive.election
    election_id = election.plan(PlanForm(day, places=len(seats), deputies=1, submitted_on=day - dt.timedelta(days=40),
                                         note="经支委会研究，拟设委员5名，其中书记1名、副书记1名。"))
    election.approve_plan(election_id, day - dt.timedelta(days=30), f"安组〔{day.year}〕3号")
    election.set_candidates(election_id, elected + [other], chosen_on)
    election.link_meeting(election_id, meeting_id)
    present = counts.voters_present
    # a ballot approves at most five: the five elected lose 1 to 3 votes each, the sixth gets those
    votes = {member_id: present - 1 - n % 3 for n, member_id in enumerate(elected)}
    votes[other] = min(sum(present - v for v in votes.values()), counts.voters_due // 2 - 1)  # not elected
    election.record_round(election_id, RoundForm(present, present, votes))
    size = len(seats)
    election.record_offices(election_id, OfficeForm(
        day, seats[0].member_id, size, deputies={seats[1].member_id: size - 1},
        posts={s.member_id: s.post for s in seats[2:]}))
    election.approve_result(election_id, day + dt.timedelta(days=20), f"安组〔{day.year}〕11号",
                            day + dt.timedelta(days=3))

"""换届选举 rules on both engines (docs/domain.md §13): 差额, electors and candidates are
正式党员, the 4/5 quorum, the majority of electors due, ties and 另行选举, and the
committee changing only when the upper approval of the result is recorded."""

from __future__ import annotations

import datetime as dt

import pytest

from branchdesk.election import Mark, OfficeForm, PlanForm, margin_needed
from branchdesk.errors import Conflict, ValidationError, ValidationErrors
from branchdesk.roster.members import MemberForm
from branchdesk.todo import other_items
from tests.domain.election_support import HELD_ON, attend, elected_all, offices, planned, vote
from tests.helpers import make_id, transfer_out


def _error_codes(excinfo) -> set[str]:
    error = excinfo.value
    return {e.code for e in error.errors} if isinstance(error, ValidationErrors) else {error.code}


def test_margin_is_twenty_percent_rounded_up():
    assert [margin_needed(n) for n in (1, 3, 5, 6, 7, 10, 11)] == [1, 1, 1, 2, 2, 2, 3]


def test_candidates_need_the_margin_and_full_members(branch):
    archive, ids, _ = branch
    election_id = archive.election.plan(PlanForm(HELD_ON, places=3, deputies=1))
    with pytest.raises(Conflict):  # candidates before the plan's approval
        archive.election.set_candidates(election_id, [ids[n] for n in ("王堃", "李喆", "赵赟", "陈镕")])
    archive.election.approve_plan(election_id, dt.date(2026, 9, 8), "测组〔2026〕12号")
    [term] = [item for item in other_items(archive, dt.date(2026, 9, 9)) if item.kind == "term"]
    assert term.sentence == "2026年换届选举正在进行：待确定候选人（预备人选）。" and term.opens == "election"
    with pytest.raises((ValidationError, ValidationErrors)) as equal:  # 等额 for 委员 is refused
        archive.election.set_candidates(election_id, [ids[n] for n in ("王堃", "李喆", "赵赟")])
    assert "margin" in _error_codes(equal) and "至少4名" in str(equal.value)
    with pytest.raises((ValidationError, ValidationErrors)) as probationary:
        archive.election.set_candidates(election_id, [ids[n] for n in ("王堃", "李喆", "赵赟", "张伟")])
    assert "not_full" in _error_codes(probationary) and "张伟" in str(probationary.value)
    archive.election.set_candidates(election_id, [ids[n] for n in ("王堃", "李喆", "赵赟", "孙丽")])
    assert archive.election.get(election_id).stage == "meeting"


def test_a_probationary_member_is_no_elector(branch):
    archive, ids, _ = branch
    election_id = planned(archive, ids)
    with pytest.raises((ValidationError, ValidationErrors)) as refused:
        archive.election.record_attendance(election_id, HELD_ON, {ids["张伟"]: Mark("present")})
    assert "not_elector" in _error_codes(refused)


def test_quorum_is_more_than_four_fifths(branch):
    archive, ids, _ = branch
    election_id = planned(archive, ids)
    # 孙丽 is not counted (外出务工): 5 electors due; 4 present is exactly four fifths
    attend(archive, ids, election_id, absent=("刘芳",), excluded=("孙丽",))
    vote(archive, ids, election_id, {"王堃": 4, "李喆": 4, "赵赟": 4, "陈镕": 0})
    record = archive.election.get(election_id)
    assert record.rounds[-1].outcome.void and record.elected == [] and record.stage == "voting"
    assert "应到会有选举权的党员5名，实到4名" in record.rounds[-1].outcome.explanation
    attend(archive, ids, election_id, excluded=("孙丽",))  # held again: all five present
    vote(archive, ids, election_id, {"王堃": 5, "李喆": 4, "赵赟": 3, "陈镕": 2})
    record = archive.election.get(election_id)
    assert [p.name for p in record.elected] == ["王堃", "李喆", "赵赟"] and record.stage == "offices"
    assert [r.kind for r in record.rounds] == ["first", "again"] and record.rounds[0].present == 4
    with pytest.raises(Conflict) as kept:  # the 大会's record is what the rounds read
        archive.meetings.delete(record.meeting_id)
    assert "换届选举" in str(kept.value)


def test_elected_needs_more_than_half_of_electors_due(branch):
    archive, ids, _ = branch
    election_id = planned(archive, ids)
    attend(archive, ids, election_id, absent=())  # six due, six present
    vote(archive, ids, election_id, {"王堃": 6, "李喆": 4, "赵赟": 3, "陈镕": 3})  # 3 is exactly half
    record = archive.election.get(election_id)
    assert [p.name for p in record.elected] == ["王堃", "李喆"] and record.open_places == 1
    with pytest.raises(ValidationError) as equal:  # 另行选举 stays 差额: one place, two candidates
        vote(archive, ids, election_id, {"赵赟": 4}, chosen=["赵赟"])
    assert equal.value.code == "margin"
    vote(archive, ids, election_id, {"赵赟": 4, "陈镕": 2}, chosen=["赵赟", "陈镕"])
    record = archive.election.get(election_id)
    assert record.rounds[-1].kind == "extra" and [p.name for p in record.elected][-1] == "赵赟"


def test_a_tie_at_the_last_place_is_voted_again_and_ballots_must_add_up(branch):
    archive, ids, _ = branch
    election_id = planned(archive, ids)
    attend(archive, ids, election_id)
    with pytest.raises((ValidationError, ValidationErrors)):  # more ballots issued than electors present
        vote(archive, ids, election_id, {"王堃": 6, "李喆": 4, "赵赟": 4, "陈镕": 4}, issued=7)
    vote(archive, ids, election_id, {"王堃": 6, "李喆": 4, "赵赟": 4, "陈镕": 4}, issued=6, returned=7)
    assert "收回选票7张多于发出选票6张" in archive.election.get(election_id).rounds[-1].outcome.explanation
    vote(archive, ids, election_id, {"王堃": 6, "李喆": 4, "赵赟": 4, "陈镕": 4})  # three tied for two places
    record = archive.election.get(election_id)
    assert record.rounds[-1].kind == "again" and {p.name for p in record.tied} == {"李喆", "赵赟", "陈镕"}
    assert record.tie_places == 2 and [p.name for p in record.elected] == ["王堃"]
    vote(archive, ids, election_id, {"李喆": 5, "赵赟": 4, "陈镕": 2})
    record = archive.election.get(election_id)
    assert record.rounds[-1].kind == "revote" and [p.name for p in record.elected] == ["王堃", "李喆", "赵赟"]


def test_committee_changes_only_when_the_result_is_approved(branch):
    archive, ids, _ = branch
    before = archive.branch.own()
    election_id = elected_all(archive, ids)
    with pytest.raises((ValidationError, ValidationErrors)) as half:  # 书记 with 2 of 3 … fine; with 1 not
        archive.election.record_offices(election_id, OfficeForm(
            HELD_ON, ids["王堃"], 1, deputies={ids["李喆"]: 2}, posts={ids["赵赟"]: "organisation"}))
    assert "votes" in _error_codes(half)
    offices(archive, ids, election_id)
    unchanged = archive.branch.own()
    assert unchanged.committee == before.committee and unchanged.term_started_on == before.term_started_on
    archive.election.approve_result(election_id, dt.date(2026, 10, 20), "测组〔2026〕30号")
    after = archive.branch.own()
    assert [(s.post, s.holder_name) for s in after.committee] == [
        ("secretary", "王堃"), ("deputy_secretary", "李喆"), ("organisation", "赵赟")]
    assert after.term_started_on == HELD_ON and after.term_due_on == dt.date(2031, 10, 8)
    record = archive.election.get(election_id)
    assert record.stage == "done" and record.previous_term_started_on == dt.date(2023, 1, 5)
    assert record.previous_committee == [("secretary", "王堃"), ("organisation", "李喆"), ("publicity", "赵赟")]
    with pytest.raises(Conflict):
        archive.election.delete(election_id)
    actions = [e.action for e in archive.audit.entries("election", election_id)]
    assert actions[-1] == "election.approval"


def test_candidates_are_judged_on_the_day_they_were_chosen(branch):
    archive, ids, _ = branch
    # 周强 joined in 2025 and became a 正式党员 only after the candidates were chosen
    ids["周强"] = archive.members.add(MemberForm(
        name="周强", id_number=make_id(dt.date(1990, 5, 6), 311), joined_on=dt.date(2025, 10, 1),
        status="probationary"))
    archive.members.change_status(ids["周强"], "full", dt.date(2026, 10, 1), "按期转正")
    transfer_out(archive, ids["刘芳"], dt.date(2026, 10, 20))
    election_id = archive.election.plan(PlanForm(dt.date(2026, 10, 8), places=3, deputies=1,
                                                 submitted_on=dt.date(2026, 9, 1)))
    archive.election.approve_plan(election_id, dt.date(2026, 9, 8), "测组〔2026〕12号")
    chosen_on = dt.date(2026, 9, 21)
    with pytest.raises((ValidationError, ValidationErrors)) as then_probationary:
        archive.election.set_candidates(election_id, [ids[n] for n in ("王堃", "李喆", "赵赟", "周强")], chosen_on)
    assert "「周强」在 2026-09-21 是预备党员" in str(then_probationary.value)
    # 刘芳 has left since, but was a 正式党员 of the branch on the day
    archive.election.set_candidates(election_id, [ids[n] for n in ("王堃", "李喆", "赵赟", "刘芳")], chosen_on)
    assert [p.name for p in archive.election.get(election_id).candidates] == ["王堃", "李喆", "赵赟", "刘芳"]

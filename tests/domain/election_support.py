"""An election walked on the small meeting-test branch (tests/domain/meetings_support.py:
王堃 李喆 赵赟 陈镕 刘芳 full, 张伟 probationary, 孙丽 away but full — six electors)."""

from __future__ import annotations

import datetime as dt

from branchdesk.election import Mark, OfficeForm, PlanForm, RoundForm

D = dt.date
PLAN_ON = D(2026, 9, 1)
HELD_ON = D(2026, 10, 8)
CANDIDATES = ["王堃", "李喆", "赵赟", "陈镕"]  # 3 places, one more: 差额 of 33%


def planned(archive, ids, candidates=CANDIDATES) -> int:
    """An election of 3 委员 (1 副书记) with its plan approved and 4 candidates."""
    election_id = archive.election.plan(PlanForm(PLAN_ON + dt.timedelta(days=30), places=3, deputies=1,
                                                 submitted_on=PLAN_ON))
    archive.election.approve_plan(election_id, PLAN_ON + dt.timedelta(days=7), "测组〔2026〕12号")
    archive.election.set_candidates(election_id, [ids[n] for n in candidates], PLAN_ON + dt.timedelta(days=20))
    return election_id


def attend(archive, ids, election_id, absent=(), excluded=()) -> None:
    """Every elector present except ``absent`` (病假) and ``excluded`` (不计入应到: 外出务工)."""
    marks = {}
    for name in ["王堃", "李喆", "赵赟", "陈镕", "刘芳", "孙丽"]:
        if name in absent:
            marks[ids[name]] = Mark("absent", "sick")
        elif name in excluded:
            marks[ids[name]] = Mark("not_counted", exclusion="away")
        else:
            marks[ids[name]] = Mark("present")
    archive.election.record_attendance(election_id, HELD_ON, marks)


def vote(archive, ids, election_id, yes: dict[str, int], issued=None, returned=None, chosen=None) -> None:
    record = archive.election.get(election_id)
    present = archive.election.electors(election_id)
    count = sum(1 for e in present if e.voting and e.status == "present")
    issued = count if issued is None else issued
    archive.election.record_round(election_id, RoundForm(
        issued=issued, returned=issued if returned is None else returned,
        votes={ids[n]: v for n, v in yes.items()},
        candidate_ids=None if chosen is None else [ids[n] for n in chosen]))
    assert archive.election.get(election_id).rounds[-1].places <= record.places


def elected_all(archive, ids) -> int:
    """An election through the 大会: 王堃 李喆 赵赟 elected, 陈镕 not."""
    election_id = planned(archive, ids)
    attend(archive, ids, election_id)
    vote(archive, ids, election_id, {"王堃": 6, "李喆": 5, "赵赟": 4, "陈镕": 2})
    return election_id


def offices(archive, ids, election_id) -> None:
    archive.election.record_offices(election_id, OfficeForm(
        HELD_ON, ids["王堃"], 3, deputies={ids["李喆"]: 2}, posts={ids["赵赟"]: "organisation"}))

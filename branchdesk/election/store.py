"""Reading an ``election`` row into an ``ElectionRecord``: its JSON lists, the rounds
counted again with ``rules.count_round`` and the stage that follows (docs/domain.md §14)."""

from __future__ import annotations

import json

from ..storage.database import date_value
from ..storage.election_models import Election
from ..storage.models import Meeting
from .forms import ElectionRecord, Office, Person, RoundRecord
from .rules import Vote, count_round


def people(text: str) -> list[Person]:
    return [Person(p["member_id"], p["name"]) for p in json.loads(text or "[]")]


def dump_people(items: list[Person]) -> str:
    return json.dumps([{"member_id": p.member_id, "name": p.name} for p in items], ensure_ascii=False)


def rounds_of(text: str) -> list[RoundRecord]:
    found = []
    for r in json.loads(text or "[]"):
        votes = [Vote(v[0], v[1], v[2]) for v in r["votes"]]
        outcome = count_round(r["places"], r["due"], r["present"], r["issued"], r["returned"], votes)
        found.append(RoundRecord(
            r["kind"], r["places"], [Person(i, n) for i, n in r["candidates"]], r["due"], r["present"],
            r["issued"], r["returned"], r["invalid"], votes, outcome))
    return found


def dump_round(r: RoundRecord) -> dict:
    return {
        "kind": r.kind, "places": r.places, "candidates": [[p.member_id, p.name] for p in r.candidates],
        "due": r.due, "present": r.present, "issued": r.issued, "returned": r.returned, "invalid": r.invalid,
        "votes": [[v.member_id, v.name, v.yes] for v in r.votes],
    }




def record_of(row: Election) -> ElectionRecord:
    rounds = rounds_of(row.rounds)
    elected: list[Person] = []
    tied: list[Person] = []
    tie_places = 0
    for r in rounds:
        if r.outcome.void:
            continue
        elected += [Person(v.member_id, v.name) for v in r.outcome.elected]
        tied = [Person(v.member_id, v.name) for v in r.outcome.tied]
        tie_places = r.outcome.tie_places
    open_places = row.places - len(elected) - tie_places
    offices = [Office(o["post"], o["member_id"], o["name"], o.get("votes")) for o in json.loads(row.offices or "[]")]
    previous = json.loads(row.previous) if row.previous else {}
    held_on = None
    if row.meeting_id is not None:
        meeting = Meeting.get_or_none(Meeting.id == row.meeting_id)
        held_on = date_value(meeting.held_on) if meeting else None
    candidates = people(row.candidates)
    if row.plan_approved_on is None:
        stage = "plan"
    elif not candidates:
        stage = "candidates"
    elif not rounds:
        stage = "meeting"
    elif open_places or tied or rounds[-1].outcome.void:
        stage = "voting"
    elif not offices:
        stage = "offices"
    elif row.result_approved_on is None:
        stage = "approval"
    else:
        stage = "done"
    return ElectionRecord(
        id=row.id, planned_on=date_value(row.planned_on), places=row.places, deputies=row.deputies,
        plan_note=row.plan_note, plan_submitted_on=date_value(row.plan_submitted_on),
        plan_approved_on=date_value(row.plan_approved_on), plan_approval_no=row.plan_approval_no,
        candidates=candidates, candidates_on=date_value(row.candidates_on), meeting_id=row.meeting_id, held_on=held_on,
        rounds=rounds, elected=elected, offices=offices, offices_on=date_value(row.offices_on),
        result_submitted_on=date_value(row.result_submitted_on), result_approved_on=date_value(row.result_approved_on),
        result_approval_no=row.result_approval_no,
        previous_term_started_on=date_value(previous.get("term_started_on")),
        previous_committee=[(post, name) for post, _member, name in previous.get("committee", [])],
        stage=stage, open_places=max(open_places, 0), tied=tied, tie_places=tie_places,
    )

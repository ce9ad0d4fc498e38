"""A 发展党员 record walked through the 细则's steps on fixed past dates, for the recruit
tests: ``walk(archive, ids, person_id, until=key)`` records every step before ``until``."""

from __future__ import annotations

import datetime as dt

from branchdesk.demo.recruit import hold
from branchdesk.recruit import PersonForm, StepForm, StepPerson
from tests.helpers import make_id

D = dt.date
BIRTH = D(1995, 5, 6)
UPPER = "中共测试镇委员会"

# Each step of an on-time record: (key, date, extra form fields); meeting steps hold a meeting that day.
TIMELINE = [
    ("application", D(2023, 3, 1), {"text": "志愿加入中国共产党"}),
    ("first_talk", D(2023, 3, 20), {"people": [("talker", "王堃")]}),
    ("activist", D(2023, 6, 10), {"decision": "members"}),
    ("activist_filing", D(2023, 6, 15), {"body": UPPER}),
    ("mentors", D(2023, 6, 16), {"people": [("mentor", "陈镕"), ("mentor", "刘芳")]}),
    ("activist_review", D(2023, 12, 10), {"text": "思想进步，表现良好"}),
    ("activist_review", D(2024, 6, 10), {"text": "积极参加组织活动"}),
    ("candidate", D(2024, 6, 20), {"text": "党小组、培养联系人、党员和群众一致同意"}),
    ("candidate_filing", D(2024, 6, 25), {"body": UPPER}),
    ("introducers", D(2024, 6, 26), {"people": [("introducer", "王堃"), ("introducer", "李喆")]}),
    ("political_review", D(2024, 7, 10), {"decision": "passed", "text": "政治历史清楚，政审合格"}),
    ("training", D(2024, 7, 20), {"days": 3}),
    ("committee_review", D(2024, 8, 1), {}),
    ("pre_approval", D(2024, 8, 10), {"body": UPPER, "decision": "approved"}),
    ("application_form", D(2024, 8, 15), {"text": "志愿书编号 0012345"}),
    ("branch_vote", D(2024, 9, 1), {}),
    ("upper_talk", D(2024, 9, 10), {"people": [("talker", "周明")]}),
    ("approval", D(2024, 10, 20), {"body": UPPER, "decision": "approved"}),
    ("upper_filing", D(2024, 10, 25), {"body": "中共测试县委组织部"}),
    ("oath", D(2024, 11, 1), {}),
    ("placement", D(2024, 11, 2), {}),
    ("probation_review", D(2025, 3, 1), {"text": "按时参加组织生活"}),
    ("probation_review", D(2025, 8, 20), {"text": "发挥了作用"}),
    ("full_application", D(2025, 8, 25), {}),
    ("full_vote", D(2025, 9, 2), {"decision": "full"}),
    ("full_approval", D(2025, 10, 10), {"body": UPPER, "decision": "approved"}),
    ("archived", D(2025, 10, 20), {}),
]


def new_person(archive, name="周新", birth=BIRTH, serial=311) -> int:
    return archive.recruit.add_person(PersonForm(name=name, id_number=make_id(birth, serial), job="村民"))


def held_meeting(archive, person_id: int, key: str, day: dt.date, yes: int | None = None) -> int:
    """The meeting for ``key``, made as the page makes it, then held with everyone present
    and the resolution voted (``yes`` votes, default all who may vote)."""
    meeting_id = archive.recruit.plan_meeting([person_id], key, day)
    hold(archive, meeting_id, day, yes)
    return meeting_id


def step_form(archive, ids: dict, person_id: int, key: str, day: dt.date, **extra) -> StepForm:
    people = [StepPerson(role, name, ids.get(name)) for role, name in extra.pop("people", [])]
    form = StepForm(step=key, done_on=day, people=people, **extra)
    if key == "placement" and form.group_id is None:
        form.group_id = archive.groups.id_by_name("第一党小组")
    if archive.recruit.dossier(person_id).next_steps and key in ("activist", "candidate", "committee_review",
                                                                 "branch_vote", "full_vote") and form.meeting_id is None:
        form.meeting_id = held_meeting(archive, person_id, key, day)
    return form


def walk(archive, ids: dict, person_id: int, until: str | None = None, skip: int = 0) -> None:
    """Record the timeline's steps from index ``skip`` up to the first ``until``."""
    for key, day, extra in TIMELINE[skip:]:
        if key == until:
            return
        archive.recruit.record_step(person_id, step_form(archive, ids, person_id, key, day, **dict(extra)))


def index_of(key: str) -> int:
    return next(n for n, (k, _, _) in enumerate(TIMELINE) if k == key)

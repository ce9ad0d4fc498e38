"""Demo 发展党员 pipeline (docs/domain.md §11): two 入党申请人 (one still waiting for the
谈话), two 入党积极分子, one 发展对象 and one 预备党员 whose 预备期 ends in four weeks (admitted
in January, so last year's records and counts stay as they were).
Steps that are meetings are held and voted in 三会一课 records made for them."""

from __future__ import annotations

import datetime as dt
import random

from ..recruit import PersonForm, StepForm, StepPerson
from ..roster import idnumber

# (name, birth, gender serial, job, days before today of the 入党申请书, last step reached)
PEOPLE = [
    ("吴晓雨", dt.date(2001, 8, 12), 402, "村卫生室护士", 20, "application"),
    ("郑海波", dt.date(1996, 3, 5), 415, "种植大户", 75, "first_talk"),
    ("林秀英", dt.date(1992, 11, 23), 428, "村妇联执委", 430, "activist_review"),
    ("何建军", dt.date(1989, 6, 2), 433, "退役军人、养殖户", 330, "activist_review"),
    ("梁思琪", dt.date(1998, 1, 17), 446, "返乡大学生、村文书", 560, "training"),
    ("宋志强", dt.date(1990, 9, 9), 451, "合作社会计", 866, "full_application"),
]
# Each step's distance in days from the one before (the demo keeps every period of the 细则).
GAPS = {
    "first_talk": 18, "activist": 60, "activist_filing": 5, "mentors": 2, "activist_review": 170,
    "candidate": 25, "candidate_filing": 5, "introducers": 2, "political_review": 20, "training": 12,
    "committee_review": 10, "pre_approval": 9, "application_form": 5, "branch_vote": 15, "upper_talk": 8,
    "approval": 40, "upper_filing": 5, "oath": 6, "placement": 1, "probation_review": 110,
    "full_application": 3,
}
# The steps in order; the 考察 repeat every half year (the second 预备期 考察 comes 170 days on).
# The second 考察 of each kind: half a year on (a shorter wait keeps the 预备党员's in the past).
REPEAT_GAP = {"activist_review": 170, "probation_review": 160}
ORDER = list(GAPS)
ORDER.insert(ORDER.index("activist_review"), "activist_review")
ORDER.insert(ORDER.index("probation_review"), "probation_review")


def _id_number(birth: dt.date, serial: int) -> str:
    first17 = f"330523{birth:%Y%m%d}{serial:03d}"
    return first17 + idnumber.check_digit(first17)


def hold(archive, meeting_id: int, day: dt.date, yes: int | None = None) -> None:
    """Enter a meeting made for a step as held ``day``: everyone present, each resolution
    voted with ``yes`` votes in favour (default: everyone who may vote), none against."""
    form = archive.meetings.form(meeting_id)
    form.held_on, form.planned_on, form.planned_time, form.started_at, form.ended_at = day, day, "19:30", "19:30", "21:00"
    form.place = "村党群服务中心"
    secretary = archive.members.get(archive.branch.own().committee[0].member_id).name
    form.host_name = form.recorder_name = secretary
    for entry in form.attendance:
        entry.status = "present"
    voters = sum(e.voting for e in form.attendance) if form.kind == "general" else len(form.attendance)
    for resolution in form.resolutions:
        resolution.voted, resolution.no, resolution.abstain = True, 0, 0
        resolution.yes = voters if yes is None else yes
    archive.meetings.save(meeting_id, form)


def _held(archive, person_id: int, key: str, day: dt.date) -> int:
    meeting_id = archive.recruit.plan_meeting([person_id], key, day)
    hold(archive, meeting_id, day)
    return meeting_id


def build(archive, rng: random.Random, today: dt.date) -> None:
    full = [m for m in archive.members.all_active() if m.status == "full"]
    committee = [archive.members.get(seat.member_id) for seat in archive.branch.own().committee if seat.member_id]
    upper = archive.branch.own().higher_org or "中共前进镇委员会"
    group_id = archive.groups.list()[0].id
    for name, birth, serial, job, days_ago, until in PEOPLE:
        person_id = archive.recruit.add_person(PersonForm(name=name, id_number=_id_number(birth, serial), job=job))
        day = today - dt.timedelta(days=days_ago)
        mentors = rng.sample(full, 2)
        archive.recruit.record_step(person_id, StepForm("application", day, text="志愿加入中国共产党，愿意为村里的发展出力。"))
        seen: set[str] = set()
        for key in ORDER[:ORDER.index(until) + 1] if until in ORDER else []:
            day += dt.timedelta(days=REPEAT_GAP[key] if key in seen and key in REPEAT_GAP else GAPS[key])
            seen.add(key)
            form = StepForm(key, day)
            if key in ("first_talk",):
                form.people = [StepPerson("talker", committee[2].name, committee[2].id)]
                form.text = "介绍了党的基本知识和入党程序，本人态度端正。"
            elif key == "upper_talk":
                form.people = [StepPerson("talker", "镇党委组织委员 陈立新")]
            elif key == "mentors":
                form.people = [StepPerson("mentor", m.name, m.id) for m in mentors]
            elif key == "introducers":
                form.people = [StepPerson("introducer", m.name, m.id) for m in mentors]
            elif key == "activist":
                form.decision = "members" if serial % 2 else "mass_org"
            elif key in ("activist_review", "probation_review"):
                form.text = "能按时参加组织生活，积极参与村里的志愿服务，群众反映良好。"
            elif key == "candidate":
                form.text = "听取了党小组、培养联系人、党员和群众意见，一致同意列为发展对象。"
            elif key == "political_review":
                form.decision, form.text = "passed", "经函调和外调，本人及直系亲属政治历史清楚，政审合格。"
            elif key == "training":
                form.days, form.text = 3, "镇党校发展对象培训班，结业考试合格。"
            elif key in ("activist_filing", "candidate_filing", "pre_approval", "approval"):
                form.body = upper
                form.decision = "approved" if key in ("pre_approval", "approval") else ""
            elif key == "upper_filing":
                form.body = "中共县委组织部"
            elif key == "placement":
                form.group_id = group_id
            if key in ("activist", "candidate", "committee_review", "branch_vote"):
                form.meeting_id = _held(archive, person_id, key, day)
            archive.recruit.record_step(person_id, form)

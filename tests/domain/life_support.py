"""The small branch of ``meetings_support`` (王堃 书记, 李喆 and 赵赟 支委; 陈镕, 刘芳 正式党员;
张伟 预备; 孙丽 流动) with helpers that walk a 组织生活会 cycle to the point a test needs."""

from __future__ import annotations

import datetime as dt

from branchdesk.life import Criticism, Examination, ItemForm, Opinion, PlanForm, Problem, TalkForm
from tests.domain.meetings_support import TODAY

YEAR = TODAY.year
MEETING_DAY = TODAY - dt.timedelta(days=2) if TODAY.month > 1 or TODAY.day > 3 else TODAY
# Everyone present except the away member 孙丽 (absent with a reason).
ABSENT = {"孙丽": ("other", "外出务工")}


def plan(archive, day: dt.date = MEETING_DAY) -> int:
    reported = max(dt.date(YEAR, 1, 1), day - dt.timedelta(days=20))
    return archive.life.create(PlanForm(YEAR, "学习党章，对照检查", day, "general", None, reported))


def talk(archive, ids, a: str, b: str, day: dt.date = MEETING_DAY) -> int:
    return archive.talks.add(TalkForm(day, ids[a], a, ids[b], b, content="谈思想、谈工作"))


def hold(archive, cycle_id: int, day: dt.date = MEETING_DAY, absent=None) -> int:
    meeting_id = archive.life.open_meeting(cycle_id)
    form = archive.meetings.form(meeting_id)
    form.held_on, form.host_name, form.recorder_name, form.place = day, "王堃", "李喆", "党群服务中心"
    absent = ABSENT if absent is None else absent
    for entry in form.attendance:
        if entry.name in absent:
            entry.status, (entry.reason, entry.note) = "absent", absent[entry.name]
        else:
            entry.status = "present"
    archive.meetings.save(meeting_id, form)
    return meeting_id


def present_names(archive, meeting_id: int) -> list[str]:
    return [e.name for e in archive.meetings.detail(meeting_id).form.attendance if e.status == "present"]


def complete_cycle(archive, ids) -> int:
    """A cycle that passes every blocking check (talks not needed for that)."""
    life = archive.life
    cycle_id = plan(archive)
    opinion = life.opinions.add(cycle_id, Opinion(content="希望多开展服务群众活动", received_on=MEETING_DAY,
                                                  answer="已列入明年计划"))
    assert opinion
    life.problems.add(cycle_id, Problem("服务群众办法不多"))
    meeting_id = hold(archive, cycle_id)
    present = present_names(archive, meeting_id)
    life.examinations.add(cycle_id, Examination("班子问题", "原因", "措施"))
    for name in present:
        life.examinations.add(cycle_id, Examination(f"{name}的问题", "原因", "措施", ids[name]))
    life.save_text(cycle_id, "secretary_report", "一年来支部工作……")
    for n, name in enumerate(present):
        life.criticism.add(cycle_id, Criticism("self", ids[name], name, content=f"{name}的自我批评"))
        critic = present[(n + 1) % len(present)]
        life.criticism.add(cycle_id, Criticism("mutual", ids[critic], critic, ids[name], name,
                                               f"{critic}批评{name}", "接受"))
    life.save_text(cycle_id, "summary", "会议达到了预期目的。")
    return cycle_id


def item(archive, ids, **changes) -> int:
    values = {"year": YEAR, "problem": "路灯不亮", "measure": "统一维修", "owner_member_id": ids["李喆"],
              "deadline": TODAY + dt.timedelta(days=30), "created_on": TODAY}
    values.update(changes)
    return archive.rectification.add(ItemForm(**values))

"""The demo branch with the longest text every field allows (issue 13, small screens):
what a secretary may paste into a name or a title must never push a window off the
screen. The limits are the domain's own (``branchdesk.text``), so a longer limit there
makes these texts longer too."""

from __future__ import annotations

import dataclasses
import datetime as dt

from branchdesk.life.ledger_forms import ItemForm
from branchdesk.meetings import AgendaItem, MeetingForm, ResolutionForm, TaskForm
from branchdesk.text import LINE_MAX, NAME_MAX

SAMPLE = "中国共产党前进村党支部关于深入学习贯彻习近平新时代中国特色社会主义思想和党的二十大精神的"


def long_text(length: int, start: str = "") -> str:
    """``length`` characters of plausible Chinese, beginning with ``start``."""
    text = start
    while len(text) < length:
        text += SAMPLE
    return text[:length]


@dataclasses.dataclass
class LongestRecords:
    meeting_id: int
    member_id: int
    item_id: int
    library_year: int


def fill_longest(archive, year: int) -> LongestRecords:
    """Give the demo branch's names, titles and items of ``year`` the longest text allowed."""
    info = archive.branch.own()
    archive.branch.save_own(dataclasses.replace(
        info, name=long_text(LINE_MAX, "前进村党支部"), code="9" * NAME_MAX, higher_org=long_text(LINE_MAX, "中共镇委员会")))
    for number, group in enumerate(archive.groups.list(), start=1):
        archive.groups.save(long_text(NAME_MAX, f"第{number}党小组"), leader_id=group.leader_id, group_id=group.id)

    member = archive.members.all_active()[-1]
    form = archive.members.get(member.id).form()
    form.name = long_text(NAME_MAX, "欧阳")
    form.job = long_text(LINE_MAX, "村")
    form.education = long_text(NAME_MAX, "大学")
    archive.members.update(member.id, form)

    meeting = MeetingForm(kind="committee", planned_on=dt.date(year, 12, 1), planned_time="19:00",
                          title=long_text(LINE_MAX, "支委会"), place=long_text(LINE_MAX, "村"),
                          theme=long_text(LINE_MAX, "学习"), host_name=long_text(NAME_MAX, "主持"),
                          recorder_name=long_text(NAME_MAX, "记录"), held_on=dt.date(year, 12, 1),
                          started_at="19:00", ended_at="21:00")
    meeting.attendance = archive.meetings.due_entries("committee")
    for entry in meeting.attendance:
        entry.status = "present"
    meeting.agenda = [AgendaItem(long_text(LINE_MAX, "议题"), long_text(LINE_MAX * 2, "说明"))]
    meeting.resolutions = [ResolutionForm(long_text(LINE_MAX, "同意"))]
    meeting.tasks = [TaskForm(long_text(LINE_MAX * 5, "落实"), long_text(NAME_MAX, "责任"), dt.date(year, 12, 20))]
    meeting_id = archive.meetings.plan(meeting)

    item_id = archive.rectification.add(ItemForm(
        year=year, problem=long_text(LINE_MAX * 5, "问题"), measure=long_text(LINE_MAX * 5, "措施"),
        owner_name=long_text(NAME_MAX, "责任人"), deadline=dt.date(year, 12, 31), source="higher",
        cause=long_text(LINE_MAX * 5, "原因")))

    # This year's library is locked by its inspections: next year's is a copy still open.
    library_year = year + 1
    archive.targets.library.copy(year, library_year, long_text(LINE_MAX, f"{library_year}年度"))
    library = archive.targets.library.get(library_year)
    archive.targets.library.save_info(library_year, library.name, long_text(LINE_MAX, "中共"))
    forms = [row.form() for row in library.indicators]
    for form in forms:
        form.name = long_text(LINE_MAX, form.name)
    archive.targets.library.save(library_year, forms)
    archive.targets.plans.adopt_library(library_year)
    return LongestRecords(meeting_id, member.id, item_id, library_year)

"""A small branch for the meeting tests: seven members (one probationary, one away),
a committee of three and one party group."""

from __future__ import annotations

import datetime as dt

import pytest

from branchdesk import clock
from branchdesk.branch import CommitteeSeat
from branchdesk.meetings import MeetingForm
from branchdesk.roster.members import MemberForm
from tests.helpers import make_id

TODAY = clock.today()
NAMES = ["王堃", "李喆", "赵赟", "陈镕", "刘芳", "张伟", "孙丽"]


@pytest.fixture
def branch(archive):
    """The archive with the small branch; returns (archive, {name: member id}, group id)."""
    group_id = archive.groups.save("第一党小组")
    ids = {}
    for n, name in enumerate(NAMES):
        probationary = name == "张伟"
        form = MemberForm(
            name=name, id_number=make_id(dt.date(1970 + n, 3, 4), 101 + 2 * n),
            joined_on=TODAY - dt.timedelta(days=100) if probationary else dt.date(2000, 7, 1),
            full_on=None if probationary else dt.date(2001, 7, 1),
            status="probationary" if probationary else "full", group_id=group_id if n < 4 else None,
        )
        ids[name] = archive.members.add(form)
    archive.members.change_status(ids["孙丽"], "away", TODAY - dt.timedelta(days=30), "外出务工")
    info = archive.branch.own()
    info.committee = [CommitteeSeat("secretary", ids["王堃"]), CommitteeSeat("organisation", ids["李喆"]),
                      CommitteeSeat("publicity", ids["赵赟"])]
    archive.branch.save_own(info)
    return archive, ids, group_id


def held_form(archive, kind="committee", absent=(), day=None, **changes) -> MeetingForm:
    """A complete record of a meeting held ``day`` (default: a week ago), everyone
    present except ``absent`` (name → reason key)."""
    day = day or TODAY - dt.timedelta(days=7)
    form = MeetingForm(kind=kind, planned_on=day, planned_time="14:30", place="党群服务中心", held_on=day,
                       started_at="14:30", ended_at="16:00", host_name="王堃", recorder_name="李喆")
    for key, value in changes.items():
        setattr(form, key, value)
    form.attendance = archive.meetings.due_entries(form.kind, form.group_id)
    absent = dict(absent)
    for entry in form.attendance:
        entry.status = "absent" if entry.name in absent else "present"
        entry.reason = absent.get(entry.name, "")
    from branchdesk.meetings import AgendaItem

    form.agenda = form.agenda or [AgendaItem("研究本月工作")]
    return form

"""Dates a record cannot carry are refused, by one rule (issue 12, item 16): nothing
before the Party's founding in 1921, nothing that happened after today, no plan or
deadline more than a few years ahead — each message naming its field."""

from __future__ import annotations

import datetime as dt

import pytest

from branchdesk import clock
from branchdesk.cli import main
from branchdesk.errors import ValidationErrors
from branchdesk.life.ledger_forms import ItemForm
from branchdesk.meetings import MeetingForm, TaskForm
from branchdesk.roster.members import MemberForm
from tests.helpers import make_id

TODAY = clock.today()
IMPLAUSIBLE = [dt.date(1, 1, 1), dt.date(1920, 12, 31), dt.date(2199, 1, 1), dt.date(9999, 12, 31)]


def refused(action, *args) -> dict[str, str]:
    with pytest.raises(ValidationErrors) as raised:
        action(*args)
    return {e.field: e.message() for e in raised.value.errors}


@pytest.mark.parametrize("day", IMPLAUSIBLE, ids=str)
def test_meeting_plans_refuse_implausible_dates(archive, day):
    found = refused(archive.meetings.plan, MeetingForm(kind="committee", planned_on=day))
    assert "计划日期" in found["planned_on"] and f"{day:%Y-%m-%d}" in found["planned_on"]


def test_a_plan_a_few_years_ahead_is_fine_but_not_decades(archive):
    assert archive.meetings.plan(MeetingForm(kind="committee", planned_on=TODAY + dt.timedelta(days=3 * 365)))
    assert "年之后" in refused(archive.meetings.plan,
                              MeetingForm(kind="committee", planned_on=clock.add_years(TODAY, 30)))["planned_on"]


def test_held_dates_and_task_deadlines(archive):
    form = MeetingForm(kind="committee", planned_on=TODAY, held_on=dt.date(1, 1, 1))
    assert "实际召开日期" in refused(archive.meetings.plan, form)["held_on"]
    form = MeetingForm(kind="committee", planned_on=TODAY, tasks=[TaskForm("修路", "王堃", dt.date(9999, 12, 31))])
    assert "落实事项第 1 项" in refused(archive.meetings.plan, form)["tasks"]


def test_rectification_deadlines_and_listing_dates(archive):
    def item(**changes):
        return ItemForm(TODAY.year, "问题", "措施", None, "王堃", **changes)

    assert "整改时限" in refused(archive.rectification.add, item(deadline=dt.date(2199, 1, 1)))["deadline"]
    found = refused(archive.rectification.add, item(deadline=TODAY, created_on=dt.date(1, 1, 1)))
    assert "列入台账日期" in found["created_on"]


def test_member_dates_before_the_founding(archive):
    form = MemberForm(name="王堃", id_number=make_id(dt.date(1900, 3, 4)), joined_on=dt.date(1920, 7, 1),
                      full_on=dt.date(1921, 7, 1), status="full")
    assert "早于 1921 年" in refused(archive.members.add, form)["joined_on"]


def test_branch_founding_date(archive):
    info = archive.branch.own()
    info.founded_on = dt.date(1800, 1, 1)
    assert "成立日期" in refused(archive.branch.save_own, info)["founded_on"]


def test_the_command_line_names_the_field(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path), "init", "--name", "测试村党支部", "--kind", "village"]) == 0
    assert main(["--data-dir", str(tmp_path), "meetings", "plan", "--kind", "支委会", "--date", "9999-12-31"]) == 1
    err = capsys.readouterr().err
    assert "计划日期" in err and "9999-12-31" in err and "Traceback" not in err

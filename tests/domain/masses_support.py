"""A small branch with households for the 群众工作 tests."""

from __future__ import annotations

import datetime as dt

import pytest

from branchdesk.masses.forms import HouseholdForm, RequestForm, VisitForm
from tests.domain.meetings_support import TODAY

LISTED = dt.date(TODAY.year, 9, 1)
PHONE = "13812345678"


@pytest.fixture
def households(branch):
    """(archive, member ids, [household ids]): 王堃 keeps two households, 李喆 one."""
    archive, ids, _ = branch
    masses = archive.masses
    made = [
        masses.add_household(HouseholdForm("刘大妈", "一组", PHONE, "独居老人，腿脚不便", "hardship", ids["王堃"],
                                           listed_on=LISTED)),
        masses.add_household(HouseholdForm("陈建国", "二组", "", "", "contact", ids["王堃"], listed_on=LISTED)),
        masses.add_household(HouseholdForm("周小红", "三组", "13900001111", "", "pair", ids["李喆"], listed_on=LISTED)),
    ]
    return archive, ids, made


def visit(archive, household_id, member_id, day, seen="身体还好", asked="", take=False):
    return archive.masses.record_visit(VisitForm(household_id, member_id, "", day, seen, asked), take_request=take)


def request(archive, day=None, channel="call_in", content="村口路灯不亮，晚上出行不便", name="陈建国"):
    return archive.masses.take(RequestForm(channel, day or TODAY - dt.timedelta(days=40), content, name))


def opinion_cycle(archive, content: str) -> str:
    """A 组织生活会 of this year with one opinion from the masses; returns the opinion's uid."""
    from branchdesk.life import Opinion
    from branchdesk.storage.models import LifeOpinion
    from tests.domain.life_support import MEETING_DAY, plan

    cycle_id = plan(archive)
    row_id = archive.life.opinions.add(cycle_id, Opinion(source="masses", channel="visit", received_on=MEETING_DAY,
                                                         content=content, giver="村民老李"))
    with archive.bound():
        return LifeOpinion.get_by_id(row_id).uid

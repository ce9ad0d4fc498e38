"""A change of status by hand needs its day and reason; 已转出 and 开除党籍 only through their
registers (docs/domain.md §1, 党员状态的变更), on every storage engine."""

import datetime as dt

import pytest

from branchdesk import clock
from branchdesk.errors import ValidationErrors
from tests.domain.test_members import form
from tests.helpers import transfer_out


def refused(call) -> dict[str, str]:
    with pytest.raises(ValidationErrors) as caught:
        call()
    return {e.field: e.detail for e in caught.value.errors}


def edited(archive, member_id, status):
    changed = archive.members.get(member_id).form()
    changed.status = status
    return changed


def test_a_hand_edit_never_makes_a_member_transferred_or_expelled(archive):
    member_id = archive.members.add(form())
    today = clock.today()
    for status, register in (("transferred", "「组织关系」页点「转出…」"), ("expelled", "「奖惩」")):
        by_form = refused(lambda s=status: archive.members.update(member_id, edited(archive, member_id, s),
                                                                   "转至镇机关", today))
        assert register in by_form["status"]
        by_call = refused(lambda s=status: archive.members.change_status(member_id, s, today, "转至镇机关"))
        assert register in by_call["status"]
    assert archive.members.get(member_id).status == "full"
    assert len(archive.members.status_history(member_id)) == 1
    assert archive.transfers.of_member(member_id) == []


def test_a_member_transferred_out_comes_back_only_by_a_transfer_in(archive):
    member_id = archive.members.add(form())
    transfer_out(archive, member_id, clock.today() - dt.timedelta(days=3))
    back = refused(lambda: archive.members.change_status(member_id, "full", clock.today(), "回来了"))
    assert "「转入…」" in back["status"] and "张建国已转出" in back["status"]
    assert archive.members.get(member_id).status == "transferred"


def test_a_death_needs_its_day_and_a_reason(archive):
    member_id = archive.members.add(form())
    silent = refused(lambda: archive.members.update(member_id, edited(archive, member_id, "deceased")))
    assert "请填写「去世日期」" in silent["status_changed_on"]
    assert "请填写「状态变更原因」" in silent["status_reason"] and "「已去世」" in silent["status_reason"]
    ahead = refused(lambda: archive.members.update(member_id, edited(archive, member_id, "deceased"), "病故",
                                                   clock.today() + dt.timedelta(days=1)))
    assert "「去世日期」" in ahead["status_changed_on"] and "不能晚于今天" in ahead["status_changed_on"]
    before = refused(lambda: archive.members.update(member_id, edited(archive, member_id, "deceased"), "病故",
                                                    dt.date(1990, 1, 1)))
    assert "早于入党日期 1995-07-01" in before["status_changed_on"]
    assert archive.members.get(member_id).status == "full"

    archive.members.update(member_id, edited(archive, member_id, "deceased"), " 病故 ", dt.date(2026, 11, 3))
    last = archive.members.status_history(member_id)[-1]
    assert (last.status_from, last.status_to, last.changed_on, last.reason) == (
        "full", "deceased", dt.date(2026, 11, 3), "病故")


def test_a_change_is_not_dated_before_the_last_one(archive):
    member_id = archive.members.add(form())
    archive.members.change_status(member_id, "suspended", dt.date(2026, 5, 1), "停止党籍")
    early = refused(lambda: archive.members.change_status(member_id, "full", dt.date(2026, 4, 1), "恢复党籍"))
    assert "在 2026-05-01 已有党员状态变化" in early["status_changed_on"]
    without = refused(lambda: archive.members.change_status(member_id, "full", dt.date(2026, 6, 1)))
    assert set(without) == {"status_reason"}


def test_an_edit_that_keeps_the_status_needs_neither(archive):
    member_id = archive.members.add(form())
    changed = archive.members.get(member_id).form()
    changed.job = "村会计"
    archive.members.update(member_id, changed)
    assert archive.members.get(member_id).job == "村会计"
    assert len(archive.members.status_history(member_id)) == 1

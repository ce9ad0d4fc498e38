"""组织关系转接 and 流动党员 (docs/domain.md §16) on every engine: the 介绍信 numbered per
year and never reused, the status history dated by the transfer, the 回执 overdue after the
set months (首页), a cancellation restoring the status, a transfer in, the away register."""

from __future__ import annotations

import datetime as dt

import pytest

from branchdesk import todo
from branchdesk.errors import Conflict, ValidationError, ValidationErrors
from branchdesk.meetings import MeetingForm
from branchdesk.roster.history import roster_on
from branchdesk.roster.member_rules import MemberForm
from branchdesk.transfers import AwayForm, TransferForm
from tests.domain.meetings_support import TODAY
from tests.helpers import make_id

D = dt.date


def out_form(member_id, day, **changes) -> TransferForm:
    form = TransferForm(direction="out", member_id=member_id, moved_on=day, from_org="中共前进村党支部",
                        to_org="中共镇机关党支部", reason="job", scope="county")
    for key, value in changes.items():
        setattr(form, key, value)
    return form


def statuses(archive, member_id):
    return [(c.status_to, c.changed_on) for c in archive.members.status_history(member_id)]


def test_transfer_out_numbers_letters_changes_status_and_goes_overdue(branch):
    archive, ids, _ = branch
    day = TODAY - dt.timedelta(days=120)
    first = archive.transfers.transfer_out(out_form(ids["赵赟"], day))
    second = archive.transfers.transfer_out(out_form(ids["陈镕"], TODAY - dt.timedelta(days=10), scope="country"))
    records = {r.id: r for r in archive.transfers.records()}
    year = day.year
    assert records[first].letter_no == f"〔{year}〕第1号"
    assert records[second].letter_no == f"〔{TODAY.year}〕第{2 if TODAY.year == year else 1}号"
    # the member is 已转出 from the letter's day, not from today: the roster on the day before still has them
    assert archive.members.get(ids["赵赟"]).status == "transferred"
    assert statuses(archive, ids["赵赟"])[-1] == ("transferred", day)
    assert "介绍信" in archive.members.status_history(ids["赵赟"])[-1].reason
    assert ids["赵赟"] in {r.member_id for r in roster_on(archive, day - dt.timedelta(days=1))}
    assert ids["赵赟"] not in {r.member_id for r in roster_on(archive, day)}
    # 回执 overdue after 3 months (the default), on 首页; the recent one is not
    overdue = [i for i in todo.todo_list(archive, TODAY) if i.kind == "transfer"]
    assert [i.record_id for i in overdue] == [first]
    assert "赵赟" in overdue[0].sentence and "未收到回执" in overdue[0].sentence
    archive.transfers.set_receipt_months(6)
    assert archive.transfers.overdue(TODAY) == []
    archive.transfers.set_receipt_months(3)
    with pytest.raises(ValidationError):
        archive.transfers.set_receipt_months(0)
    # the 回执 comes back: off 首页
    with pytest.raises(ValidationError, match="早于介绍信日期"):
        archive.transfers.record_receipt(first, day - dt.timedelta(days=1))
    archive.transfers.record_receipt(first, TODAY - dt.timedelta(days=5))
    assert archive.transfers.overdue(TODAY) == []
    assert archive.transfers.get(first).state(TODAY) == "received"
    # a member already gone cannot go again
    with pytest.raises(ValidationError, match="已转出"):
        archive.transfers.transfer_out(out_form(ids["赵赟"], TODAY))


def test_cancel_restores_the_status_and_keeps_the_number(branch):
    archive, ids, _ = branch
    day = TODAY - dt.timedelta(days=20)
    first = archive.transfers.transfer_out(out_form(ids["孙丽"], day))  # a 流动党员 leaves
    archive.transfers.cancel(first, "调动取消")
    assert archive.members.get(ids["孙丽"]).status == "away"
    assert statuses(archive, ids["孙丽"])[-2:] == [("transferred", day), ("away", day)]
    assert ids["孙丽"] in {r.member_id for r in roster_on(archive, day)}
    record = archive.transfers.get(first)
    assert record.cancelled_on == TODAY and record.state_label(TODAY) == "已撤销"
    again = archive.transfers.transfer_out(out_form(ids["孙丽"], day))
    assert archive.transfers.get(again).letter_seq == record.letter_seq + 1  # a void number is not given again
    with pytest.raises(Conflict):
        archive.transfers.cancel(first, "再撤销")
    with pytest.raises(ValidationError, match="撤销原因"):
        archive.transfers.cancel(again, "")


def test_transfer_in_new_and_returning_members(branch):
    archive, ids, _ = branch
    day = TODAY - dt.timedelta(days=40)
    new = MemberForm(name="周敏", id_number=make_id(D(1990, 2, 3), 222), joined_on=D(2015, 7, 1),
                     full_on=D(2016, 7, 1), status="full")
    form = TransferForm(direction="in", new_member=new, moved_on=day, from_org="中共城关镇机关党支部",
                        to_org="中共前进村党支部", reason="move", scope="province", letter_no="〔2026〕第8号")
    tid = archive.transfers.transfer_in(form)
    member_id = archive.transfers.get(tid).member_id
    assert statuses(archive, member_id) == [("full", day)]
    # on the roster from the day they came, not from their 入党日期
    assert member_id not in {r.member_id for r in roster_on(archive, day - dt.timedelta(days=1))}
    assert member_id in {r.member_id for r in roster_on(archive, day)}
    # a member who left comes back
    gone = archive.transfers.transfer_out(out_form(ids["刘芳"], day))
    back = archive.transfers.transfer_in(TransferForm(direction="in", member_id=ids["刘芳"], moved_on=TODAY,
                                                      from_org="中共镇机关党支部", to_org="中共前进村党支部"))
    assert archive.members.get(ids["刘芳"]).status == "full"
    with pytest.raises(Conflict, match="又有党员状态变化"):
        archive.transfers.cancel(gone, "误录")
    archive.transfers.cancel(back, "误录")
    assert archive.members.get(ids["刘芳"]).status == "transferred"
    # a member in the branch needs no transfer in; a transfer in made by mistake is removed with its person
    with pytest.raises(ValidationError, match="无需转入"):
        archive.transfers.transfer_in(TransferForm(direction="in", member_id=ids["王堃"], moved_on=TODAY,
                                                   from_org="外单位", to_org="本支部"))
    archive.transfers.cancel(tid, "录入错误")
    assert archive.members.find_by_id_number(new.id_number) is None


def test_form_refusals_name_the_field(branch):
    archive, ids, _ = branch
    with pytest.raises(ValidationErrors) as caught:
        archive.transfers.transfer_out(out_form(ids["王堃"], TODAY + dt.timedelta(days=1), to_org="", reason="other",
                                                valid_days=200))
    fields = set(caught.value.by_field())
    assert {"moved_on", "to_org", "reason_note", "valid_days"} <= fields
    # a date before the member's last status change would put the history out of order
    with pytest.raises(ValidationError, match="已有党员状态变化"):
        archive.transfers.transfer_out(out_form(ids["孙丽"], TODAY - dt.timedelta(days=60)))


def test_away_register_marks_and_restores_the_status(branch):
    archive, ids, _ = branch
    since = TODAY - dt.timedelta(days=90)
    with pytest.raises(ValidationErrors) as caught:
        archive.away.add(AwayForm(ids["王堃"], "杭州", since, life_way="host", dues_way="host"))
    assert "host_org" in caught.value.by_field()
    spell = archive.away.add(AwayForm(ids["王堃"], "杭州市萧山区", since, contact="13812345678",
                                      host_org="中共萧山区某公司党支部", life_way="host", dues_way="home_transfer"))
    assert archive.members.get(ids["王堃"]).status == "away"
    record = archive.away.current()[ids["王堃"]]
    assert record.contact_masked == "138****5678" and "流入地党组织" in record.summary()
    with pytest.raises(Conflict):
        archive.away.add(AwayForm(ids["王堃"], "宁波", since, life_way="written", dues_way="proxy"))
    archive.away.end(spell, TODAY)
    member = archive.members.get(ids["王堃"])
    assert member.status == "full" and member.full_on == D(2001, 7, 1)  # the 转正 date kept
    assert statuses(archive, ids["王堃"])[-2:] == [("away", since), ("full", TODAY)]
    assert archive.transfers.year_counts(TODAY.year)["away"] >= 1


def test_the_yearly_archive_lines(branch):
    from branchdesk.yearbook.transfers_section import year_record

    archive, ids, _ = branch
    assert year_record(archive, TODAY.year - 5) == []
    day = TODAY - dt.timedelta(days=5)
    archive.transfers.transfer_out(out_form(ids["赵赟"], day))
    archive.away.add(AwayForm(ids["王堃"], "宁波市", day, contact="13812345678", life_way="written",
                              dues_way="proxy"))
    [record] = year_record(archive, TODAY.year)
    text = "\n".join(getattr(block, "text", "") for block in record)
    assert f"赵赟组织关系转出至中共镇机关党支部（工作调动，县内），介绍信〔{TODAY.year}〕第1号，待回执。" in text
    assert "王堃" in text and "宁波市" in text and "13812345678" not in text and "转出党员1名" in text


def test_an_absence_away_is_for_a_member_away_and_counts_as_leave(branch):
    from branchdesk.dues.six_months import on_leave
    from tests.domain.meetings_support import held_form

    archive, ids, _ = branch
    refused = held_form(archive, "general", absent={"孙丽": "away", "刘芳": "away"})
    mid = archive.meetings.plan(MeetingForm(kind="general", planned_on=refused.planned_on))
    with pytest.raises(ValidationErrors, match="只用于流动党员"):
        archive.meetings.save(mid, refused)
    accepted = held_form(archive, "general", absent={"孙丽": "away"})  # 孙丽 is a 流动党员 (the fixture)
    archive.meetings.save(mid, accepted)
    row = next(e for e in archive.meetings.form(mid).attendance if e.name == "孙丽")
    assert (row.status, row.reason) == ("absent", "away") and on_leave("away", "")

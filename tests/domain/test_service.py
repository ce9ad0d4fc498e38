"""服务群众、党务公开与群众评议 (docs/domain.md §15) on every engine: service hours per
member, 实事 deadlines, the on-time rule of 党务公开 and the satisfaction tallies."""

from __future__ import annotations

import datetime as dt

import pytest

from branchdesk.errors import Conflict, ValidationErrors
from branchdesk.service import ActivityForm, Participant, PledgeForm, PostingForm, VerdictForm
from branchdesk.setup.start import SETTING as START_SETTING
from tests.conftest import TODAY

D = dt.date
YEAR = TODAY.year


def _refused(call, *args) -> str:
    with pytest.raises(ValidationErrors) as caught:
        call(*args)
    return caught.value.message()


def test_hours_add_up_per_member_and_others_are_kept_apart(branch):
    archive, ids, _ = branch
    service = archive.service
    service.add_activity(ActivityForm(D(YEAR, 3, 5), "幸福社区", "清扫楼道、义务理发", [
        Participant(member_id=ids["王堃"], hours=3), Participant(member_id=ids["李喆"], hours="2.5"),
        Participant(name="志愿者 周敏", hours=2)]))
    service.add_activity(ActivityForm(D(YEAR, 6, 1), "敬老院", "陪老人过节", [Participant(member_id=ids["王堃"], hours=1.5)]))
    service.add_activity(ActivityForm(D(YEAR - 1, 12, 30), "幸福社区", "去年的活动", [
        Participant(member_id=ids["陈镕"], hours=4)]))
    hours = {h.name: (h.hours, h.activities) for h in service.member_hours(YEAR)}
    assert hours == {"王堃": (4.5, 2), "李喆": (2.5, 1)}  # the guest is not a member; last year is not this year
    summary = service.hours_summary(YEAR)
    assert (summary["activities"], summary["member_hours"], summary["other_hours"]) == (2, 7.0, 2.0)
    assert summary["average"] == round(7.0 / archive.members.count(), 1)
    message = _refused(service.add_activity, ActivityForm(D(YEAR, 3, 5), "社区", "内容", [
        Participant(member_id=ids["王堃"], hours=30), Participant(name="", hours=1),
        Participant(member_id=ids["李喆"], hours="两小时")]))
    assert "王堃的服务时长应大于 0、不超过 24 小时" in message and "第2位参加人没有姓名" in message
    assert "李喆的服务时长「两小时」不是数字" in message
    assert "志愿服务" in _member_delete_refusal(archive, ids["陈镕"])


def _member_delete_refusal(archive, member_id) -> str:
    with pytest.raises(Conflict) as caught:
        archive.members.delete(member_id)
    return caught.value.message()


def test_pledges_are_overdue_after_their_date_and_count_when_done_by_it(branch):
    archive, _, _ = branch
    service = archive.service
    early = service.add_pledge(PledgeForm(YEAR, "修缮村口便民桥", D(YEAR, 6, 30), "王堃"))
    late = service.add_pledge(PledgeForm(YEAR, "安装楼道路灯", D(YEAR, 9, 30), "李喆"))
    service.add_pledge(PledgeForm(YEAR, "整治背街小巷", TODAY - dt.timedelta(days=3), "赵赟"))
    service.add_pledge(PledgeForm(YEAR, "年底慰问困难户", D(YEAR, 12, 31), "王堃"))
    service.add_pledge_note(late, "已完成线路勘察", D(YEAR, 8, 1))
    service.complete_pledge(early, D(YEAR, 6, 20))
    service.complete_pledge(late, D(YEAR, 10, 8))
    states = {p.title: p.state for p in service.pledges(YEAR)}
    assert states == {"修缮村口便民桥": "done", "安装楼道路灯": "done_late", "整治背街小巷": "overdue",
                      "年底慰问困难户": "open"}
    assert [p.title for p in service.overdue_pledges()] == ["整治背街小巷"]
    # the 年底 one is not yet due: three counted, one done by its date
    assert service.pledge_completion(YEAR) == (1, 3)
    assert service.pledge(late).last_note == "已完成线路勘察"
    message = _refused(service.add_pledge, PledgeForm(YEAR, "", D(YEAR - 1, 1, 1), ""))
    assert "实事名称" in message and "牵头" in message and "早于实事所属的" in message


def _post(archive, kind, part, posted_on, days=10, year=YEAR):
    body = "年度工作计划全文" if kind == "plan" else ""
    return archive.openness.add(PostingForm(kind, "", body, year, part, posted_on, "党务公开栏", posted_on,
                                            posted_on + dt.timedelta(days=days - 1)))


def test_postings_are_on_time_by_their_due_day_and_hung_a_week(branch):
    archive, _, _ = branch
    archive.settings.set(START_SETTING, D(YEAR, 1, 1).isoformat())
    _post(archive, "plan", 0, D(YEAR, 1, 20))
    _post(archive, "dues", 1, D(YEAR, 4, 10))  # on time
    _post(archive, "dues", 2, D(YEAR, 7, 20))  # after 15 July: late
    _post(archive, "dues", 3, D(YEAR, 10, 9), days=3)  # on time but hung three days
    due = {(d.kind, d.covers_part): d.state for d in archive.openness.due(YEAR)}
    assert due == {("plan", 0): "on_time", ("dues", 1): "on_time", ("dues", 2): "late", ("dues", 3): "late",
                   ("dues", 4): "waiting"}  # the fourth quarter is due on 15 January
    assert archive.openness.on_time_share(YEAR) == (2, 4)
    archive.service.add_pledge(PledgeForm(YEAR, "安装楼道路灯", D(YEAR, 9, 30), "李喆"))
    due = {(d.kind, d.covers_part): d.state for d in archive.openness.due(YEAR)}
    assert due[("pledges", 1)] == "missing" and due[("pledges", 2)] == "waiting"  # a year with 实事 asks for progress
    message = _refused(archive.openness.add, PostingForm("dues", "", "", YEAR, 5, D(YEAR, 4, 1), "", D(YEAR, 3, 1),
                                                         D(YEAR, 2, 1)))
    assert "所属期间" in message and "公开地点" in message and "早于公开日期" in message and "截止日期早于起始日期" in message


def test_satisfaction_leaves_out_those_who_do_not_know(branch):
    archive, ids, _ = branch
    verdicts = archive.verdicts
    vid = verdicts.add(VerdictForm(YEAR, D(YEAR, 12, 1), None, 40, 8, 2, 10, "希望多开展便民服务\n\n路灯修得及时"))
    committee = verdicts.committee(YEAR)
    assert committee.subject == "支部委员会" and committee.ballots == 60
    assert committee.rate == pytest.approx(48 / 50)  # (40 + 8) / (60 - 10)
    assert committee.feedback_lines == ["希望多开展便民服务", "路灯修得及时"]
    verdicts.add(VerdictForm(YEAR, D(YEAR, 12, 1), ids["刘芳"], 0, 0, 0, 5))
    assert verdicts.of_members(YEAR)[ids["刘芳"]].rate is None  # nobody could judge
    with pytest.raises(Conflict):
        verdicts.add(VerdictForm(YEAR, D(YEAR, 12, 2), None, 1, 0, 0, 0))
    assert "四项票数都是 0" in _refused(verdicts.add, VerdictForm(YEAR, D(YEAR, 12, 1), ids["王堃"]))
    verdicts.update(vid, VerdictForm(YEAR, D(YEAR, 12, 1), None, 45, 3, 2, 10))
    assert verdicts.committee(YEAR).rate == pytest.approx(0.96)
    actions = [e.action for e in archive.audit.entries("service_verdict", vid)]
    assert actions == ["verdict.add", "verdict.update"] or actions == ["verdict.update", "verdict.add"]


def test_measures_and_home_count_the_records_behind_them(branch):
    from branchdesk.targets.measures import measure
    from branchdesk.targets.periods import Period
    from branchdesk.todo import todo_list

    archive, ids, _ = branch
    archive.settings.set(START_SETTING, D(YEAR, 1, 1).isoformat())
    first = archive.service.add_activity(ActivityForm(D(YEAR, 3, 5), "幸福社区", "清扫楼道", [
        Participant(member_id=member_id, hours=6) for member_id in ids.values()]))
    archive.service.add_activity(ActivityForm(D(YEAR, 9, 5), "敬老院", "陪老人", [
        Participant(member_id=ids["王堃"], hours=4), Participant(name="周敏", hours=8)]))
    half = measure(archive, "service.hours", Period(YEAR, "half", 1))
    assert half.met is True and half.value == 6.0 and [r.id for r in half.refs] == [first]  # 4 hours due in a half-year
    year = measure(archive, "service.hours", Period(YEAR, "year", 1), target_x10=100)
    assert year.value == round((6 * 7 + 4) / 7, 1) and year.met is None  # short of 10 h while the year runs
    late = archive.service.add_pledge(PledgeForm(YEAR, "安装楼道路灯", D(YEAR, 9, 30), "李喆"))
    archive.service.complete_pledge(archive.service.add_pledge(PledgeForm(YEAR, "修桥", D(YEAR, 6, 30), "王堃")),
                                    D(YEAR, 6, 1))
    pledges = measure(archive, "service.pledges", Period(YEAR, "year", 1))
    assert (pledges.value_text, pledges.met, len(pledges.refs)) == ("50%", False, 2)
    home = [item for item in todo_list(archive) if item.kind == "pledge"]
    assert [(item.record_id, item.opens) for item in home] == [(late, "pledge")] and "安装楼道路灯" in home[0].sentence
    _post(archive, "plan", 0, D(YEAR, 1, 20))
    _post(archive, "dues", 1, D(YEAR, 4, 20))
    openness = measure(archive, "openness.on_time", Period(YEAR, "half", 1))
    assert openness.value_text == "50%" and len(openness.refs) == 2
    pending = measure(archive, "verdict.satisfaction", Period(YEAR, "year", 1))
    assert pending.met is None and "尚未登记" in pending.explanation
    archive.verdicts.add(VerdictForm(YEAR, D(YEAR, 12, 1), None, 40, 4, 6, 10))
    rate = measure(archive, "verdict.satisfaction", Period(YEAR, "year", 1))
    assert rate.value_text == "88.0%" and rate.met is False and "44 ÷ 50" in rate.explanation


def test_a_members_verdict_prints_beside_their_appraisal(branch):
    from branchdesk.life import papers
    from branchdesk.papers import Para

    archive, ids, _ = branch
    appraisal_id = archive.appraisal.create(YEAR, D(YEAR, 11, 20), 6)
    archive.verdicts.add(VerdictForm(YEAR, D(YEAR, 12, 1), ids["刘芳"], 30, 5, 1, 4))
    paper = papers.appraisal_paper(archive.appraisal.detail(appraisal_id), mass_verdicts=archive.verdicts.in_words(YEAR))
    lines = [b.text for b in paper.blocks if isinstance(b, Para) and b.text.startswith("群众评议")]
    assert lines == ["群众评议：满意率97.2%（满意30、基本满意5、不满意1、不了解4）。"]

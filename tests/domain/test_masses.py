"""群众工作 (docs/domain.md §14): the contact rule, a request's steps in order with their
deadlines, the satisfaction tallies, masking, and the links to 组织生活会, 座谈会 and
the 整改台账 — on both engines."""

import datetime as dt

import pytest

from branchdesk import todo
from branchdesk.errors import Conflict, ValidationErrors
from branchdesk.masses import rules
from tests.domain.masses_support import PHONE, opinion_cycle, request, visit
from tests.domain.meetings_support import TODAY, held_form

DAY = dt.timedelta(days=1)


def test_the_contact_rule_says_who_is_visited_due_or_behind(households):
    archive, ids, (aunt, builder, pair) = households
    masses = archive.masses
    visit(archive, aunt, ids["王堃"], dt.date(TODAY.year, 10, 15))
    visit(archive, builder, ids["王堃"], dt.date(TODAY.year, 11, 20))
    visit(archive, pair, ids["李喆"], TODAY.replace(day=2))
    states = {h.id: h.contact_state for h in masses.households()}
    # December: 周小红 seen this month; 陈建国 in November (due now); 刘大妈 not since October
    assert states == {aunt: "behind", builder: "due", pair: "visited"}
    assert [h.id for h in masses.behind()] == [aunt]
    rows = {r.member_name: (r.households, r.visited, r.due, r.behind, r.visits_in_year)
            for r in masses.member_contacts()}
    assert rows == {"王堃": (2, 0, 1, 1, 2), "李喆": (1, 1, 0, 0, 1)}
    # September to November are over: 3 households × 3 months, 2 of them visited; December
    # counts only where a visit came already
    coverage = masses.coverage(dt.date(TODAY.year, 1, 1), dt.date(TODAY.year, 12, 31))
    assert (coverage.required, coverage.covered) == (10, 3)
    assert any(line.startswith("刘*妈（王堃）") for line in coverage.behind)
    masses.set_contact_period("quarterly")
    assert {h.id: h.contact_state for h in masses.households()} == {aunt: "visited", builder: "visited",
                                                                    pair: "visited"}
    with pytest.raises(Exception, match="每月、每季度"):
        masses.set_contact_period("weekly")
    masses.end_household(aunt, TODAY)
    assert aunt not in masses.household_ids()
    assert masses.household(aunt).state_label == "已停止联系"


def test_a_visit_checks_its_facts_and_can_take_in_what_was_asked(households):
    archive, ids, (aunt, *_rest) = households
    with pytest.raises(ValidationErrors) as caught:
        visit(archive, aunt, None, TODAY + DAY, seen="", asked="")
    assert {e.field for e in caught.value.errors} == {"member_name", "visited_on", "seen"}
    with pytest.raises(ValidationErrors, match="列入联系的日期"):
        visit(archive, aunt, ids["王堃"], dt.date(TODAY.year, 8, 1))
    visit_id, request_id = visit(archive, aunt, ids["王堃"], TODAY - DAY, asked="想申请居家养老服务", take=True)
    taken = archive.masses.request(request_id)
    assert (taken.channel_label, taken.state_label, taken.visit_id, taken.household_id) == ("走访", "受理", visit_id, aunt)
    assert archive.masses.visits(household_id=aunt)[0].request_ids == (request_id,)
    household, visits, requests = archive.masses.history(aunt)
    assert (household.name, len(visits), [r.id for r in requests]) == ("刘大妈", 1, [request_id])
    with pytest.raises(Conflict, match="不能删除"):
        archive.masses.delete_visit(visit_id)


def test_a_request_goes_step_by_step_and_refuses_steps_out_of_order(households):
    archive, ids, _ = households
    masses = archive.masses
    rid = request(archive)
    assert masses.request(rid).code == f"{TODAY.year}-001"
    with pytest.raises(ValidationErrors, match="还没有交办"):
        masses.complete(rid, "已修好")
    with pytest.raises(ValidationErrors, match="还没有办结"):
        masses.feed_back(rid, "face")
    with pytest.raises(ValidationErrors, match="还没有向群众反馈"):
        masses.revisit(rid, "satisfied")
    with pytest.raises(ValidationErrors) as caught:
        masses.assign(rid, None, "", TODAY - dt.timedelta(days=50), TODAY - dt.timedelta(days=39))
    assert {e.field for e in caught.value.errors} == {"owner_name", "deadline"}
    with pytest.raises(ValidationErrors, match="早于受理日期"):
        masses.assign(rid, ids["赵赟"], "", TODAY, TODAY - dt.timedelta(days=45))
    masses.assign(rid, ids["赵赟"], "", TODAY - dt.timedelta(days=10), TODAY - dt.timedelta(days=38))
    assert masses.request(rid).state == "assigned"
    # past its deadline and not 办结: overdue, on 首页
    assert [q.id for q in masses.overdue_requests()] == [rid]
    sentences = [i.sentence for i in todo.todo_list(archive) if i.opens == "masses_request"]
    assert len(sentences) == 1 and "逾期 10 天" in sentences[0] and "赵赟" in sentences[0]
    # the households nobody visited in November are on 首页 too, one line per member
    assert [i.sentence for i in todo.todo_list(archive) if i.opens == "masses_contacts"][0].startswith(
        "王堃有 2 户上一周期没有走访")
    masses.add_progress(rid, "已联系电工查看线路", TODAY - dt.timedelta(days=20))
    assert masses.request(rid).state_label == "办理中"
    with pytest.raises(ValidationErrors, match="早于最后一次办理日期"):
        masses.complete(rid, "已修好", TODAY - dt.timedelta(days=25))
    with pytest.raises(ValidationErrors):
        masses.complete(rid, " ", TODAY - dt.timedelta(days=5))
    masses.complete(rid, "更换了灯泡和线路", TODAY - dt.timedelta(days=5))
    assert masses.overdue_requests() == []
    assert not [i for i in todo.todo_list(archive) if i.opens == "masses_request"]
    with pytest.raises(ValidationErrors, match="已办结，不能再交办"):
        masses.assign(rid, ids["赵赟"], "", TODAY)
    masses.feed_back(rid, "phone", "电话告知", TODAY - dt.timedelta(days=4))
    masses.revisit(rid, "basic", "亮度还可以", TODAY - DAY)
    done = masses.request(rid)
    assert (done.state_label, done.satisfaction_label, done.feedback_how_label) == ("已回访", "基本满意", "电话")
    assert len(done.notes) == 1
    with pytest.raises(ValidationErrors, match="已经回访过了"):
        masses.revisit(rid, "satisfied")


def test_tallies_count_completion_and_satisfaction(households):
    archive, ids, _ = households
    masses = archive.masses
    start = TODAY - dt.timedelta(days=60)
    made = [request(archive, start, content=f"第{n}件事") for n in range(5)]
    for n, rid in enumerate(made):
        deadline = TODAY - DAY if n < 4 else TODAY + dt.timedelta(days=10)
        masses.assign(rid, ids["李喆"], "", deadline, start)
    for rid, verdict in zip(made[:3], ("satisfied", "basic", "unsatisfied")):
        masses.complete(rid, "办好了", start + dt.timedelta(days=5))
        masses.feed_back(rid, "face", "", start + dt.timedelta(days=6))
        masses.revisit(rid, verdict, "", start + dt.timedelta(days=7))
    tally = masses.tally(TODAY.year)
    # four past their deadline, three of them 办结; the fifth is not due yet
    assert (tally.received, tally.due, tally.done, tally.overdue) == (5, 4, 3, 1)
    assert (tally.revisited, tally.satisfied, tally.basic, tally.unsatisfied) == (3, 1, 1, 1)
    assert tally.completion_rate == pytest.approx(0.75)
    assert tally.satisfaction_rate == pytest.approx(2 / 3)
    assert masses.tally(TODAY.year - 1).satisfaction_rate is None
    assert masses.request_ids(state="revisited") == made[:3]
    assert masses.request_ids(state="open") == made[3:]


def test_phones_and_circumstances_are_masked_and_stay_out_of_the_log(households):
    archive, ids, (aunt, *_rest) = households
    shown = archive.masses.household(aunt)
    assert shown.shown_phone() == "138****5678" and shown.shown_phone(full=True) == PHONE
    assert shown.shown_circumstances() == rules.HIDDEN
    assert shown.shown_circumstances(full=True) == "独居老人，腿脚不便"
    assert (rules.mask_name("刘大妈"), rules.mask_name("刘芳"), rules.mask_phone("5678")) == ("刘*妈", "刘*", "****")
    visit(archive, aunt, ids["王堃"], TODAY - DAY, asked="想申请居家养老服务", take=True)
    logged = " ".join(e.summary + str(e.detail) for e in archive.audit.entries())
    assert "刘大妈" not in logged and PHONE not in logged and "独居" not in logged and "居家养老" not in logged
    with pytest.raises(ValidationErrors, match="联系电话"):
        from branchdesk.masses.forms import HouseholdForm

        archive.masses.add_household(HouseholdForm("王五", phone="电话138", member_id=ids["王堃"]))


def test_opinions_forums_and_the_rectification_ledger_feed_and_take_requests(households):
    archive, ids, _ = households
    masses = archive.masses
    form = held_form(archive, kind="forum", day=TODAY - dt.timedelta(days=12))
    meeting_id = archive.meetings.plan(form)
    archive.meetings.save(meeting_id, form)
    assert [s.id for s in masses.forums()] == [meeting_id]
    # a 座谈会 is no required kind: the calendar shows it, never as missing
    row = next(r for r in archive.meetings.compliance(TODAY.year).rows if r.kind == "forum")
    assert (row.frequency, row.required, row.missing) == ("none", 0, 0)
    rid = masses.take_from_forum(meeting_id, "希望增加公交班次", "群众代表")
    taken = masses.request(rid)
    assert (taken.channel_label, taken.meeting_id, taken.received_on) == ("座谈会", meeting_id, form.held_on)
    committee = archive.meetings.plan(held_form(archive, day=TODAY - dt.timedelta(days=3)))
    with pytest.raises(ValidationErrors, match="不是座谈会"):
        masses.take_from_forum(committee, "x")
    masses.assign(rid, ids["王堃"], "", TODAY + dt.timedelta(days=30), TODAY - dt.timedelta(days=10))
    item_id = masses.to_rectification(rid, "与公交公司协调加开班次")
    item = archive.rectification.detail(item_id)
    assert (item.item.source_label, item.item.owner_name) == ("民情诉求", "王堃")
    assert "希望增加公交班次" in item.source_text
    assert masses.rectification_code(masses.request(rid).rectification_id) == f"{TODAY.year}-01"
    with pytest.raises(Conflict, match="已列入整改台账"):
        masses.to_rectification(rid, "再来一次")


def test_a_life_opinion_becomes_a_request_once(households):
    archive, ids, _ = households
    uid = opinion_cycle(archive, "群众反映垃圾清运不及时")
    [link] = [o for o in archive.masses.opinions() if o.uid == uid]
    assert link.request_id is None
    rid = archive.masses.take_opinion(uid)
    assert archive.masses.request(rid).channel_label == "组织生活会"
    [link] = [o for o in archive.masses.opinions() if o.uid == uid]
    assert (link.request_id, link.request_code) == (rid, f"{TODAY.year}-001")
    with pytest.raises(Conflict, match="已转为民情诉求"):
        archive.masses.take_opinion(uid)


def test_the_three_measures_count_with_the_records_behind_them(households):
    archive, ids, (aunt, builder, pair) = households
    from branchdesk.targets import measures
    from branchdesk.targets.periods import Period

    masses = archive.masses
    for month in (9, 10, 11):
        visit(archive, aunt, ids["王堃"], dt.date(TODAY.year, month, 10))
    visit(archive, builder, ids["王堃"], dt.date(TODAY.year, 9, 12))
    late, done = request(archive), request(archive, content="水渠堵塞")
    for rid in (late, done):
        masses.assign(rid, ids["李喆"], "", TODAY - DAY, TODAY - dt.timedelta(days=39))
    masses.complete(done, "已疏通", TODAY - dt.timedelta(days=20))
    masses.feed_back(done, "face", "", TODAY - dt.timedelta(days=19))
    masses.revisit(done, "unsatisfied", "又堵了", TODAY - dt.timedelta(days=10))
    year = Period(TODAY.year, "year", 1)
    cover = measures.measure(archive, "masses.coverage", year)
    # Sept-Nov × 3 households: 刘大妈 3, 陈建国 1, 周小红 0
    assert (cover.value_text, cover.met, len(cover.refs)) == ("44%", False, 4)
    assert "应走访 9 户次" in cover.explanation and "周*红（李喆）" in cover.explanation
    completion = measures.measure(archive, "masses.completion", year)
    assert (completion.value_text, completion.met) == ("50%", False)
    assert {r.id for r in completion.refs} == {late, done}
    satisfied = measures.measure(archive, "masses.satisfaction", year)
    assert (satisfied.value_text, satisfied.met, [r.id for r in satisfied.refs]) == ("0%", False, [done])
    assert "不满意 1 件" in satisfied.explanation
    first_half = measures.measure(archive, "masses.satisfaction", Period(TODAY.year, "half", 1), today=TODAY)
    assert first_half.value is None and first_half.met is None

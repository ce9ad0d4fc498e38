"""The 组织生活会 cycle: plan, opinions, criticism order, the checks before 定稿, sealing."""

import datetime as dt

import pytest

from branchdesk.errors import Conflict, ReadOnlyArchive, ValidationErrors
from branchdesk.life import Criticism, Examination, Opinion, PlanForm
from tests.domain.life_support import MEETING_DAY, YEAR, complete_cycle, hold, item, plan
from tests.domain.meetings_support import TODAY


def blocking(archive, cycle_id) -> dict[str, str]:
    return {c.key: c.detail for c in archive.life.readiness(cycle_id) if c.blocking and not c.ok}


def test_one_cycle_a_year_and_a_plan_in_its_year(branch):
    archive, _, _ = branch
    cycle_id = plan(archive)
    with pytest.raises(Conflict, match="已经建立"):
        plan(archive)
    with pytest.raises(ValidationErrors) as caught:
        archive.life.save_plan(cycle_id, PlanForm(YEAR, "主题", dt.date(YEAR - 1, 12, 1), "group", None,
                                                  MEETING_DAY + dt.timedelta(days=1)))
    fields = {e.field: e.detail for e in caught.value.errors}
    assert set(fields) == {"planned_on", "group_id", "plan_reported_on"}
    assert "不在" in fields["planned_on"] and archive.life.detail(cycle_id).plan.form == "general"


def test_the_meeting_is_an_ordinary_meeting_record(branch):
    archive, _ids, _ = branch
    cycle_id = plan(archive)
    meeting_id = hold(archive, cycle_id, absent={"孙丽": ("other", "外出务工"), "陈镕": ("sick", "")})
    summary = archive.meetings.summary(meeting_id)
    assert (summary.kind, summary.title, summary.due, summary.present) == ("general", f"{YEAR}年度组织生活会", 7, 5)
    assert archive.life.open_meeting(cycle_id) == meeting_id
    # it is found as a 支部党员大会 of the year (it counts in the 三会一课 calendar)
    assert meeting_id in archive.meetings.query_ids(year=MEETING_DAY.year, kind="general")
    # an absence without a reason is refused by the meeting rules, nothing saved
    form = archive.meetings.form(meeting_id)
    form.attendance[0].status, form.attendance[0].reason = "absent", ""
    with pytest.raises(ValidationErrors, match="缺席必须写明原因"):
        archive.meetings.save(meeting_id, form)


def test_criticism_is_kept_in_meeting_order_secretary_first(branch):
    archive, ids, _ = branch
    cycle_id = plan(archive)
    life = archive.life
    life.criticism.add(cycle_id, Criticism("self", ids["陈镕"], "陈镕", content="陈镕自我批评"))
    life.criticism.add(cycle_id, Criticism("mutual", ids["刘芳"], "刘芳", ids["王堃"], "王堃", "批评书记", "接受"))
    life.criticism.add(cycle_id, Criticism("mutual", ids["王堃"], "王堃", ids["陈镕"], "陈镕", "批评陈镕", "接受"))
    life.criticism.add(cycle_id, Criticism("self", ids["王堃"], "王堃", content="书记自我批评"))
    order = [(c.kind, c.from_name, c.to_name) for c in life.criticism.list(cycle_id)]
    assert order == [("self", "王堃", "王堃"), ("mutual", "刘芳", "王堃"), ("self", "陈镕", "陈镕"),
                     ("mutual", "王堃", "陈镕")]
    with pytest.raises(ValidationErrors) as caught:
        life.criticism.add(cycle_id, Criticism("mutual", ids["刘芳"], "", ids["刘芳"], "", ""))
    assert {e.field for e in caught.value.errors} == {"to_name", "content"}


def test_finalise_needs_real_criticism_and_answered_opinions(branch):
    archive, ids, _ = branch
    life = archive.life
    cycle_id = plan(archive)
    assert {"opinions", "committee_problems", "meeting", "secretary_report", "summary"} <= set(blocking(archive, cycle_id))
    with pytest.raises(ValidationErrors):
        life.finalise(cycle_id)
    assert life.state(cycle_id) == "draft"

    life.delete(cycle_id)
    cycle_id2 = complete_cycle(archive, ids)
    assert blocking(archive, cycle_id2) == {}
    # an unanswered opinion blocks; a rectification item linked to it answers it
    opinion_id = life.opinions.add(cycle_id2, Opinion(content="路灯不亮", received_on=MEETING_DAY))
    assert "1 条意见" in blocking(archive, cycle_id2)["answers"]
    item(archive, ids, source="opinion", source_ref=life.opinions.get(opinion_id).uid)
    assert "answers" not in blocking(archive, cycle_id2)
    with pytest.raises(Conflict, match="已列入整改台账"):
        life.opinions.delete(opinion_id)
    # criticism only of oneself is not enough: remove the criticism of 陈镕
    entry = next(c for c in life.criticism.list(cycle_id2) if c.kind == "mutual" and c.to_name == "陈镕")
    life.criticism.delete(entry.id)
    assert "陈镕还没有收到其他党员的批评意见" in blocking(archive, cycle_id2)["mutual_criticism"]
    life.criticism.add(cycle_id2, Criticism("mutual", ids["王堃"], "王堃", ids["陈镕"], "陈镕", "批评", ""))
    assert "1 条批评意见没有记录" in blocking(archive, cycle_id2)["responses"]
    unanswered = next(c for c in life.criticism.list(cycle_id2) if c.kind == "mutual" and not c.response)
    unanswered.response = "接受"
    life.criticism.update(unanswered.id, unanswered)
    life.finalise(cycle_id2)
    assert life.state(cycle_id2) == "final"
    assert archive.meetings.summary(life.meeting_id(cycle_id2)).state == "final"
    with pytest.raises(Conflict, match="已定稿"):
        life.save_text(cycle_id2, "summary", "改")


def test_a_missing_self_examination_and_the_secretary_going_first(branch):
    archive, ids, _ = branch
    life = archive.life
    cycle_id = complete_cycle(archive, ids)
    exam = life.examinations.of(cycle_id, ids["刘芳"])
    life.examinations.delete(exam.id)
    assert "刘芳还没有登记对照检查材料" in blocking(archive, cycle_id)["examinations"]
    with pytest.raises(ValidationErrors, match="已经登记过了"):
        life.examinations.add(cycle_id, Examination("问题", "原因", "措施", ids["陈镕"]))
    secretary_self = next(c for c in life.criticism.list(cycle_id) if c.kind == "self" and c.from_name == "王堃")
    life.criticism.delete(secretary_self.id)
    assert "王堃" in blocking(archive, cycle_id)["secretary_first"]


def test_reported_cycle_is_sealed_with_its_meeting_and_corrected_by_revision(branch):
    archive, ids, _ = branch
    life = archive.life
    cycle_id = complete_cycle(archive, ids)
    life.finalise(cycle_id)
    seal = life.report(cycle_id, "报镇党委")
    meeting_id = life.meeting_id(cycle_id)
    assert seal.content_hash and life.verify(cycle_id).ok
    assert archive.meetings.summary(meeting_id).state == "reported"
    with pytest.raises(Conflict, match="已上报并封存"):
        life.criticism.add(cycle_id, Criticism("self", ids["刘芳"], "刘芳", content="补充"))
    # the database itself refuses raw changes to the sealed rows
    with pytest.raises(Conflict, match="封存"), archive.db.atomic():
        archive.db.execute_sql(f"UPDATE life_criticism SET content = 'x' WHERE cycle_id = {int(cycle_id)}")
    assert life.verify(cycle_id).ok
    new_id = life.correct(cycle_id, "漏记一条批评意见")
    assert life.cycle_id(YEAR) == new_id and life.state(new_id) == "draft"
    assert len(life.criticism.list(new_id)) == len(life.criticism.list(cycle_id))
    assert [o.uid for o in life.opinions.list(new_id)] == [o.uid for o in life.opinions.list(cycle_id)]
    assert life.meeting_id(new_id) == meeting_id
    with pytest.raises(Conflict, match="更正版本"):
        life.delete(new_id)


def test_a_draft_cycle_entered_by_mistake_can_be_deleted_with_its_planned_meeting(branch):
    archive, _, _ = branch
    cycle_id = plan(archive)
    meeting_id = archive.life.open_meeting(cycle_id)
    archive.life.delete(cycle_id)
    assert archive.life.cycle_id(YEAR) is None
    assert meeting_id not in archive.meetings.query_ids()
    assert [e.action for e in archive.audit.entries("life_cycle", cycle_id)][-1] == "life.delete"


def test_read_only_archive_changes_nothing(branch):
    from branchdesk.archive import Archive

    archive, _, _ = branch
    archive.close()
    with Archive.open(archive.layout.root, archive.url, read_only=True) as reader:
        with pytest.raises(ReadOnlyArchive):
            reader.life.create(PlanForm(YEAR, "主题", TODAY))
        assert reader.life.years() == []


def test_the_cycles_meeting_is_not_deleted_from_the_meetings_side(branch):
    archive, _, _ = branch
    cycle_id = plan(archive)
    meeting_id = archive.life.open_meeting(cycle_id)
    with pytest.raises(Conflict, match="组织生活会的会议记录"):
        archive.meetings.delete(meeting_id)
    assert archive.life.meeting_id(cycle_id) == meeting_id

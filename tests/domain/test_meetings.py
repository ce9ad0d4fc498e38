"""Meeting rules and lifecycle, on every storage engine."""

import datetime as dt

import pytest

from branchdesk.errors import Conflict, ValidationError, ValidationErrors
from branchdesk.meetings import (
    AgendaItem,
    AttendanceEntry,
    MeetingForm,
    ResolutionForm,
    Speech,
    TaskForm,
    rules,
)
from tests.domain.meetings_support import TODAY, held_form

pytestmark = pytest.mark.usefixtures("branch")


def errors_of(call, *args) -> dict[str, str]:
    with pytest.raises(ValidationErrors) as caught:
        call(*args)
    found: dict[str, str] = {}
    for error in caught.value.errors:
        found[error.field] = (found.get(error.field, "") + " " + error.detail).strip()
    return found


def test_who_is_due_follows_from_the_kind(branch):
    archive, _ids, group_id = branch
    def names(kind, group=None):
        return [e.name for e in archive.meetings.due_entries(kind, group)]

    assert names("committee") == ["王堃", "李喆", "赵赟"]
    assert sorted(names("group", group_id)) == sorted(["王堃", "李喆", "赵赟", "陈镕"])
    everyone = archive.meetings.due_entries("general")
    assert sorted(e.name for e in everyone) == sorted(["王堃", "李喆", "赵赟", "陈镕", "刘芳", "张伟", "孙丽"])
    # only full members vote; the away member had become full before leaving
    assert {e.name for e in everyone if not e.voting} == {"张伟"}


def test_plan_notify_hold_finalise_report(branch):
    archive, _ids, _ = branch
    meetings = archive.meetings
    meeting_id = meetings.plan(MeetingForm(kind="committee", planned_on=TODAY + dt.timedelta(days=2)))
    summary = meetings.summary(meeting_id)
    assert (summary.state, summary.title) == ("planned", f"{TODAY.year}年{(TODAY + dt.timedelta(days=2)).month}月支委会")
    # a notice needs a time and a place
    assert set(errors_of(meetings.notify, meeting_id)) == {"planned_time", "place"}
    form = meetings.form(meeting_id)
    form.planned_time, form.place = "14:30", "村委会会议室"
    meetings.save(meeting_id, form)
    meetings.notify(meeting_id)
    detail = meetings.detail(meeting_id)
    assert detail.state == "notified" and detail.notified_on == TODAY
    assert detail.form.attendees_text == "全体支部委员"

    record = held_form(archive, absent={"赵赟": "sick"}, day=TODAY)
    meetings.save(meeting_id, record)
    assert meetings.summary(meeting_id).state == "held"
    summary = meetings.summary(meeting_id)
    assert (summary.due, summary.present, summary.absent) == (3, 2, 1)
    meetings.finalise(meeting_id)
    with pytest.raises(Conflict, match="已定稿"):
        meetings.save(meeting_id, record)
    seal = meetings.report(meeting_id, "报镇党委")
    assert meetings.verify(meeting_id).ok and seal.content_hash
    with pytest.raises(Conflict, match="已上报并封存"):
        meetings.delete(meeting_id)
    states = [e.action for e in archive.audit.entries("meeting", meeting_id)]
    assert states[:2] == ["meeting.plan", "meeting.update"]
    assert states[-2:] == ["record.finalise", "record.report"]


def test_every_absence_needs_a_reason_and_nothing_is_saved_without_one(branch):
    archive, _ids, _ = branch
    meeting_id = archive.meetings.plan(MeetingForm(kind="committee", planned_on=TODAY))
    form = held_form(archive, absent={"赵赟": ""}, day=TODAY)
    found = errors_of(archive.meetings.save, meeting_id, form)
    assert "出席名单第 3 行（赵赟）" in found["attendance"] and "缺席必须写明原因" in found["attendance"]
    assert archive.meetings.summary(meeting_id).state == "planned"
    assert archive.meetings.detail(meeting_id).form.attendance == []
    form.attendance[2].reason = "other"
    assert "请写明具体原因" in errors_of(archive.meetings.save, meeting_id, form)["attendance"]
    form.attendance[2].note = "在县医院陪护家人"
    archive.meetings.save(meeting_id, form)
    stored = archive.meetings.detail(meeting_id).form.attendance[2]
    assert (stored.status, stored.reason_text) == ("absent", "其他：在县医院陪护家人")


def test_bad_input_names_the_field_and_the_fix(branch):
    archive, _, _ = branch
    future = TODAY + dt.timedelta(days=3)
    form = MeetingForm(kind="group", planned_on=TODAY, planned_time="25:00", held_on=future,
                       started_at="16:00", ended_at="15:00", title="标" * 300)
    form.speeches = [Speech("王堃", "")]
    form.resolutions = [ResolutionForm("同意", True, 5, None, 0)]
    form.tasks = [TaskForm("走访", "")]
    found = errors_of(archive.meetings.plan, form)
    assert "党小组" in found["group_id"]
    assert "14:30" in found["planned_time"]
    assert "晚于今天" in found["held_on"]
    assert "不晚于开始时间" in found["ended_at"]
    assert "太长" in found["title"]
    assert "发言第 1 条" in found["speeches"] and "发言内容" in found["speeches"]
    assert "赞成、反对、弃权" in found["resolutions"]
    assert "责任人" in found["tasks"]
    assert archive.meetings.query_ids(year=None) == []


def test_votes_cannot_exceed_full_members_present(branch):
    archive, _, _ = branch
    form = held_form(archive, kind="general", absent={"刘芳": "leave"})
    form.resolutions = [ResolutionForm("同意推荐入党积极分子", True, 6, 0, 0)]
    # present: 6 people, of whom 张伟 is probationary → 5 votes at most
    assert "多于到会有表决权的正式党员 5 名" in errors_of(archive.meetings.plan, form)["resolutions"]


def test_general_meeting_quorum_and_pass_rule_count_only_full_members(branch):
    archive, _, _ = branch
    form = held_form(archive, kind="general", absent={"刘芳": "leave", "孙丽": "duty", "陈镕": "sick"})
    form.resolutions = [ResolutionForm("同意分红方案", True, 3, 0, 0), ResolutionForm("同意修路", True, 2, 1, 0)]
    meeting_id = archive.meetings.plan(form)
    detail = archive.meetings.detail(meeting_id)
    check = rules.quorum("general", detail.form.attendance)
    # 6 full members due (张伟 is probationary), 3 of them present: not more than half
    assert (check.entitled, check.present, check.needed, check.met) == (6, 3, 4, False)
    assert "未达到规定人数" in check.explanation
    outcome = rules.outcome("general", detail.form.attendance, detail.form.resolutions[0])
    assert not outcome.passed and "表决无效" in outcome.explanation
    # the record cannot be finalised with votes taken without a quorum
    assert "有表决的决议无效" in errors_of(archive.meetings.finalise, meeting_id)["resolutions"]

    form = archive.meetings.form(meeting_id)
    form.attendance[[e.name for e in form.attendance].index("陈镕")].status = "present"
    form.resolutions = [ResolutionForm("同意分红方案", True, 4, 0, 0), ResolutionForm("同意修路", True, 3, 1, 0)]
    archive.meetings.save(meeting_id, form)
    detail = archive.meetings.detail(meeting_id)
    passed = [rules.outcome("general", detail.form.attendance, r) for r in detail.form.resolutions]
    # yes must be more than half of the 6 entitled: 4 passes, 3 does not
    assert [(o.needed, o.passed) for o in passed] == [(4, True), (4, False)]
    assert "赞成票超过应到会有表决权党员（6名）的半数（至少4票），通过" in passed[0].explanation
    archive.meetings.finalise(meeting_id)


def test_members_away_for_long_may_be_left_out_of_those_due_with_a_reason(branch):
    archive, _, _ = branch
    form = held_form(archive, kind="general", absent={"刘芳": "leave", "陈镕": "sick"})
    away = next(e for e in form.attendance if e.name == "孙丽")
    away.status, away.reason = "not_counted", ""
    assert "不计入应到人数须写明原因" in errors_of(archive.meetings.plan, form)["attendance"]
    away.note = "外出务工半年以上"
    meeting_id = archive.meetings.plan(form)
    check = rules.quorum("general", archive.meetings.detail(meeting_id).form.attendance)
    assert (check.entitled, check.present, check.met) == (5, 3, True)


def test_guests_are_listed_but_not_counted(branch):
    archive, _, _ = branch
    form = held_form(archive)
    form.attendance.append(AttendanceEntry("周立平", is_guest=True, note="镇驻村干部"))
    meeting_id = archive.meetings.plan(form)
    detail = archive.meetings.detail(meeting_id)
    assert [(g.name, g.note, g.status_label) for g in detail.guests] == [("周立平", "镇驻村干部", "列席")]
    assert rules.attendance_sentence(detail.form.attendance) == "应到3人，实到3人，缺席0人，列席1人。"


def test_finalise_needs_a_complete_record(branch):
    archive, _, _ = branch
    planned = archive.meetings.plan(MeetingForm(kind="committee", planned_on=TODAY))
    with pytest.raises(Conflict, match="还没有召开"):
        archive.meetings.finalise(planned)
    form = held_form(archive, host_name="", agenda=[])
    form.agenda = []
    form.attendance[0].status = ""
    meeting_id = archive.meetings.plan(form)
    archive.meetings.save(meeting_id, archive.meetings.form(meeting_id))
    found = errors_of(archive.meetings.finalise, meeting_id)
    assert "主持人" in found["host_name"]
    assert "1 人未登记" in found["attendance"] and "王堃" in found["attendance"]
    assert "议题" in found["agenda"]
    assert archive.meetings.summary(meeting_id).state == "held"


def test_a_correction_keeps_the_reported_record_and_its_task_dates(branch):
    archive, _, _ = branch
    form = held_form(archive, absent={"赵赟": "leave"})
    form.tasks = [TaskForm("走访困难党员", "李喆", TODAY)]
    meeting_id = archive.meetings.plan(form)
    task = archive.meetings.detail(meeting_id).tasks[0]
    archive.meetings.finalise(meeting_id)
    archive.meetings.report(meeting_id)
    # a task is done after the record went upward: the seal is not broken by that
    archive.meetings.set_task_done(task.uid, TODAY)
    assert archive.meetings.verify(meeting_id).ok
    new_id = archive.meetings.correct(meeting_id, "缺席原因记错，应为病假")
    corrected = archive.meetings.form(new_id)
    corrected.attendance[2].reason = "sick"
    archive.meetings.save(new_id, corrected)
    assert archive.meetings.detail(new_id).tasks[0].done_on == TODAY
    assert archive.meetings.query_ids(year=None) == [new_id]
    assert archive.meetings.detail(meeting_id).form.attendance[2].reason == "leave"
    with pytest.raises(Conflict, match="更正版本"):
        archive.meetings.delete(new_id)


def test_open_and_overdue_tasks(branch):
    archive, _, _ = branch
    form = held_form(archive, day=TODAY - dt.timedelta(days=20))
    form.tasks = [TaskForm("公示分红方案", "李喆", TODAY - dt.timedelta(days=3)),
                  TaskForm("上门送学", "赵赟", TODAY + dt.timedelta(days=5)), TaskForm("整理台账", "王堃")]
    archive.meetings.plan(form)
    tasks = archive.meetings.tasks(open_only=True)
    assert [(t.task, t.is_overdue(TODAY)) for t in tasks] == [
        ("公示分红方案", True), ("上门送学", False), ("整理台账", False)]
    assert tasks[0].status_text(TODAY) == "逾期 3 天"
    with pytest.raises(ValidationError, match="不能晚于今天"):
        archive.meetings.set_task_done(tasks[0].uid, TODAY + dt.timedelta(days=1))
    archive.meetings.set_task_done(tasks[0].uid, TODAY, "已在公示栏公示")
    assert [t.task for t in archive.meetings.tasks(open_only=True)] == ["上门送学", "整理台账"]


def test_overdue_meetings_are_found(branch):
    archive, _, _ = branch
    late = archive.meetings.plan(MeetingForm(kind="committee", planned_on=TODAY - dt.timedelta(days=2)))
    archive.meetings.plan(MeetingForm(kind="committee", planned_on=TODAY + dt.timedelta(days=2)))
    assert archive.meetings.query_ids(year=None, overdue_only=True) == [late]
    assert archive.meetings.summary(late).state_label(TODAY) == "计划（逾期）"


def test_search_finds_short_and_long_chinese_substrings_literally(branch):
    archive, _, _ = branch
    form = held_form(archive, minutes="会议传达了镇党委关于人居环境整治的部署。")
    form.agenda = [AgendaItem("研究100%完成党费收缴", "按月_收缴")]
    form.speeches = [Speech("王堃", "道路硬化要请群众代表一起监督。", 1)]
    form.resolutions = [ResolutionForm("同意将道路硬化列入为民办实事项目。")]
    meeting_id = archive.meetings.plan(form)
    assert [h.where for h in archive.meetings.search("路")] == ["发言：王堃", "决议 1"]
    hit = archive.meetings.search("人居环境整治")[0]
    assert (hit.meeting_id, hit.where, hit.context) == (meeting_id, "会议内容", "会议传达了镇党委关于【人居环境整治】的部署。")
    assert [h.where for h in archive.meetings.search("%")] == ["议题 1"]
    assert [h.context for h in archive.meetings.search("_")] == ["按月【_】收缴"]
    assert archive.meetings.search("不存在的词") == []


def test_attachments_are_copied_with_their_hash(branch, tmp_path):
    archive, _, _ = branch
    meeting_id = archive.meetings.plan(held_form(archive))
    scan = tmp_path / "签到表 扫描.png"
    scan.write_bytes(b"\x89PNG fake scan" * 100)
    attachment_id = archive.meetings.attach(meeting_id, scan, "sign_in")
    info = archive.meetings.detail(meeting_id).attachments[0]
    stored = archive.meetings.attachment_file(attachment_id)
    import hashlib

    assert info.sha256 == hashlib.sha256(scan.read_bytes()).hexdigest()
    assert stored.parent.parent == archive.layout.attachments and stored.name.isascii()
    assert (info.title, info.original_name, info.kind_label) == ("签到表 扫描", "签到表 扫描.png", "签到表")
    stored.write_bytes(b"changed")
    with pytest.raises(Exception, match="校验值不符"):
        archive.meetings.attachment_file(attachment_id)
    with pytest.raises(Exception, match="空的"):
        empty = tmp_path / "empty.jpg"
        empty.write_bytes(b"")
        archive.meetings.attach(meeting_id, empty)


def test_members_and_groups_with_meeting_records_are_not_deleted(branch):
    archive, ids, group_id = branch
    archive.meetings.plan(held_form(archive, kind="group", group_id=group_id))
    with pytest.raises(Conflict, match="出席名单"):
        archive.members.delete(ids["王堃"])
    for member_id in (ids["王堃"], ids["李喆"], ids["赵赟"], ids["陈镕"]):
        form = archive.members.get(member_id).form()
        form.group_id = None
        archive.members.update(member_id, form)
    with pytest.raises(Conflict, match="会议记录"):
        archive.groups.delete(group_id)


def test_frequencies_are_archive_settings(branch):
    archive, _, _ = branch
    assert archive.meetings.frequencies()["lecture"] == "quarterly"
    archive.meetings.set_frequencies({"lecture": "monthly"})
    assert archive.meetings.frequencies()["lecture"] == "monthly"
    with pytest.raises(Exception, match="频次"):
        archive.meetings.set_frequencies({"lecture": "weekly"})

"""学习 and 汇报制度 (docs/domain.md §18) on every engine: a topic studied at a 党课 owes a
补学 to those absent (not to those present at another of its meetings), 首页 lists them
past the set days and drops them once the 补学 is recorded; the 学习档案; members behind
with their 汇报 (half-yearly or quarterly), a 预备党员's quarterly 思想汇报; the branch's
工作报告 linked to a 支部党员大会 only."""

from __future__ import annotations

import datetime as dt

import pytest

from branchdesk import todo
from branchdesk.errors import ValidationError
from branchdesk.study import TopicForm, rules
from branchdesk.yearbook import study_section
from tests.domain.every_paper import texts_of
from tests.domain.meetings_support import TODAY, held_form

D = dt.date


def held(archive, kind, day, absent=()):
    form = held_form(archive, kind=kind, day=day, absent={name: "leave" for name in absent})
    meeting_id = archive.meetings.plan(form)
    archive.meetings.save(meeting_id, form)
    return meeting_id


def test_makeup_owed_listed_and_cleared(branch):
    archive, ids, _ = branch
    study = archive.study
    topic = study.add_topic(TopicForm(TODAY.year, "学习党章", "中国共产党章程\n《论党的建设》", ids["王堃"], "",
                                      TODAY - dt.timedelta(days=60)))
    lecture = held(archive, "lecture", TODAY - dt.timedelta(days=45), absent=("赵赟", "陈镕"))
    theme = held(archive, "theme_day", TODAY - dt.timedelta(days=40), absent=("刘芳",))
    study.link(topic, lecture)
    study.link(topic, theme)
    record = study.get(topic)
    assert record.lead_name == "王堃" and record.readings == ["中国共产党章程", "《论党的建设》"]
    # 赵赟 and 陈镕 missed the 党课 and were at the 主题党日? no: held_form marks all others present,
    # so both were present at the 主题党日 and owe nothing; 刘芳 was at the 党课
    assert record.owed == {}
    study.unlink(topic, theme)
    record = study.get(topic)
    assert set(record.owed) == {ids["赵赟"], ids["陈镕"]}
    assert record.studied_on == TODAY - dt.timedelta(days=45)
    # 45 days > 30: on 首页, one line naming both
    items = [i for i in todo.todo_list(archive, TODAY) if i.kind == "study"]
    assert len(items) == 1 and "赵赟" in items[0].sentence and "陈镕" in items[0].sentence
    assert items[0].record_id == topic and items[0].days_overdue == 15
    study.set_makeup_days(60)
    assert [i for i in todo.todo_list(archive, TODAY) if i.kind == "study"] == []
    study.set_makeup_days(30)
    # a 补学 cannot be dated before the meeting, nor recorded for someone present
    with pytest.raises(ValidationError, match="早于缺席的会议"):
        study.record_makeup(topic, ids["赵赟"], TODAY - dt.timedelta(days=50), "self")
    with pytest.raises(ValidationError, match="无需再登记"):
        study.record_makeup(topic, ids["刘芳"], TODAY, "self")
    study.record_makeup(topic, ids["赵赟"], TODAY - dt.timedelta(days=3), "self", "写了心得体会")
    items = [i for i in todo.todo_list(archive, TODAY) if i.kind == "study"]
    assert len(items) == 1 and "赵赟" not in items[0].sentence and "1 名" in items[0].sentence
    # the 学习档案
    done = study.member_file(ids["赵赟"], TODAY.year)
    assert [t.title for t, _ in done["made_up"]] == ["学习党章"] and done["made_up"][0][1].way_label == "自学+心得"
    assert [t.title for t in study.member_file(ids["刘芳"], TODAY.year)["attended"]] == ["学习党章"]
    assert [t.title for t, _ in study.member_file(ids["陈镕"], TODAY.year)["owed"]] == ["学习党章"]
    counts = study.year_counts(TODAY.year, TODAY)
    assert counts == {"topics": 1, "studied": 1, "makeups_done": 1, "makeups_owed": 1, "makeups_overdue": 1}
    # only 党课, 支部党员大会 and 主题党日 carry a topic
    committee = held(archive, "committee", TODAY - dt.timedelta(days=10))
    with pytest.raises(ValidationError, match="只能关联"):
        study.link(topic, committee)
    assert "study.makeup" in {e.action for e in archive.audit.entries()}
    # the yearly archive's part: the 学习计划 with who made it up and who still owes it
    [part] = study_section.sections(archive, TODAY.year, TODAY)
    text = "\n".join(texts_of([part.records]))
    assert part.retention == "10年" and "学习党章" in text and "自学+心得" in text and "陈镕" in text


def test_reports_due_half_yearly_quarterly_and_probation(branch):
    archive, ids, _ = branch
    reports = archive.reports
    # TODAY is in the second half of the year: the first half has ended, nobody reported
    behind = reports.behind(TODAY)
    first_half = f"{TODAY.year}年上半年"
    regular = {b.member_name for b in behind if b.kind == "regular" and b.period.label == first_half}
    assert regular == {"王堃", "李喆", "赵赟", "陈镕", "刘芳", "孙丽"}
    # 张伟 is a 预备党员 of 100 days: his first quarter of the 预备期 has ended
    probation = [b for b in behind if b.kind == "probation"]
    assert [(b.member_name, b.period.label) for b in probation] == [("张伟", "预备期第1季度")]
    reports.add(ids["王堃"], "regular", D(TODAY.year, 5, 20), "上半年思想汇报")
    reports.add(ids["张伟"], "probation", TODAY - dt.timedelta(days=80))
    behind = reports.behind(TODAY)
    assert "王堃" not in {b.member_name for b in behind if b.period.label == first_half}
    assert not [b for b in behind if b.kind == "probation"]
    items = [i for i in todo.todo_list(archive, TODAY) if i.kind == "report"]
    assert any("5 名党员" in i.sentence and first_half in i.sentence for i in items)
    # quarterly: the year's ended quarters are due too, the one received in May covers Q2 only
    reports.set_period("quarter")
    labels_behind = {b.period.label for b in reports.behind(TODAY) if b.member_name == "王堃"}
    assert f"{TODAY.year}年第2季度" not in labels_behind and f"{TODAY.year}年第3季度" in labels_behind
    with pytest.raises(ValidationError):
        reports.set_period("monthly")
    with pytest.raises(ValidationError, match="晚于今天"):
        reports.add(ids["王堃"], "regular", TODAY + dt.timedelta(days=1))
    # the branch's 工作报告 goes to a 支部党员大会
    general = held(archive, "general", D(TODAY.year, 6, 20))
    committee = held(archive, "committee", D(TODAY.year, 6, 21))
    with pytest.raises(ValidationError, match="不是支部党员大会"):
        reports.save_branch_report(TODAY.year, 1, "上半年工作报告", meeting_id=committee)
    reports.save_branch_report(TODAY.year, 1, "上半年工作报告", "一、主要工作……", general)
    [saved] = reports.branch_reports(TODAY.year)
    assert saved.presented_on == D(TODAY.year, 6, 20) and saved.half_label == f"{TODAY.year}年上半年"


def test_rules_periods():
    assert rules.add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert [p.label for p in rules.probation_periods(D(2026, 3, 15))][:2] == ["预备期第1季度", "预备期第2季度"]
    assert rules.probation_periods(D(2026, 3, 15))[0].end == D(2026, 6, 14)
    # a member who became 正式党员 in March owes nothing for that first half-year
    due = rules.periods_due("full", D(2025, 3, 1), D(2026, 3, 1), "half_year", D(2026, 12, 6))
    assert [p.label for _, p in due] == []
    due = rules.periods_due("full", D(2000, 3, 1), D(2001, 3, 1), "half_year", D(2026, 12, 6))
    assert [p.label for _, p in due] == ["2025年下半年", "2026年上半年"]


def test_a_bundle_carries_study_and_reports_upward(branch):
    """The records travel in the bundle (no 汇报 note shown upward) and the upper level
    counts, from them, the topics studied, the 补学 done and owed and the 汇报."""
    from branchdesk.bundle.portable import collect
    from branchdesk.upper import facts as facts_mod
    from branchdesk.upper.store import pack_payload
    from branchdesk.upper.study_overview import summarise

    archive, ids, _ = branch
    topic = archive.study.add_topic(TopicForm(TODAY.year, "学习党章"))
    archive.study.add_topic(TopicForm(TODAY.year, "学习党史"))
    archive.study.link(topic, held(archive, "lecture", TODAY - dt.timedelta(days=20), absent=("赵赟", "陈镕")))
    archive.study.record_makeup(topic, ids["陈镕"], TODAY, "class")
    archive.reports.add(ids["王堃"], "regular", D(TODAY.year, 3, 1), "思想汇报")
    derived = facts_mod.derive(collect(archive).tables)
    by_category = {r.category: r for r in derived.records if r.category in ("study", "report")}
    assert by_category["report"].title == "王堃思想、工作、学习汇报"
    rows = [(1, r.category, r.source_id, r.year, pack_payload(r.payload)) for r in derived.records]
    [row] = summarise([(1, "前进村党支部")], rows, TODAY.year, TODAY)
    counts = archive.study.year_counts(TODAY.year, TODAY)
    assert row.counts["topics"] == counts["topics"] == 2 and row.counts["studied"] == counts["studied"] == 1
    assert row.counts["makeups_done"] == 1 and row.counts["makeups_owed"] == counts["makeups_owed"] == 1
    assert row.counts["reports"] == 1
    assert row.counts["reports_behind"] == len({b.member_id for b in archive.reports.behind(TODAY)})
    assert "学习专题2个" in row.sentence()
    assert "study_topic" in facts_mod.TRAVEL_WHOLE

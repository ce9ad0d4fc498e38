"""民主评议党员: who is appraised, tally bounds, the one-third rule, reasons, handling, sealing."""

import datetime as dt

import pytest

from branchdesk.errors import Conflict, ValidationErrors
from branchdesk.life import AppraisalEntry, excellent_limit
from branchdesk.life.appraisal_rules import grade_counts, tally_problem
from tests.domain.life_support import MEETING_DAY, YEAR
from tests.domain.test_meetings import errors_of


def votes(entry, excellent, qualified, basic, unqualified):
    entry.votes_excellent, entry.votes_qualified, entry.votes_basic, entry.votes_unqualified = (
        excellent, qualified, basic, unqualified)


def test_one_third_is_rounded_down():
    assert [excellent_limit(n) for n in (1, 2, 3, 5, 6, 27, 30)] == [0, 0, 1, 1, 2, 9, 10]
    entries = [AppraisalEntry(str(n), decided_grade="excellent" if n < 3 else "qualified") for n in range(8)]
    counts = grade_counts(entries)
    assert (counts.excellent, counts.limit, counts.within_limit) == (3, 2, False)


def test_tally_bounds_on_plain_data():
    entry = AppraisalEntry("甲")
    assert tally_problem(entry, 10) == ""  # not entered yet
    votes(entry, 3, 5, None, 0)
    assert "都要填写" in tally_problem(entry, 10)
    votes(entry, 3, 5, 2, 1)
    assert tally_problem(entry, 10) == "四个等次共 11 票，多于参加测评的 10 人"
    votes(entry, 3, 5, 2, 0)
    assert tally_problem(entry, 10) == "" and entry.leading_grades() == ("qualified",)
    votes(entry, -1, 5, 2, 0)
    assert "负数" in tally_problem(entry, 10)


def test_who_is_appraised_and_the_rules_on_save(branch):
    archive, _ids, _ = branch
    manager = archive.appraisal
    appraisal_id = manager.create(YEAR, MEETING_DAY, 5)
    form = manager.form(appraisal_id)
    # full members (the away one too, being full); the probationary 张伟 is not graded; by party
    # group, then 姓氏笔画 (王 4, 李 and 陈 7, 赵 9 strokes)
    assert [e.member_name for e in form.entries] == ["王堃", "李喆", "陈镕", "赵赟", "刘芳", "孙丽"]
    by_name = {e.member_name: e for e in form.entries}
    votes(by_name["王堃"], 4, 1, 0, 0)
    votes(by_name["李喆"], 3, 3, 0, 0)  # 6 votes from 5 voters
    by_name["王堃"].decided_grade = "excellent"
    by_name["李喆"].decided_grade = "excellent"
    by_name["赵赟"].decided_grade = "excellent"  # three of six: more than one third
    found = errors_of(manager.save, appraisal_id, form)
    assert "第 2 行（李喆）：四个等次共 6 票，多于参加测评的 5 人" in found["votes"]
    assert "评为优秀的有 3 名，超过参评党员 6 名的三分之一（最多 2 名）" in found["decided_grade"]
    assert "支委会评定日期" in found["decided_on"]
    assert manager.form(appraisal_id).entries[0].decided_grade == ""  # nothing saved

    votes(by_name["李喆"], 0, 5, 0, 0)
    by_name["赵赟"].decided_grade = "qualified"
    form.decided_on = MEETING_DAY
    found = errors_of(manager.save, appraisal_id, form)
    assert set(found) == {"decision_reason"} and "得票最多的是「合格」" in found["decision_reason"]
    by_name["李喆"].decision_reason = "全年带头完成道路硬化工程，群众评价高"
    manager.save(appraisal_id, form)
    assert manager.detail(appraisal_id).counts.excellent == 2


def test_handling_follows_the_grade_and_finalise_needs_everything(branch):
    archive, _ids, _ = branch
    manager = archive.appraisal
    appraisal_id = manager.create(YEAR, MEETING_DAY, 6)
    form = manager.form(appraisal_id)
    form.decided_on = MEETING_DAY
    for entry in form.entries:
        votes(entry, 0, 6, 0, 0)
        entry.decided_grade = "qualified"
    weak = form.entries[-1]
    votes(weak, 0, 1, 4, 1)
    weak.decided_grade = "basic"
    weak.handling = "removal"
    found = errors_of(manager.save, appraisal_id, form)
    assert "处置方式只能是批评教育、帮助改进、限期改正" in found["handling"]
    weak.handling = ""
    manager.save(appraisal_id, form)
    problems = {p.field: p.detail for p in manager.finalise_problems(appraisal_id)}
    assert set(problems) == {"feedback_on", "handling"} and "孙丽" in problems["handling"]
    with pytest.raises(ValidationErrors):
        manager.finalise(appraisal_id)
    for entry in form.entries:
        entry.feedback_on = MEETING_DAY
    weak.handling, weak.handling_note = "education", "结对帮扶"
    form.entries[0].feedback_on = MEETING_DAY - dt.timedelta(days=1)
    assert "早于支委会评定日期" in errors_of(manager.save, appraisal_id, form)["feedback_on"]
    form.entries[0].feedback_on = MEETING_DAY
    manager.save(appraisal_id, form)
    manager.finalise(appraisal_id)
    assert manager.done(YEAR)
    manager.report(appraisal_id)
    assert manager.verify(appraisal_id).ok
    with pytest.raises(Conflict, match="已上报并封存"):
        manager.save(appraisal_id, form)
    with pytest.raises(Conflict, match="已经开始"):
        manager.create(YEAR)

"""目标管理 rules through ``archive.targets``: the library (sums, codes, per-year copies,
locking), the plan, score bounds, thresholds and grades, filing (sealed, raw SQL
refused, correction as a revision), problems → ledger, missing inspections, trend."""

from __future__ import annotations

import datetime as dt

import pytest

from branchdesk import clock
from branchdesk.errors import Conflict, ValidationError, ValidationErrors
from branchdesk.targets import IndicatorForm, InspectionHeader, Period
from tests.domain.targets_support import header, library_forms, score_all

YEAR = clock.today().year - 1
H1 = Period(YEAR, "half", 1)
H2 = Period(YEAR, "half", 2)


@pytest.fixture
def targets(archive):
    archive.targets.library.create(YEAR, "", library_forms(), issued_by="中共测试镇委员会")
    return archive


def test_library_numbers_codes_and_keeps_two_levels(targets):
    library = targets.targets.library.get(YEAR)
    assert [(i.code, i.level, i.parent_code) for i in library.indicators] == [
        ("1", 1, ""), ("1.1", 2, "1"), ("1.2", 2, "1"), ("2", 1, ""), ("2.1", 2, "2"), ("2.2", 2, "2"), ("2.3", 2, "2")]
    assert library.total_points_x10 == 1000 and library.editable
    assert library.by_code("2.1").measure == "talks.coverage"
    assert library.by_code("1.2").evidence_required == "活动记录、照片"


def test_points_under_a_first_level_must_add_up_and_nothing_is_stored(archive):
    forms = library_forms()
    forms[2].points_x10 = 150  # 主题党日 15 instead of 20: 组织生活 40 ≠ 35
    forms.append(IndicatorForm(1, "空的一级", 100))
    with pytest.raises(ValidationErrors) as caught:
        archive.targets.library.create(YEAR, "", forms)
    text = caught.value.message()
    assert "一级指标「组织生活」分值 40 分，其下 2 项二级指标合计 35 分" in text
    assert "一级指标「空的一级」下面没有二级指标" in text
    assert archive.targets.library.years() == []


def test_duplicate_codes_unknown_measure_and_bad_first_row_are_named(archive):
    forms = [IndicatorForm(2, "孤立的二级", 100)] + library_forms()
    forms[2].code, forms[3].code = "X", "X"
    forms[3].measure = "meetings.nonsense"
    with pytest.raises(ValidationErrors) as caught:
        archive.targets.library.create(YEAR, "", forms)
    text = caught.value.message()
    assert "第一项应为一级指标" in text and "编号“X”" in text and "meetings.nonsense" in text


def test_copied_years_are_independent(targets):
    library = targets.targets.library
    library.copy(YEAR, YEAR + 1)
    forms = library.get(YEAR + 1).forms()
    forms[1].name, forms[1].points_x10, forms[2].points_x10 = "党员大会（改）", 250, 150
    library.save(YEAR + 1, forms)
    assert library.get(YEAR).by_code("1.1").name == "支部党员大会"
    assert library.get(YEAR).by_code("1.1").points_x10 == 200
    assert library.get(YEAR + 1).by_code("1.1").points_x10 == 250
    assert str(YEAR + 1) in library.get(YEAR + 1).name
    with pytest.raises(Conflict, match="已经有指标库"):
        library.copy(YEAR, YEAR + 1)


def test_plan_adopts_the_library_with_targets_from_the_settings(targets):
    plans = targets.targets.plans
    plans.adopt_library(YEAR)
    plan = plans.get(YEAR)
    assert [i.code for i in plan.items] == ["1.1", "1.2", "2.1", "2.2", "2.3"]
    general = plan.item_for("1.1")
    assert general.measure == "meetings.general" and general.target_value_x10 == 40 and "不少于 4 次" in general.target_text
    assert plan.item_for("2.1").target_value_x10 == 1000
    plans.remove_item(plan.item_for("2.3").id)
    plans.adopt_library(YEAR)  # completes the plan again, targets already set kept
    assert [i.code for i in plans.get(YEAR).items] == ["1.1", "1.2", "2.1", "2.2", "2.3"]


def test_scores_are_bounded_by_points_and_a_bad_row_changes_nothing(targets):
    inspections = targets.targets.inspections
    inspection_id = inspections.create(H1, header(dt.date(YEAR, 7, 5)))
    inspections.set_score(inspection_id, "1.1", self_score_x10=180, score_x10=170, remark="少开一次")
    with pytest.raises(ValidationErrors) as caught:
        inspections.set_scores(inspection_id, {"1.2": (150, 150, ""), "2.3": (..., 101, ...)})
    assert "指标「2.3 党费收缴」的考核得分 10.1 超出范围：应在 0 到 10 分" in caught.value.message()
    with pytest.raises(ValidationErrors, match="没有编号为“9.9”"):
        inspections.set_score(inspection_id, "9.9", score_x10=1)
    row = inspections.detail(inspection_id).score_for("1.2")
    assert row.self_score_x10 is None and row.score_x10 is None
    detail = inspections.detail(inspection_id)
    assert detail.score_for("1.1").remark == "少开一次"
    assert detail.summary.total_x10 == 170 and detail.summary.self_total_x10 == 180 and detail.summary.grade == ""


@pytest.mark.parametrize("fraction, grade", [(1.0, "优秀"), (0.97, "优秀"), (0.96, "合格"), (0.9, "合格"),
                                             (0.89, "基本合格"), (0.86, "基本合格"), (0.85, "不合格")])
def test_grade_from_the_default_thresholds(targets, fraction, grade):
    inspections = targets.targets.inspections
    inspection_id = inspections.create(H1, header(dt.date(YEAR, 7, 5)))
    score_all(targets, inspection_id, fraction)
    summary = inspections.summary(inspection_id)
    assert summary.total_x10 == round(1000 * fraction) and summary.grade == grade


def test_thresholds_are_validated_and_filed_inspections_keep_theirs(targets):
    t = targets.targets
    with pytest.raises(ValidationErrors, match="应低于上一等次「优秀」"):
        t.set_thresholds({"bands": [["优秀", 90], ["合格", 95]], "below": "不合格"})
    with pytest.raises(ValidationErrors, match="超过 100 分"):
        t.set_thresholds({"bands": [["优秀", 101]], "below": "不合格"})
    with pytest.raises(ValidationErrors, match="名称有重复"):
        t.set_thresholds({"bands": [["优秀", 95], ["优秀", 90]], "below": "不合格"})
    assert t.thresholds().bands == (("优秀", 970), ("合格", 900), ("基本合格", 860))
    filed = t.inspections.create(H1, header(dt.date(YEAR, 7, 5)))
    score_all(targets, filed, 0.95)
    t.inspections.file(filed)
    draft = t.inspections.create(H2, header(dt.date(YEAR, 12, 28)))
    score_all(targets, draft, 0.95)
    t.set_thresholds({"bands": [["好", 94.5], ["中", 80]], "below": "差"})
    assert t.thresholds().bands == (("好", 945), ("中", 800))
    assert t.inspections.summary(draft).grade == "好"
    assert t.inspections.summary(filed).grade == "合格"
    assert t.inspections.detail(filed).thresholds.bands[0] == ("优秀", 970)
    correction = t.inspections.correct(filed, "补记备注")  # judged by the scale of the original
    t.inspections.set_score(correction, "2.3", remark="按时收缴")
    assert t.inspections.summary(correction).grade == "合格"


def test_filing_seals_raw_sql_is_refused_and_a_correction_is_a_revision(targets):
    t = targets.targets
    inspection_id = t.inspections.create(H1, header(dt.date(YEAR, 7, 5)))
    with pytest.raises(ValidationErrors, match="还有指标没有考核得分"):
        t.inspections.file(inspection_id)
    assert t.inspections.summary(inspection_id).state == "draft"
    score_all(targets, inspection_id, 0.9)
    problem_id = t.inspections.add_problem(inspection_id, "主题党日记录不完整", "1.2", "补齐照片和签到")
    seal = t.inspections.file(inspection_id)
    assert seal.content_hash and t.inspections.verify(inspection_id).ok
    with pytest.raises(Conflict, match="封存"):
        t.inspections.set_score(inspection_id, "1.1", score_x10=0)
    for sql in ("UPDATE target_score SET score_x10 = 0 WHERE inspection_id = %d",
                "UPDATE target_inspection SET total_x10 = 1000 WHERE id = %d",
                "DELETE FROM target_problem WHERE inspection_id = %d"):
        with pytest.raises(Conflict, match="封存"), targets.db.atomic():
            targets.db.execute_sql(sql % inspection_id)
    assert t.inspections.verify(inspection_id).ok
    with pytest.raises(Conflict, match="不能再修改"):
        t.library.save(YEAR, t.library.get(YEAR).forms())
    new_id = t.inspections.correct(inspection_id, "2.3 得分录错")
    assert t.inspections.find(H1) == new_id and t.inspections.summary(new_id).corrects_id == inspection_id
    t.inspections.set_score(new_id, "2.3", score_x10=100)
    assert t.inspections.summary(new_id).total_x10 == 910
    assert t.inspections.summary(inspection_id).total_x10 == 900
    assert [p.uid for p in t.inspections.problems(new_id)] == [p.uid for p in t.inspections.problems(inspection_id)]
    assert t.inspections.revisions(new_id)[0].reason == "2.3 得分录错"
    with pytest.raises(Conflict, match="更正版本"):
        t.inspections.delete(new_id)
    t.inspections.file(new_id)
    assert [s.id for s in t.inspections.list(YEAR)] == [new_id]
    assert problem_id


def test_problems_become_ledger_items_also_after_filing(targets):
    t = targets.targets
    inspection_id = t.inspections.create(H1, header(dt.date(YEAR, 7, 5)))
    score_all(targets, inspection_id)
    problem_id = t.inspections.add_problem(inspection_id, "谈心谈话记录过于简单", "2.1", "写明谈话内容和效果")
    t.inspections.file(inspection_id)
    deadline = clock.today() + dt.timedelta(days=30)
    item_id = t.inspections.problem_to_ledger(problem_id, "重新规范谈话记录", "王书记", deadline)
    item = targets.rectification.summary(item_id)
    uid = t.inspections.problems(inspection_id)[0].uid
    assert (item.source, item.source_ref, item.year, item.problem) == ("inspection", uid, YEAR, "谈心谈话记录过于简单")
    assert t.inspections.problems(inspection_id)[0].ledger == [item.code]
    with pytest.raises(Conflict, match="已上报并封存"):
        t.inspections.remove_problem(problem_id)


def test_missing_inspections_and_trend(targets):
    t = targets.targets
    today = dt.date(YEAR + 1, 2, 10)
    assert {(g.period.no, g.state) for g in t.missing_inspections(dt.date(YEAR, 6, 10))} == {(1, "due_soon")}
    first = t.inspections.create(H1, header(dt.date(YEAR, 7, 5)))
    score_all(targets, first, 0.98)
    gaps = t.missing_inspections(dt.date(YEAR, 7, 20))
    assert [(g.period, g.state, g.inspection_id) for g in gaps] == [(H1, "draft", first)]
    gaps = t.missing_inspections(today)
    assert [(g.period, g.state) for g in gaps] == [(H1, "overdue"), (H2, "overdue")]
    assert "下半年目标管理检查考核已逾期：还没有检查记录" in gaps[1].message
    t.inspections.file(first)
    quarter = t.inspections.create(Period(YEAR, "quarter", 4), header(dt.date(YEAR, 12, 30)))
    score_all(targets, quarter, 0.88)
    t.inspections.file(quarter)  # a Q4 inspection covers the second half
    assert t.missing_inspections(today) == []
    trend = t.trend(YEAR, YEAR)
    assert [(p.period, p.total_x10, p.grade) for p in trend] == [(H1, 980, "优秀"), (Period(YEAR, "quarter", 4), 880, "基本合格")]
    assert trend[0].percent == 98.0


def test_a_library_edit_reaches_draft_inspections_only(targets):
    t = targets.targets
    inspection_id = t.inspections.create(H1, InspectionHeader())
    t.inspections.set_score(inspection_id, "1.1", self_score_x10=200)
    forms = t.library.get(YEAR).forms()
    forms[1].points_x10, forms[2].points_x10 = 150, 250
    with pytest.raises(ValidationError, match="已评 20 分，超过新的分值 15 分"):
        t.library.save(YEAR, forms)
    assert t.library.get(YEAR).by_code("1.1").points_x10 == 200
    t.inspections.set_score(inspection_id, "1.1", self_score_x10=100)
    forms[6].name = "党费按时足额收缴"
    del forms[5]  # 问题整改 removed …
    forms[6 - 1].points_x10 = 300  # … its points go to 党费
    t.library.save(YEAR, forms)
    detail = t.inspections.detail(inspection_id)
    assert [s.code for s in detail.scores] == ["1.1", "1.2", "2.1", "2.3"]
    assert detail.score_for("2.3").name == "党费按时足额收缴" and detail.score_for("1.1").points_x10 == 150
    assert detail.summary.total_points_x10 == 1000


def test_header_dates_and_readiness_are_checked(targets):
    t = targets.targets
    with pytest.raises(ValidationErrors, match="早于.*开始的日子"):
        t.inspections.create(H2, header(dt.date(YEAR, 3, 1)))
    inspection_id = t.inspections.create(H2, InspectionHeader())
    with pytest.raises(ValidationErrors, match="晚于今天"):
        t.inspections.save_header(inspection_id, header(clock.today() + dt.timedelta(days=1)))
    missing = t.inspections.readiness(inspection_id)
    assert missing[:2] == ["请填写检查日期。", "请填写检查人。"] and "1.1、1.2、2.1、2.2、2.3" in missing[2]
    with pytest.raises(Conflict, match="已经有检查考核记录"):
        t.inspections.create(H2, InspectionHeader())
    with pytest.raises(ValidationError, match="还没有指标库"):
        t.inspections.create(Period(YEAR - 5, "half", 1))
    t.inspections.delete(inspection_id)
    assert t.inspections.find(H2) is None

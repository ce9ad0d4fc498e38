"""The six-month rule (党章 第九条), for dues and for 组织生活, on every engine.
Today is 2026-12-06: November is the last month judged."""

import datetime as dt

from branchdesk.dues.six_months import on_leave, runs
from tests.domain.dues_support import YEAR, month, pay, set_base
from tests.domain.meetings_support import held_form


def test_runs_of_six_and_the_breaks_between():
    flags = {month(m): m not in (1, 8) for m in range(1, 13)}
    assert runs(flags) == [[month(m) for m in range(2, 8)]]
    assert runs({month(m): True for m in range(1, 6)}) == []
    # a gap in the months breaks a run
    assert runs({month(m): True for m in (1, 2, 3, 5, 6, 7, 8)}) == []


def test_which_absences_had_leave():
    assert all(on_leave(reason, "") for reason in ("leave", "sick", "duty"))
    assert on_leave("other", "外出务工，已请假") and on_leave("other", "向书记请假")
    for note in ("未请假", "无故缺席", "联系不上", "没有请假，外出务工", ""):
        assert not on_leave("other", note), note


def test_six_unpaid_months_in_a_row_are_named(branch):
    archive, ids, _ = branch
    set_base(archive, ids, "王堃")
    set_base(archive, ids, "李喆")
    pay(archive, ids, "王堃", [month(m) for m in range(1, 6)])
    pay(archive, ids, "李喆", [month(m) for m in range(1, 7)])
    found = archive.dues.warnings()
    assert [(w.name, w.kind, w.months) for w in found] == [
        ("王堃", "dues", tuple(month(m) for m in range(6, 12)))]
    assert found[0].sentence().startswith("王堃连续6个月无正当理由未交纳党费（2026年6月—11月），")
    # the rule is 党章 第九条 (the 党费 rules repeat it); 第三十八条 is about 党的干部
    assert found[0].sentence().endswith("按党章第九条应予批评教育、限期改正，经教育仍无转变的按自行脱党处理。")
    # 李喆 has five (7–11): not yet; the month in progress is never judged
    assert archive.dues.warnings(dt.date(YEAR + 1, 1, 1))[-1].name == "李喆"
    # a 补交 of one month in the middle ends the run
    pay(archive, ids, "王堃", [month(8)])
    assert archive.dues.warnings() == []


def test_an_excused_month_is_a_good_reason(branch):
    archive, ids, _ = branch
    set_base(archive, ids, "王堃", from_month=month(6))
    assert len(archive.dues.warnings()) == 1
    archive.dues.excuse(ids["王堃"], month(9), month(9), "因病住院", "李喆")
    assert archive.dues.warnings() == []


def _meeting(archive, m, absent, asked=()):
    """A general meeting held on the 12th; those absent for 「其他」 did not ask for leave,
    except ``asked`` (a 流动党员 away at work who did)."""
    form = held_form(archive, kind="general", absent=absent, day=dt.date(YEAR, m, 12))
    for entry in form.attendance:
        if entry.reason == "other":
            entry.note = "外出务工，已请假" if entry.name in asked else "未请假，无故缺席"
    archive.meetings.plan(form)


def test_six_months_without_organisational_life(branch):
    archive, ids, _ = branch
    for m in range(5, 12):
        _meeting(archive, m, {"陈镕": "other", "刘芳": "sick" if m == 8 else "other",
                              "孙丽": "other"} if m > 5 else {}, asked=("孙丽",))
    found = archive.dues.warnings()
    assert [(w.name, w.kind, w.months) for w in found] == [
        ("陈镕", "attendance", tuple(month(m) for m in range(6, 12)))]
    assert "未参加党的组织生活（2026年6月—11月）" in found[0].sentence()


def test_a_month_without_a_meeting_or_with_attendance_breaks_the_run(branch):
    archive, ids, group_id = branch
    for m in (3, 4, 5, 7, 8, 9, 10):
        _meeting(archive, m, {"陈镕": "other"})
    # June had no meeting: 3–5 and 7–10 are two runs too short
    assert archive.dues.warnings() == []
    _meeting(archive, 6, {"陈镕": "other"})
    assert [w.months[0] for w in archive.dues.warnings()] == [month(3)]
    # present at his group's meeting in one of the months ends it
    archive.meetings.plan(held_form(archive, kind="group", group_id=group_id, day=dt.date(YEAR, 6, 20)))
    assert [w.kind for w in archive.dues.warnings() if w.name == "陈镕"] == []


def test_a_members_year_at_a_glance(branch):
    archive, ids, _ = branch
    set_base(archive, ids, "陈镕", from_month=month(3))
    pay(archive, ids, "陈镕", [month(3), month(4)])
    pay(archive, ids, "陈镕", [month(12), month(1, YEAR + 1)], paid_on=dt.date(YEAR, 12, 1))
    archive.dues.excuse(ids["陈镕"], month(5), month(5), "住院", "李喆")
    _meeting(archive, 3, {})
    _meeting(archive, 4, {"陈镕": "sick"})
    _meeting(archive, 6, {"陈镕": "other"})
    glance = archive.dues.member_year(ids["陈镕"], YEAR)
    dues = [m.dues_text for m in glance.months]
    assert dues == ["—", "—", "40.00", "40.00", "免交", "未交", "未交", "未交", "未交", "未交", "未交", "40.00"]
    assert [m.attendance_text for m in glance.months][2:7] == ["参加", "请假", "—", "缺席", "—"]
    assert [w.kind for w in glance.warnings] == ["dues"]  # June–November
    nothing = archive.dues.member_year(ids["孙丽"], YEAR)
    assert {m.dues_text for m in nothing.months} == {"—"} and nothing.warnings == ()

"""The to-do list of 首页 and ``branchdesk todo`` (branchdesk/todo.py), on every engine."""

import datetime as dt
import json

from branchdesk.archive import Archive
from branchdesk.meetings import MeetingForm
from branchdesk.meetings.compliance import PERIOD_MONTHS, period_bounds
from branchdesk.roster.members import MemberForm
from branchdesk.todo import COMING, DUE, MISSING_LOOKBACK_DAYS, OVERDUE, todo_list
from tests.conftest import TODAY
from tests.helpers import make_id, run_cli


def _probationary(archive, name: str, joined_on: dt.date, serial: int) -> int:
    return archive.members.add(MemberForm(name=name, id_number=make_id(dt.date(1990, 3, 3), serial=serial),
                                          joined_on=joined_on, status="probationary"))


def test_probationary_members_are_listed_when_their_year_is_up_with_the_days_overdue(archive):
    late = _probationary(archive, "赵𠮷", dt.date(TODAY.year - 1, 10, 1), 101)
    soon = _probationary(archive, "王堃", TODAY - dt.timedelta(days=365 - 14), 103)
    _probationary(archive, "乜红", dt.date(TODAY.year, 3, 1), 105)  # months to go: not yet
    items = {i.record_id: i for i in todo_list(archive, TODAY) if i.kind == "probation"}
    assert set(items) == {late, soon}
    overdue_days = (TODAY - dt.date(TODAY.year, 10, 1)).days
    assert items[late].urgency == OVERDUE and items[late].days_overdue == overdue_days
    assert f"已超过 {overdue_days} 天" in items[late].sentence and "赵𠮷" in items[late].sentence
    assert items[late].opens == "member" and items[late].action == "办理转正"
    assert items[soon].urgency == DUE and "还有 14 天" in items[soon].sentence


def test_an_overdue_meeting_opens_itself_and_a_period_without_one_opens_a_new_form(archive):
    planned = archive.meetings.plan(MeetingForm(kind="committee", planned_on=TODAY - dt.timedelta(days=10)))
    items = todo_list(archive, TODAY)
    overdue = [i for i in items if i.opens == "meeting"]
    assert [i.record_id for i in overdue] == [planned]
    assert overdue[0].days_overdue == 10 and "已过 10 天" in overdue[0].sentence
    # every period the compliance calendar counts as missing in the last twelve months,
    # once each (a quarter is one item, not three months)
    since = TODAY - dt.timedelta(days=MISSING_LOOKBACK_DAYS)
    expected = set()
    for year in {since.year, TODAY.year}:
        for row in archive.meetings.compliance(year, TODAY).rows:
            for cell in row.cells:
                if cell.state == "missing" and row.frequency in PERIOD_MONTHS:
                    index = (cell.month - 1) // PERIOD_MONTHS[row.frequency]
                    if period_bounds(row.frequency, year, index)[1] >= since:
                        expected.add((row.kind, row.group_id, f"{cell.period}的{row.label}"))
    missing = [i for i in items if i.opens == "new_meeting" and "没有召开记录" in i.sentence]
    assert {(i.meeting_kind, i.group_id, i.sentence.split("没有")[0]) for i in missing} == expected
    assert len(missing) == len(expected)
    for item in missing:
        assert item.urgency == OVERDUE and item.day is not None and item.day < TODAY
    committee = [i for i in missing if i.meeting_kind == "committee"]
    if committee:  # the 支委会 is on the 5th of its month (meetings/planning.py)
        assert all(i.day.day == 5 for i in committee)


def test_a_required_meeting_neither_held_nor_planned_is_listed_when_its_period_ends_soon(archive):
    """The quarter's 党员大会 and the year's last 党课, not arranged with weeks to go (QA on
    2026-12-07: the calendar showed 党课 3/4, 首页 said nothing)."""
    day = dt.date(TODAY.year, 12, 7)  # 24 days before the quarter and the month end

    def unarranged(on: dt.date) -> dict:
        return {(i.meeting_kind, i.group_id): i for i in todo_list(archive, on) if "没有安排" in i.sentence}

    listed = unarranged(day)
    assert {"general", "lecture"} <= {kind for kind, _ in listed}
    general = listed[("general", None)]
    assert general.urgency == DUE and general.opens == "plan_meeting" and general.action == "安排会议"
    assert general.sentence.startswith(f"{TODAY.year}年第四季度的支部党员大会还没有召开")
    assert "还有 24 天" in general.sentence and TODAY.year == general.day.year and general.day >= day
    # a monthly meeting only in its month's last ten days; and never before the last 30 days
    assert "committee" not in {kind for kind, _ in listed}
    assert ("committee", None) in unarranged(dt.date(TODAY.year, 12, 22))
    assert not unarranged(dt.date(TODAY.year, 11, 30)).get(("general", None))
    # planned (or held) in the period: no longer listed
    archive.meetings.plan(MeetingForm(kind="general", planned_on=dt.date(TODAY.year, 12, 20)))
    assert ("general", None) not in unarranged(day) and ("lecture", None) in unarranged(day)


def test_demo_branch_to_do_most_urgent_first(demo_archive):
    items = todo_list(demo_archive, TODAY)
    urgencies = [i.urgency for i in items]
    assert urgencies == sorted(urgencies)
    ledger = [i for i in items if i.kind == "rectification"]
    pending = demo_archive.rectification.items(state="pending", today=TODAY)
    assert sorted(i.record_id for i in ledger) == sorted(i.id for i in pending)
    overdue = [i for i in ledger if i.urgency == OVERDUE]
    assert len(overdue) == len(demo_archive.rectification.overdue(TODAY)) == 2
    assert [i.days_overdue for i in overdue] == sorted((i.days_overdue for i in overdue), reverse=True)
    assert all(i.urgency == COMING for i in ledger[len(overdue):])  # open ones after every overdue one
    assert "已逾期" in overdue[0].sentence and overdue[0].opens == "rectification"
    inspections = [i for i in items if i.kind == "inspection"]
    gaps = demo_archive.targets.missing_inspections(TODAY)
    assert [i.sentence for i in inspections] == [g.message for g in gaps] and gaps
    for item, gap in zip(inspections, gaps):
        assert (item.opens, item.record_id) == (("inspection", gap.inspection_id) if gap.inspection_id
                                               else ("new_inspection", None))
    assert any(i.opens == "new_meeting" for i in items)  # the demo missed a few meetings
    assert any(i.kind == "talks" for i in items)
    # the member who stopped paying in May (党章 第九条), with the months
    dues = [i for i in items if i.kind == "dues"]
    # the 预备党员 admitted this year and the member transferred in this month have no base yet
    unset = [i.sentence for i in dues if "未设定党费基数" in i.sentence]
    assert sorted(unset) == sorted(f"{name}未设定党费基数（本月应交党费），请在「党费基数」里设定。" for name in ("宋志强", "周敏"))
    dues = [i for i in dues if i.sentence not in unset]
    assert len(dues) == 1 and dues[0].urgency == OVERDUE and dues[0].opens == "dues"
    assert "连续6个月无正当理由未交纳党费（2026年6月—11月），按党章第九条应予批评教育" in dues[0].sentence
    assert dues[0].day == dt.date(2026, 11, 1) and dues[0].record_id is not None


def test_a_stale_backup_comes_first(archive):
    archive.settings.set("backup.warn_after_days", 0)  # every backup is "old" now
    items = todo_list(archive, TODAY)
    assert items[0].kind == "backup" and items[0].opens == "backups" and items[0].urgency == OVERDUE
    assert "备份" in items[0].sentence


def test_the_command_line_prints_the_same_list(demo_dir):
    printed = run_cli(demo_dir, "todo")  # opening makes the first backup: no backup item
    assert printed.returncode == 0, printed.stderr
    with Archive.open(demo_dir, None, auto_backup=False) as archive:
        expected = [i.sentence for i in todo_list(archive, TODAY)]
    lines = printed.stdout.splitlines()
    assert lines[0].startswith(f"待办事项 {len(expected)} 项，其中逾期或需立即处理")
    assert [line.split("】", 1)[1] for line in lines[1:]] == expected
    assert lines[1].startswith("1. 【")
    as_json = json.loads(run_cli(demo_dir, "todo", "--json").stdout)
    assert [i["sentence"] for i in as_json] == expected
    assert {"opens", "action", "record_id", "day", "urgency"} <= set(as_json[0])


def test_nothing_to_do_says_so(archive):
    archive.meetings.set_frequencies({kind: "none" for kind in archive.meetings.frequencies()})
    archive.backup_to()
    assert todo_list(archive, TODAY) == []
    data_dir, url = archive.layout.root, archive.url
    archive.close()
    assert run_cli(data_dir, "todo", db_url=url).stdout.strip() == "目前没有待办事项。"

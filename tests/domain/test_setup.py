"""Set-up asked once: the committee typed by name (new holders registered as members,
probationary members refused, all or nothing), 从何时开始记录 and the compliance it
governs, on both engines; and the same from the command line."""

import datetime as dt

import pytest

from branchdesk.branch import CommitteeSeat
from branchdesk.errors import ValidationError, ValidationErrors
from branchdesk.meetings import MeetingForm
from branchdesk.roster.members import MemberForm
from branchdesk.setup.committee import CommitteeEntry, set_committee
from branchdesk.setup.start import derived_start, record_start, set_record_start
from tests.helpers import make_id, run_cli

ZHAO_ID = make_id(dt.date(1970, 3, 1), 111)


def test_committee_holders_are_registered_once_and_reused(archive):
    saved = set_committee(archive, [
        CommitteeEntry("secretary", "赵𠮷", ZHAO_ID, dt.date(1995, 7, 1), dt.date(1996, 7, 1)),
        CommitteeEntry("discipline", "赵𠮷", ZHAO_ID, dt.date(1995, 7, 1), dt.date(1996, 7, 1)),
        CommitteeEntry("organisation", "", ""),
    ])
    assert saved.created == ["赵𠮷"] and archive.members.count() == 1
    assert [(s.post, s.holder_name) for s in archive.branch.own().committee] == [
        ("secretary", "赵𠮷"), ("discipline", "赵𠮷")]
    # typed again later by name alone: the member on the roster, nobody new
    again = set_committee(archive, [CommitteeEntry("secretary", "赵𠮷")])
    assert again.created == [] and archive.members.count() == 1
    assert archive.meetings.due_entries("committee")[0].name == "赵𠮷"


def test_probationary_members_hold_no_post_and_a_bad_row_stores_nothing(archive):
    probationary = archive.members.add(MemberForm(name="孙三", id_number=make_id(dt.date(1999, 1, 2), 133),
                                                  joined_on=dt.date(2026, 6, 30), status="probationary"))
    with pytest.raises(ValidationErrors) as refused:
        set_committee(archive, [
            CommitteeEntry("secretary", "赵𠮷", ZHAO_ID, dt.date(1995, 7, 1), dt.date(1996, 7, 1)),
            CommitteeEntry("organisation", "孙三"),
            CommitteeEntry("publicity", "钱二", make_id(dt.date(1975, 1, 1), 122), dt.date(2000, 6, 30)),
            CommitteeEntry("publicity", "无名氏"),
        ])
    messages = {e.row: e.detail for e in refused.value.errors}
    assert "预备党员没有表决权、选举权和被选举权" in messages[2] and "预备党员没有表决权" in messages[3]
    assert "还不在党员名册中" in messages[4]
    assert archive.members.count() == 1 and archive.branch.own().committee == []
    info = archive.branch.own()
    info.committee = [CommitteeSeat("secretary", probationary)]
    with pytest.raises(ValidationErrors, match="预备党员没有表决权、选举权和被选举权"):
        archive.branch.save_own(info)


def test_start_month_is_set_derived_and_bounds_the_compliance_counts(archive):
    created = record_start(archive)
    assert created == dt.date(2026, 12, 1)  # no setting: the branch was created under the fixed clock
    archive.meetings.plan(MeetingForm(kind="committee", planned_on=dt.date(2026, 3, 15), title="三月支委会"))
    assert derived_start(archive) == dt.date(2026, 3, 1)  # the first record is earlier
    report = archive.meetings.compliance(2026)
    committee = next(r for r in report.rows if r.kind == "committee")
    assert [c.state for c in committee.cells[:2]] == ["before_start", "before_start"]
    assert committee.cells[2].state == "overdue" and committee.cells[3].state == "missing"
    set_record_start(archive, dt.date(2026, 12, 20))
    assert record_start(archive) == dt.date(2026, 12, 1)
    report = archive.meetings.compliance(2026)
    committee = next(r for r in report.rows if r.kind == "committee")
    lecture = next(r for r in report.rows if r.kind == "lecture")
    assert (committee.required, committee.missing) == (1, 0) and (lecture.required, lecture.missing) == (1, 0)
    assert report.start_note == "本档案从2026年12月开始记录"
    with pytest.raises(ValidationError, match="年份 0 无效"):
        archive.meetings.compliance(0)
    with pytest.raises(ValidationError, match="年份"):
        set_record_start(archive, dt.date(2199, 1, 1))


def test_command_line_sets_up_what_the_wizard_asks(archive_factory, engine):
    data_dir, url = archive_factory(engine)

    def run(*args):
        return run_cli(data_dir, *args, db_url=url)

    assert run("init", "--name", "前进村党支部", "--start", "2026-11").returncode == 0
    assert "2026年11月" in run("start").stdout
    bad = run("committee", "set", "书记=赵𠮷")
    assert bad.returncode == 1 and "还不在党员名册中" in bad.stderr
    done = run("committee", "set", "书记=赵𠮷", "组织委员=赵𠮷", "--new", f"赵𠮷,{ZHAO_ID},1995-07-01,1996-07-01")
    assert done.returncode == 0 and "新登记党员 1 名（赵𠮷）" in done.stdout
    assert run("committee", "show").stdout.splitlines() == ["书记\t赵𠮷", "组织委员\t赵𠮷"]
    assert run("groups", "add", "第一党小组", "第二党小组").returncode == 0
    assert "第二党小组\t0 人" in run("groups", "list").stdout
    assert run("groups", "rename", "第二党小组", "机关党小组").returncode == 0
    assert run("groups", "delete", "机关党小组").returncode == 0
    assert run("groups", "list").stdout.splitlines() == ["第一党小组\t0 人"]
    for year in ("0", "-5", "99999"):
        refused = run("compliance", "--year", year)
        assert refused.returncode == 1 and "年份" in refused.stderr and "Traceback" not in refused.stderr
    shown = run("compliance", "--year", "2026")
    committee = next(line for line in shown.stdout.splitlines() if line.startswith("支委会"))
    assert shown.returncode == 0 and committee.split()[1:] == ["—"] * 10 + ["✗", "·"]  # November was missed

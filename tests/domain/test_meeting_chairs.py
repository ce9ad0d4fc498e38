"""A new 支委会 or 支部党员大会 is chaired by the 书记 and minuted by the 组织委员 unless
the secretary says otherwise (docs/domain.md §2.1.1): the window and the command line
show those names from the start, so the first record needs no two picks from a list."""

from branchdesk.branch import CommitteeSeat
from branchdesk.meetings import MeetingForm
from tests.domain.meetings_support import TODAY, held_form
from tests.domain.safety_support import cli_run


def chairs(archive, meeting_id):
    form = archive.meetings.form(meeting_id)
    return form.host_name, form.recorder_name


def test_a_new_committee_or_general_meeting_is_chaired_by_the_secretary_and_minuted_by_the_organiser(branch):
    archive, _ids, group_id = branch
    for kind in ("committee", "general"):
        assert chairs(archive, archive.meetings.plan(MeetingForm(kind=kind, planned_on=TODAY))) == ("王堃", "李喆")
    # a name given wins; only the blank one is filled
    given = archive.meetings.plan(MeetingForm(kind="committee", planned_on=TODAY, recorder_name="赵赟"))
    assert chairs(archive, given) == ("王堃", "赵赟")
    # a 党小组会 has its 组长, a 党课 its speaker, a 主题党日 whoever leads it: left to the secretary
    for kind, group in (("group", group_id), ("lecture", None), ("theme_day", None)):
        assert chairs(archive, archive.meetings.plan(MeetingForm(kind=kind, planned_on=TODAY, group_id=group))) == ("", "")
    # a record entered as already held says who chaired it: nothing is guessed for it
    held = archive.meetings.plan(held_form(archive, host_name="", recorder_name=""))
    assert chairs(archive, held) == ("", "")


def test_without_those_posts_the_names_stay_blank(branch):
    archive, ids, _ = branch
    info = archive.branch.own()
    info.committee = [CommitteeSeat("publicity", ids["赵赟"])]
    archive.branch.save_own(info)
    assert chairs(archive, archive.meetings.plan(MeetingForm(kind="committee", planned_on=TODAY))) == ("", "")
    info.committee = [CommitteeSeat("secretary", ids["刘芳"])]
    archive.branch.save_own(info)
    assert chairs(archive, archive.meetings.plan(MeetingForm(kind="committee", planned_on=TODAY))) == ("刘芳", "")


def test_the_command_line_says_who_will_chair_and_minute(capsys, branch):
    archive, _ids, _ = branch
    data_dir, url = archive.layout.root, archive.url
    archive.close()
    code, out, err = cli_run(capsys, data_dir, "meetings", "plan", "--kind", "支委会", "--date", TODAY.isoformat(),
                             db_url=url)
    assert code == 0, err
    assert "主持人 王堃，记录人 李喆" in out
    code, out, err = cli_run(capsys, data_dir, "meetings", "new", "--kind", "支部党员大会", "--date", TODAY.isoformat(),
                             db_url=url)
    assert code == 0, err
    assert "主持人 王堃，记录人 李喆" in out
    code, out, err = cli_run(capsys, data_dir, "meetings", "plan", "--kind", "党课", "--date", TODAY.isoformat(),
                             db_url=url)
    assert code == 0 and "主持人" not in out

"""``branchdesk members status``: a hand change of status from the command line, with its day
and reason; 已转出 refused with where it is done (docs/domain.md §1, 党员状态的变更)."""

from tests.helpers import run_cli


def test_members_status_records_a_death_and_refuses_a_transfer(demo_dir):
    refused = run_cli(demo_dir, "members", "status", "李喆", "已转出", "--date", "2026-12-01", "--reason", "调走")
    assert refused.returncode == 1 and "branchdesk transfers out" in refused.stderr
    no_reason = run_cli(demo_dir, "members", "status", "李喆", "已去世", "--date", "2026-11-28")
    assert no_reason.returncode == 2 and "--reason" in no_reason.stderr
    blank = run_cli(demo_dir, "members", "status", "李喆", "已去世", "--date", "2026-11-28", "--reason", " ")
    assert blank.returncode == 1 and "请填写「状态变更原因」" in blank.stderr
    ahead = run_cli(demo_dir, "members", "status", "李喆", "已去世", "--date", "2027-01-01", "--reason", "因病去世")
    assert ahead.returncode == 1 and "「去世日期」2027-01-01 不能晚于今天" in ahead.stderr
    done = run_cli(demo_dir, "members", "status", "李喆", "已去世", "--date", "2026-11-28", "--reason", "因病去世")
    assert done.returncode == 0 and "李喆 2026-11-28 起为「已去世」（因病去世）" in done.stdout
    shown = run_cli(demo_dir, "members", "show", "李喆").stdout
    assert "2026-11-28　正式党员 → 已去世（因病去世）" in shown
    assert run_cli(demo_dir, "transfers", "list", "--json").stdout.count("李喆") == 0

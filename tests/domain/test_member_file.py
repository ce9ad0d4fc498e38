"""党员档案 (docs/domain.md §19) on every engine: for the demo member with the most 走访, the
figures the file shows equal those computed with plain SQL on the tables; its other parts
(talks, grade, history, 表彰) are there; the command line prints the same figures."""

from __future__ import annotations

import json

from branchdesk.roster.member_file import member_file
from tests.domain.meetings_support import TODAY
from tests.domain.member_file_support import busiest_member, sql_figures
from tests.helpers import run_cli


def test_member_file_figures_equal_plain_sql(demo_archive):
    archive = demo_archive
    member_id = busiest_member(archive, TODAY.year)
    got = member_file(archive, member_id, TODAY.year)
    expected = sql_figures(archive, member_id, TODAY.year)
    figures = got.figures()
    assert {k: figures[k] for k in expected} == expected
    assert all(expected[k] > 0 for k in ("meetings_due", "dues_months_paid", "visits", "service_hours"))
    assert figures["meetings_absent"] == expected["meetings_due"] - expected["meetings_present"]
    assert all(line.reason for line in got.meetings if line.status == "absent")
    assert got.history and got.history[0].status_to in ("full", "probationary")
    assert len(got.dues_months) == 12


def test_members_file_command(demo_dir):
    from branchdesk.archive import Archive

    with Archive.open(demo_dir, read_only=True) as archive:
        member_id = busiest_member(archive, TODAY.year)
        name = archive.members.get(member_id).name
        expected = sql_figures(archive, member_id, TODAY.year)
    result = run_cli(demo_dir, "members", "file", name, "--json")
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert {k: shown["figures"][k] for k in expected} == expected
    text = run_cli(demo_dir, "members", "file", name).stdout
    assert f"出席 {expected['meetings_present']} 次" in text and f"本年走访 {expected['visits']} 次" in text
    refused = run_cli(demo_dir, "members", "file", "查无此人")
    assert refused.returncode == 1 and "查无此人" in refused.stderr

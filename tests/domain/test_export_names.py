"""Exports land in the archive's exports/ folder under a Chinese name that says what the
file holds, never over an existing file (issue 13: 「2025年2月支委会会议记录.pdf」)."""

import datetime as dt
import re
from pathlib import Path

import pytest

from branchdesk import export_names
from tests.domain.papers_support import pages_of, text_of
from tests.helpers import run_cli


@pytest.mark.parametrize(("kind", "group", "which", "expected"), [
    ("committee", "", "record", "2025年2月支委会会议记录"),
    ("general", "", "resolution", "2025年2月支部党员大会决议"),
    ("general", "", "notice", "2025年2月支部党员大会会议通知"),
    ("group", "第一党小组", "record", "2025年2月第一党小组会议记录"),
    ("group", "老年组", "notice", "2025年2月老年组党小组会议通知"),
    ("lecture", "", "record", "2025年2月党课记录"),
    ("theme_day", "", "record", "2025年2月主题党日活动记录"),
    ("theme_day", "", "notice", "2025年2月主题党日通知"),
])
def test_meeting_papers_are_named_by_month_kind_and_paper(kind, group, which, expected):
    assert export_names.meeting_paper(kind, group, dt.date(2025, 2, 18), which) == expected


def test_names_are_safe_on_every_system_and_never_empty():
    assert export_names.safe_name('第一/二党小组: "学习"?') == "第一_二党小组_ _学习_"
    assert export_names.safe_name("记录. . ") == "记录"
    assert export_names.safe_name("CON") == "导出" and export_names.safe_name(" \t") == "导出"
    assert len(export_names.safe_name("很长的名字" * 40)) == export_names.MAX_STEM


def test_a_taken_name_gets_a_number_instead_of_being_overwritten(tmp_path):
    first = export_names.free_path(tmp_path, "2025年度档案", ".pdf")
    assert first == tmp_path / "2025年度档案.pdf"
    first.write_bytes(b"kept")
    second = export_names.free_path(tmp_path, "2025年度档案", ".pdf")
    assert second.name == "2025年度档案（2）.pdf"
    second.write_bytes(b"kept too")
    assert export_names.free_path(tmp_path, "2025年度档案", ".pdf").name == "2025年度档案（3）.pdf"
    assert export_names.free_path(tmp_path, "2025年度档案", ".xlsx").name == "2025年度档案.xlsx"


def test_the_exports_folder_is_created_owner_only(tmp_path):
    class Layout:
        exports = tmp_path / "档案库" / "exports"

    path = export_names.default_path(Layout, "党员名册（2026年12月6日）", ".xlsx")
    assert path.parent == Layout.exports and Layout.exports.is_dir()
    assert Layout.exports.stat().st_mode & 0o077 == 0


def _printed_path(out: str) -> Path:
    return Path(re.search(r"：(/\S+?\.(?:pdf|xlsx))", out).group(1))


def test_cli_exports_without_out_go_to_the_exports_folder_under_chinese_names(demo_archive):
    archive = demo_archive
    meeting_id = archive.meetings.query_ids(year=2026, kind="committee", descending=False)[0]
    held = archive.meetings.summary(meeting_id).date
    data_dir, url = archive.layout.root, archive.url
    exports = archive.layout.exports
    archive.close()

    first = run_cli(data_dir, "export", "meeting", meeting_id, db_url=url)
    assert first.returncode == 0, first.stderr
    path = _printed_path(first.stdout)
    assert path == exports / f"{held.year}年{held.month}月支委会会议记录.pdf"
    assert pages_of(path) >= 1 and "支部委员会会议记录" in re.sub(r"\s+", "", text_of(path))

    again = run_cli(data_dir, "export", "meeting", meeting_id, db_url=url)
    assert _printed_path(again.stdout) == exports / f"{held.year}年{held.month}月支委会会议记录（2）.pdf"
    assert path.read_bytes()[:4] == b"%PDF"  # the first file is still there

    roster = run_cli(data_dir, "members", "export", db_url=url)
    assert roster.returncode == 0, roster.stderr
    assert _printed_path(roster.stdout) == exports / "党员名册（2026年12月6日）.xlsx"

    ledger = run_cli(data_dir, "export", "rectification", "--year", "2025", db_url=url)
    assert ledger.returncode == 0, ledger.stderr
    assert _printed_path(ledger.stdout) == exports / "2025年整改台账公示.pdf"

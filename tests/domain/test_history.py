"""The history the archive keeps, read back: a member's status changes, the roster on a
day and the changes of a year, the audit log filtered and paged (both engines), and the
command line that shows them."""

from __future__ import annotations

import datetime as dt
import json

from branchdesk.roster.history import change_line, changes_in_year, roster_on
from branchdesk.roster.member_rules import MemberForm
from branchdesk.safety.audit_query import AuditFilter
from tests.domain.meetings_support import branch  # noqa: F401 - fixture
from tests.domain.papers_support import bundled_fonts, text_of
from tests.domain.safety_support import cli_run
from tests.domain.test_audit import _tamper
from tests.domain.yearbook_support import flat, small_year
from tests.helpers import make_id, transfer_out


def _three_members(archive) -> dict[str, int]:
    """李新 预备 from 2025-03-01, 转正 2026-03-02; 王老 转出 2026-06-01; 赵远 流动 2026-08-01."""
    ids = {
        "李新": archive.members.add(MemberForm(name="李新", id_number=make_id(dt.date(1995, 1, 2)),
                                             joined_on=dt.date(2025, 3, 1), status="probationary")),
        "王老": archive.members.add(MemberForm(name="王老", id_number=make_id(dt.date(1950, 1, 2), 125),
                                             joined_on=dt.date(1980, 3, 1), full_on=dt.date(1981, 3, 2), status="full")),
        "赵远": archive.members.add(MemberForm(name="赵远", id_number=make_id(dt.date(1980, 1, 2), 127),
                                             joined_on=dt.date(2000, 3, 1), full_on=dt.date(2001, 3, 2), status="full")),
    }
    archive.members.change_status(ids["李新"], "full", dt.date(2026, 3, 2), "支部大会讨论通过，按期转正")
    transfer_out(archive, ids["王老"], dt.date(2026, 6, 1))
    archive.members.change_status(ids["赵远"], "away", dt.date(2026, 8, 1), "在杭州务工")
    return ids


def test_the_roster_on_a_day_follows_the_status_history(archive):
    ids = _three_members(archive)
    end_2025 = {row.name: row.status_label for row in roster_on(archive, dt.date(2025, 12, 31))}
    assert end_2025 == {"李新": "预备党员", "王老": "正式党员", "赵远": "正式党员"}
    end_2026 = {row.name: row.status_label for row in roster_on(archive, dt.date(2026, 12, 31))}
    assert end_2026 == {"李新": "正式党员", "赵远": "流动党员"}  # 王老 left in June
    assert roster_on(archive, dt.date(1979, 12, 31)) == []  # nobody had joined yet
    changes = changes_in_year(archive, 2026)
    assert [(c.name, c.change.status_to) for c in changes] == [
        ("李新", "full"), ("王老", "transferred"), ("赵远", "away")]
    assert changes_in_year(archive, 2025)[0].member_id == ids["李新"]
    assert change_line(archive.members.status_history(ids["王老"])[-1]) == (
        "2026-06-01　正式党员 → 已转出（组织关系转出至中共镇机关党支部，介绍信〔2026〕第1号）")


def test_the_audit_log_is_filtered_by_kind_text_and_dates_and_paged_newest_first(archive):
    _three_members(archive)
    everything = archive.audit.count_matching(AuditFilter())
    assert everything == archive.audit.verify().entries == 8  # the branch, 3 added, 3 status changes, the 转出
    assert archive.audit.count_matching(AuditFilter(kind="member")) == 6
    assert archive.audit.count_matching(AuditFilter(kind="branch")) == 1
    about_wang = archive.audit.matching(AuditFilter(text="王老"))
    assert [e.action for e in about_wang] == ["transfer.out", "member.update", "member.add"]  # newest first
    assert archive.audit.count_matching(AuditFilter(text="新增党员")) == 3  # an action's Chinese name
    assert archive.audit.count_matching(AuditFilter(text="%")) == 0  # literal, not a wildcard
    today = dt.date(2026, 12, 6)  # the fixed clock: every entry is written today
    assert archive.audit.count_matching(AuditFilter(date_from=today, date_to=today)) == everything
    assert archive.audit.count_matching(AuditFilter(date_from=today + dt.timedelta(days=1))) == 0
    assert archive.audit.count_matching(AuditFilter(date_to=today - dt.timedelta(days=1))) == 0
    pages = archive.audit.matching(AuditFilter(), 0, 4) + archive.audit.matching(AuditFilter(), 4, 4)
    assert [e.seq for e in pages] == list(range(everything, 0, -1))
    assert archive.audit.kinds() == ["member", "branch", "member_transfer"]


def test_members_show_and_audit_list_on_the_command_line(archive, capsys):
    _three_members(archive)
    data_dir, url = archive.layout.root, archive.url
    archive.close()
    code, out, _ = cli_run(capsys, data_dir, "members", "show", "王老", db_url=url)
    assert code == 0 and "党员状态：已转出" in out
    assert "2026-06-01　正式党员 → 已转出（组织关系转出至中共镇机关党支部，介绍信〔2026〕第1号）" in out
    code, out, _ = cli_run(capsys, data_dir, "members", "show", "赵远", "--json", db_url=url)
    shown = json.loads(out)
    assert [c["status_to_label"] for c in shown["status_history"]] == ["正式党员", "流动党员"]
    code, _, err = cli_run(capsys, data_dir, "members", "show", "钱某", db_url=url)
    assert code == 1 and "不在本支部名册中" in err

    code, out, _ = cli_run(capsys, data_dir, "audit", "list", "--kind", "党员", "--text", "李新", db_url=url)
    assert code == 0 and out.count("李新") == 2 and "修改党员信息" in out and "逐条校验通过" in out
    code, out, _ = cli_run(capsys, data_dir, "audit", "list", "--from", "2026-12-07", db_url=url)
    assert code == 0 and "没有符合条件的操作记录" in out
    code, _, err = cli_run(capsys, data_dir, "audit", "list", "--from", "2026-12-06", "--to", "2026-01-01", db_url=url)
    assert code == 1 and "早于开始日期" in err
    code, _, err = cli_run(capsys, data_dir, "audit", "list", "--kind", "猫", db_url=url)
    assert code == 1 and "记录类别" in err
    code, out, _ = cli_run(capsys, data_dir, "audit", "list", "--json", "--limit", "2", db_url=url)
    listed = json.loads(out)
    assert listed["total"] == 8 and [e["seq"] for e in listed["entries"]] == [8, 7]
    assert listed["entries"][0]["action_label"] == "修改党员信息" and listed["verified"]["ok"]


def test_audit_list_says_when_the_chain_is_broken(archive, capsys):
    _three_members(archive)
    _tamper(archive, ["UPDATE audit_log SET summary = '新增党员 某某' WHERE seq = 2"])
    data_dir, url = archive.layout.root, archive.url
    archive.close()
    code, out, _ = cli_run(capsys, data_dir, "audit", "list", db_url=url)
    assert code == 1 and "第 2 条" in out and "校验失败" in out


def test_the_yearly_archive_prints_the_roster_at_year_end_and_the_changes(branch, tmp_path):  # noqa: F811
    from branchdesk.yearbook import write_year_archive

    archive, _year = small_year(branch)  # two held meetings: a year with records
    roster_before = len(roster_on(archive, dt.date(2026, 12, 6)))
    changes_before = len(changes_in_year(archive, 2026))
    _three_members(archive)
    target = tmp_path / "2026.pdf"
    result = write_year_archive(archive, 2026, target, library=bundled_fonts())
    assert {s.key: s.count for s in result.sections}["roster"] == 2  # the roster, and the year's 转出
    text = flat(text_of(target))
    assert "截至2026年12月6日" in text  # the year is not over: the roster of today
    assert "2026年度党员名册及变动情况" in text
    assert f"支部共有党员{roster_before + 2}名" in text and f"本年度党员状态变化{changes_before + 3}次" in text
    assert "2026-06-01王老正式党员已转出组织关系转出至中共镇机关党支部，介绍信〔2026〕第1号" in text
    assert "2026-08-01赵远正式党员流动党员在杭州务工" in text

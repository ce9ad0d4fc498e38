"""``branchdesk init --upper`` and ``branchdesk upper …`` as a user runs them: exit codes,
Chinese messages, JSON, exports; branch commands refused on an upper archive."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from branchdesk import clock
from tests.domain.test_cli import run
from tests.domain.upper_support import PASSWORD


@pytest.mark.slow
def test_upper_archive_from_the_command_line(tmp_path, demo_branches):
    first, second = demo_branches
    up = tmp_path / "upper"
    assert "上级汇总档案库「某某镇党委」" in run(up, "init", "--upper", "--name", "某某镇党委", check_code=0).stdout
    refused = run(up, "members", "list", check_code=1)
    assert "上级汇总档案库" in refused.stderr
    assert "上级汇总档案库" in run(up, "demo", check_code=1).stderr

    wrong = run(up, "upper", "enrol", str(first.card), "--fingerprint", "0000-1111", check_code=1)
    assert "指纹" in wrong.stderr
    assert "已登记" in run(up, "upper", "enrol", str(first.card), "--fingerprint", first.fingerprint, check_code=0).stdout
    run(up, "upper", "enrol", str(second.card), "--fingerprint", second.fingerprint, check_code=0)

    password_file = tmp_path / "password.txt"
    password_file.write_text(PASSWORD + "\n", encoding="utf-8")
    verified = json.loads(run(up, "upper", "verify", str(first.bundles[0]), "--json", check_code=0).stdout)
    assert verified["ok"] and verified["sequence"] == 1 and not verified["already_imported"]
    unknown = tmp_path / "fresh"
    run(unknown, "init", "--upper", "--name", "另一个镇党委", check_code=0)
    assert "登记" in run(unknown, "bundle", "verify", str(first.bundles[0]), check_code=1).stderr

    # Several files at once: each result printed; one refused (no password for the encrypted one) -> exit 1.
    mixed = run(up, "upper", "import", str(first.bundles[0]), str(second.bundles[0]), check_code=1)
    assert "已导入「前进村党支部」第 1 号" in mixed.stdout and "密码" in mixed.stdout
    done = run(up, "bundle", "import", str(second.bundles[0]), str(first.bundles[0]), "--password-file",
               str(password_file), check_code=0)
    assert "已导入「红旗社区党支部」" in done.stdout and "已导入，未作更改" in done.stdout

    listed = json.loads(run(up, "upper", "branches", "--json", check_code=0).stdout)
    assert {b["name"]: b["last_sequence"] for b in listed} == {"前进村党支部": 1, "红旗社区党支部": 1}

    year = clock.today().year - 1
    # each branch's year counts, as the 组织关系, 奖惩 and 学习汇报 pages show them
    this_year = str(clock.today().year)
    for command, said in (("transfers", "转出"), ("honours", "表彰"), ("study", "学习专题")):
        counted = json.loads(run(up, "upper", command, "--year", this_year, "--json", check_code=0).stdout)
        assert {row["branch_name"] for row in counted} == {"前进村党支部", "红旗社区党支部"}, command
        assert f"前进村党支部（{this_year}年）：" in run(up, "upper", command, check_code=0).stdout
        assert said in json.dumps(counted, ensure_ascii=False), command
    recruitment = run(up, "upper", "recruit", check_code=0).stdout
    assert "前进村党支部：入党申请人2人，入党积极分子2人，发展对象1人，预备党员1人；逾期 0 项" in recruitment
    board = json.loads(run(up, "upper", "dashboard", "--year", str(year), "--json", check_code=0).stdout)
    assert len(board["rows"]) == 24 and board["columns"][0] == ["branch_name", "支部"]
    table = run(up, "upper", "dashboard", "--year", str(year), "--search", "红旗", "--months", "1-3", check_code=0)
    assert table.stdout.count("红旗社区党支部") == 3 and "前进村" not in table.stdout
    sheet = tmp_path / "board.xlsx"
    run(up, "upper", "dashboard", "--year", str(year), "--out", str(sheet), check_code=0)
    assert load_workbook(sheet).active.max_row == 3 + 24
    bad_sort = run(up, "upper", "dashboard", "--year", str(year), "--sort", "nonsense", check_code=1)
    assert "排序" in bad_sort.stderr

    shown = run(up, "upper", "show", "前进村", "--year", str(year), check_code=0).stdout
    assert "【支委会】" in shown and "【整改台账】" in shown
    assert str(year) in run(up, "upper", "show", "0117", check_code=0).stdout


def test_upper_commands_refuse_a_branch_archive(tmp_path):
    branch = tmp_path / "branch"
    run(branch, "init", "--name", "新村党支部", check_code=0)
    refused = run(branch, "upper", "branches", check_code=1)
    assert "支部档案库" in refused.stderr and "init --upper" in refused.stderr

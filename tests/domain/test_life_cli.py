"""The 组织生活会, 民主评议 and 整改台账 commands as a secretary scripts them, on the demo branch."""

import json

from openpyxl import load_workbook

from tests.domain.life_support import YEAR
from tests.domain.papers_support import fonts_of, text_of
from tests.helpers import run_cli


def run(data_dir, *args, code=0):
    result = run_cli(data_dir, *args)
    assert result.returncode == code, result.stdout + result.stderr
    return result


def test_the_demo_years_from_the_command_line(demo_dir, tmp_path):
    demo = demo_dir  # as ``branchdesk demo`` leaves it (that command: test_cli.py)
    status = json.loads(run(demo, "life", "status", "--year", str(YEAR - 1), "--json").stdout)
    assert status["state"] == "reported" and all(c["ok"] for c in status["checks"] if c["blocking"])
    current = json.loads(run(demo, "life", "status", "--json").stdout)
    assert current["state"] == "draft" and not next(c for c in current["checks"] if c["key"] == "talks")["ok"]
    coverage = json.loads(run(demo, "talks", "coverage", "--year", str(YEAR - 1), "--json").stdout)
    assert coverage["complete"] and coverage["met"] == coverage["required"] > 30
    overdue = json.loads(run(demo, "rectification", "list", "--state", "逾期", "--json").stdout)
    assert len(overdue) == 2 and {i["year"] for i in overdue} == {YEAR - 1}
    shown = run(demo, "life", "show", str(YEAR - 1)).stdout
    assert "加 --texts 显示" in shown and "自我批评）：" not in shown

    report = tmp_path / "report.pdf"
    out = run(demo, "export", "life-meeting", str(YEAR - 1), "--out", str(report)).stdout
    assert "情况报告" in out and all(f["emb"] == "yes" for f in fonts_of(report))
    assert "前进村党支部关于召开" in "".join(text_of(report).split())
    run(demo, "export", "life-meeting", str(YEAR - 1), "--paper", "appraisal", "--out", str(tmp_path / "a.pdf"))
    ledger = tmp_path / "台账.xlsx"
    run(demo, "export", "rectification", "--out", str(ledger))
    assert load_workbook(ledger).active.max_row == 1 + len(json.loads(
        run(demo, "rectification", "list", "--json").stdout))
    notice = tmp_path / "公示.pdf"
    run(demo, "export", "rectification", "--year", str(YEAR - 1), "--out", str(notice))
    assert "整改事项公示" in "".join(text_of(notice).split())

    wrong = run(demo, "export", "rectification", "--out", str(tmp_path / "x.docx"), code=1)
    assert "扩展名应为 .pdf" in wrong.stderr
    missing = run(demo, "life", "status", "--year", "2001", code=1)
    assert "2001 年度组织生活会" in missing.stderr


def test_a_year_walked_through_by_commands(demo_dir):
    data = demo_dir
    year = str(YEAR + 1)
    # next year's cycle cannot be planned on a date outside its span
    bad = run(data, "life", "plan", year, "--theme", "主题", "--date", f"{YEAR - 1}-12-01", code=1)
    assert "不在" in bad.stderr
    run(data, "rectification", "add", "--year", str(YEAR), "--problem", "村道积水", "--measure", "疏通排水沟",
        "--owner", "何建国", "--deadline", f"{YEAR + 1}-03-01", "--public")
    listed = json.loads(run(data, "rectification", "list", "--year", str(YEAR), "--json").stdout)
    code = listed[-1]["code"]
    refused = run(data, "rectification", "close", code, "--note", "已疏通", code=1)
    assert "至少登记一条整改进展" in refused.stderr
    run(data, "rectification", "progress", code, "--text", "已组织党员疏通")
    run(data, "rectification", "close", code, "--note", "已疏通并验收")
    assert "已销号" in run(data, "rectification", "show", code).stdout
    run(data, "appraisal", "start", str(YEAR), "--voters", "20")
    tally = run(data, "appraisal", "tally", str(YEAR), "王堃", "5", "10", "5", "1", code=1)
    assert "21 票，多于参加测评的 20 人" in tally.stderr
    run(data, "appraisal", "tally", str(YEAR), "王堃", "5", "10", "4", "1")
    assert "优秀5票" in run(data, "appraisal", "show", str(YEAR)).stdout

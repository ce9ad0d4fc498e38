"""目标管理 from the command line as a secretary scripts it: import a library (bad file
refused whole, then a good one), plan the year, measure, inspect, file, try to change,
correct, export the papers (text and fonts checked the way a receiver would)."""

from __future__ import annotations

import json

import pytest
from openpyxl import Workbook, load_workbook

from branchdesk import clock
from tests.domain.papers_support import fonts_of, text_of
from tests.domain.test_life_cli import run

pytestmark = pytest.mark.slow  # a few dozen commands on the demo branch

YEAR = clock.today().year
NEXT = YEAR + 1


def _flat(pdf) -> str:
    return "".join(text_of(pdf).split())


def test_library_plan_inspection_and_papers(demo_dir, tmp_path):
    demo = demo_dir
    # the demo's own library goes out and back in (as next year's)
    exported = tmp_path / "指标库.xlsx"
    assert "（30 项指标）" in run(demo, "targets", "export-library", "--year", str(YEAR), "--out", str(exported)).stdout
    assert load_workbook(exported).active.max_row == 2 + 30
    bad = tmp_path / "bad.xlsx"
    workbook = load_workbook(exported)
    workbook.active["D4"] = "五分"
    workbook.active["D12"] = 9
    workbook.save(bad)
    refused = run(demo, "targets", "import-library", str(bad), "--year", str(NEXT), code=1)
    assert "第 4 行：分值“五分”不是数字" in refused.stdout and "第 12 行" in refused.stdout
    assert "本次没有导入任何指标" in refused.stderr
    run(demo, "targets", "library", "--year", str(NEXT), code=1)
    dry = run(demo, "targets", "import-library", str(exported), "--year", str(NEXT), "--dry-run").stdout
    assert "检查通过" in dry and "合计 100 分" in dry
    run(demo, "targets", "library", "--year", str(NEXT), code=1)
    assert "30 项指标" in run(demo, "targets", "import-library", str(exported), "--year", str(NEXT)).stdout
    library = json.loads(run(demo, "targets", "library", "--year", str(NEXT), "--json").stdout)
    by_code = {i["code"]: i for i in library["indicators"]}
    assert len(by_code) == 30 and by_code["2.1"]["measure"] == "meetings.committee" and by_code["2.1"]["points"] == 6
    copied = run(demo, "targets", "copy-library", "--from", str(YEAR), "--to", str(NEXT), code=1)
    assert "已经有指标库" in copied.stderr

    plan = run(demo, "targets", "plan", "--year", str(NEXT), "--adopt", "--set", "4.6", "--target", "参会率不低于95%",
               "--value", "95").stdout
    assert "4.6 党员参会率（4 分）：参会率不低于95%  目标值 95  [自动计量]" in plan
    measures = json.loads(run(demo, "targets", "measures", "--year", str(YEAR - 1), "--json").stdout)
    general = next(m for m in measures["measures"] if m["key"] == "meetings.general")
    assert general["target"] == 4 and general["refs"] and general["explanation"].startswith("按“每季度”的频次")

    # an inspection of last year's first quarter, start to finish
    new = run(demo, "targets", "inspect", "new", "--year", str(YEAR - 1), "--period", "q1", "--date",
              f"{YEAR - 1}-04-02", "--inspectors", "刘建国", "--body", "中共安溪镇委员会").stdout
    inspection = new.split("编号 ")[1].split("）")[0]
    refused = run(demo, "targets", "inspect", "score", inspection, "2.1", "--score", "6.5", code=1)
    assert "指标「2.1 支委会」的考核得分 6.5 超出范围" in refused.stderr
    assert "已按自动计量填写" in run(demo, "targets", "inspect", "suggest", inspection).stdout
    shown = json.loads(run(demo, "targets", "inspect", "show", inspection, "--json").stdout)
    for row in shown["scores"]:
        run(demo, "targets", "inspect", "score", inspection, row["code"], "--score", str(row["points"]))
    run(demo, "targets", "inspect", "score", inspection, "5.2", "--self", "3.5", "--score", "3", "--remark", "记录缺项")
    assert "已关联" in run(demo, "targets", "inspect", "evidence", inspection, "4.1", "--measured").stdout
    (tmp_path / "照片.png").write_bytes(b"\x89PNG fake but not empty")
    run(demo, "targets", "inspect", "evidence", inspection, "1.3", "--file", str(tmp_path / "照片.png"))
    ledger = run(demo, "targets", "inspect", "problem", inspection, "--problem", "会议记录缺少缺席原因", "--code", "5.2",
                 "--ledger", "--owner", "不在名册的人", "--deadline", f"{YEAR + 1}-01-31", "--measure", "补记缺席原因").stdout
    assert "已列入整改台账" in ledger
    filed = run(demo, "targets", "inspect", "file", inspection).stdout
    assert "已归档并封存：得分 99，等次 优秀" in filed
    again = run(demo, "targets", "inspect", "score", inspection, "5.2", "--score", "4", code=1)
    assert "已上报并封存" in again.stderr
    corrected = run(demo, "targets", "inspect", "correct", inspection, "--reason", "5.2 扣分依据不足").stdout
    revision = corrected.split("编号 ")[1].split("）")[0]
    run(demo, "targets", "inspect", "score", revision, "5.2", "--score", "4")
    run(demo, "targets", "inspect", "file", revision)
    listed = run(demo, "targets", "inspect", "list", "--year", str(YEAR - 1)).stdout
    assert f"{revision:>4}" in listed and f"\n{inspection:>4}" not in "\n" + listed

    sheet = tmp_path / "考核表.pdf"
    run(demo, "export", "inspection", revision, "--out", str(sheet))
    text = _flat(sheet)
    assert "党支部目标管理考核表" in text and "本表为更正版本。更正原因：5.2扣分依据不足" in text
    assert "会议记录缺少缺席原因" in text and all(f["emb"] == "yes" for f in fonts_of(sheet))
    book = tmp_path / "档案.pdf"
    out = run(demo, "export", "targets", str(YEAR - 1), "--out", str(book)).stdout
    assert "目标管理档案" in out
    text = _flat(book)
    for words in ("年度目标计划", "检查考核情况", "历次检查考核得分", "检查发现问题的整改情况", f"{YEAR - 1}年第一季度",
                  "考核得分"):
        assert words in text, words
    assert all(f["emb"] == "yes" for f in fonts_of(book))

    assert "优秀97分以上" in run(demo, "targets", "thresholds", "show").stdout
    wrong = run(demo, "targets", "thresholds", "set", "--bands", "优秀=90,合格=95", code=1)
    assert "应低于上一等次「优秀」" in wrong.stderr
    assert "目标管理检查考核" in run(demo, "targets", "missing").stdout


def test_a_spreadsheet_with_a_title_row_and_merged_first_level(demo_dir, tmp_path):
    demo = demo_dir  # a dry run checks against the archive, as the import does
    workbook = Workbook()
    for row in (["某镇村党支部目标管理考核细则"], ["一级指标", "二级指标", "分值", "评分标准", "佐证材料"],
                ["组织建设（10分）", "班子", 10, "齐全", "文件"], ["组织生活（90分）", "会议", 90, "按时", "记录"]):
        workbook.active.append(row)
    workbook.save(tmp_path / "s.xlsx")
    out = run(demo, "targets", "import-library", str(tmp_path / "s.xlsx"), "--year", str(NEXT), "--dry-run").stdout
    assert "一级指标 2 项，二级指标 2 项，合计 100 分" in out

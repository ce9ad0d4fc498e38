"""``branchdesk study …`` and ``reports …`` on the demo branch: a topic planned and linked
to the last 主题党日 with absentees, who owes 补学, a 补学 recorded, the 学习档案 and the
学习计划 PDF read back; a member's 汇报 and who is behind; refusals in Chinese."""

import json
import re

from tests.domain.papers_support import text_of
from tests.helpers import run_cli


def run(data_dir, *args, code=0):
    result = run_cli(data_dir, *args)
    assert result.returncode == code, result.stdout + result.stderr
    return result


def test_study_and_reports_commands_on_the_demo(demo_dir, tmp_path):
    meetings = json.loads(run(demo_dir, "meetings", "list", "--json").stdout)
    theme = [m for m in meetings if m["kind"] == "theme_day" and m["absent"] and m["state"] != "planned"][-1]
    added = run(demo_dir, "study", "add", "学习党章", "--reading", "中国共产党章程", "--on", theme["date"]).stdout
    topic = re.search(r"已新增学习专题 #(\d+)：学习党章", added).group(1)
    assert f"缺席应补学 {theme['absent']} 人" in run(demo_dir, "study", "link", f"#{topic}", str(theme["id"])).stdout
    owed = json.loads(run(demo_dir, "study", "owed", "--json").stdout)
    assert len(owed) == theme["absent"]
    name = owed[0]["member"]
    run(demo_dir, "study", "makeup", "学习党章", name, "--way", "补课")
    assert len(json.loads(run(demo_dir, "study", "owed", "--json").stdout)) == theme["absent"] - 1
    assert "补学  学习党章" in run(demo_dir, "study", "file", name).stdout
    refused = run(demo_dir, "study", "makeup", "学习党章", name, code=1)
    assert "无需再登记" in refused.stderr
    pdf = tmp_path / "plan.pdf"
    run(demo_dir, "study", "paper", "--out", pdf)
    text = text_of(pdf)
    for words in ("2026年度学习计划", "学习党章", "中国共产党章程", name, "补课"):
        assert words in text, words

    behind = json.loads(run(demo_dir, "reports", "behind", "--json").stdout)
    assert behind
    who = behind[-1]["member"]
    run(demo_dir, "reports", "add", who, "--on", "2026-12-01", "--note", "下半年思想汇报")
    assert "下半年思想汇报" in run(demo_dir, "reports", "list").stdout
    assert "无效，可选：每半年、每季度" in run(demo_dir, "reports", "period", "每月", code=1).stderr

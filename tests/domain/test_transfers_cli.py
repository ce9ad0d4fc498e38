"""``branchdesk transfers …`` and ``away …`` on the demo branch: the demo's three transfers
and its 流动党员, a transfer out with the next number, its 介绍信 read back from the PDF
(ID masked unless asked), the 回执, a cancellation, refusals in Chinese."""

import json

from tests.domain.papers_support import text_of
from tests.helpers import run_cli


def run(data_dir, *args, code=0):
    result = run_cli(data_dir, *args)
    assert result.returncode == code, result.stdout + result.stderr
    return result


def test_transfers_and_away_commands_on_the_demo(demo_dir, tmp_path):
    listed = json.loads(run(demo_dir, "transfers", "list", "--json").stdout)
    assert sorted(r["state"] for r in listed) == ["overdue", "received", "received"]
    assert {r["direction"] for r in listed} == {"in", "out"}
    assert "回执逾期" in run(demo_dir, "transfers", "list", "--direction", "转出").stdout
    away = json.loads(run(demo_dir, "away", "list", "--json").stdout)
    assert len(away) == 1 and away[0]["contact"].count("*") == 4 and "流入地党组织" in away[0]["life"]

    name = run(demo_dir, "members", "list").stdout.splitlines()[1].split("\t")[0]
    done = run(demo_dir, "transfers", "out", name, "--to", "中共县第一中学党总支", "--reason", "工作调动",
               "--scope", "跨县", "--dues-to", "2026-11").stdout
    number = done.split("介绍信")[1].split("，")[0]
    assert number.startswith("〔2026〕第") and number.endswith("号")
    shown = run(demo_dir, "members", "show", name).stdout
    assert "已转出" in shown and "组织关系转出：" in shown and "中共县第一中学党总支" in shown
    pdf = tmp_path / "letter.pdf"
    run(demo_dir, "transfers", "letter", number, "--out", pdf)
    text = text_of(pdf)
    for words in ("中国共产党党员组织关系介绍信", "存根", number, name, "中共县第一中学党总支", "2026年11月",
                  "正式党员", "有效期", "回执", "特此回复"):
        assert words in text, words
    assert "********" in text  # the birth date in the ID number is hidden
    whole = tmp_path / "whole.pdf"
    run(demo_dir, "transfers", "letter", number, "--full-id", "--out", whole)
    assert "********" not in text_of(whole)

    run(demo_dir, "transfers", "receipt", number)
    assert "回执已回" in run(demo_dir, "transfers", "list").stdout.split(number)[1].splitlines()[0]
    run(demo_dir, "transfers", "cancel", number, "--reason", "调动取消")
    assert "已转出" not in run(demo_dir, "members", "show", name).stdout.split("党员状态变化")[0]
    refused = run(demo_dir, "transfers", "out", name, "--to", "", code=1)
    assert "转往党组织" in refused.stderr
    assert "无法识别" in run(demo_dir, "transfers", "receipt", "第三号", code=1).stderr
    assert "3 个月" in run(demo_dir, "transfers", "receipt-months").stdout

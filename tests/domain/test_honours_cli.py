"""``branchdesk honours …`` on the demo branch: a 表彰 and a 处分 recorded and listed, the
facts covered unless asked for, 开除党籍 showing on ``members show``, refusals in Chinese."""

import json

from tests.helpers import run_cli


def run(data_dir, *args, code=0):
    result = run_cli(data_dir, *args)
    assert result.returncode == code, result.stdout + result.stderr
    return result


def test_honours_commands_on_the_demo(demo_dir):
    names = [line.split("\t")[0] for line in run(demo_dir, "members", "list").stdout.splitlines()[1:4]]
    done = run(demo_dir, "honours", "commend", names[0], "--by", "中共某镇委员会", "--doc", "镇党〔2026〕9号").stdout
    assert "优秀共产党员" in done
    run(demo_dir, "honours", "discipline", names[1], "--kind", "留党察看", "--years", "一年", "--by", "镇纪委",
        "--facts", "违规操办婚宴")
    listed = json.loads(run(demo_dir, "honours", "list", "--json").stdout)
    # the demo's two 表彰 on 七一 and its 批评教育, then the ones just recorded (newest first)
    assert listed["commendations"][0]["member"] == names[0] and len(listed["commendations"]) == 3
    assert listed["commendations"][0]["doc_no"] == "镇党〔2026〕9号"
    punished = listed["disciplines"][0]
    assert punished["label"] == "留党察看一年" and "违规操办婚宴" not in punished["facts"]
    assert "违规操办婚宴" in run(demo_dir, "honours", "list", "--facts").stdout  # no app password on the demo
    shown = run(demo_dir, "members", "show", names[1]).stdout
    assert "留党察看一年：" in shown and "没有表决权、选举权和被选举权" in shown and "违规操办婚宴" not in shown
    run(demo_dir, "honours", "discipline", names[2], "--kind", "开除党籍", "--by", "县纪委")
    assert "开除党籍" in run(demo_dir, "members", "show", names[2]).stdout
    refused = run(demo_dir, "honours", "discipline", names[1], "--kind", "留党察看", "--by", "镇纪委", code=1)
    assert "一年或二年" in refused.stderr
    assert "无法识别" in run(demo_dir, "honours", "delete", "3", code=1).stderr
    assert "已删除" in run(demo_dir, "honours", "delete", f"!{punished['id']}", "--reason", "录入错误").stdout

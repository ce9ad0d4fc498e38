"""``branchdesk service / openness / verdict`` as a secretary scripts them on the demo
branch: an activity with its hours, a 实事 done, a 党费 posting checked against the rule
and printed as a 公开栏 sheet, a 群众评议 with its rate and printed result."""

import json

from branchdesk import clock
from branchdesk.demo.roster import RARE_NAMES
from tests.domain.papers_support import text_of
from tests.helpers import run_cli

YEAR = clock.today().year


def run(data_dir, *args, code=0):
    result = run_cli(data_dir, *args)
    assert result.returncode == code, result.stdout + result.stderr
    return result


def test_service_openness_and_verdict_commands(demo_dir, tmp_path):
    demo = demo_dir
    first, second = RARE_NAMES[0], RARE_NAMES[1]  # demo members
    before = json.loads(run(demo, "service", "hours", "--json").stdout)
    added = run(demo, "service", "add", "--on", f"{YEAR}-11-20", "--place", "社区服务站", "--content", "义务维修家电",
                "--people", f"{first}:3,{second}：1.5,热心群众甲:2").stdout
    assert "3 人共 6.5 小时" in added
    after = json.loads(run(demo, "service", "hours", "--json").stdout)
    assert after["member_hours"] == before["member_hours"] + 4.5 and after["other_hours"] == before["other_hours"] + 2
    refused = run(demo, "service", "add", "--on", f"{YEAR}-11-20", "--place", "社区", "--content", "x",
                  "--people", f"{first}", code=1)
    assert "没有写时长" in refused.stderr

    pledge_id = int(run(demo, "service", "pledge", "为小区加装休息座椅", "--by", f"{YEAR}-11-30",
                        "--lead", first).stdout.split("编号 ")[1].split("）")[0])
    run(demo, "service", "progress", str(pledge_id), "已选定位置", "--on", f"{YEAR}-11-10")
    assert "按期完成" in run(demo, "service", "done", str(pledge_id), "--on", f"{YEAR}-11-25").stdout
    listed = json.loads(run(demo, "service", "pledges", "--json").stdout)
    assert next(p for p in listed["pledges"] if p["id"] == pledge_id)["notes"][0]["text"] == "已选定位置"

    posted = run(demo, "openness", "post", "--kind", "党费收缴", "--part", "3", "--on", f"{YEAR}-10-10",
                 "--to", f"{YEAR}-10-20").stdout
    posting_id = posted.split("编号 ")[1].split("）")[0]
    due = json.loads(run(demo, "openness", "due", "--json").stdout)
    assert next(d for d in due["items"] if d["kind"] == "dues" and d["part"] == 3)["state"] == "on_time"
    sheet = tmp_path / "公开栏.pdf"
    run(demo, "openness", "print", posting_id, "--out", str(sheet))
    words = "".join(text_of(sheet).split())
    assert "党费收缴情况公开" in words and "第三季度" in words and "7月" in words and "9月" in words
    assert "党务公开栏" in words
    assert "请填写公开内容" in run(demo, "openness", "post", "--kind", "计划", "--to", f"{YEAR}-12-31", code=1).stderr

    shown = run(demo, "verdict", "add", "--on", f"{YEAR}-12-01", "--satisfied", "52", "--basic", "6",
                "--unsatisfied", "2", "--unknown", "5", "--feedback", "希望增加文化活动").stdout
    assert "满意率 96.7%" in shown
    result = tmp_path / "群众评议.pdf"
    run(demo, "verdict", "print", "--out", str(result))
    words = "".join(text_of(result).split())
    assert "支部委员会" in words and "96.7%" in words and "希望增加文化活动" in words

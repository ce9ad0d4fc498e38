"""``branchdesk dues …`` as a secretary scripts it, on the demo branch: the calculator,
bases, a 预交 and a 补交 with their receipts, the month in one pass, the 公示 closing its
months, a 上缴, the status with the six-month warning, refusals in Chinese."""

import json

from openpyxl import load_workbook

from tests.domain.papers_support import text_of
from tests.helpers import run_cli

YEAR = 2026


def run(data_dir, *args, code=0):
    result = run_cli(data_dir, *args)
    assert result.returncode == code, result.stdout + result.stderr
    return result


def test_the_dues_commands_on_the_demo(demo_dir, tmp_path):
    demo = demo_dir
    words = run(demo, "dues", "calc", "--category", "在职", "--base", "3,000.01").stdout
    assert "按1%交纳：3,000.01 × 1% = 30.0001元，四舍五入到分为30.00元" in words
    assert "0.20元" in run(demo, "dues", "calc", "--category", "学生").stdout
    refused = run(demo, "dues", "calc", "--category", "在职", code=1)
    assert "请填写每月工资收入（税后）" in refused.stderr

    status = json.loads(run(demo, "dues", "status", "--json").stdout)
    stopped = next(w for w in status["warnings"] if w["kind"] == "dues")
    assert stopped["months"] == [f"{YEAR}-{m:02d}" for m in range(6, 12)]
    name = stopped["name"]
    assert sorted(status["without_base"]) == sorted(["宋志强", "周敏"])  # admitted / transferred in, no base yet
    printed = run(demo, "dues", "status").stdout
    assert "连续6个月无正当理由未交纳党费" in printed and "未设定党费基数的党员 2 人" in printed
    assert "按党章第九条应予批评教育" in printed  # the rule's article (not 第三十八条, on cadres)
    glance = run(demo, "dues", "member", name).stdout
    assert glance.count("党费 未交") == 6 and " 6月  党费 未交" in glance and "连续6个月" in glance

    # 补交 of the closed months needs its reason; then the warning is gone
    late = run(demo, "dues", "pay", name, "--months", f"{YEAR}-06,{YEAR}-07", code=1)
    assert "补交说明" in late.stderr
    paid = run(demo, "dues", "pay", name, "--months", ",".join(f"{YEAR}-{m:02d}" for m in range(6, 12)),
               "--method", "代交", "--payer", "家属", "--reason", "外出返乡后补交").stdout
    assert "（补交）" in paid and "收据号" in paid
    number = paid.split("收据号 ")[1].rstrip("。\n")
    assert json.loads(run(demo, "dues", "status", "--json").stdout)["warnings"] == []
    # 预交 of next year's first quarter
    ahead = run(demo, "dues", "pay", name, "--months", f"{YEAR}-12,{YEAR + 1}-01,{YEAR + 1}-02").stdout
    assert "（预交）" in ahead and "（按月交纳）" in ahead

    # the month in one pass is for months begun: next November is refused and pointed to 预交
    ahead = run(demo, "dues", "month", "--month", f"{YEAR + 1}-11", "--pay-all", code=1)
    assert f"{YEAR + 1}年11月还没到" in ahead.stderr and "请逐人办理预交" in ahead.stderr
    assert json.loads(run(demo, "dues", "month", "--month", f"{YEAR + 1}-11", "--json").stdout)["paid_fen"] == 0
    # the month in one pass, its ledger, and the receipts
    month = json.loads(run(demo, "dues", "month", "--pay-all", "--json").stdout)
    assert all(r["state"] in ("paid", "excused", "no_base") for r in month["rows"]) and month["paid_fen"] >= month["due_fen"]
    listed = run(demo, "dues", "receipts", "--member", name).stdout
    assert number in listed and "代交（家属代交）" in listed
    receipt = tmp_path / "收据.pdf"
    run(demo, "dues", "receipts", "--print", number, "--out", str(receipt))
    assert number in "".join(text_of(receipt).split())

    # a base from next year, the 公示 that closes the half-year, the 登记表, a 上缴
    assert "每月工资收入（税后）4,200.00元" in run(
        demo, "dues", "base", name, "--category", "在职", "--base", "4200", "--from", f"{YEAR + 1}-01",
        "--by", "周国强").stdout
    publicity = tmp_path / "公示.pdf"
    out = run(demo, "dues", "publicity", "--half", "2", "--close", "--out", str(publicity)).stdout
    paper = "".join(text_of(publicity).split())
    assert "已结账封存" in out and "下半年党费收缴情况公示" in paper and "宋志强未设基数" in paper
    assert "已结账封存" in run(demo, "dues", "month", "--month", f"{YEAR}-11").stdout
    register = tmp_path / "登记表.xlsx"
    run(demo, "dues", "register", "--out", str(register))
    assert load_workbook(register).active.cell(1, 6).value == "1月"
    held = json.loads(run(demo, "dues", "status", "--json").stdout)["balance_fen"]
    too_much = run(demo, "dues", "handover", "--amount", str(held / 100 + 1), "--from", f"{YEAR}-10",
                   "--to", f"{YEAR}-12", "--by", "周国强", code=1)
    assert "多于支部现有党费结余" in too_much.stderr
    out = run(demo, "dues", "handover", "--amount", f"{held // 100}.{held % 100:02d}", "--from", f"{YEAR}-10",
              "--to", f"{YEAR}-12", "--by", "周国强", "--voucher", "安委组党费2026-13").stdout
    assert out.rstrip().endswith("结余0.00元。")
    refused = run(demo, "dues", "pay", "没有这个人", "--months", f"{YEAR}-12", code=1)
    assert "不在本支部名册中" in refused.stderr

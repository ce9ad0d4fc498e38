"""``dues`` subcommands that look at a year or a period of the 党费 at once: the 公示 (and
the 结账 after it), the year's 登记表 and the import of a year's ledger from Excel, 上缴,
one member's year and the balance with the six-month warnings (docs/domain.md §10);
registered by ``commands/dues.py``, after its bases, payments and monthly ledger."""

from __future__ import annotations

import json

from .. import export_names
from ..errors import ValidationError
from ..text import quoted
from ._common import OUT_HELP, date_arg, out_path
from ._dues_args import MONTH_HELP, member_id_arg, money_arg, month_arg, year_arg


def register_actions(actions) -> None:
    publicity = actions.add_parser("publicity", help="导出党费收缴情况公示 PDF（半年或全年）；--close 公示后结账封存")
    publicity.add_argument("--year", type=int, help="年度（默认今年）")
    publicity.add_argument("--half", type=int, choices=(1, 2), help="1 上半年，2 下半年；不写为全年")
    publicity.add_argument("--close", action="store_true", help="导出后把这些月份结账封存")
    publicity.add_argument("--out", help=OUT_HELP)
    publicity.set_defaults(handler=run_publicity)

    register_ = actions.add_parser("register", help="导出年度党费收缴登记表（.pdf 或 .xlsx）")
    register_.add_argument("--year", type=int, help="年度（默认今年）")
    register_.add_argument("--out", help=OUT_HELP + "；扩展名 .xlsx 时导出 Excel")
    register_.set_defaults(handler=run_register)

    handover = actions.add_parser("handover", help="登记上缴党费（所属月份随之结账封存）")
    handover.add_argument("--amount", required=True, help="上缴金额（元）")
    handover.add_argument("--from", dest="from_month", required=True, help="所属月份起，" + MONTH_HELP)
    handover.add_argument("--to", dest="to_month", required=True, help="所属月份止，" + MONTH_HELP)
    handover.add_argument("--on", help="上缴日期（默认今天）")
    handover.add_argument("--to-org", default="", help="上缴给（默认支部信息中的上级党委）")
    handover.add_argument("--voucher", default="", help="上级开具的收据号")
    handover.add_argument("--by", required=True, help="经手人")
    handover.add_argument("--note", default="", help="备注")
    handover.set_defaults(handler=run_handover)

    imp = actions.add_parser("import", help="从 Excel 导入一年的党费台账（姓名、类别、月基数、1月…12月；全部导入或都不导入）")
    imp.add_argument("file", help=".xlsx 文件（可用本程序导出的党费收缴登记表）")
    imp.add_argument("--year", type=int, required=True, help="台账所属年度")
    imp.add_argument("--by", required=True, help="收款人（补录的收据上写的收款人）")
    imp.add_argument("--dry-run", action="store_true", help="只检查，不导入")
    imp.set_defaults(handler=run_import)

    member = actions.add_parser("member", help="一名党员一年中每月交纳党费和参加组织生活的情况")
    member.add_argument("name", help="党员姓名")
    member.add_argument("--year", type=int, help="年度（默认今年）")
    member.set_defaults(handler=run_member)

    status = actions.add_parser("status", help="结余、历次上缴，以及连续六个月未交党费或未参加组织生活的党员")
    status.add_argument("--json", action="store_true", help="以 JSON 输出")
    status.set_defaults(handler=run_status)


def run_publicity(args, ctx) -> int:
    from .. import clock
    from ..dues import months as mo
    from ..dues.papers import period_months, publicity_paper
    from ..papers import render

    year = year_arg(args)
    with ctx.open_archive(read_only=not args.close) as archive:
        paper = publicity_paper(archive, year, args.half)
        out = out_path(archive, args.out, export_names.dues_publicity(year, args.half), ".pdf")
        render(paper, out)
        ctx.out(f"已导出{paper.title}：{out}")
        if args.close:
            months = [m for m in period_months(year, args.half) if m <= mo.first(clock.today())]
            closed = archive.dues.close_months(months[0], months[-1], "publicity") if months else []
            ctx.out(f"已结账封存 {len(closed)} 个月。" if closed else "这些月份都已结账。")
    return 0


def run_register(args, ctx) -> int:
    from ..dues.register import register_paper, write_register_xlsx
    from ..papers import render

    year = year_arg(args)
    xlsx = bool(args.out) and args.out.lower().endswith(".xlsx")
    if args.out and not xlsx and not args.out.lower().endswith(".pdf"):
        raise ValidationError("out", "suffix", f"导出文件{quoted(args.out)}的扩展名应为 .pdf 或 .xlsx。")
    with ctx.open_archive(read_only=True) as archive:
        out = out_path(archive, args.out, export_names.dues_register(year), ".xlsx" if xlsx else ".pdf")
        if xlsx:
            write_register_xlsx(archive, year, out)
        else:
            render(register_paper(archive, year), out)
    ctx.out(f"已导出{export_names.dues_register(year)}：{out}")
    return 0


def run_handover(args, ctx) -> int:
    from .. import clock
    from ..dues import HandoverForm, yuan

    with ctx.open_archive() as archive:
        amount = money_arg(args.amount, "上缴金额")
        archive.dues.hand_over(HandoverForm(date_arg(args.on, "上缴日期", clock.today()), amount,
                                            month_arg(args.from_month, "所属月份"), month_arg(args.to_month, "所属月份"),
                                            args.to_org, args.voucher, args.by, args.note))
        sentence = archive.dues.balance_sentence()
    ctx.out(f"已登记上缴{yuan(amount)}元，所属月份已结账封存。{sentence}")
    return 0


def run_import(args, ctx) -> int:
    from ..dues.ledger_import import import_ledger, read_ledger

    with ctx.open_archive() as archive:  # a dry run stores it all and rolls back: every rule is checked
        plan = read_ledger(archive, args.file, args.year)
        numbers = import_ledger(archive, plan, args.by, dry_run=args.dry_run)
    if args.dry_run:
        ctx.out(f"检查通过：{len(plan.rows)} 名党员、{plan.payments} 笔交纳可以导入（未导入）。")
    else:
        ctx.out(f"已导入 {len(plan.rows)} 名党员、{len(numbers)} 笔交纳，收据号 {numbers[0]}—{numbers[-1]}。"
                if numbers else f"已导入 {len(plan.rows)} 名党员的基数，没有交纳记录。")
    return 0


def run_member(args, ctx) -> int:
    year = year_arg(args)
    with ctx.open_archive(read_only=True) as archive:
        member_id = member_id_arg(archive, args.name)
        glance = archive.dues.member_year(member_id, year)
    ctx.out(f"{args.name} {year}年交纳党费和参加组织生活情况：")
    for month in glance.months:
        ctx.out(f"  {month.month.month:>2}月  党费 {month.dues_text or '未到期'}　组织生活 {month.attendance_text}")
    for warning in glance.warnings:
        ctx.out(warning.sentence())
    return 0


def run_status(args, ctx) -> int:
    from ..dues import months as mo
    from ..dues import yuan

    with ctx.open_archive(read_only=True) as archive:
        dues = archive.dues
        warnings, handovers = dues.warnings(), dues.handovers()
        unset = [row.name for row in dues.without_base()]
        facts = {"collected_fen": dues.collected(), "handed_over_fen": dues.handed_over(), "balance_fen": dues.balance()}
        sentence = dues.balance_sentence()
    if args.json:
        ctx.out(json.dumps(facts | {"without_base": unset, "warnings": [
            {"name": w.name, "kind": w.kind, "months": [mo.key(m) for m in w.months]} for w in warnings]},
            ensure_ascii=False, indent=2))
        return 0
    ctx.out(sentence)
    for handover in handovers[-4:]:
        ctx.out(f"  {handover.handed_on:%Y-%m-%d} 上缴{handover.to_org} {yuan(handover.amount_fen)}元"
                f"（{mo.labels(mo.span(handover.from_month, handover.to_month))}）")
    if unset:
        ctx.out(f"本月应交党费但未设定党费基数的党员 {len(unset)} 人：{'、'.join(unset)}（请在「党费基数」里设定）。")
    ctx.out(f"需要批评教育、限期改正的党员 {len(warnings)} 人次：" if warnings else "没有连续六个月未交党费或未参加组织生活的党员。")
    for warning in warnings:
        ctx.out(f"  {warning.sentence()}")
    return 0

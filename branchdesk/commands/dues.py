"""``dues``: the 党费 ledger from the command line (docs/domain.md §10) — bases and the
calculator, payments and receipts, the month's ledger (the whole month in one pass),
corrections and 免交; the 公示, the 登记表, 上缴 and the balance with the six-month
warnings are in ``commands/_dues_year.py``."""

from __future__ import annotations

import json

from .. import export_names, labels
from . import _dues_year
from ._common import OUT_HELP, choice_arg, date_arg, out_path
from ._dues_args import MONTH_HELP, category_arg, member_id_arg, money_arg, month_arg, year_arg


def register(subparsers) -> None:
    dues = subparsers.add_parser("dues", help="党费：基数、收缴与收据、月度台账、公示、登记表、上缴与结余")
    actions = dues.add_subparsers(dest="dues_action", metavar="操作", required=True)

    calc = actions.add_parser("calc", help="党费计算器：说明按哪一档、怎样算出每月应交金额")
    calc.add_argument("--category", required=True, help="类别：" + "、".join(labels.DUES_CATEGORIES_SHORT.values()))
    calc.add_argument("--base", help="月基数（元）：在职为税后工资，离退休为离退休费")
    calc.add_argument("--voluntary", help="自愿每月交纳的金额（元）")
    calc.set_defaults(handler=run_calc)

    bases = actions.add_parser("bases", help="列出某年度每名党员的类别、月基数和每月交纳金额")
    bases.add_argument("--year", type=int, help="年度（默认今年）")
    bases.set_defaults(handler=run_bases)

    base = actions.add_parser("base", help="设定一名党员自某月起的类别和月基数")
    base.add_argument("name", help="党员姓名")
    base.add_argument("--category", required=True, help="类别：" + "、".join(labels.DUES_CATEGORIES_SHORT.values()))
    base.add_argument("--base", help="月基数（元）")
    base.add_argument("--voluntary", help="自愿每月交纳的金额（元）")
    base.add_argument("--from", dest="from_month", help="自哪个月起执行（默认今年1月）")
    base.add_argument("--by", required=True, help="核定人")
    base.add_argument("--on", help="核定日期（默认今天）")
    base.add_argument("--note", default="", help="备注")
    base.set_defaults(handler=run_base)

    pay = actions.add_parser("pay", help="收缴一名党员指定月份的党费（可预交、补交），给出收据号")
    pay.add_argument("name", help="党员姓名")
    pay.add_argument("--months", required=True, help="所交月份，逗号分隔，例如 2026-10,2026-11")
    pay.add_argument("--amount", help="每月金额（元）；不写按每月应交金额，多交的记为自愿多交")
    pay.add_argument("--on", help="交纳日期（默认今天）")
    pay.add_argument("--by", help="收款人（默认组织委员）")
    pay.add_argument("--method", help="交纳方式：现金、转账或代交（默认现金）")
    pay.add_argument("--payer", default="", help="代交人姓名（代交时必填）")
    pay.add_argument("--reason", default="", help="补交说明（已结账月份必填）")
    pay.set_defaults(handler=run_pay)

    month = actions.add_parser("month", help="某月的台账：谁已交、谁未交、合计；--pay-all 一次收齐未交的")
    month.add_argument("--month", help=MONTH_HELP + "（默认本月）")
    month.add_argument("--pay-all", action="store_true", help="未交的党员都按每月应交金额收缴（全部收缴或都不收缴；只收本月及以前的月份，提前交请用 dues pay 预交）")
    month.add_argument("--on", help="交纳日期（默认今天）")
    month.add_argument("--by", help="收款人（默认组织委员）")
    month.add_argument("--reason", default="", help="补交说明（已结账月份必填）")
    month.add_argument("--json", action="store_true", help="以 JSON 输出")
    month.set_defaults(handler=run_month)

    receipts = actions.add_parser("receipts", help="列出收据；--print 收据号 导出这张收据的 PDF")
    receipts.add_argument("--year", type=int, help="年度")
    receipts.add_argument("--member", help="党员姓名")
    receipts.add_argument("--print", dest="print_no", help="要导出 PDF 的收据号，例如 2026-0001")
    receipts.add_argument("--out", help=OUT_HELP)
    receipts.set_defaults(handler=run_receipts)

    correct = actions.add_parser("correct", help="更正某月党费记录（新增一条更正，写明原因；不改原记录）")
    correct.add_argument("name", help="党员姓名")
    correct.add_argument("--month", required=True, help=MONTH_HELP)
    correct.add_argument("--amount", required=True, help="更正金额（元）：多记了写负数，少记了写正数")
    correct.add_argument("--reason", required=True, help="更正原因")
    correct.add_argument("--receipt", default="", help="所更正的收据号")
    correct.add_argument("--by", required=True, help="经办人")
    correct.set_defaults(handler=run_correct)

    excuse = actions.add_parser("excuse", help="登记免交或缓交（写明原因；六个月规则不计这些月份）")
    excuse.add_argument("name", help="党员姓名")
    excuse.add_argument("--from", dest="from_month", required=True, help=MONTH_HELP)
    excuse.add_argument("--to", dest="to_month", required=True, help=MONTH_HELP)
    excuse.add_argument("--reason", required=True, help="原因（经支委会研究同意等）")
    excuse.add_argument("--by", required=True, help="经办人")
    excuse.set_defaults(handler=run_excuse)

    _dues_year.register_actions(actions)

# -- handlers ------------------------------------------------------------------------
def run_calc(args, ctx) -> int:
    with ctx.open_archive(read_only=True) as archive:
        calc = archive.dues.calculate(category_arg(args.category), money_arg(args.base, "月基数"),
                                      money_arg(args.voluntary, "自愿每月金额"))
    ctx.out(calc.words)
    return 0


def run_bases(args, ctx) -> int:
    from ..dues import months as mo
    from ..dues import yuan

    year = year_arg(args)
    with ctx.open_archive(read_only=True) as archive:
        bases = archive.dues.bases_for_year(year)
        members = archive.members.in_roster_order(archive.members.all_active())
        ctx.out(f"{year}年党费基数（{len(bases)}/{len(members)} 人已核定）：")
        for member in members:
            base = bases.get(member.id)
            if base is None:
                ctx.out(f"  {member.name}：未核定")
                continue
            calc = archive.dues.calculate(base.category, base.base_fen, base.voluntary_fen)
            amount = f"，月基数{yuan(base.base_fen)}元" if base.base_fen else ""
            ctx.out(f"  {member.name}：{labels.label(labels.DUES_CATEGORIES_SHORT, base.category)}{amount}，"
                    f"每月{yuan(calc.usual_fen)}元（自{mo.label(base.from_month)}起，{base.set_by}核定）")
    return 0


def run_base(args, ctx) -> int:
    import datetime as dt

    from .. import clock
    from ..dues import BaseForm

    with ctx.open_archive() as archive:
        member_id = member_id_arg(archive, args.name)
        form = BaseForm(member_id, month_arg(args.from_month, "起算月份", dt.date(clock.today().year, 1, 1)),
                        category_arg(args.category), money_arg(args.base, "月基数"), money_arg(args.voluntary, "自愿每月金额"),
                        date_arg(args.on, "核定日期"), args.by, args.note)
        archive.dues.set_base(form)
        calc = archive.dues.calculate(form.category, form.base_fen, form.voluntary_fen)
    ctx.out(f"已设定{args.name}的党费基数。{calc.words}")
    return 0


def run_pay(args, ctx) -> int:
    from ..dues import PaymentForm, yuan

    months = [month_arg(part.strip(), "所交月份") for part in args.months.replace("，", ",").split(",") if part.strip()]
    with ctx.open_archive() as archive:
        form = PaymentForm(member_id_arg(archive, args.name), months, date_arg(args.on, "交纳日期"),
                           args.by or archive.dues.collector_name(),
                           choice_arg(args.method, labels.DUES_METHODS, "交纳方式", "cash"), args.payer,
                           money_arg(args.amount, "每月金额"), args.reason)
        receipt = archive.dues.pay(form)
    from ..dues.papers import months_text

    ctx.out(f"已收缴{receipt.member_name}党费{yuan(receipt.total_fen)}元（{months_text(receipt)}），收据号 {receipt.receipt_no}。")
    return 0


def run_month(args, ctx) -> int:
    from .. import clock
    from ..dues import PaymentForm, yuan
    from ..dues import months as mo

    month = month_arg(args.month, default=mo.first(clock.today()))
    with ctx.open_archive(read_only=not args.pay_all) as archive:
        if args.pay_all:
            owing = archive.dues.ledger(month).unpaid
            if not owing:
                ctx.out(f"{mo.label(month)}没有未交党费的党员。")
                return 0
            by = args.by or archive.dues.collector_name()
            numbers = archive.dues.pay_many([PaymentForm(r.member_id, [month], date_arg(args.on, "交纳日期"), by,
                                                         reason=args.reason) for r in owing])
            if not args.json:  # the receipts show in the rows of the JSON
                ctx.out(f"已收缴 {len(numbers)} 人，收据号 {numbers[0]}—{numbers[-1]}。")
        ledger = archive.dues.ledger(month)
    if args.json:
        ctx.out(json.dumps({"month": mo.key(month), "closed": ledger.closed, "due_fen": ledger.due_fen,
                            "paid_fen": ledger.paid_fen, "rows": [
                                {"name": r.name, "category": r.category, "due_fen": r.due_fen, "paid_fen": r.paid_fen,
                                 "state": r.state, "receipts": r.receipts} for r in ledger.rows]},
                           ensure_ascii=False, indent=2))
        return 0
    closed = "（已结账封存）" if ledger.closed else ""
    ctx.out(f"{mo.label(month)}党费{closed}：应交{yuan(ledger.due_fen)}元，已交{yuan(ledger.paid_fen)}元；"
            f"已交清 {ledger.paid_count} 人，未交 {len(ledger.unpaid)} 人。")
    for row in ledger.rows:
        paid = f"，已交{yuan(row.paid_fen)}元（收据 {'、'.join(row.receipts)}）" if row.receipts else ""
        due = f"应交{yuan(row.due_fen)}元" if row.has_base else "未核定基数"
        ctx.out(f"  {row.name}：{row.state_label}，{due}{paid}")
    return 0


def run_receipts(args, ctx) -> int:
    from ..dues import yuan

    if args.print_no:
        from ..dues.papers import receipt_paper
        from ..papers import render

        with ctx.open_archive(read_only=True) as archive:
            receipt = archive.dues.receipt(args.print_no)
            paper = receipt_paper(archive, receipt.receipt_no)
            out = out_path(archive, args.out, export_names.dues_receipt(receipt.receipt_no, receipt.member_name), ".pdf")
        render(paper, out)
        ctx.out(f"已导出收据 {receipt.receipt_no}：{out}")
        return 0
    with ctx.open_archive(read_only=True) as archive:
        member_id = member_id_arg(archive, args.member) if args.member else None
        found = archive.dues.receipts(args.year, member_id)
    if not found:
        ctx.out("没有符合条件的收据。")
    from ..dues.papers import months_text

    for receipt in found:
        ctx.out(f"{receipt.receipt_no}  {receipt.paid_on:%Y-%m-%d}  {receipt.member_name}  {yuan(receipt.total_fen)}元  "
                f"{months_text(receipt)}  {receipt.method_label}  收款人 {receipt.received_by}")
    return 0


def run_correct(args, ctx) -> int:
    from ..dues import CorrectionForm, yuan

    with ctx.open_archive() as archive:
        amount = money_arg(args.amount, "更正金额", allow_negative=True)
        archive.dues.correct(CorrectionForm(member_id_arg(archive, args.name), month_arg(args.month), amount, args.reason,
                                            args.receipt, entered_by=args.by))
    ctx.out(f"已登记更正：{args.name} {args.month} {yuan(amount)}元（{args.reason}）。")
    return 0


def run_excuse(args, ctx) -> int:
    with ctx.open_archive() as archive:
        archive.dues.excuse(member_id_arg(archive, args.name), month_arg(args.from_month), month_arg(args.to_month), args.reason,
                            args.by)
    ctx.out(f"已登记{args.name}自 {args.from_month} 至 {args.to_month} 免交党费：{args.reason}")
    return 0

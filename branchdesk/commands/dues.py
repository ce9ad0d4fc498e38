"""``dues``: the 党费 ledger from the command line (docs/domain.md §10) — bases and the
calculator, payments and receipts, the month's ledger (the whole month in one pass),
corrections and 免交, the 公示, the 登记表, 上缴 and the balance with the six-month warnings."""

from __future__ import annotations

import json

from .. import export_names, labels
from ..errors import ValidationError
from ..text import quoted
from ._common import OUT_HELP, choice_arg, date_arg, member_arg, out_path

MONTH_HELP = "月份，例如 2026-03"


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
    month.add_argument("--pay-all", action="store_true", help="未交的党员都按每月应交金额收缴（全部收缴或都不收缴）")
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


# -- arguments ---------------------------------------------------------------------
def _money(text: str | None, what: str, allow_negative: bool = False) -> int | None:
    from ..dues import parse_yuan

    return None if text in (None, "") else parse_yuan(text, what, allow_negative=allow_negative)


def _month(text: str | None, what: str = "月份", default=None):
    from ..dues import months as mo

    return default if not text else mo.parse(text, what)


def _category(text: str) -> str:
    key = labels.key_for(labels.DUES_CATEGORIES_SHORT, text) or labels.key_for(labels.DUES_CATEGORIES, text)
    if key is None:
        raise ValidationError("category", "choice", f"类别{quoted(text)}无效，可选：{'、'.join(labels.DUES_CATEGORIES_SHORT.values())}。")
    return key


def _member(archive, name: str) -> int:
    return member_arg(archive, name, "党员", allow_other=False)[0]


def _year(args) -> int:
    from .. import clock

    return args.year or clock.today().year


# -- handlers ------------------------------------------------------------------------
def run_calc(args, ctx) -> int:
    with ctx.open_archive(read_only=True) as archive:
        calc = archive.dues.calculate(_category(args.category), _money(args.base, "月基数"),
                                      _money(args.voluntary, "自愿每月金额"))
    ctx.out(calc.words)
    return 0


def run_bases(args, ctx) -> int:
    from ..dues import months as mo
    from ..dues import yuan

    year = _year(args)
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
        member_id = _member(archive, args.name)
        form = BaseForm(member_id, _month(args.from_month, "起算月份", dt.date(clock.today().year, 1, 1)),
                        _category(args.category), _money(args.base, "月基数"), _money(args.voluntary, "自愿每月金额"),
                        date_arg(args.on, "核定日期"), args.by, args.note)
        archive.dues.set_base(form)
        calc = archive.dues.calculate(form.category, form.base_fen, form.voluntary_fen)
    ctx.out(f"已设定{args.name}的党费基数。{calc.words}")
    return 0


def run_pay(args, ctx) -> int:
    from ..dues import PaymentForm, yuan

    months = [_month(part.strip(), "所交月份") for part in args.months.replace("，", ",").split(",") if part.strip()]
    with ctx.open_archive() as archive:
        form = PaymentForm(_member(archive, args.name), months, date_arg(args.on, "交纳日期"),
                           args.by or archive.dues.collector_name(),
                           choice_arg(args.method, labels.DUES_METHODS, "交纳方式", "cash"), args.payer,
                           _money(args.amount, "每月金额"), args.reason)
        receipt = archive.dues.pay(form)
    from ..dues.papers import months_text

    ctx.out(f"已收缴{receipt.member_name}党费{yuan(receipt.total_fen)}元（{months_text(receipt)}），收据号 {receipt.receipt_no}。")
    return 0


def run_month(args, ctx) -> int:
    from .. import clock
    from ..dues import PaymentForm, yuan
    from ..dues import months as mo

    month = _month(args.month, default=mo.first(clock.today()))
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
        member_id = _member(archive, args.member) if args.member else None
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
        amount = _money(args.amount, "更正金额", allow_negative=True)
        archive.dues.correct(CorrectionForm(_member(archive, args.name), _month(args.month), amount, args.reason,
                                            args.receipt, entered_by=args.by))
    ctx.out(f"已登记更正：{args.name} {args.month} {yuan(amount)}元（{args.reason}）。")
    return 0


def run_excuse(args, ctx) -> int:
    with ctx.open_archive() as archive:
        archive.dues.excuse(_member(archive, args.name), _month(args.from_month), _month(args.to_month), args.reason,
                            args.by)
    ctx.out(f"已登记{args.name}自 {args.from_month} 至 {args.to_month} 免交党费：{args.reason}")
    return 0


def run_publicity(args, ctx) -> int:
    from .. import clock
    from ..dues import months as mo
    from ..dues.papers import period_months, publicity_paper
    from ..papers import render

    year = _year(args)
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

    year = _year(args)
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
        amount = _money(args.amount, "上缴金额")
        archive.dues.hand_over(HandoverForm(date_arg(args.on, "上缴日期", clock.today()), amount,
                                            _month(args.from_month, "所属月份"), _month(args.to_month, "所属月份"),
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
    year = _year(args)
    with ctx.open_archive(read_only=True) as archive:
        member_id = _member(archive, args.name)
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

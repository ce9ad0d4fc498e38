"""``upper …``: the upper-level archive (上级汇总) — enrol branches' public keys, verify
and import their bundles, list branches, show a branch's records, and the dashboard.
Every subcommand refuses a branch archive with a clear message."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import BranchDeskError, ValidationError
from ..text import quoted


def register(subparsers) -> None:
    upper = subparsers.add_parser("upper", help="上级汇总：登记支部公钥、导入数据包、汇总查看")
    actions = upper.add_subparsers(dest="upper_action", metavar="操作", required=True)

    enrol = actions.add_parser("enrol", help="登记支部公钥（指纹须与纸质材料核对）")
    enrol.add_argument("card", help="支部导出的公钥文件")
    enrol.add_argument("--fingerprint", required=True, help="从支部盖章的纸质材料上读到的指纹")
    enrol.add_argument("--replace", action="store_true", help="该支部已登记另一把公钥时，确认更换")
    enrol.add_argument("--reason", default="", help="更换公钥的原因（与 --replace 一起使用）")
    enrol.set_defaults(handler=run_enrol)

    branches = actions.add_parser("branches", help="列出已登记的支部及最近导入的数据包")
    branches.add_argument("--json", action="store_true", help="以 JSON 输出")
    branches.set_defaults(handler=run_branches)

    imp = actions.add_parser("import", help="校验并导入数据包（可一次导入多个）")
    add_import_arguments(imp)

    undo = actions.add_parser("undo", help="撤销一个支部最近一次导入的数据包，恢复导入前的记录")
    undo.add_argument("branch", help="支部名称或组织代码")
    undo.set_defaults(handler=run_undo)

    verify = actions.add_parser("verify", help="只校验数据包，不导入")
    add_verify_arguments(verify)

    recruitment = actions.add_parser("recruit", help="各支部发展党员：各阶段人数和逾期步骤")
    recruitment.add_argument("--json", action="store_true", help="以 JSON 输出")
    recruitment.set_defaults(handler=run_recruitment)
    terms = actions.add_parser("terms", help="各支部换届：本届任期起止、上次换届选举日期")
    terms.add_argument("--json", action="store_true", help="以 JSON 输出")
    terms.set_defaults(handler=run_terms)
    transfers = actions.add_parser("transfers", help="各支部组织关系转接：转入、转出、回执未回、流动党员人数")
    transfers.add_argument("--year", type=int, help="年度（默认今年）")
    transfers.add_argument("--json", action="store_true", help="以 JSON 输出")
    transfers.set_defaults(handler=run_transfers)
    study = actions.add_parser("study", help="各支部学习与汇报：学习专题、已学习、补学、收到汇报、未按时汇报")
    study.add_argument("--year", type=int, help="年度（默认今年）")
    study.add_argument("--json", action="store_true", help="以 JSON 输出")
    study.set_defaults(handler=run_study)
    honours = actions.add_parser("honours", help="各支部奖惩：表彰人次、各类处分和组织处理人次（不含处分事实）")
    honours.add_argument("--year", type=int, help="年度（默认今年）")
    honours.add_argument("--json", action="store_true", help="以 JSON 输出")
    honours.set_defaults(handler=run_honours)

    board = actions.add_parser("dashboard", help="各支部按月汇总：会议、组织生活会、民主评议、整改、考核")
    board.add_argument("--year", type=int, required=True, help="年度，如 2026")
    board.add_argument("--today", default="", help="按哪一天计算逾期与缺项，默认今天")
    board.add_argument("--search", default="", help="按支部名称或代码筛选")
    board.add_argument("--behind", action="store_true", help="只列有缺项或整改逾期的")
    board.add_argument("--months", default="1-12", help="月份范围，如 1-6")
    board.add_argument("--sort", default="branch_name", help="排序列，如 missing、ledger_overdue、committee")
    board.add_argument("--desc", action="store_true", help="降序")
    board.add_argument("--json", action="store_true", help="以 JSON 输出")
    board.add_argument("--out", help="导出到 .xlsx 或 .pdf 文件")
    board.set_defaults(handler=run_dashboard)

    show = actions.add_parser("show", help="查看一个支部的记录（只读）")
    show.add_argument("branch", help="支部名称或组织代码")
    show.add_argument("--year", type=int, help="年度；不写时列出有记录的年度")
    show.add_argument("--json", action="store_true", help="以 JSON 输出")
    show.set_defaults(handler=run_show)


def add_import_arguments(parser) -> None:
    """Also ``branchdesk bundle import`` (the name in issue 7; commands/bundle.py)."""
    parser.add_argument("files", nargs="+", help="数据包文件 .bdx")
    parser.add_argument("--password-file", help="加密数据包的密码所在文件（UTF-8，第一行）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    parser.set_defaults(handler=run_import)


def add_verify_arguments(parser) -> None:
    parser.add_argument("file", help="数据包文件 .bdx")
    parser.add_argument("--password-file", help="加密数据包的密码所在文件")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    parser.set_defaults(handler=run_verify)


def _password(args) -> str | None:
    if not getattr(args, "password_file", None):
        return None
    try:
        text = Path(args.password_file).read_text(encoding="utf-8-sig")
    except OSError as error:
        raise ValidationError("password_file", "read", f"无法读取密码文件 {args.password_file}：{error.strerror}。") from None
    lines = text.splitlines()
    return lines[0] if lines else ""


def _upper(ctx, read_only: bool = False):
    return ctx.open_archive(read_only=read_only, mode="upper")


def run_enrol(args, ctx) -> int:
    if args.replace and not args.reason.strip():
        raise ValidationError("reason", "required", "更换公钥须写明原因：--replace --reason 原因。")
    with _upper(ctx) as archive:
        result = archive.upper.enrol(args.card, args.fingerprint, args.reason if args.replace else "")
    ctx.out(result.message)
    return 0


def run_branches(args, ctx) -> int:
    with _upper(ctx, read_only=True) as archive:
        items = archive.upper.branches()
    if args.json:
        ctx.out(json.dumps([b.as_dict() for b in items], ensure_ascii=False, indent=2))
        return 0
    if not items:
        ctx.out("还没有登记任何支部。请先用 branchdesk upper enrol 登记支部公钥。")
    for b in items:
        last = (f"最近：第{b.last_sequence}号（{'、'.join(map(str, b.last_years))}年），{b.last_imported_at} 导入"
                if b.last_sequence is not None else "尚未导入数据包")
        gap = f"；序号不连续，缺 {b.gaps} 个数据包" if b.gaps else ""
        ctx.out(f"{b.name}  {b.code or '-'}  指纹 {b.fingerprint}  {last}{gap}")
    return 0


def run_import(args, ctx) -> int:
    password = _password(args)
    results, refused = [], 0
    with _upper(ctx) as archive:
        for name in args.files:
            try:
                result = archive.upper.import_bundle(name, password)
            except BranchDeskError as error:
                refused += 1
                results.append({"file": name, "outcome": "refused", "code": getattr(error, "code", ""),
                                "message": error.message()})
                if not args.json:
                    ctx.out(f"{name}：未导入。{error.message()}")
                continue
            results.append({"file": name, **result.as_dict()})
            if not args.json:
                ctx.out(f"{name}：{result.message}")
    if args.json:
        ctx.out(json.dumps(results, ensure_ascii=False, indent=2))
    return 1 if refused else 0


def run_undo(args, ctx) -> int:
    with _upper(ctx) as archive:
        branch = archive.upper.find_branch(args.branch)
        ctx.out(archive.upper.undo_last_import(branch.id))
    return 0


def run_verify(args, ctx) -> int:
    password = _password(args)
    with _upper(ctx, read_only=True) as archive:
        try:
            verified = archive.upper.verify(args.file, password)
        except BranchDeskError as error:
            if args.json:
                ctx.out(json.dumps({"file": args.file, "ok": False, "code": getattr(error, "code", ""),
                                    "message": error.message()}, ensure_ascii=False, indent=2))
                return 1
            raise
    manifest = verified.manifest
    facts = {
        "file": args.file, "ok": True, "branch_uid": verified.branch_uid, "branch_name": manifest.get("branch_name", ""),
        "sequence": verified.sequence, "previous_hash": verified.previous_hash, "bundle_hash": verified.bundle_hash,
        "years": manifest.get("years", []), "gap": verified.gap, "already_imported": verified.already_imported,
        "files": len(verified.files), "records": {t: len(rows) for t, rows in verified.records.tables.items()},
    }
    if args.json:
        ctx.out(json.dumps(facts, ensure_ascii=False, indent=2))
        return 0
    state = "已导入过（再次导入不会改动）" if verified.already_imported else "可以导入"
    gap = f"；注意：序号不连续，缺少 {verified.gap} 个数据包" if verified.gap else ""
    ctx.out(f"校验通过：「{facts['branch_name']}」第 {verified.sequence} 号数据包，"
            f"年度 {'、'.join(map(str, facts['years']))}，{state}{gap}。")
    return 0


def _months(text: str) -> tuple[int, int]:
    try:
        first, _, last = text.partition("-")
        return int(first), int(last or first)
    except ValueError:
        raise ValidationError("months", "format", f"月份范围{quoted(text)}无法识别，请写成 1-6 或 3。") from None


def run_dashboard(args, ctx) -> int:
    from ._common import date_arg, width

    today = date_arg(args.today, "日期")
    with _upper(ctx, read_only=True) as archive:
        board = archive.upper.dashboard(args.year, today=today, search=args.search, only_behind=args.behind,
                                        months=_months(args.months), sort=args.sort, descending=args.desc)
        if args.out:
            path = archive.upper.export_dashboard(board, args.out)
            ctx.out(f"已导出汇总表：{path}（{len(board.rows)} 行）")
            return 0
    if args.json:
        ctx.out(json.dumps(board.as_dict(), ensure_ascii=False, indent=2))
        return 0
    if not board.rows:
        ctx.out("没有符合条件的支部。")
        return 0
    headers = [c.label for c in board.columns]
    cells = [[row.text(c.key) for c in board.columns] for row in board.rows]
    widths = [max(width(x) for x in [h] + [r[i] for r in cells]) for i, h in enumerate(headers)]
    for line in [headers] + cells:
        ctx.out("  ".join(x + " " * (w - width(x)) for x, w in zip(line, widths, strict=True)).rstrip())
    return 0


def run_show(args, ctx) -> int:
    with _upper(ctx, read_only=True) as archive:
        upper = archive.upper
        branch = upper.find_branch(args.branch)
        if args.year is None:
            years = upper.years(branch.id)
            data = {"branch": branch.as_dict(), "years": years, "files": [f.name for f in upper.files(branch.id)]}
            text = [f"{branch.name}：有记录的年度 {'、'.join(map(str, years)) or '无'}"]
        else:
            cats = upper.categories(branch.id, args.year)
            data = {"branch": branch.as_dict(), "year": args.year, "categories": {}}
            text = [f"{branch.name} {args.year} 年"]
            for cat in cats:
                recs = upper.records(branch.id, args.year, cat.key)
                data["categories"][cat.key] = [{"id": r.id, "title": r.title, "date": r.date, "state": r.state_label}
                                               for r in recs]
                text.append(f"【{cat.label}】{cat.count} 条")
                text += [f"  {r.date or '          '}  {r.title}  {r.state_label}" for r in recs]
            pdf = upper.year_pdf(branch.id, args.year)
            if pdf:
                data["year_pdf"] = str(pdf)
                text.append(f"年度档案 PDF：{pdf}")
    ctx.out(json.dumps(data, ensure_ascii=False, indent=2) if args.json else "\n".join(text))
    return 0


def run_recruitment(args, ctx) -> int:
    from .. import labels
    from ..upper.recruit_overview import COUNTED_STAGES

    with _upper(ctx, read_only=True) as archive:
        rows = archive.upper.recruitment()
    if args.json:
        ctx.out(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        counts = "，".join(f"{labels.RECRUIT_STAGES[k]}{row.stages[k]}人" for k in COUNTED_STAGES)
        ctx.out(f"{row.branch_name}：{counts}；逾期 {len(row.overdue)} 项")
        for sentence in row.overdue:
            ctx.out(f"    【逾期】{sentence}")
    return 0


def run_terms(args, ctx) -> int:
    from .. import clock

    today = clock.today()
    with _upper(ctx, read_only=True) as archive:
        rows = archive.upper.terms()
    if args.json:
        ctx.out(json.dumps([r.as_dict(today) for r in rows], ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        start = f"{row.term_started_on:%Y-%m-%d}" if row.term_started_on else "未报"
        due = f"{row.term_due_on:%Y-%m-%d}" if row.term_due_on else "—"
        last = f"{row.last_election_on:%Y-%m-%d}" if row.last_election_on else "无记录"
        ctx.out(f"{row.branch_name}：任期自 {start} 起，{due} 届满（{row.state(today)}）；上次换届选举 {last}")


def _run_year_counts(args, ctx, counts_of) -> int:
    """Each branch's counts of a year (``counts_of(upper, year)``), as lines or JSON."""
    from ..clock import today

    year = args.year or today().year
    with _upper(ctx, read_only=True) as archive:
        rows = counts_of(archive.upper, year)
    if args.json:
        ctx.out(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        ctx.out(f"{row.branch_name}（{year}年）：{row.sentence()}")
    return 0


def run_honours(args, ctx) -> int:
    return _run_year_counts(args, ctx, lambda upper, year: upper.honours(year))


def run_transfers(args, ctx) -> int:
    return _run_year_counts(args, ctx, lambda upper, year: upper.transfers(year))


def run_study(args, ctx) -> int:
    return _run_year_counts(args, ctx, lambda upper, year: upper.study(year))

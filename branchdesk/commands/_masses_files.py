"""``masses ledger / paper / template / import``: the files of 群众工作 (docs/domain.md §14)."""

from __future__ import annotations

from ._common import OUT_HELP, out_path, report_paper


def register(actions) -> None:
    ledger = actions.add_parser("ledger", help="导出年度民情台账（.pdf 或 .xlsx）")
    ledger.add_argument("--year", type=int, help="年度，默认今年")
    ledger.add_argument("--out", help=OUT_HELP + "；.xlsx 为电子表格")
    ledger.add_argument("--xlsx", action="store_true", help="不写 --out 时导出电子表格")
    ledger.add_argument("--full-names", action="store_true", help="印出提出人完整姓名（默认隐藏）")
    ledger.set_defaults(handler=run_ledger)

    paper = actions.add_parser("paper", help="导出一件诉求的办理单（PDF）")
    paper.add_argument("request", help="诉求编号，如 2026-007")
    paper.add_argument("--out", help=OUT_HELP)
    paper.add_argument("--full-names", action="store_true", help="印出提出人完整姓名（默认隐藏）")
    paper.set_defaults(handler=run_paper)

    template = actions.add_parser("template", help="生成联系户导入表模板（.xlsx）")
    template.add_argument("file", help="Excel 文件路径（.xlsx）")
    template.set_defaults(handler=run_template)

    importing = actions.add_parser("import", help="从 Excel 导入联系户（全部检查无误才导入，错误逐行列出）")
    importing.add_argument("file", help="Excel 文件路径（.xlsx）")
    importing.add_argument("--dry-run", action="store_true", help="只检查，不导入")
    importing.set_defaults(handler=run_import)


def run_ledger(args, ctx) -> int:
    from .. import clock, export_names
    from ..masses import exports

    year = args.year or clock.today().year
    with ctx.open_archive(read_only=True) as archive:
        path = out_path(archive, args.out, export_names.masses_ledger(year), ".xlsx" if args.xlsx else ".pdf")
        result = exports.ledger_job(archive, year, path, args.full_names)()
    if path.suffix.lower() == ".xlsx":
        ctx.out(f"已导出{year}年度民情台账：{result}")
    else:
        report_paper(ctx, result, f"{year}年度民情台账")
    return 0


def run_paper(args, ctx) -> int:
    from .. import export_names
    from ..masses import exports

    with ctx.open_archive(read_only=True) as archive:
        request_id = archive.masses.find_request(args.request)
        code = archive.masses.request(request_id).code
        path = out_path(archive, args.out, export_names.masses_request(code), ".pdf")
        result = exports.request_job(archive, request_id, path, args.full_names)()
    report_paper(ctx, result, f"民情诉求办理单（{code}）")
    return 0


def run_template(args, ctx) -> int:
    from ..masses.importing import write_template

    ctx.out(f"已生成联系户导入表模板：{write_template(args.file)}")
    return 0


def run_import(args, ctx) -> int:
    from ..errors import ValidationErrors
    from ..masses import importing

    with ctx.open_archive(read_only=args.dry_run) as archive:
        checked = importing.check_file(archive, args.file)
        if checked.errors:
            raise ValidationErrors(checked.errors)
        if args.dry_run:
            ctx.out(f"检查通过：{len(checked.rows)} 户可以导入（未导入）。")
            return 0
        count = importing.apply(archive, args.file)
    ctx.out(f"已导入 {count} 户联系户。")
    return 0

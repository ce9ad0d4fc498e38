"""``export life-meeting`` and ``export rectification`` (added to the one ``export`` parser)."""

from __future__ import annotations

from .. import export_names
from ..life.exports import ledger_job, life_paper
from . import _app_password
from ._common import OUT_HELP, out_path, report_paper


def add_kinds(kinds) -> None:
    life = kinds.add_parser("life-meeting", help="组织生活会：情况报告（默认）、会议记录或民主评议党员登记表")
    life.add_argument("year", type=int, help="年度，如 2026")
    life.add_argument("--out", help=OUT_HELP)
    life.add_argument("--paper", default="report", choices=["report", "record", "appraisal"],
                      help="report 报上级的情况报告（公文格式）；record 会议记录；appraisal 民主评议党员登记表")
    _app_password.add_option(life)
    life.set_defaults(handler=run_life_meeting)

    ledger = kinds.add_parser("rectification", help="整改台账：PDF 公示件或 Excel 台账")
    ledger.add_argument("--out", help="F.pdf（公示）或 F.xlsx（完整台账）；不写时存入档案库的 exports 文件夹（PDF）")
    ledger.add_argument("--year", type=int, help="年度，默认全部")
    ledger.add_argument("--all", action="store_true", help="PDF 包括未设为公示的事项（完整台账，不用于张贴）")
    ledger.set_defaults(handler=run_rectification)


def run_life_meeting(args, ctx) -> int:
    from ..life.papers import PAPERS
    from ..papers import render

    with ctx.open_archive(read_only=True) as archive:
        if args.paper == "record":  # it holds the criticism and self-examination texts
            _app_password.require(archive, args, "导出组织生活会会议记录")
        paper = life_paper(archive, args.year, args.paper)
        out = out_path(archive, args.out, export_names.life_paper(args.year, PAPERS[args.paper]), ".pdf")
    report_paper(ctx, render(paper, out), f"{args.year}年度{PAPERS[args.paper]}")
    return 0


def run_rectification(args, ctx) -> int:
    with ctx.open_archive(read_only=True) as archive:
        path = out_path(archive, args.out, export_names.rectification(args.year, not args.all), ".pdf")
        work, count = ledger_job(archive, path, args.year, not args.all)
    result = work()
    if path.suffix.lower() == ".xlsx":
        ctx.out(f"已导出整改台账：{result}（{count} 项）")
    else:
        report_paper(ctx, result, f"整改台账（{count} 项）")
    return 0

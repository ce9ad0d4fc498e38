"""``export life-meeting`` and ``export rectification`` (added to the one ``export`` parser)."""

from __future__ import annotations

from pathlib import Path

from ..errors import ValidationError


def add_kinds(kinds) -> None:
    life = kinds.add_parser("life-meeting", help="组织生活会：情况报告（默认）、会议记录或民主评议党员登记表")
    life.add_argument("year", type=int)
    life.add_argument("--out", required=True, help="PDF 文件")
    life.add_argument("--paper", default="report", choices=["report", "record", "appraisal"],
                      help="report 报上级的情况报告（公文格式）；record 会议记录；appraisal 民主评议党员登记表")
    life.set_defaults(handler=run_life_meeting)

    ledger = kinds.add_parser("rectification", help="整改台账：PDF 公示件或 Excel 台账")
    ledger.add_argument("--out", required=True, help="F.pdf（公示）或 F.xlsx（完整台账）")
    ledger.add_argument("--year", type=int, help="年度，默认全部")
    ledger.add_argument("--all", action="store_true", help="PDF 包括未设为公示的事项（完整台账，不用于张贴）")
    ledger.set_defaults(handler=run_rectification)


def life_paper(archive, year: int, which: str):
    """The ``which`` paper of ``year`` (report / record / appraisal) as a ``Paper``."""
    from ..life import papers
    from ..life.report import report_facts, report_paper

    if which == "report":
        return report_paper(report_facts(archive, year))
    if which == "appraisal":
        return papers.appraisal_paper(archive.appraisal.detail(archive.appraisal.require(year)))
    cycle_id = archive.life.require_cycle(year)
    detail = archive.life.detail(cycle_id)
    meeting = archive.meetings.detail(detail.meeting_id) if detail.meeting_id else None
    appraisal_id = archive.appraisal.appraisal_id(year)
    appraisal = archive.appraisal.detail(appraisal_id) if appraisal_id else None
    return papers.record_paper(detail, meeting, archive.rectification.review_items(year), appraisal)


def ledger_export(archive, path: Path, year: int | None, public: bool):
    """Write the ledger to ``path``: .xlsx every item, .pdf the 公示 (or all items)."""
    from ..life.ledger_xlsx import write_ledger_xlsx
    from ..life.papers import ledger_paper

    items = archive.rectification.items(year=year, public_only=public and path.suffix.lower() == ".pdf")
    branch = archive.branch.own().name
    if path.suffix.lower() == ".xlsx":
        return write_ledger_xlsx(items, path, branch), len(items)
    if not items:
        what = "设为公示的" if public else ""
        raise ValidationError("items", "empty", f"没有{what}整改事项可以导出。请先在整改台账中勾选「公示」。")
    return ledger_paper(items, branch, year, public), len(items)


def run_life_meeting(args, ctx) -> int:
    from ..life.papers import PAPERS
    from ..papers import render
    from .export import _report

    with ctx.open_archive(read_only=True) as archive:
        paper = life_paper(archive, args.year, args.paper)
    _report(ctx, render(paper, args.out), f"{args.year} 年度{PAPERS[args.paper]}")
    return 0


def run_rectification(args, ctx) -> int:
    from ..papers import render
    from .export import _report

    path = Path(args.out)
    if path.suffix.lower() not in (".pdf", ".xlsx"):
        raise ValidationError("out", "suffix", f"导出文件“{args.out}”的扩展名应为 .pdf（公示件）或 .xlsx（台账）。")
    with ctx.open_archive(read_only=True) as archive:
        result, count = ledger_export(archive, path, args.year, not args.all)
    if path.suffix.lower() == ".xlsx":
        ctx.out(f"已导出整改台账：{result}（{count} 项）")
    else:
        _report(ctx, render(result, path), f"整改台账（{count} 项）")
    return 0

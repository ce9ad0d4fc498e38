"""``export …``: papers as PDF. ``export meeting ID`` prints a meeting's record, notice or
resolution; ``export meetings --year Y`` the year's records in one book; ``export
life-meeting YEAR`` and ``export rectification`` are in ``_life_export``; ``export year
YEAR`` (the yearly archive) in ``_year_export``; ``export targets YEAR`` the year's
target-management archive and ``export inspection ID`` one 考核表."""

from __future__ import annotations

from .. import export_names
from ..errors import ValidationError
from ._common import OUT_HELP, out_path, report_paper


def register(subparsers) -> None:
    export = subparsers.add_parser("export", help="导出 PDF 材料")
    kinds = export.add_subparsers(dest="export_kind", metavar="材料", required=True)
    meeting = kinds.add_parser("meeting", help="一次会议的记录、通知、签到表或党员大会决议")
    meeting.add_argument("id", type=int, help="编号（会议：meetings list 可查；检查：targets inspect list 可查）")
    meeting.add_argument("--out", help=OUT_HELP)
    meeting.add_argument("--paper", default="record", choices=["record", "notice", "signin", "resolution"],
                         help="record 会议记录（默认）；notice 会议通知；signin 签到表；resolution 党员大会决议")
    meeting.add_argument("--preset", choices=["gongwen", "record"], default=None,
                         help="版式：record 记录本；gongwen 公文（GB/T 9704）。默认：决议和签到表用公文，其余用记录本")
    meeting.set_defaults(handler=run_meeting)

    book = kinds.add_parser("meetings", help="一年的会议记录汇编（带目录）")
    book.add_argument("--year", type=int, required=True, help="年度，如 2026")
    book.add_argument("--out", help=OUT_HELP)
    book.add_argument("--preset", choices=["gongwen", "record"], default="record", help="版式：record 记录本（默认），gongwen 公文")
    book.set_defaults(handler=run_year_book)

    from . import _life_export, _year_export

    _life_export.add_kinds(kinds)
    _year_export.add_kinds(kinds)

    targets = kinds.add_parser("targets", help="一年的目标管理档案：封面、年度目标、检查考核、得分趋势、问题整改")
    targets.add_argument("year", type=int, help="年度，如 2026")
    targets.add_argument("--out", help=OUT_HELP)
    targets.set_defaults(handler=run_targets)

    inspection = kinds.add_parser("inspection", help="一次检查考核的目标管理考核表")
    inspection.add_argument("id", type=int, help="编号（会议：meetings list 可查；检查：targets inspect list 可查）")
    inspection.add_argument("--out", help=OUT_HELP)
    inspection.set_defaults(handler=run_inspection)


def run_meeting(args, ctx) -> int:
    from ..meetings.papers import PAPERS, paper_for
    from ..papers import render

    with ctx.open_archive(read_only=True) as archive:
        detail = archive.meetings.detail(args.id)
        paper = paper_for(detail, args.paper, args.preset)
        out = out_path(archive, args.out, export_names.meeting_detail_paper(detail, args.paper), ".pdf")
    report_paper(ctx, render(paper, out), PAPERS[args.paper])
    return 0


def run_year_book(args, ctx) -> int:
    from ..meetings.papers import year_book_paper
    from ..papers import render

    with ctx.open_archive(read_only=True) as archive:
        ids = archive.meetings.query_ids(year=args.year, descending=False)
        held = [s.id for s in archive.meetings.summaries(ids) if s.held_on is not None]
        if not held:
            raise ValidationError("year", "empty", f"{args.year} 年还没有召开过的会议记录。")
        details = [archive.meetings.detail(i) for i in held]
        branch = archive.branch.own()
        paper = year_book_paper(details, args.year, branch.name, args.preset, branch_code=branch.code or "")
        out = out_path(archive, args.out, export_names.year_book(args.year), ".pdf")
    report_paper(ctx, render(paper, out), f"{args.year} 年会议记录汇编")
    return 0


def run_targets(args, ctx) -> int:
    from ..papers import render
    from ..targets.papers import year_paper

    with ctx.open_archive(read_only=True) as archive:
        if not archive.targets.library.get_or_none(args.year) and not archive.targets.inspections.list(args.year):
            raise ValidationError("year", "empty", f"{args.year} 年度还没有目标管理记录（指标库或检查考核）。")
        paper = year_paper(archive, args.year)
        out = out_path(archive, args.out, export_names.targets_year(args.year), ".pdf")
    report_paper(ctx, render(paper, out), f"{args.year}年度目标管理档案")
    return 0


def run_inspection(args, ctx) -> int:
    from ..papers import render
    from ..targets.papers import inspection_paper

    with ctx.open_archive(read_only=True) as archive:
        inspections = archive.targets.inspections
        summary = inspections.summary(args.id)
        chain = inspections.revisions(args.id) if summary.corrects_id else []
        reason = next((r.reason for r in chain if r.revision_id == args.id), "")
        paper = inspection_paper(inspections.detail(args.id), reason)
        out = out_path(archive, args.out, export_names.inspection(summary.period.label), ".pdf")
    report_paper(ctx, render(paper, out), f"{summary.period.label}目标管理考核表")
    return 0

"""``targets …``: 目标管理 from the command line — the indicator library (import from
.xlsx with a preview, export, copy to another year, show), the yearly plan, the
auto-measures, the grade thresholds and the inspections that are missing. Inspections
themselves (``targets inspect …``) are in ``_targets_inspect``."""

from __future__ import annotations

import json

from .. import clock, export_names
from ..errors import ValidationError
from ..text import quoted
from ._common import OUT_HELP, out_path


def register(subparsers) -> None:
    targets = subparsers.add_parser("targets", help="目标管理：指标库、年度目标、自动计量、检查考核")
    actions = targets.add_subparsers(dest="targets_action", metavar="操作", required=True)

    imp = actions.add_parser("import-library", help="从 .xlsx 导入指标库（先预览，有问题的行全部列出，整体导入或不导入）")
    imp.add_argument("file", help="指标库 Excel 文件（.xlsx）")
    imp.add_argument("--year", type=int, help="年度，默认今年")
    imp.add_argument("--name", default="", help="指标库名称，默认取表格标题行")
    imp.add_argument("--issued-by", default="", help="制定单位，如 中共某某镇委员会")
    imp.add_argument("--dry-run", action="store_true", help="只检查，不导入")
    imp.set_defaults(handler=run_import)

    exp = actions.add_parser("export-library", help="把指标库导出为 .xlsx（可再导入）")
    exp.add_argument("--year", type=int, required=True, help="年度，如 2026")
    exp.add_argument("--out", help=OUT_HELP)
    exp.set_defaults(handler=run_export)

    copy = actions.add_parser("copy-library", help="把某年的指标库复制到另一年度")
    copy.add_argument("--from", dest="from_year", type=int, required=True, help="从哪一年度复制，如 2025")
    copy.add_argument("--to", dest="to_year", type=int, required=True, help="复制到哪一年度，如 2026")
    copy.set_defaults(handler=run_copy)

    show = actions.add_parser("library", help="显示某年度的指标库")
    show.add_argument("--year", type=int, help="年度，默认今年")
    show.add_argument("--json", action="store_true", help="以 JSON 输出")
    show.set_defaults(handler=run_library)

    plan = actions.add_parser("plan", help="显示年度目标计划；--adopt 按指标库制定；--set 修改一项目标")
    plan.add_argument("--year", type=int, help="年度，默认今年")
    plan.add_argument("--adopt", action="store_true", help="采用本年度指标库（已有的目标保留）")
    plan.add_argument("--set", metavar="编号", help="要修改目标的指标编号，如 1.2")
    plan.add_argument("--target", default=None, help="目标（文字），与 --set 一起使用")
    plan.add_argument("--value", default=None, help="目标值（数字，如 4 或 100），与 --set 一起使用")
    plan.set_defaults(handler=run_plan)

    measures = actions.add_parser("measures", help="自动计量：由支部自己的记录算出的指标完成情况")
    measures.add_argument("--year", type=int, help="年度，默认今年")
    measures.add_argument("--period", default="year", help="h1 / h2 / q1–q4 / year（默认全年）")
    measures.add_argument("--json", action="store_true", help="以 JSON 输出")
    measures.set_defaults(handler=run_measures)

    thresholds = actions.add_parser("thresholds", help="考核等次标准：show 显示；set 修改")
    thresholds.add_argument("what", choices=["show", "set"], help="show 查看，set 设定")
    thresholds.add_argument("--bands", help="如 优秀=97,合格=90,基本合格=86（从高到低）")
    thresholds.add_argument("--below", default="不合格", help="低于所有等次时的名称")
    thresholds.set_defaults(handler=run_thresholds)

    missing = actions.add_parser("missing", help="缺少或逾期的检查考核（首页提醒的内容）")
    missing.set_defaults(handler=run_missing)

    from ._targets_inspect import add_inspect

    add_inspect(actions)


def run_import(args, ctx) -> int:
    from ..targets.library_xlsx import LibraryFileError, apply, check, preview

    year = args.year or clock.today().year
    checked = preview(args.file)
    firsts = [r for r in checked.rows if r.form.level == 1]
    ctx.out(f"读取 {len(checked.rows)} 行：一级指标 {len(firsts)} 项，二级指标 {len(checked.rows) - len(firsts)} 项，"
            f"合计 {checked.total_points_x10 / 10:g} 分。")
    if checked.ignored_headers:
        ctx.out(f"未使用的列：{'、'.join(checked.ignored_headers)}")
    for note in checked.notes:
        ctx.out(f"说明：{note}")
    for row in checked.bad_rows:
        for problem in row.problems:
            ctx.out(f"  第 {row.row_number} 行：{problem}")
    for problem in checked.problems:
        ctx.out(f"  {problem}")
    if checked.bad_rows or checked.problems:
        what = f"有 {len(checked.bad_rows)} 行有问题" if checked.bad_rows else "文件有问题"
        raise LibraryFileError(f"{what}，请改正后重新导入。本次没有导入任何指标。")
    # A dry run opens the archive as the import does and runs the same checks, so it
    # says 检查通过 only when the import would go through (a locked year, a held archive …).
    with ctx.open_archive() as archive:
        if args.dry_run:
            name = check(archive, checked, year, args.name, args.issued_by)
            existing = archive.targets.library.get_or_none(year)
            shown = name or (existing.name if existing else "")
            replaces = f"，将替换现有的《{existing.name}》的全部指标" if existing else ""
            ctx.out(f"检查通过：可以导入为 {year} 年度指标库{'《' + shown + '》' if shown else ''}{replaces}"
                    "（--dry-run，未导入）。")
            return 0
        apply(archive, checked, year, args.name, args.issued_by)
        library = archive.targets.library.get(year)
    ctx.out(f"已导入 {year} 年度指标库《{library.name}》：{len(library.indicators)} 项指标。")
    return 0


def run_export(args, ctx) -> int:
    from ..targets.library_xlsx import export_xlsx

    if args.out and not args.out.lower().endswith(".xlsx"):
        raise ValidationError("out", "suffix", f"导出文件{quoted(args.out)}的扩展名应为 .xlsx。")
    with ctx.open_archive(read_only=True) as archive:
        library = archive.targets.library.get(args.year)
        out = out_path(archive, args.out, export_names.indicator_library(args.year, library.name), ".xlsx")
    export_xlsx(library, out)
    ctx.out(f"已导出 {args.year} 年度指标库：{out}（{len(library.indicators)} 项指标）")
    return 0


def run_copy(args, ctx) -> int:
    with ctx.open_archive() as archive:
        archive.targets.library.copy(args.from_year, args.to_year)
        name = archive.targets.library.get(args.to_year).name
    ctx.out(f"已把 {args.from_year} 年度指标库复制为 {args.to_year} 年度《{name}》。")
    return 0


def run_library(args, ctx) -> int:
    from ..targets import tenths_text

    year = args.year or clock.today().year
    with ctx.open_archive(read_only=True) as archive:
        library = archive.targets.library.get(year)
    if args.json:
        ctx.out(json.dumps({"year": year, "name": library.name, "issued_by": library.issued_by,
                            "locked": library.locked_reason, "indicators": [
                                {"code": i.code, "level": i.level, "name": i.name, "points": i.points_x10 / 10,
                                 "scoring_rule": i.scoring_rule, "evidence_required": i.evidence_required,
                                 "measure": i.measure} for i in library.indicators]},
                           ensure_ascii=False, indent=2))
        return 0
    ctx.out(f"{library.name}（{year} 年度，合计 {tenths_text(library.total_points_x10)} 分）"
            + (f"  制定：{library.issued_by}" if library.issued_by else ""))
    if library.locked_reason:
        ctx.out(f"说明：{library.locked_reason}")
    for i in library.indicators:
        indent = "" if i.level == 1 else "  "
        measure = f"  [自动计量 {i.measure}]" if i.measure else ""
        ctx.out(f"{indent}{i.code} {i.name}  {i.points_text} 分{measure}")
    return 0


def run_plan(args, ctx) -> int:
    from ..targets import PlanItemForm, parse_tenths, tenths_text

    year = args.year or clock.today().year
    with ctx.open_archive(read_only=not (args.adopt or args.set)) as archive:
        plans = archive.targets.plans
        if args.adopt:
            plans.adopt_library(year)
            ctx.out(f"{year} 年度目标计划已按指标库制定。")
        if args.set:
            plan = plans.get(year)
            item = plan.item_for(args.set)
            if item is None:
                raise ValidationError("code", "missing", f"{year} 年度目标计划中没有编号为{quoted(args.set)}的指标。")
            value = item.target_value_x10 if args.value is None else parse_tenths(args.value, "value", "目标值", False)
            plans.save_item(item.id, PlanItemForm(item.indicator_id, item.target_text if args.target is None
                                                  else args.target, value, item.note))
            ctx.out(f"已修改 {args.set} 的目标。")
        plan = plans.get(year)
    ctx.out(f"{year} 年度目标计划（依据《{plan.library_name}》，{len(plan.items)} 项）")
    for item in plan.items:
        value = f"  目标值 {tenths_text(item.target_value_x10)}" if item.target_value_x10 is not None else ""
        measure = "  [自动计量]" if item.measure else ""
        ctx.out(f"  {item.code} {item.name}（{tenths_text(item.points_x10)} 分）：{item.target_text}{value}{measure}")
    return 0


def run_measures(args, ctx) -> int:
    from ..targets import parse_period, tenths_text

    period = parse_period(args.year or clock.today().year, args.period)
    with ctx.open_archive(read_only=True) as archive:
        results = archive.targets.measures_for(period)
    if args.json:
        ctx.out(json.dumps({"period": period.label, "measures": [
            {"code": row.code, "name": row.name, "points": row.points_x10 / 10,
             "suggested": (lambda s: None if s is None else s / 10)(r.suggested_x10(row.points_x10))} | r.as_dict()
            for row, r in results]}, ensure_ascii=False, indent=2))
        return 0
    if not results:
        ctx.out(f"{period.year} 年度的指标中没有自动计量的指标。")
        return 0
    ctx.out(f"{period.label}自动计量（✓ 达到目标  ✗ 未达到  … 未到期）")
    for row, r in results:
        mark = "…" if r.met is None else ("✓" if r.met else "✗")
        suggested = r.suggested_x10(row.points_x10)
        score = f"  建议自评 {tenths_text(suggested)}/{tenths_text(row.points_x10)} 分" if suggested is not None else ""
        ctx.out(f"{mark} {row.code} {row.name}：{r.value_text}（目标 {r.target_text}）{score}")
        ctx.out(f"    {r.explanation}")
        if r.refs:
            shown = "；".join(f"{ref.title}" for ref in r.refs[:5])
            ctx.out(f"    依据：{shown}" + (f" 等 {len(r.refs)} 条记录" if len(r.refs) > 5 else ""))
    return 0


def run_thresholds(args, ctx) -> int:
    if args.what == "show":
        with ctx.open_archive(read_only=True) as archive:
            scale = archive.targets.thresholds()
        ctx.out(f"考核等次标准：{scale.sentence()}。")
        return 0
    if not args.bands:
        raise ValidationError("bands", "required", "请用 --bands 写明等次，如 --bands 优秀=97,合格=90,基本合格=86。")
    bands = []
    for part in args.bands.replace("，", ",").split(","):
        name, _, lowest = part.partition("=")
        if not _:
            raise ValidationError("bands", "shape", f"{quoted(part)}应写成 等次=最低分，如 优秀=97。")
        bands.append([name.strip(), lowest.strip()])
    with ctx.open_archive() as archive:
        scale = archive.targets.set_thresholds({"bands": bands, "below": args.below})
    ctx.out(f"已修改考核等次标准：{scale.sentence()}。草稿中的检查考核按新标准评定，已归档的不变。")
    return 0


def run_missing(args, ctx) -> int:
    with ctx.open_archive(read_only=True) as archive:
        gaps = archive.targets.missing_inspections()
    if not gaps:
        ctx.out("没有缺少或逾期的目标管理检查考核。")
    for gap in gaps:
        ctx.out(gap.message)
    return 0

"""``targets inspect …``: one inspection from the command line — open it, score it,
problems (and the ledger), evidence, file (sealed), correct, show, list."""

from __future__ import annotations

import json

from ..errors import ValidationError
from ._common import date_arg, member_arg


def add_inspect(actions) -> None:
    inspect = actions.add_parser("inspect", help="检查考核：新建、评分、问题、佐证、归档、更正、查看")
    steps = inspect.add_subparsers(dest="inspect_action", metavar="步骤", required=True)

    new = steps.add_parser("new", help="新建一次检查考核")
    new.add_argument("--year", type=int, required=True, help="年度，如 2026")
    new.add_argument("--period", required=True, help="检查周期：h1 上半年，h2 下半年，q1–q4 第一至第四季度，year 全年")
    _header_args(new)
    new.set_defaults(handler=run_new)

    header = steps.add_parser("header", help="修改检查日期、检查人、检查单位、总体评价")
    header.add_argument("id", type=int, help="检查编号（targets inspect list 可查）")
    _header_args(header)
    header.set_defaults(handler=run_header)

    score = steps.add_parser("score", help="给一项指标评分（自评 --self，考核得分 --score）")
    score.add_argument("id", type=int, help="检查编号（targets inspect list 可查）")
    score.add_argument("code", help="指标编号，如 1.2")
    score.add_argument("--self", dest="self_score", help="自评分")
    score.add_argument("--score", help="考核得分")
    score.add_argument("--remark", help="备注")
    score.set_defaults(handler=run_score)

    suggest = steps.add_parser("suggest", help="按自动计量结果填写自评分（已填的不改）")
    suggest.add_argument("id", type=int, help="检查编号（targets inspect list 可查）")
    suggest.set_defaults(handler=run_suggest)

    problem = steps.add_parser("problem", help="登记检查发现的问题；--ledger 同时列入整改台账")
    problem.add_argument("id", type=int, help="检查编号（targets inspect list 可查）")
    problem.add_argument("--problem", required=True, help="检查发现的问题")
    problem.add_argument("--code", default="", help="涉及的指标编号")
    problem.add_argument("--suggestion", default="", help="整改建议")
    problem.add_argument("--ledger", action="store_true", help="列入整改台账（需 --owner --deadline --measure）")
    problem.add_argument("--owner", default="", help="责任人")
    problem.add_argument("--deadline", default="", help="完成时限，写成 2026-06-30")
    problem.add_argument("--measure", default="", help="整改措施")
    problem.set_defaults(handler=run_problem)

    ledger = steps.add_parser("ledger", help="把已登记的问题列入整改台账（归档后也可以）")
    ledger.add_argument("id", type=int, help="检查编号（targets inspect list 可查）")
    ledger.add_argument("number", type=int, help="问题序号（见 show）")
    ledger.add_argument("--owner", required=True, help="责任人")
    ledger.add_argument("--deadline", required=True, help="完成时限，写成 2026-06-30")
    ledger.add_argument("--measure", required=True, help="整改措施")
    ledger.set_defaults(handler=run_ledger)

    evidence = steps.add_parser("evidence", help="为一项指标添加佐证：关联记录或附件")
    evidence.add_argument("id", type=int, help="检查编号（targets inspect list 可查）")
    evidence.add_argument("code", help="指标编号，如 1.2")
    group = evidence.add_mutually_exclusive_group(required=True)
    for kind, what in (("meeting", "会议记录编号"), ("life", "组织生活会记录编号"), ("appraisal", "民主评议记录编号"),
                       ("item", "整改事项编号（数据库编号）"), ("talk", "谈心谈话记录编号")):
        group.add_argument(f"--{kind}", type=int, help=what)
    group.add_argument("--file", help="附件文件（复制进档案库）")
    group.add_argument("--measured", action="store_true", help="关联自动计量所依据的全部记录")
    evidence.add_argument("--title", default="", help="附件名称")
    evidence.set_defaults(handler=run_evidence)

    file = steps.add_parser("file", help="归档：定稿并封存（之后不能修改，只能更正）")
    file.add_argument("id", type=int, help="检查编号（targets inspect list 可查）")
    file.add_argument("--note", default="", help="归档说明")
    file.set_defaults(handler=run_file)

    correct = steps.add_parser("correct", help="更正已归档的检查考核：新建修订版本（须写原因）")
    correct.add_argument("id", type=int, help="检查编号（targets inspect list 可查）")
    correct.add_argument("--reason", required=True, help="原因（必填，记入操作记录）")
    correct.set_defaults(handler=run_correct)

    delete = steps.add_parser("delete", help="删除草稿")
    delete.add_argument("id", type=int, help="检查编号（targets inspect list 可查）")
    delete.set_defaults(handler=run_delete)

    show = steps.add_parser("show", help="显示一次检查考核")
    show.add_argument("id", type=int, help="检查编号（targets inspect list 可查）")
    show.add_argument("--json", action="store_true", help="以 JSON 输出")
    show.set_defaults(handler=run_show)

    listing = steps.add_parser("list", help="列出检查考核")
    listing.add_argument("--year", type=int, help="年度，如 2026")
    listing.set_defaults(handler=run_list)


def _header_args(parser) -> None:
    parser.add_argument("--date", default="", help="检查日期")
    parser.add_argument("--inspectors", default=None, help="检查人，多人用顿号分隔")
    parser.add_argument("--body", default=None, help="检查单位，如 中共某某镇委员会")
    parser.add_argument("--remarks", default=None, help="总体评价")


def _header(args, current=None):
    from ..targets import InspectionHeader

    current = current or InspectionHeader()
    return InspectionHeader(
        date_arg(args.date, "检查日期", current.inspected_on),
        current.inspectors if args.inspectors is None else args.inspectors,
        current.inspecting_body if args.body is None else args.body,
        current.remarks if args.remarks is None else args.remarks,
    )


def run_new(args, ctx) -> int:
    from ..targets import parse_period

    period = parse_period(args.year, args.period)
    with ctx.open_archive() as archive:
        inspection_id = archive.targets.inspections.create(period, _header(args))
    ctx.out(f"已新建{period.label}检查考核（编号 {inspection_id}）。")
    return 0


def run_header(args, ctx) -> int:
    with ctx.open_archive() as archive:
        inspections = archive.targets.inspections
        inspections.save_header(args.id, _header(args, inspections.detail(args.id).header))
    ctx.out("已保存。")
    return 0


def run_score(args, ctx) -> int:
    from ..targets import UNSET, parse_tenths

    if args.self_score is None and args.score is None and args.remark is None:
        raise ValidationError("score", "required", "请用 --self、--score 或 --remark 写明要改的内容。")

    def value(text, what):
        if text is None:
            return UNSET
        return parse_tenths(text, "score", what, required=False)

    self_score, score = value(args.self_score, "自评分"), value(args.score, "考核得分")
    remark = UNSET if args.remark is None else args.remark
    with ctx.open_archive() as archive:
        archive.targets.inspections.set_score(args.id, args.code, self_score, score, remark)
        summary = archive.targets.inspections.summary(args.id)
    ctx.out(f"已评分。当前合计：自评 {_points(summary.self_total_x10)}，得分 {_points(summary.total_x10)}"
            + (f"，等次 {summary.grade}" if summary.grade else "") + "。")
    return 0


def _points(value) -> str:
    from ..targets import tenths_text

    return tenths_text(value, "—")


def run_suggest(args, ctx) -> int:
    with ctx.open_archive() as archive:
        count = archive.targets.inspections.suggest_self_scores(args.id)
    ctx.out(f"已按自动计量填写 {count} 项自评分。")
    return 0


def run_problem(args, ctx) -> int:
    with ctx.open_archive() as archive:
        inspections = archive.targets.inspections
        with archive.db.atomic():
            problem_id = inspections.add_problem(args.id, args.problem, args.code, args.suggestion)
            if args.ledger:
                _to_ledger(ctx, archive, problem_id, args)
    ctx.out("已登记问题。")
    return 0


def run_ledger(args, ctx) -> int:
    with ctx.open_archive() as archive:
        problems = archive.targets.inspections.problems(args.id)
        if not 1 <= args.number <= len(problems):
            raise ValidationError("number", "range", f"这次检查考核没有第 {args.number} 个问题（共 {len(problems)} 个）。")
        _to_ledger(ctx, archive, problems[args.number - 1].id, args)
    return 0


def _to_ledger(ctx, archive, problem_id: int, args) -> None:
    if not (args.owner and args.deadline and args.measure):
        raise ValidationError("ledger", "required", "列入整改台账需要 --owner（责任人）、--deadline（时限）和 --measure（措施）。")
    owner_id, owner = member_arg(archive, args.owner, "责任人")
    item_id = archive.targets.inspections.problem_to_ledger(problem_id, args.measure, owner,
                                                           date_arg(args.deadline, "整改时限"), owner_id)
    ctx.out(f"已列入整改台账：{archive.rectification.summary(item_id).code}")


def run_evidence(args, ctx) -> int:
    with ctx.open_archive() as archive:
        inspections = archive.targets.inspections
        if args.measured:
            count = inspections.add_measure_evidence(args.id, args.code)
            ctx.out(f"已关联自动计量依据的 {count} 条记录。")
            return 0
        score_id = inspections.score_id(args.id, args.code)
        if args.file:
            inspections.add_evidence_file(score_id, args.file, args.title)
        else:
            kinds = {"meeting": "meeting", "life": "life_cycle", "appraisal": "appraisal", "item": "rectification",
                     "talk": "talk"}
            kind = next(k for k in kinds if getattr(args, k) is not None)
            inspections.add_evidence(score_id, kinds[kind], getattr(args, kind))
    ctx.out("已添加佐证。")
    return 0


def run_file(args, ctx) -> int:
    with ctx.open_archive() as archive:
        seal = archive.targets.inspections.file(args.id, args.note)
        summary = archive.targets.inspections.summary(args.id)
    ctx.out(f"{summary.title}已归档并封存：得分 {_points(summary.total_x10)}，等次 {summary.grade}"
            f"（校验值 {seal.content_hash[:16]}…）。")
    return 0


def run_correct(args, ctx) -> int:
    with ctx.open_archive() as archive:
        new_id = archive.targets.inspections.correct(args.id, args.reason)
    ctx.out(f"已新建更正版本（编号 {new_id}），修改后请归档。原记录保持不变。")
    return 0


def run_delete(args, ctx) -> int:
    with ctx.open_archive() as archive:
        archive.targets.inspections.delete(args.id)
    ctx.out("已删除检查考核（草稿）。")
    return 0


def run_show(args, ctx) -> int:
    with ctx.open_archive(read_only=True) as archive:
        detail = archive.targets.inspections.detail(args.id)
        missing = archive.targets.inspections.readiness(args.id) if detail.summary.state == "draft" else []
    s, h = detail.summary, detail.header
    if args.json:
        ctx.out(json.dumps({
            "id": s.id, "period": s.period.label, "state": s.state, "inspected_on": h.inspected_on and h.inspected_on.isoformat(),
            "inspectors": h.inspectors, "inspecting_body": h.inspecting_body, "remarks": h.remarks,
            "total_points": s.total_points_x10 / 10, "self_total": s.self_total_x10 and s.self_total_x10 / 10,
            "total": s.total_x10 and s.total_x10 / 10, "grade": s.grade, "corrects": s.corrects_id,
            "scores": [{"code": r.code, "name": r.name, "points": r.points_x10 / 10,
                        "self": None if r.self_score_x10 is None else r.self_score_x10 / 10,
                        "score": None if r.score_x10 is None else r.score_x10 / 10, "remark": r.remark,
                        "evidence": [e.title for e in r.evidence]} for r in detail.scores],
            "problems": [{"problem": p.problem, "code": p.code, "suggestion": p.suggestion, "ledger": p.ledger}
                         for p in detail.problems],
        }, ensure_ascii=False, indent=2))
        return 0
    ctx.out(f"{s.title}（编号 {s.id}，{s.state_label}）" + (f"  更正自编号 {s.corrects_id}" if s.corrects_id else ""))
    ctx.out(f"检查日期：{h.inspected_on or '未填写'}  检查人：{h.inspectors or '未填写'}  检查单位：{h.inspecting_body or '未填写'}")
    for code, name, rows in detail.groups():
        ctx.out(f"{code} {name}")
        for r in rows:
            evidence = f"  佐证 {len(r.evidence)} 项" if r.evidence else ""
            ctx.out(f"  {r.code} {r.name}（{_points(r.points_x10)} 分）自评 {_points(r.self_score_x10)}  "
                    f"得分 {_points(r.score_x10)}{evidence}" + (f"  {r.remark}" if r.remark else ""))
    ctx.out(f"合计：满分 {_points(s.total_points_x10)}，自评 {_points(s.self_total_x10)}，得分 {_points(s.total_x10)}"
            + (f"，等次 {s.grade}" if s.grade else ""))
    for p in detail.problems:
        ctx.out(f"问题 {p.position}：{p.problem}" + (f"（{p.code}）" if p.code else "")
                + (f"  整改台账 {'、'.join(p.ledger)}" if p.ledger else ""))
    for line in missing:
        ctx.out(f"归档前还需：{line}")
    return 0


def run_list(args, ctx) -> int:
    with ctx.open_archive(read_only=True) as archive:
        rows = archive.targets.inspections.list(args.year)
    if not rows:
        ctx.out("还没有检查考核记录。")
    for s in rows:
        ctx.out(f"{s.id:>4}  {s.period.label:<10} {s.state_label:<4} 得分 {_points(s.total_x10):>5}  {s.grade}")
    return 0

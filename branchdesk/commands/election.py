"""``election …``: 换届选举 from the command line (docs/domain.md §13) — the plan and its
批复, the candidates, who came to the 大会, each round's ballots and votes, the 支委会
choosing 书记/副书记, the 批复 of the result (the committee changes then), and the papers.
Each step works on the election under way unless ``--id`` names another."""

from __future__ import annotations

import json

from .. import labels
from ..errors import NotFound, ValidationError
from ..text import quoted
from ._common import OUT_HELP, date_arg, member_arg, out_path, report_paper


def register(subparsers) -> None:
    election = subparsers.add_parser("election", help="换届选举：方案与批复、候选人、党员大会选举、书记副书记、上级批复")
    actions = election.add_subparsers(dest="election_action", metavar="操作", required=True)

    def action(name: str, help_text: str, handler):
        parser = actions.add_parser(name, help=help_text)
        parser.add_argument("--id", type=int, help="换届选举记录编号（默认正在进行的那一次）")
        parser.set_defaults(handler=handler)
        return parser

    listing = actions.add_parser("list", help="列出换届选举记录及所处步骤")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(handler=run_list)
    show = action("show", "一次换届选举的全部步骤：方案、候选人、各轮计票、书记副书记、批复", run_show)
    show.add_argument("--json", action="store_true", help="以 JSON 输出")

    plan = action("plan", "登记换届工作方案（新建一次换届选举）", run_plan)
    plan.add_argument("--date", required=True, help="计划召开党员大会（选举）的日期")
    plan.add_argument("--places", type=int, required=True, help="应选委员人数")
    plan.add_argument("--deputies", type=int, default=0, help="副书记人数（0-2）")
    plan.add_argument("--submitted", default="", help="方案（请示）报送上级的日期")
    plan.add_argument("--note", default="", help="方案要点")
    approve_plan = action("approve-plan", "登记上级党组织对换届工作方案的批复", run_approve_plan)
    approve_plan.add_argument("--date", required=True, help="批复日期")
    approve_plan.add_argument("--number", required=True, help="批复文号")

    candidates = action("candidates", "确定候选人（预备人选）：正式党员，差额不少于 20%", run_candidates)
    candidates.add_argument("names", nargs="+", metavar="姓名", help="候选人姓名，可写多个")
    candidates.add_argument("--date", default="", help="确定候选人的日期")

    attend = action("attend", "登记党员大会召开日期和有选举权党员的到会情况（未列出的算出席）", run_attend)
    attend.add_argument("--date", required=True, help="党员大会召开日期")
    attend.add_argument("--absent", action="append", default=[], metavar="姓名:原因",
                        help=f"缺席及原因（{'、'.join(labels.ABSENCE_REASONS.values())}），可多次使用")
    attend.add_argument("--excluded", action="append", default=[], metavar="姓名:情形",
                        help="经批准不计入应到人数的党员及情形，可多次使用")

    vote = action("vote", "登记一轮选举的选票和每名候选人的赞成票", run_vote)
    vote.add_argument("votes", nargs="+", metavar="姓名=赞成票", help="每名候选人的赞成票，写成 姓名=票数，可写多个")
    vote.add_argument("--issued", type=int, required=True, help="发出选票张数")
    vote.add_argument("--returned", type=int, required=True, help="收回选票张数")
    vote.add_argument("--invalid", type=int, default=0, help="无效票张数")
    action("undo-vote", "撤销最后一轮计票结果（录入错误时）", run_undo_vote)

    offices = action("offices", "登记支委会第一次会议选举的书记、副书记及其他委员分工", run_offices)
    offices.add_argument("--date", required=True, help="支委会召开日期")
    offices.add_argument("--secretary", required=True, metavar="姓名=赞成票", help="书记的选举结果，写成 姓名=赞成票")
    offices.add_argument("--deputy", action="append", default=[], metavar="姓名=赞成票", help="副书记的选举结果，写成 姓名=赞成票，可重复")
    offices.add_argument("--post", action="append", default=[], metavar="姓名=职务",
                         help="其他委员的分工，如 李四=组织委员")

    approve = action("approve", "登记上级党组织对选举结果的批复（此时本支部支委会和任期随之更新）", run_approve)
    approve.add_argument("--date", required=True, help="批复日期")
    approve.add_argument("--number", required=True, help="批复文号")
    approve.add_argument("--submitted", default="", help="选举结果报送上级的日期")

    paper = action("paper", "导出材料：请示（plan）、计票结果（tally）、选举结果请示（result）", run_paper)
    paper.add_argument("kind", choices=("plan", "tally", "result"), help="文书种类：plan 换届选举请示，tally 换届选举计票结果，result 换届选举结果报告")
    paper.add_argument("--out", help=OUT_HELP)
    action("delete", "删除尚未批复生效的换届选举记录", run_delete)


def _chosen(archive, args) -> int:
    if args.id is not None:
        archive.election.get(args.id)
        return args.id
    record = archive.election.open_one() or archive.election.last_done()
    if record is None:
        raise NotFound("换届选举记录", "还没有登记换届工作方案，可用 election plan 新建")
    return record.id


def _member(archive, name: str, what: str) -> int:
    member_id, _ = member_arg(archive, name, what, allow_other=False)
    return member_id


def _pairs(texts: list[str], what: str, sep: str = "=") -> list[tuple[str, str]]:
    found = []
    for text in texts:
        name, mark, value = text.replace("＝", "=").replace("：", ":").partition(sep)
        if not mark or not name.strip() or not value.strip():
            raise ValidationError("args", "pair", f"{what}{quoted(text)}应写成 姓名{sep}…。")
        found.append((name.strip(), value.strip()))
    return found


def _count(text: str, what: str) -> int:
    if not text.isdigit():
        raise ValidationError("args", "number", f"{what}{quoted(text)}应是票数（整数）。")
    return int(text)


def _as_dict(record) -> dict:
    return {
        "id": record.id, "title": record.title, "stage": record.stage, "stage_label": record.stage_label,
        "planned_on": record.planned_on.isoformat(), "places": record.places, "deputies": record.deputies,
        "plan_approved_on": record.plan_approved_on.isoformat() if record.plan_approved_on else None,
        "plan_approval_no": record.plan_approval_no, "candidates": [p.name for p in record.candidates],
        "held_on": record.held_on.isoformat() if record.held_on else None,
        "rounds": [{"kind": r.kind_label, "places": r.places, "due": r.due, "present": r.present, "issued": r.issued,
                    "returned": r.returned, "invalid": r.invalid, "votes": {v.name: v.yes for v in r.votes},
                    "void": r.outcome.void, "elected": [v.name for v in r.outcome.elected],
                    "explanation": r.outcome.explanation} for r in record.rounds],
        "elected": [p.name for p in record.elected],
        "offices": [{"post": labels.COMMITTEE_POSTS[o.post], "name": o.name, "votes": o.votes} for o in record.offices],
        "result_approved_on": record.result_approved_on.isoformat() if record.result_approved_on else None,
        "result_approval_no": record.result_approval_no,
    }


def run_list(args, ctx) -> int:
    with ctx.open_archive(read_only=True) as archive:
        records = archive.election.records()
    if args.json:
        ctx.out(json.dumps([_as_dict(r) for r in records], ensure_ascii=False, indent=2))
        return 0
    if not records:
        ctx.out("还没有换届选举记录。可用 branchdesk election plan 登记换届工作方案。")
    for r in records:
        ctx.out(f"[{r.id}] {r.title}　选举日期 {(r.held_on or r.planned_on):%Y-%m-%d}　应选委员 {r.places} 名　{r.stage_label}")
    return 0


def run_show(args, ctx) -> int:
    with ctx.open_archive(read_only=True) as archive:
        record = archive.election.get(_chosen(archive, args))
    data = _as_dict(record)
    if args.json:
        ctx.out(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    ctx.out(f"{record.title}（{record.stage_label}）")
    ctx.out(f"方案：{record.planned_on:%Y-%m-%d} 选举，应选委员 {record.places} 名，副书记 {record.deputies} 名；"
            f"批复：{data['plan_approved_on'] or '未批复'} {record.plan_approval_no}")
    ctx.out(f"候选人：{'、'.join(data['candidates']) or '未确定'}")
    for n, r in enumerate(record.rounds, start=1):
        votes = "　".join(f"{v.name} {v.yes}" for v in r.votes)
        ctx.out(f"第{n}轮（{r.kind_label}）：应到 {r.due} 实到 {r.present} 发出 {r.issued} 收回 {r.returned} "
                f"无效 {r.invalid}；{votes}")
        ctx.out(f"  {r.outcome.explanation}")
    if record.offices:
        ctx.out("分工：" + "；".join(f"{o['post']} {o['name']}" for o in data["offices"]))
    ctx.out(f"选举结果批复：{data['result_approved_on'] or '未批复'} {record.result_approval_no}")
    return 0


def run_plan(args, ctx) -> int:
    from ..election import PlanForm

    form = PlanForm(date_arg(args.date, "计划选举日期"), args.places, args.deputies, args.note,
                    date_arg(args.submitted, "方案报送日期"))
    with ctx.open_archive() as archive:
        election_id = archive.election.plan(form)
    ctx.out(f"已登记换届工作方案（编号 {election_id}）。下一步：election approve-plan --date 批复日期 --number 批复文号")
    return 0


def run_approve_plan(args, ctx) -> int:
    with ctx.open_archive() as archive:
        archive.election.approve_plan(_chosen(archive, args), date_arg(args.date, "批复日期"), args.number)
    ctx.out("已登记方案批复。下一步：election candidates 姓名 …（正式党员，差额不少于 20%）")
    return 0


def run_candidates(args, ctx) -> int:
    with ctx.open_archive() as archive:
        election_id = _chosen(archive, args)
        ids = [_member(archive, name, "候选人") for name in args.names]
        archive.election.set_candidates(election_id, ids, date_arg(args.date, "确定候选人日期"))
    ctx.out(f"已确定候选人 {len(ids)} 名。下一步：election attend --date 党员大会日期")
    return 0


def run_attend(args, ctx) -> int:
    from ..election import EXCLUSIONS, Mark

    with ctx.open_archive() as archive:
        election_id = _chosen(archive, args)
        marks = {e.member_id: Mark("present") for e in archive.election.electors(election_id)
                 if e.voting and e.member_id is not None}
        for name, reason in _pairs(args.absent, "缺席", ":"):
            key = labels.key_for(labels.ABSENCE_REASONS, reason)
            if key is None:
                raise ValidationError("absent", "reason", f"缺席原因{quoted(reason)}无效，可选：{'、'.join(labels.ABSENCE_REASONS.values())}。")
            marks[_member(archive, name, "缺席党员")] = Mark("absent", key)
        for name, case in _pairs(args.excluded, "不计入应到", ":"):
            key = next((k for k, v in EXCLUSIONS.items() if case in (k, v) or case in v), None)
            if key is None:
                raise ValidationError("excluded", "case", f"情形{quoted(case)}无效，可选：{'；'.join(EXCLUSIONS.values())}。")
            marks[_member(archive, name, "不计入应到的党员")] = Mark("not_counted", exclusion=key)
        archive.election.record_attendance(election_id, date_arg(args.date, "党员大会召开日期"), marks)
        round_ = archive.election.next_round(archive.election.get(election_id))
    ctx.out(f"已登记到会情况。下一步：election vote 姓名=赞成票 … --issued 发出 --returned 收回（{round_[1]} 个名额）")
    return 0


def run_vote(args, ctx) -> int:
    from ..election import RoundForm

    with ctx.open_archive() as archive:
        election_id = _chosen(archive, args)
        votes = {_member(archive, name, "候选人"): _count(yes, f"{name}的赞成票") for name, yes in _pairs(args.votes, "得票")}
        archive.election.record_round(election_id, RoundForm(args.issued, args.returned, votes, args.invalid, list(votes)))
        record = archive.election.get(election_id)
    ctx.out(record.rounds[-1].outcome.explanation)
    ctx.out(f"当前：{record.stage_label}")
    return 0


def run_undo_vote(args, ctx) -> int:
    with ctx.open_archive() as archive:
        archive.election.undo_round(_chosen(archive, args))
    ctx.out("已撤销最后一轮计票结果。")
    return 0


def run_offices(args, ctx) -> int:
    from ..election import OfficeForm

    with ctx.open_archive() as archive:
        election_id = _chosen(archive, args)
        (name, yes), = _pairs([args.secretary], "书记")
        deputies = {_member(archive, n, "副书记"): _count(v, f"{n}的赞成票") for n, v in _pairs(args.deputy, "副书记")}
        posts = {}
        for n, post in _pairs(args.post, "分工"):
            key = labels.key_for(labels.COMMITTEE_POSTS, post)
            if key is None:
                raise ValidationError("post", "choice", f"职务{quoted(post)}无效，可选：{'、'.join(labels.COMMITTEE_POSTS.values())}。")
            posts[_member(archive, n, "委员")] = key
        archive.election.record_offices(election_id, OfficeForm(
            date_arg(args.date, "支委会召开日期"), _member(archive, name, "书记"), _count(yes, f"{name}的赞成票"),
            deputies, posts))
    ctx.out("已登记书记、副书记及分工。下一步：election paper result 导出选举结果请示，批复后 election approve")
    return 0


def run_approve(args, ctx) -> int:
    with ctx.open_archive() as archive:
        archive.election.approve_result(_chosen(archive, args), date_arg(args.date, "批复日期"), args.number,
                                        date_arg(args.submitted, "报送日期"))
        own = archive.branch.own()
    ctx.out("已登记选举结果批复，新一届支委会生效：" + "；".join(
        f"{labels.COMMITTEE_POSTS[s.post]} {s.holder_name}" for s in own.committee))
    ctx.out(f"本届任期自 {own.term_started_on:%Y-%m-%d} 起，{own.term_due_on:%Y-%m-%d} 届满。")
    return 0


def run_paper(args, ctx) -> int:
    from ..election import exports

    with ctx.open_archive() as archive:
        election_id = _chosen(archive, args)
        path = out_path(archive, args.out, exports.paper_name(archive, election_id, args.kind), ".pdf")
        result = exports.paper_job(archive, election_id, args.kind, path)()
    report_paper(ctx, result, exports.STEMS[args.kind])
    return 0


def run_delete(args, ctx) -> int:
    with ctx.open_archive() as archive:
        election_id = _chosen(archive, args)
        title = archive.election.get(election_id).title
        archive.election.delete(election_id)
    ctx.out(f"已删除换届选举记录：{title}。")
    return 0

"""``masses …``: 群众工作 from the command line (docs/domain.md §14) — 联系户 and the
contact rule, 走访, and 民情诉求 from 受理 to 回访. A request is named by its ledger
number (2026-007); a household by its number (``masses households`` lists them).
Phones and circumstances are masked unless ``--full`` is given."""

from __future__ import annotations

import json

from .. import clock, labels
from ..masses.forms import HouseholdForm, RequestForm, VisitForm
from ..masses.rules import contact_period_label
from . import _masses_files, _masses_links
from ._common import choice_arg, date_arg, member_arg


def register(subparsers) -> None:
    masses = subparsers.add_parser("masses", help="群众工作：联系户与走访、民情诉求（受理、交办、办结、反馈、回访）")
    actions = masses.add_subparsers(dest="masses_action", metavar="操作", required=True)

    listing = actions.add_parser("households", help="列出联系户：类别、联系党员、最近走访、本期是否已走访")
    listing.add_argument("--member", default="", help="只列这名党员联系的")
    listing.add_argument("--all", action="store_true", help="包括已停止联系的")
    listing.add_argument("--full", action="store_true", help="显示完整电话和家庭情况（敏感）")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(handler=run_households)

    add = actions.add_parser("household-add", help="新增联系户（结对帮扶、联系户、困难群众）")
    add.add_argument("--name", required=True, help="户主或群众姓名")
    add.add_argument("--address", default="", help="村组或住址")
    add.add_argument("--phone", default="", help="联系电话")
    add.add_argument("--circumstances", default="", help="家庭情况")
    add.add_argument("--kind", default="联系户", help="联系户 / 结对帮扶 / 困难群众")
    add.add_argument("--member", required=True, help="联系党员")
    add.add_argument("--date", default="", help="列入联系的日期，默认今天")
    add.set_defaults(handler=run_household_add)

    end = actions.add_parser("household-end", help="停止联系（搬离、帮扶结束），历史记录保留")
    end.add_argument("household", type=int, help="联系户编号")
    end.add_argument("--date", default="", help="日期，写成 2026-06-30")
    end.set_defaults(handler=run_household_end)

    history = actions.add_parser("history", help="一户的情况一览：走访记录和诉求")
    history.add_argument("household", type=int, help="联系户编号")
    history.add_argument("--full", action="store_true", help="显示完整电话和家庭情况（敏感）")
    history.set_defaults(handler=run_history)

    visit = actions.add_parser("visit", help="登记走访；--take 把群众提出的诉求直接受理")
    visit.add_argument("household", type=int, help="联系户编号")
    visit.add_argument("--member", required=True, help="走访党员")
    visit.add_argument("--date", default="", help="走访日期，默认今天")
    visit.add_argument("--seen", default="", help="看到的情况")
    visit.add_argument("--asked", default="", help="群众提出的诉求")
    visit.add_argument("--take", action="store_true", help="把提出的诉求受理为民情诉求")
    visit.set_defaults(handler=run_visit)

    behind = actions.add_parser("behind", help="按党员列出联系户走访情况：本期已走访、待走访、逾期未走访")
    behind.add_argument("--json", action="store_true", help="以 JSON 输出")
    behind.set_defaults(handler=run_behind)

    rule = actions.add_parser("rule", help="查看或设置联系走访的频次（每月 / 每季度 / 每半年 / 每年）")
    rule.add_argument("period", nargs="?", default="", help="联系走访频次：每月、每季度、每半年、每年（不写时显示当前设置）")
    rule.set_defaults(handler=run_rule)

    requests = actions.add_parser("requests", help="民情台账：每件诉求的编号、渠道、状态、承办人、时限")
    requests.add_argument("--year", type=int, help="年度，默认今年")
    requests.add_argument("--state", default="", help="受理 / 交办 / 办理中 / 办结 / 已反馈 / 已回访")
    requests.add_argument("--overdue", action="store_true", help="只列逾期未办结的")
    requests.add_argument("--json", action="store_true", help="以 JSON 输出")
    requests.set_defaults(handler=run_requests)

    take = actions.add_parser("take", help="受理一件民情诉求")
    take.add_argument("--channel", required=True, help="走访 / 座谈会 / 意见箱 / 来访 / 电话 / 组织生活会")
    take.add_argument("--content", required=True, help="诉求内容")
    take.add_argument("--person", default="", help="提出人")
    take.add_argument("--household", type=int, help="提出人所在联系户的编号")
    take.add_argument("--date", default="", help="受理日期，默认今天")
    take.set_defaults(handler=run_take)

    assign = actions.add_parser("assign", help="交办：承办人和办理时限")
    assign.add_argument("request", help="诉求编号，如 2026-007")
    assign.add_argument("--owner", required=True, help="承办人")
    assign.add_argument("--deadline", required=True, help="完成时限，写成 2026-06-30")
    assign.add_argument("--date", default="", help="交办日期，默认今天")
    assign.set_defaults(handler=run_assign)

    progress = actions.add_parser("progress", help="登记办理情况（可附佐证文件）")
    progress.add_argument("request", help="诉求编号，如 2026-007（masses requests 可查）")
    progress.add_argument("--text", required=True, help="办理情况")
    progress.add_argument("--date", default="", help="日期，写成 2026-06-30")
    progress.add_argument("--evidence", default="", help="佐证文件（照片、扫描件）")
    progress.set_defaults(handler=run_progress)

    done = actions.add_parser("done", help="办结：办理结果")
    done.add_argument("request", help="诉求编号，如 2026-007（masses requests 可查）")
    done.add_argument("--note", required=True, help="办理结果")
    done.add_argument("--date", default="", help="日期，写成 2026-06-30")
    done.set_defaults(handler=run_done)

    feedback = actions.add_parser("feedback", help="向群众反馈办理结果")
    feedback.add_argument("request", help="诉求编号，如 2026-007（masses requests 可查）")
    feedback.add_argument("--how", required=True, help="当面 / 电话 / 书面 / 公开栏")
    feedback.add_argument("--note", default="", help="说明")
    feedback.add_argument("--date", default="", help="日期，写成 2026-06-30")
    feedback.set_defaults(handler=run_feedback)

    revisit = actions.add_parser("revisit", help="回访：群众的评价（满意 / 基本满意 / 不满意）")
    revisit.add_argument("request", help="诉求编号，如 2026-007（masses requests 可查）")
    revisit.add_argument("--satisfaction", required=True, help="群众的评价，如 满意、基本满意、不满意")
    revisit.add_argument("--note", default="", help="说明")
    revisit.add_argument("--date", default="", help="日期，写成 2026-06-30")
    revisit.set_defaults(handler=run_revisit)

    show = actions.add_parser("show", help="一件诉求的全部办理过程")
    show.add_argument("request", help="诉求编号，如 2026-007（masses requests 可查）")
    show.set_defaults(handler=run_show)

    tally = actions.add_parser("tally", help="年度统计：受理、应办结、办结率、逾期、回访满意率")
    tally.add_argument("--year", type=int, help="年度，如 2026")
    tally.add_argument("--json", action="store_true", help="以 JSON 输出")
    tally.set_defaults(handler=run_tally)

    _masses_links.register(actions)
    _masses_files.register(actions)


def run_households(args, ctx) -> int:
    with ctx.open_archive(read_only=True) as archive:
        member_id = member_arg(archive, args.member, "联系党员", allow_other=False)[0] if args.member else None
        found = archive.masses.households(archive.masses.household_ids(member_id, include_ended=args.all))
    if args.json:
        ctx.out(json.dumps([{"id": h.id, "name": h.name, "address": h.address, "phone": h.shown_phone(args.full),
                             "circumstances": h.shown_circumstances(args.full), "kind": h.kind_label,
                             "member": h.member_name, "listed_on": h.listed_on.isoformat(),
                             "last_visit": h.last_visit.isoformat() if h.last_visit else None,
                             "state": h.state_label} for h in found], ensure_ascii=False, indent=2))
        return 0
    if not found:
        ctx.out("还没有联系户。用 masses household-add 新增，或 masses import 从 Excel 导入。")
    for h in found:
        last = f"{h.last_visit:%Y-%m-%d}" if h.last_visit else "未走访"
        ctx.out(f"{h.id:>4}　{h.name}　{h.address}　{h.kind_label}　{h.member_name or '未分配'}　电话 {h.shown_phone(args.full) or '—'}"
                f"　最近走访 {last}　{h.state_label}")
        if args.full and h.circumstances:
            ctx.out(f"      家庭情况：{h.circumstances}")
    return 0


def run_household_add(args, ctx) -> int:
    kind = choice_arg(args.kind, labels.MASSES_KINDS, "类别")
    with ctx.open_archive() as archive:
        member_id, member = member_arg(archive, args.member, "联系党员", allow_other=False)
        household_id = archive.masses.add_household(HouseholdForm(
            args.name, args.address, args.phone, args.circumstances, kind, member_id, member,
            date_arg(args.date, "列入联系的日期")))
    ctx.out(f"已新增联系户（编号 {household_id}），联系党员 {member}。")
    return 0


def run_household_end(args, ctx) -> int:
    with ctx.open_archive() as archive:
        archive.masses.end_household(args.household, date_arg(args.date, "停止联系日期"))
    ctx.out(f"联系户 {args.household} 已停止联系，历史记录保留。")
    return 0


def run_history(args, ctx) -> int:
    with ctx.open_archive(read_only=True) as archive:
        household, visits, requests = archive.masses.history(args.household)
    h = household
    ctx.out(f"{h.name}　{h.address}　{h.kind_label}　联系党员 {h.member_name or '未分配'}　电话 {h.shown_phone(args.full) or '—'}"
            f"　列入 {h.listed_on:%Y-%m-%d}　{h.state_label}")
    if h.circumstances:
        ctx.out(f"家庭情况：{h.shown_circumstances(args.full)}")
    for v in visits:
        ctx.out(f"走访 {v.visited_on:%Y-%m-%d}（{v.member_name}）：{v.seen}" + (f"　诉求：{v.asked}" if v.asked else ""))
    for q in requests:
        ctx.out(f"诉求 {q.code}（{q.channel_label}，{q.state_label}）：{q.content}")
    if not visits and not requests:
        ctx.out("还没有走访记录和诉求。")
    return 0


def run_visit(args, ctx) -> int:
    with ctx.open_archive() as archive:
        member_id, member = member_arg(archive, args.member, "走访党员", allow_other=False)
        _, request_id = archive.masses.record_visit(VisitForm(
            args.household, member_id, member, date_arg(args.date, "走访日期", clock.today()), args.seen, args.asked),
            take_request=args.take)
        code = archive.masses.request(request_id).code if request_id else ""
    ctx.out("已登记走访。" + (f"诉求已受理，编号 {code}；下一步：masses assign {code} --owner 承办人 --deadline 时限" if code else ""))
    return 0


def run_behind(args, ctx) -> int:
    with ctx.open_archive(read_only=True) as archive:
        rows = archive.masses.member_contacts()
        period = contact_period_label(archive.masses.contact_period())
    if args.json:
        ctx.out(json.dumps([{"member": r.member_name, "households": r.households, "visited": r.visited, "due": r.due,
                             "behind": r.behind, "visits_this_year": r.visits_in_year} for r in rows],
                           ensure_ascii=False, indent=2))
        return 0
    ctx.out(f"联系走访频次：{period}")
    for r in rows:
        flag = f"　【逾期未走访 {r.behind} 户】" if r.behind else ""
        ctx.out(f"{r.member_name or '未分配'}：联系 {r.households} 户，本期已走访 {r.visited}，待走访 {r.due}，"
                f"今年走访 {r.visits_in_year} 次{flag}")
    if not rows:
        ctx.out("还没有联系户。")
    return 0


def run_rule(args, ctx) -> int:
    if args.period:
        period = choice_arg(args.period, labels.MASSES_CONTACT_PERIODS, "走访频次")
        with ctx.open_archive() as archive:
            archive.masses.set_contact_period(period)
        ctx.out(f"联系走访频次已设为{contact_period_label(period)}。")
        return 0
    with ctx.open_archive(read_only=True) as archive:
        ctx.out(f"联系走访频次：{contact_period_label(archive.masses.contact_period())}")
    return 0


def request_line(q, today) -> str:
    owner = f"　承办人 {q.owner_name}，时限 {q.deadline:%Y-%m-%d}" if q.owner_name else ""
    flag = f"【逾期 {(today - q.deadline).days} 天】" if q.is_overdue(today) else ""
    return f"{q.code}　{q.received_on:%Y-%m-%d}　{q.channel_label}　{q.state_label}{flag}{owner}　{q.content}"


def request_json(q) -> dict:
    def day(value):
        return value.isoformat() if value else None

    return {"code": q.code, "channel": q.channel_label, "received_on": day(q.received_on), "person": q.person_name,
            "content": q.content, "state": q.state_label, "owner": q.owner_name, "assigned_on": day(q.assigned_on),
            "deadline": day(q.deadline), "done_on": day(q.done_on), "done_note": q.done_note,
            "feedback_on": day(q.feedback_on), "feedback_how": q.feedback_how_label, "revisit_on": day(q.revisit_on),
            "satisfaction": q.satisfaction_label, "overdue": q.is_overdue(clock.today())}


def run_requests(args, ctx) -> int:
    state = choice_arg(args.state, labels.MASSES_STATES, "状态")
    year = args.year or clock.today().year
    with ctx.open_archive(read_only=True) as archive:
        found = archive.masses.requests(archive.masses.request_ids(
            year=None if args.overdue else year, state=state, overdue_only=args.overdue))
    if args.json:
        ctx.out(json.dumps([request_json(q) for q in found], ensure_ascii=False, indent=2))
        return 0
    if not found:
        ctx.out("没有逾期未办结的诉求。" if args.overdue else f"{year}年没有符合条件的民情诉求。")
    today = clock.today()
    for q in found:
        ctx.out(request_line(q, today))
    return 0


def run_take(args, ctx) -> int:
    channel = choice_arg(args.channel, labels.MASSES_CHANNELS, "渠道")
    with ctx.open_archive() as archive:
        request_id = archive.masses.take(RequestForm(channel, date_arg(args.date, "受理日期", clock.today()),
                                                     args.content, args.person, args.household))
        code = archive.masses.request(request_id).code
    ctx.out(f"已受理，编号 {code}。下一步：masses assign {code} --owner 承办人 --deadline 时限")
    return 0


def _step(args, ctx, step) -> str:
    with ctx.open_archive() as archive:
        request_id = archive.masses.find_request(args.request)
        step(archive, request_id)
        q = archive.masses.request(request_id)
    return f"{q.code}：{q.state_label}。"


def run_assign(args, ctx) -> int:
    def step(archive, request_id):
        member_id, owner = member_arg(archive, args.owner, "承办人", allow_other=False)
        archive.masses.assign(request_id, member_id, owner, date_arg(args.deadline, "办理时限"),
                              date_arg(args.date, "交办日期"))

    ctx.out("已交办。" + _step(args, ctx, step))
    return 0


def run_progress(args, ctx) -> int:
    ctx.out("已登记办理情况。" + _step(args, ctx, lambda archive, rid: archive.masses.add_progress(
        rid, args.text, date_arg(args.date, "办理日期"), args.evidence or None)))
    return 0


def run_done(args, ctx) -> int:
    ctx.out("已办结。" + _step(args, ctx, lambda archive, rid: archive.masses.complete(
        rid, args.note, date_arg(args.date, "办结日期"))))
    return 0


def run_feedback(args, ctx) -> int:
    how = choice_arg(args.how, labels.MASSES_FEEDBACK_WAYS, "反馈方式")
    ctx.out("已登记反馈。" + _step(args, ctx, lambda archive, rid: archive.masses.feed_back(
        rid, how, args.note, date_arg(args.date, "反馈日期"))))
    return 0


def run_revisit(args, ctx) -> int:
    verdict = choice_arg(args.satisfaction, labels.MASSES_SATISFACTION, "群众评价")
    ctx.out("已登记回访。" + _step(args, ctx, lambda archive, rid: archive.masses.revisit(
        rid, verdict, args.note, date_arg(args.date, "回访日期"))))
    return 0


def run_show(args, ctx) -> int:
    from ..masses.papers import step_lines

    with ctx.open_archive(read_only=True) as archive:
        q = archive.masses.request(archive.masses.find_request(args.request))
        lines = step_lines(archive, q)
    ctx.out(f"民情诉求 {q.code}（{q.state_label}）")
    for what, text in lines:
        ctx.out(f"{what}：{text}")
    return 0


def run_tally(args, ctx) -> int:
    year = args.year or clock.today().year
    with ctx.open_archive(read_only=True) as archive:
        t = archive.masses.tally(year)
    if args.json:
        ctx.out(json.dumps({"year": year, "received": t.received, "due": t.due, "done": t.done, "overdue": t.overdue,
                            "revisited": t.revisited, "satisfied": t.satisfied, "basic": t.basic,
                            "unsatisfied": t.unsatisfied, "completion_rate": t.completion_rate,
                            "satisfaction_rate": t.satisfaction_rate}, ensure_ascii=False, indent=2))
        return 0

    def rate(value):
        return "—" if value is None else f"{value:.0%}"

    ctx.out(f"{year}年：受理 {t.received} 件，应办结 {t.due} 件，已办结 {t.done} 件（办结率 {rate(t.completion_rate)}），"
            f"逾期未办结 {t.overdue} 件。")
    ctx.out(f"回访 {t.revisited} 件：满意 {t.satisfied}，基本满意 {t.basic}，不满意 {t.unsatisfied}"
            f"（满意率 {rate(t.satisfaction_rate)}）。")
    return 0

"""``committee``, ``groups`` and ``start``: the set-up the first-run wizard asks for, from
the command line — who holds which committee post (registering holders not yet on the
roster), the party groups, and from when the archive records (从何时开始记录)."""

from __future__ import annotations

from .. import labels
from ..errors import ValidationError
from ..text import quoted
from ._common import choice_arg, date_arg


def register(subparsers) -> None:
    committee = subparsers.add_parser("committee", help="支部委员会：查看、按职务登记支委")
    actions = committee.add_subparsers(dest="committee_action", metavar="操作", required=True)
    show = actions.add_parser("show", help="列出支委及职务")
    show.set_defaults(handler=run_committee_show)
    setter = actions.add_parser("set", help="重新登记全部支委，例如：committee set 书记=张三 组织委员=李四")
    setter.add_argument("seats", nargs="+", metavar="职务=姓名",
                        help=f"职务可选：{'、'.join(labels.COMMITTEE_POSTS.values())}")
    setter.add_argument("--new", action="append", default=[], metavar="姓名,公民身份号码,入党日期,转正日期",
                        help="尚未在名册中的支委：同时登记为正式党员（可多次使用）")
    setter.set_defaults(handler=run_committee_set)

    groups = subparsers.add_parser("groups", help="党小组：列出、新建、改名、删除")
    steps = groups.add_subparsers(dest="groups_action", metavar="操作", required=True)
    steps.add_parser("list", help="列出党小组").set_defaults(handler=run_groups)
    add = steps.add_parser("add", help="新建党小组（可一次写多个名称）")
    add.add_argument("names", nargs="+", metavar="名称", help="党小组名称，可写多个")
    add.add_argument("--leader", default="", help="组长姓名（须在名册中；只建一个小组时可用）")
    add.set_defaults(handler=run_groups)
    rename = steps.add_parser("rename", help="党小组改名")
    rename.add_argument("name", metavar="原名称", help="党小组名称")
    rename.add_argument("new_name", metavar="新名称", help="党小组的新名称")
    rename.set_defaults(handler=run_groups)
    delete = steps.add_parser("delete", help="删除没有党员和会议记录的党小组")
    delete.add_argument("name", metavar="名称", help="党小组名称")
    delete.set_defaults(handler=run_groups)

    start = subparsers.add_parser("start", help="从何时开始记录：查看或修改（此前各月不计入三会一课缺失）")
    start.add_argument("month", nargs="?", default="", metavar="YYYY-MM", help="例如 2026-12；不写则只显示")
    start.set_defaults(handler=run_start)


def run_committee_show(args, ctx) -> int:
    with ctx.open_archive(read_only=True) as archive:
        seats = archive.branch.own().committee
        if not seats:
            ctx.out("尚未登记支委。可用 branchdesk committee set 书记=姓名 … 登记。")
        for seat in seats:
            ctx.out(f"{labels.COMMITTEE_POSTS[seat.post]}\t{seat.holder_name}")
    return 0


def run_committee_set(args, ctx) -> int:
    from ..setup.committee import CommitteeEntry, set_committee

    facts = {}
    for text in args.new:
        parts = [p.strip() for p in text.replace("，", ",").split(",")]
        if len(parts) != 4:
            raise ValidationError("new", "format", f"--new{quoted(text)}应写成“姓名,公民身份号码,入党日期,转正日期”四项。")
        facts[parts[0]] = (parts[1], date_arg(parts[2], "入党日期"), date_arg(parts[3], "转正日期"))
    entries = []
    for text in args.seats:
        post_text, _, name = text.partition("=")
        if not name.strip():
            raise ValidationError("seat", "format", f"{quoted(text)}应写成“职务=姓名”，例如 书记=张三。")
        post = choice_arg(post_text.strip(), labels.COMMITTEE_POSTS, "职务")
        number, joined, full = facts.get(name.strip(), ("", None, None))
        entries.append(CommitteeEntry(post, name.strip(), number, joined, full))
    unused = set(facts) - {e.name for e in entries}
    if unused:
        raise ValidationError("new", "unused", f"--new 中的{'、'.join(sorted(unused))}没有担任任何职务，请核对姓名。")
    with ctx.open_archive() as archive:
        ctx.out(set_committee(archive, entries).summary())
    return 0


def run_groups(args, ctx) -> int:
    from ..errors import NotFound
    from ._common import member_arg

    action = args.groups_action
    with ctx.open_archive(read_only=action == "list") as archive:
        groups = archive.groups
        if action == "add":
            if args.leader and len(args.names) > 1:
                raise ValidationError("leader", "many", "--leader 只能在新建一个党小组时使用。")
            leader, _ = member_arg(archive, args.leader, "组长", allow_other=False)
            for name in args.names:
                groups.save(name, leader_id=leader)
            ctx.out(f"已新建党小组：{'、'.join(args.names)}。")
        elif action in ("rename", "delete"):
            group_id = groups.id_by_name(args.name)
            if group_id is None:
                raise NotFound("党小组", args.name)
            if action == "rename":
                leader = next(g.leader_id for g in groups.list() if g.id == group_id)
                groups.save(args.new_name, leader_id=leader, group_id=group_id)
                ctx.out(f"党小组「{args.name}」已改名为「{args.new_name}」。")
            else:
                groups.delete(group_id)
                ctx.out(f"已删除党小组「{args.name}」。")
        listed = groups.list()
        if action == "list" and not listed:
            ctx.out("尚未建立党小组。可用 branchdesk groups add 第一党小组 … 新建。")
        if action == "list":
            for group in listed:
                leader = f"\t组长 {group.leader_name}" if group.leader_name else ""
                ctx.out(f"{group.name}\t{group.member_count} 人{leader}")
    return 0


def run_start(args, ctx) -> int:
    from ..setup.start import month_label, parse_start, record_start, set_record_start

    with ctx.open_archive(read_only=not args.month) as archive:
        if args.month:
            set_record_start(archive, parse_start(args.month))
        ctx.out(f"本档案从{month_label(record_start(archive))}开始记录；此前各月不计入三会一课缺失。")
    return 0

"""``masses opinions / from-opinion / from-forum / rectify / bundle-people``: where requests
come from and go, and what goes upward (docs/domain.md §14.3, §14.6)."""

from __future__ import annotations

from .. import labels
from ._common import date_arg


def register(actions) -> None:
    opinions = actions.add_parser("opinions", help="组织生活会征求的意见，及已转为的诉求")
    opinions.add_argument("--year", type=int, help="年度，如 2026")
    opinions.set_defaults(handler=run_opinions)

    from_opinion = actions.add_parser("from-opinion", help="把一条组织生活会意见转为民情诉求")
    from_opinion.add_argument("opinion", help="意见编号（masses opinions 列出的前 8 位即可）")
    from_opinion.set_defaults(handler=run_from_opinion)

    forum = actions.add_parser("from-forum", help="从座谈会登记诉求（关联该座谈会）")
    forum.add_argument("meeting", type=int, help="座谈会的会议编号")
    forum.add_argument("--content", required=True, help="群众在议事会上提出的意见或诉求")
    forum.add_argument("--person", default="", help="提出人")
    forum.set_defaults(handler=run_from_forum)

    rectify = actions.add_parser("rectify", help="把诉求列入整改台账")
    rectify.add_argument("request", help="诉求编号，如 2026-007（masses requests 可查）")
    rectify.add_argument("--measure", required=True, help="整改措施")
    rectify.add_argument("--deadline", default="", help="整改时限，默认诉求的办理时限")
    rectify.set_defaults(handler=run_rectify)

    people = actions.add_parser("bundle-people", help="数据包是否带上群众姓名、电话和诉求内容（默认不带，只带数量和状态）")
    people.add_argument("choice", nargs="?", default="", help="带 / 不带")
    people.set_defaults(handler=run_bundle_people)



def run_opinions(args, ctx) -> int:
    with ctx.open_archive(read_only=True) as archive:
        found = archive.masses.opinions(args.year)
    if not found:
        ctx.out("组织生活会还没有登记征求的意见。")
    for o in found:
        link = f"已转为诉求 {o.request_code}" if o.request_id else "未转为诉求"
        ctx.out(f"{o.uid[:8]}　{o.year}年　{o.received_on:%Y-%m-%d}　{labels.label(labels.OPINION_SOURCES, o.source)}"
                f"　{link}　{o.content}")
    return 0


def run_from_opinion(args, ctx) -> int:
    from ..errors import ValidationError

    with ctx.open_archive() as archive:
        matches = [o.uid for o in archive.masses.opinions() if o.uid.startswith(args.opinion.strip())]
        if len(matches) != 1:
            raise ValidationError("opinion", "code", f"意见编号“{args.opinion[:20]}”对应 {len(matches)} 条意见，"
                                  "请写出 masses opinions 列出的编号。")
        code = archive.masses.request(archive.masses.take_opinion(matches[0])).code
    ctx.out(f"已转为民情诉求，编号 {code}。")
    return 0


def run_from_forum(args, ctx) -> int:
    with ctx.open_archive() as archive:
        code = archive.masses.request(archive.masses.take_from_forum(args.meeting, args.content, args.person)).code
    ctx.out(f"已从座谈会登记诉求，编号 {code}。")
    return 0


def run_rectify(args, ctx) -> int:
    with ctx.open_archive() as archive:
        request_id = archive.masses.find_request(args.request)
        item_id = archive.masses.to_rectification(request_id, args.measure, date_arg(args.deadline, "整改时限"))
        code = archive.masses.rectification_code(item_id)
    ctx.out(f"已列入整改台账，整改事项编号 {code}。")
    return 0


def run_bundle_people(args, ctx) -> int:
    from ..errors import ValidationError

    if not args.choice:
        with ctx.open_archive(read_only=True) as archive:
            ctx.out("数据包带上群众姓名、电话和诉求内容。" if archive.masses.bundle_people()
                    else "数据包只带群众工作的数量和状态，不带群众姓名、电话和诉求内容（默认）。")
        return 0
    choice = {"带": True, "不带": False}.get(args.choice.strip())
    if choice is None:
        raise ValidationError("choice", "choice", "请写「带」或「不带」。")
    with ctx.open_archive() as archive:
        archive.masses.set_bundle_people(choice)
    ctx.out("已设置：数据包" + ("带上群众姓名、电话和诉求内容。" if choice else "只带数量和状态。"))
    return 0

"""``init`` and ``demo``: creating an archive. (``check``, ``backup``, ``restore`` and
``audit`` are in ``commands/safety.py``.)"""

from __future__ import annotations

from .. import clock, labels
from ..dates import parse_date
from ..errors import ValidationError
from ..text import quoted


def register(subparsers) -> None:
    init = subparsers.add_parser("init", help="新建档案库并登记本支部（--upper：新建上级汇总档案库）")
    init.add_argument("--name", required=True, help="支部名称，例如 前进村党支部；上级汇总时为上级党组织名称")
    init.add_argument("--kind", default="village", choices=sorted(labels.BRANCH_KINDS), help="支部类型")
    init.add_argument("--code", default="", help="组织代码")
    init.add_argument("--higher-org", default="", help="上级党组织名称")
    init.add_argument("--term-start", default="", help="本届支委任期开始日期 YYYY-MM-DD")
    init.add_argument("--start", default="", metavar="YYYY-MM",
                      help="从何时开始记录（默认本月）：此前各月不计入三会一课缺失")
    init.add_argument("--mode", default="branch", choices=["branch", "upper"], help="branch 支部；upper 上级汇总")
    init.add_argument("--upper", action="store_const", const="upper", dest="mode",
                      help="新建上级汇总档案库（同 --mode upper），登记各支部公钥并导入数据包")
    init.set_defaults(handler=run_init)

    demo = subparsers.add_parser("demo", help="在空档案库中生成演示支部（约 30 名党员）")
    demo.set_defaults(handler=run_demo)


def run_init(args, ctx) -> int:
    from ..branch import BranchInfo

    try:
        term_start = parse_date(args.term_start)
    except ValueError:
        raise ValidationError("term_start", "date", f"任期开始日期{quoted(args.term_start)}无法识别，请写成 2024-01-10。") from None
    from ..setup.start import check_start, month_start, parse_start, set_record_start

    start = check_start(parse_start(args.start) if args.start else month_start(clock.today()))
    with ctx.open_archive(require_branch=False) as archive:
        if archive.is_initialised():
            held = archive.upper.organisation()["name"] if archive.mode == "upper" else archive.branch.own().name
            ctx.out(f"档案库 {archive.location} 已经建立（{held}），未做改动。")
            return 0
        if args.mode == "upper":
            created = archive.upper.create(args.name, args.code)
            ctx.out(f"已建立上级汇总档案库「{created['name']}」：{archive.location}")
            return 0
        with archive.db.atomic():
            archive.branch.save_own(
                BranchInfo(name=args.name, kind=args.kind, code=args.code, higher_org=args.higher_org,
                           term_started_on=term_start)
            )
            set_record_start(archive, start)
            archive.settings.set("archive_mode", args.mode)
        ctx.out(f"已建立档案库：{archive.location}（从{start.year}年{start.month}月开始记录）")
        if args.mode == "branch":
            # The key that will sign this branch's bundles; its fingerprint goes to the upper level on paper.
            ctx.out(f"本支部签名密钥指纹：{archive.branch_key.ensure().fingerprint}")
    return 0


def run_demo(args, ctx) -> int:
    from ..demo import build_demo

    with ctx.open_archive(require_branch=False) as archive:
        build_demo(archive)
        archive.branch_key.ensure()
        ctx.out(f"已生成演示支部「{archive.branch.own().name}」，党员 {archive.members.count()} 名：{archive.location}")
    return 0


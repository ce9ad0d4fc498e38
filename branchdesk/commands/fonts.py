"""``fonts``: which font prints each role of the papers on this PC (宋体, 仿宋, 楷体, 黑体,
小标宋), found as papers/fonts.py finds them, and which are stand-ins; for a technician
checking a PC before papers go upward."""

from __future__ import annotations


def register(subparsers) -> None:
    fonts = subparsers.add_parser("fonts", help="查看本机导出材料时各种字体（宋体、仿宋、楷体、黑体、小标宋）用哪个字体印出")
    fonts.set_defaults(handler=run_fonts)


def run_fonts(args, ctx) -> int:
    from ..papers import default_library, stand_in_message
    from ..papers.fonts import ROLE_LABELS, ROLES

    library = default_library()
    ctx.out("导出材料时各种字体在本机用：")
    for role in ROLES:
        chosen = library.role(role)
        drawn = ("加粗的" if chosen.faux_bold else "") + chosen.face.label
        note = "（代用）" if chosen.substitute else ""
        ctx.out(f"  {ROLE_LABELS[role]}：{drawn}{note}，文件 {chosen.face.path}")
    message = stand_in_message(library.stand_ins(ROLES))
    if message:
        ctx.out(f"字体说明：{message}")
    return 0

"""``export year YEAR --out F.pdf``: the yearly archive (added to the one ``export`` parser).

Like ``export life-meeting --paper record``, it holds the criticism and self-examination
texts: with an app password set it asks for it first, as the window does."""

from __future__ import annotations

import sys

from .. import export_names
from ..yearbook.retention import RETENTION_CHOICES
from . import _app_password
from ._common import OUT_HELP, out_path, report_fonts

SENSITIVE = "注意：年度档案收录批评与自我批评、对照检查等敏感内容，请妥善保管，不要放在公共电脑或网盘上。"


def add_kinds(kinds) -> None:
    year = kinds.add_parser("year", help="年度档案：封面、目录、书签、全年各类记录和附件清单（含敏感内容）")
    year.add_argument("year", type=int, help="年度，如 2025")
    year.add_argument("--out", help=OUT_HELP)
    year.add_argument("--retention", choices=RETENTION_CHOICES, help="保管期限（默认：档案库的设置，未设置为永久；年度内有保管期限更长的记录时，按最长的填写）")
    year.add_argument("--quiet", action="store_true", help="不在屏幕上显示进度")
    _app_password.add_option(year)
    year.set_defaults(handler=run_year)


class _StderrProgress:
    """A line on stderr when the work moves on to a new step, and every 50 pages."""

    def __init__(self):
        self._step = ""

    def __call__(self, done: int, total: int, text: str) -> None:
        step = text.split("：")[0]
        if step != self._step or (step.startswith("正在排版") and done % 50 == 0):
            self._step = step
            print(text, file=sys.stderr, flush=True)


def run_year(args, ctx) -> int:
    from ..yearbook import branch_key_fingerprint, grouped, write_year_archive

    with ctx.open_archive(read_only=True) as archive:
        _app_password.require(archive, args, "导出年度档案")
        result = write_year_archive(
            archive, args.year, out_path(archive, args.out, export_names.yearbook(args.year), ".pdf"), progress=None if args.quiet else _StderrProgress(),
            retention=args.retention, key_fingerprint=branch_key_fingerprint(archive),
        )
        seals = archive.check_seals()
    records = sum(s.count for s in result.sections if s.unit == "份")
    ctx.out(f"已导出 {args.year} 年度档案：{result.path}（{result.pages} 页，记录 {records} 份，附件 {result.attachments} 件）")
    for section in result.sections:
        ctx.out(f"  {section.title}：{section.count} {section.unit}")
    if result.retention_note:
        ctx.out(f"说明：{result.retention_note}")
    ctx.out(f"档案指纹：{grouped(result.fingerprint, per_line=16)}")
    ctx.out(f"文件 SHA-256：{result.sha256}")
    report_fonts(ctx, result)
    if not seals.ok:  # the PDF marks each of them too; the archive must not go upward as it is
        for line in seals.lines():
            print("注意：" + line.strip(), file=sys.stderr)
    print(SENSITIVE, file=sys.stderr)
    return 0

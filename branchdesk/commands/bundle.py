"""``bundle key``, ``bundle export-key``, ``bundle export``, ``bundle verify`` and
``bundle list``: the branch's signed bundles from the command line. Exit codes: 0 ok,
1 a problem or a refused bundle (Chinese message on stderr), 2 usage."""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import BranchDeskError, ValidationError
from . import _app_password
from ._app_password import read_password_file as _password


def register(subparsers) -> None:
    bundle = subparsers.add_parser("bundle", help="数据包：本支部密钥、导出、核验")
    actions = bundle.add_subparsers(dest="bundle_action", metavar="操作", required=True)

    key = actions.add_parser("key", help="显示本支部签名密钥的指纹（没有则生成）")
    key.add_argument("--json", action="store_true", help="以 JSON 输出")
    key.set_defaults(handler=run_key)

    card = actions.add_parser("export-key", help="导出公钥卡（交上级登记）")
    card.add_argument("--out", required=True, metavar="FILE", help="公钥卡文件，或一个文件夹")
    card.set_defaults(handler=run_export_key)

    export = actions.add_parser("export", help="导出数据包到文件夹或 U 盘（写入后读回校验）")
    export.add_argument("--out", required=True, metavar="DIR", help="目标文件夹，如 U 盘")
    chosen = export.add_mutually_exclusive_group()
    chosen.add_argument("--years", type=_year_list, metavar="年份",
                        help="只含这些年份，如 2025 或 2024,2025 或 2021-2025；默认只含上次上报后有改动的年份")
    chosen.add_argument("--year", type=int, action="append", metavar="Y", help="只含这一年（可重复），同 --years")
    chosen.add_argument("--all-years", action="store_true", help="含全部年份")
    export.add_argument("--password-file", metavar="F", help="含密码的文本文件（第一行）；给出则加密数据包")
    _app_password.add_option(export, "--app-password-file")
    export.set_defaults(handler=run_export)

    verify = actions.add_parser("verify", help="核验数据包（签名、每个文件的校验值、记录条数），不做任何改动")
    verify.add_argument("file", help="数据包 .bdx")
    verify.add_argument("--json", action="store_true", help="以 JSON 输出")
    verify.add_argument("--password-file", metavar="F", help="含密码的文本文件（第一行）")
    verify.add_argument("--key", metavar="CARD", help="用这张公钥卡核验（默认用本档案库自己的密钥）")
    verify.set_defaults(handler=run_verify)

    from .upper import add_import_arguments

    add_import_arguments(actions.add_parser("import", help="上级汇总：校验并导入数据包（同 upper import）"))

    listing = actions.add_parser("list", help="本档案库导出过的数据包")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(handler=run_list)


def run_key(args, ctx) -> int:
    with ctx.open_archive() as archive:
        identity = archive.branch_key.identity_or_none()
        if identity is None:
            identity = archive.branch_key.ensure()
        branch = archive.branch.own()
    if args.json:
        ctx.out(json.dumps({"branch_uid": identity.branch_uid, "fingerprint": identity.fingerprint,
                            "branch_name": branch.name, "created_at": identity.created_at}, ensure_ascii=False))
        return 0
    ctx.out(f"支部：{branch.name}")
    ctx.out(f"支部编号：{identity.branch_uid}")
    ctx.out(f"签名密钥指纹：{identity.fingerprint}")
    ctx.out(f"生成时间：{identity.created_at}")
    ctx.out("请把指纹抄在纸上（或打印）交给上级，上级登记公钥卡时逐组核对。")
    return 0


def run_export_key(args, ctx) -> int:
    with ctx.open_archive() as archive:
        path = archive.branch_key.export_public_key(args.out)
        fingerprint = archive.branch_key.identity().fingerprint
    ctx.out(f"公钥卡已写到：{path}")
    ctx.out(f"指纹：{fingerprint}（上级登记时请当面或电话核对）")
    return 0


def run_export(args, ctx) -> int:
    from ..bundle.writer import write_bundle

    password = _password(args.password_file)
    with ctx.open_archive() as archive:
        # The branch key that signs it is sealed under the app password (if one is set).
        _app_password.require(archive, args, "导出上报数据包")
        years = args.years or args.year
        if not years and not args.all_years:
            years = _changed_years(ctx, archive)
        written = write_bundle(archive, args.out, years=years, password=password, progress=_StderrProgress())
    ctx.out(f"数据包已写好并读回校验：{written.path}")
    ctx.out(f"第 {written.sequence} 号，年份 {_years(written.years)}，{written.size / 1024:.0f} KB"
            + ("，已加密" if written.encrypted else ""))
    ctx.out(f"文件 SHA-256：{written.sha256}")
    for warning in written.warnings:
        print(f"注意：{warning}", file=sys.stderr)
    return 0


def _changed_years(ctx, archive) -> list[int] | None:
    """The default: the years changed since the last bundle (every year for the first),
    said on stderr with why; refuses when nothing changed (docs/domain.md §6.3.1)."""
    from ..bundle.changes import year_changes

    changes = year_changes(archive)
    print(f"年份：{changes.why()}", file=sys.stderr)
    years = changes.default_years()
    if years == []:
        raise ValidationError("years", "unchanged", f"自第 {changes.last_sequence} 号数据包以来没有任何改动，没有生成数据包。"
                              "如需重报，请用 --years 指定年份，或用 --all-years 含全部年份。")
    return years


def _year_list(text: str) -> list[int]:
    """「2025」「2024,2025」「2021-2025」 (full-width commas and dashes too)."""
    years: set[int] = set()
    for part in text.replace("，", ",").replace("、", ",").replace("–", "-").replace("—", "-").split(","):
        part = part.strip()
        low, _, high = part.partition("-")
        if not low.strip().isdigit() or (high and not high.strip().isdigit()):
            raise argparse.ArgumentTypeError(f"年份「{part}」不对，请写如 2025、2024,2025 或 2021-2025")
        first, last = int(low), int(high or low)
        if last < first or last - first > 200:
            raise argparse.ArgumentTypeError(f"年份范围「{part}」不对，请写如 2021-2025")
        years.update(range(first, last + 1))
    return sorted(years)


def run_verify(args, ctx) -> int:
    from ..bundle.errors import BundleRefused
    from ..bundle.reader import verify_bundle

    password = _password(args.password_file)
    try:
        upper_verify = None if args.key else _upper_verifier(ctx)
        if upper_verify is not None:
            verified = upper_verify(args.file, password)
        else:
            known_key, expected_uid = _key_to_check_with(args, ctx)
            verified = verify_bundle(args.file, password=password, known_key=known_key, expected_uid=expected_uid)
    except BundleRefused as refused:
        if args.json:
            ctx.out(json.dumps({"ok": False, "code": refused.code, "message": refused.message()}, ensure_ascii=False))
        print(f"错误：{refused.message()}", file=sys.stderr)
        return 1
    manifest = verified.manifest
    if args.json:
        ctx.out(json.dumps({
            "ok": True, "code": None, "branch_uid": verified.branch_uid, "branch_name": verified.branch_name,
            "sequence": verified.sequence, "previous_hash": verified.previous_hash,
            "bundle_hash": verified.bundle_hash, "years": verified.years, "created_at": manifest.get("created_at"),
            "record_counts": manifest["record_counts"], "files": len(manifest["files"]),
            "encrypted": verified.encrypted, "key_fingerprint": verified.key_fingerprint,
            "audit_head_hash": manifest.get("audit_head_hash"), "warnings": verified.warnings,
        }, ensure_ascii=False, indent=2))
        return 0
    records = sum(manifest["record_counts"].values())
    ctx.out(f"数据包核验通过：「{verified.branch_name}」第 {verified.sequence} 号，年份 {_years(verified.years)}")
    ctx.out(f"制作时间 {manifest.get('created_at')}，记录 {records} 条，文件 {len(manifest['files'])} 个"
            + ("，已加密" if verified.encrypted else ""))
    ctx.out(f"签名密钥指纹：{verified.key_fingerprint}")
    ctx.out(f"数据包校验值：{verified.bundle_hash}")
    for warning in verified.warnings:
        print(f"注意：{warning}", file=sys.stderr)
    return 0


def _key_to_check_with(args, ctx):
    """(known_key, expected uid): the card's key, or this branch archive's own key."""
    if args.key:
        from ..bundle.keys import read_public_key_file

        card = read_public_key_file(args.key)
        return (lambda uid: card.public_key if uid == card.branch_uid else None), card.branch_uid
    with ctx.open_archive(read_only=True) as archive:
        identity = archive.branch_key.identity_or_none()
    if identity is None:
        raise BranchDeskError("本档案库还没有签名密钥，无法核验。请用 --key 指定支部的公钥卡。")
    return (lambda uid: identity.public_key if uid == identity.branch_uid else None), identity.branch_uid


def _upper_verifier(ctx):
    """On an upper-level archive: a check against the enrolled keys and the bundles
    imported (``branchdesk.upper.importer.verify``); None on a branch archive."""
    with ctx.open_archive(read_only=True) as archive:
        if archive.settings.get("archive_mode") != "upper":
            return None
    from ..upper.importer import verify

    def check(path, password):
        with ctx.open_archive(read_only=True) as archive:
            return verify(archive, path, password)

    return check


def run_list(args, ctx) -> int:
    from ..bundle.ledger import exports

    with ctx.open_archive(read_only=True) as archive:
        rows = exports(archive.db)
    if args.json:
        ctx.out(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        ctx.out("还没有导出过数据包。运行 branchdesk bundle export --out 文件夹 导出。")
        return 0
    for r in rows:
        years = str(r.year_from) if r.year_from == r.year_to else f"{r.year_from}–{r.year_to}"
        ctx.out(f"第 {r.sequence:>3} 号  {r.created_at}  {years:<9}  {'加密' if r.encrypted else '    '}  "
                f"{r.file_name}  {r.manifest_sha256[:16]}…")
    return 0


def _years(years: list[int]) -> str:
    return "、".join(str(y) for y in years)


class _StderrProgress:
    """One line per phase and per tenth of it, on stderr (stdout keeps the result)."""

    def __init__(self):
        self._last: tuple[str, int] | None = None

    def __call__(self, done: int, total: int, text: str) -> None:
        tenth = done * 10 // total if total else 0
        if (text, tenth) == self._last:
            return
        self._last = (text, tenth)
        print(f"{text} {tenth * 10}%" if total else text, file=sys.stderr, flush=True)

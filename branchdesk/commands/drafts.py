"""``drafts list``, ``drafts show`` and ``drafts discard``: the power-cut drafts the window
left in the archive's ``drafts/`` folder (branchdesk/drafts). The window offers them at
its next start; here they can be read or removed without it. Restoring one needs its
editor, so that is only in the window. Exit codes: 0 ok, 1 a problem, 2 usage."""

from __future__ import annotations

import json

from ..errors import BranchDeskError


def register(subparsers) -> None:
    drafts = subparsers.add_parser("drafts", help="未保存内容的草稿（停电后留下的）：列出、查看、丢弃")
    actions = drafts.add_subparsers(dest="drafts_action", metavar="操作", required=True)
    listing = actions.add_parser("list", help="列出草稿，最早的在前")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(handler=run_list)
    show = actions.add_parser("show", help="显示一份草稿里的文字")
    show.add_argument("key", help="草稿名，见 drafts list，如 meeting-12")
    show.set_defaults(handler=run_show)
    discard = actions.add_parser("discard", help="丢弃草稿（不可恢复）")
    which = discard.add_mutually_exclusive_group(required=True)
    which.add_argument("key", nargs="?", help="草稿名，见 drafts list")
    which.add_argument("--all", action="store_true", help="丢弃全部草稿")
    discard.set_defaults(handler=run_discard)


def _store(ctx):
    # Files beside the database, not in it: no need to open (or lock) the archive.
    from .. import paths
    from ..drafts import DraftStore

    ctx.log_here()
    return DraftStore(paths.ArchiveLayout(paths.data_dir(ctx.data_dir)).drafts)


def _one(store, key: str):
    draft = store.get(key)
    if draft is None:
        raise BranchDeskError(f"没有名为“{key}”的草稿。用 branchdesk drafts list 查看现有草稿。")
    return draft


def run_list(args, ctx) -> int:
    drafts = _store(ctx).all()
    if args.json:
        ctx.out(json.dumps([{"key": d.key, "title": d.title, "saved_at": d.saved_at.isoformat()} for d in drafts],
                           ensure_ascii=False, indent=2))
        return 0
    if not drafts:
        ctx.out("没有草稿：所有编辑都已保存或放弃。")
        return 0
    for draft in drafts:
        ctx.out(f"{draft.key}\t{draft.saved_at:%Y-%m-%d %H:%M}\t{draft.title}")
    ctx.out(f"共 {len(drafts)} 份草稿。下次打开窗口时会询问是否恢复。")
    return 0


def run_show(args, ctx) -> int:
    draft = _one(_store(ctx), args.key)
    ctx.out(f"{draft.title}（保存于 {draft.saved_at:%Y-%m-%d %H:%M}）")
    ctx.out()
    ctx.out("\n\n".join(draft.texts()))
    return 0


def run_discard(args, ctx) -> int:
    store = _store(ctx)
    drafts = store.all() if args.all else [_one(store, args.key)]
    for draft in drafts:
        store.forget(draft.key)
    ctx.out(f"已丢弃 {len(drafts)} 份草稿。")
    return 0

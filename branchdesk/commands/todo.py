"""``todo``: the to-do list of 首页 (branchdesk/todo.py), most urgent first."""

from __future__ import annotations

import json


def register(subparsers) -> None:
    todo = subparsers.add_parser("todo", help="待办事项：逾期会议、转正、目标管理检查、整改事项、备份等，最急的在前")
    todo.add_argument("--json", action="store_true", help="以 JSON 输出")
    todo.set_defaults(handler=run_todo)


def run_todo(args, ctx) -> int:
    from ..todo import OVERDUE, kind_label, todo_list

    with ctx.open_archive() as archive:
        items = todo_list(archive)
    if args.json:
        ctx.out(json.dumps([item.as_dict() for item in items], ensure_ascii=False, indent=2))
        return 0
    if not items:
        ctx.out("目前没有待办事项。")
        return 0
    overdue = sum(1 for item in items if item.urgency == OVERDUE)
    ctx.out(f"待办事项 {len(items)} 项，其中逾期或需立即处理 {overdue} 项：")
    for number, item in enumerate(items, start=1):
        ctx.out(f"{number}. 【{kind_label(item.kind)}】{item.sentence}")
    return 0

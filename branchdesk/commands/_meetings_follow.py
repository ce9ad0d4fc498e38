"""``meetings tasks`` / ``task-done`` (the 落实事项 a meeting decided), ``meetings search``,
``meetings frequency`` and the top-level ``compliance`` (the year's 三会一课 落实情况);
registered by ``commands/meetings.py``."""

from __future__ import annotations

import json

from .. import clock, labels
from ..errors import ValidationError
from ..text import quoted


def register_actions(actions, subparsers, read_date, read_kind) -> None:
    """``read_date(text, what, default)`` and ``read_kind(text)`` read those arguments as meetings.py does."""
    tasks = actions.add_parser("tasks", help="落实事项（默认只列未完成的）")
    tasks.add_argument("--all", action="store_true", help="包括已完成的")
    tasks.set_defaults(handler=run_tasks)
    done = actions.add_parser("task-done", help="登记落实事项完成")
    done.add_argument("uid", help="事项编号（tasks 列出的前几位即可）")
    done.add_argument("--date", default="", help="完成日期，默认今天；写 none 表示改回未完成")
    done.add_argument("--note", default="", help="落实情况说明")
    done.set_defaults(handler=lambda args, ctx: run_task_done(args, ctx, read_date))

    search = actions.add_parser("search", help="在会议名称、议题、会议内容、发言和决议中查找")
    search.add_argument("text", help="要查找的文字（会议主题、议题、内容）")
    search.set_defaults(handler=run_search)

    frequency = actions.add_parser("frequency", help="查看或设置各类会议的规定频次")
    frequency.add_argument("set", nargs="*", metavar="类型=频次", help="如 支委会=每月 党课=每季度")
    frequency.set_defaults(handler=lambda args, ctx: run_frequency(args, ctx, read_kind))

    compliance = subparsers.add_parser("compliance", help="三会一课落实情况：每月各类会议已开、计划、逾期、缺失")
    compliance.add_argument("--year", type=int, default=None, help="年份，默认今年")
    compliance.add_argument("--json", action="store_true", help="以 JSON 输出")
    compliance.set_defaults(handler=run_compliance)


def run_tasks(args, ctx) -> int:
    today = clock.today()
    with ctx.open_archive(read_only=True) as archive:
        tasks = archive.meetings.tasks(open_only=not args.all)
    for task in tasks:
        deadline = f"{task.deadline:%Y-%m-%d}" if task.deadline else "无期限"
        ctx.out(f"[{task.uid[:8]}] {task.task}  责任人：{task.owner}  期限：{deadline}  {task.status_text(today)}"
                f"  （{task.meeting_date:%Y-%m-%d} {task.meeting_title}）")
    ctx.out(f"共 {len(tasks)} 项。")
    return 0


def run_task_done(args, ctx, read_date) -> int:
    done_on = None if args.date.lower() == "none" else read_date(args.date, "完成日期", clock.today())
    with ctx.open_archive() as archive:
        matches = {t.uid for t in archive.meetings.tasks() if t.uid.startswith(args.uid)}
        if len(matches) != 1:
            problem = "找不到" if not matches else "对应多项，请多写几位"
            raise ValidationError("uid", "match", f"事项编号{quoted(args.uid)}{problem}。用 branchdesk meetings tasks 查看编号。")
        archive.meetings.set_task_done(matches.pop(), done_on, args.note)
    ctx.out("已登记完成。" if done_on else "已改回未完成。")
    return 0


def run_search(args, ctx) -> int:
    with ctx.open_archive(read_only=True) as archive:
        hits = archive.meetings.search(args.text)
    for hit in hits:
        ctx.out(f"{hit.meeting_id:>5}  {hit.date:%Y-%m-%d}  {hit.title}  [{hit.where}]  {hit.context}")
    ctx.out(f"找到 {len(hits)} 处。")
    return 0


def run_frequency(args, ctx, read_kind) -> int:
    with ctx.open_archive(read_only=not args.set) as archive:
        if args.set:
            changes = {}
            for item in args.set:
                kind_text, _, frequency_text = item.partition("=")
                frequency = labels.key_for(labels.FREQUENCIES, frequency_text)
                if frequency is None:
                    raise ValidationError("frequency", "choice",
                                          f"频次{quoted(frequency_text)}无效，可选：{'、'.join(labels.FREQUENCIES.values())}。")
                changes[read_kind(kind_text)] = frequency
            archive.meetings.set_frequencies(changes)
        for kind, frequency in archive.meetings.frequencies().items():
            ctx.out(f"{labels.MEETING_KINDS[kind]}：{labels.FREQUENCIES[frequency]}")
    return 0


def run_compliance(args, ctx) -> int:
    from ..meetings.compliance import PERIOD_MONTHS

    year = clock.today().year if args.year is None else args.year
    with ctx.open_archive(read_only=True) as archive:
        report = archive.meetings.compliance(year)
    if args.json:
        ctx.out(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return 0
    marks = {"held": "✓", "planned": "○", "overdue": "!", "missing": "✗", "open": "·", "not_required": " ",
             "before_start": "—"}
    ctx.out(f"{year} 年三会一课落实情况（✓ 已开  ○ 已计划  ! 逾期未开  ✗ 缺失  · 未安排  — 建档前）")
    ctx.out(f"{report.start_note}，此前各月不计缺失；按季度等要求的会议，每期的情况标在该期第一个月。")
    width = max(_display_width(row.label) for row in report.rows) + 2
    ctx.out(" " * width + " ".join(f"{m:>3}" for m in range(1, 13)))
    for row in report.rows:
        span = PERIOD_MONTHS.get(row.frequency, 1)
        shown = [marks[c.state] if (c.month - 1) % span == 0 else "" for c in row.cells]
        ctx.out(row.label + " " * (width - _display_width(row.label)) + " ".join(f"{m:>3}" for m in shown))
    for line in report.summary_lines():
        ctx.out(line)
    return 0


def _display_width(text: str) -> int:
    """Columns a terminal gives ``text``: Chinese characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

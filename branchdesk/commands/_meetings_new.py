"""``meetings new`` (a meeting copied from the last one of its kind, with a topic
template), ``meetings templates`` / ``template-save`` / ``template-delete``; registered by
``commands/meetings.py``."""

from __future__ import annotations

from ..errors import ValidationError
from ..text import quoted


def register_actions(actions, date, kind) -> None:
    """``date(text, what)`` and ``kind(text)`` read those arguments as meetings.py does."""
    new = actions.add_parser("new", help="新建会议：可复制上次同类会议（地点、主持人、记录人、应到人员），可套用议题模板")
    new.add_argument("--kind", required=True, help="支委会 / 主题党日 / 支部党员大会 / 党小组会 / 党课 / 其他会议")
    new.add_argument("--date", required=True, help="计划日期 YYYY-MM-DD（或 2024年1月10日）")
    new.add_argument("--group", default="", help="党小组会：党小组名称")
    new.add_argument("--copy-last", action="store_true", help="复制上次同类会议（不复制日期、记录内容、表决和出席情况）")
    new.add_argument("--template", default="", help="议题模板名称（见 meetings templates）")
    new.add_argument("--title", default="", help="会议标题（不写时按会议类型生成）")
    new.add_argument("--theme", default="", help="会议主题")
    new.set_defaults(handler=lambda args, ctx: run_new(args, ctx, date, kind))

    lister = actions.add_parser("templates", help="列出议题模板（程序自带的和本支部保存的）")
    lister.add_argument("--kind", default="", help="只列这类会议的")
    lister.set_defaults(handler=lambda args, ctx: run_templates(args, ctx, kind))

    save = actions.add_parser("template-save", help="保存本支部的议题模板（同名则替换）")
    save.add_argument("name", help="模板名称")
    save.add_argument("--kind", required=True, help="会议类型，如 支委会、党员大会、党小组会、党课")
    save.add_argument("--theme", default="", help="会议主题")
    save.add_argument("--agenda", action="append", default=[], help="议题，可重复")
    save.set_defaults(handler=lambda args, ctx: run_template_save(args, ctx, kind))

    delete = actions.add_parser("template-delete", help="删除本支部保存的议题模板")
    delete.add_argument("name", help="模板名称")
    delete.add_argument("--kind", required=True, help="会议类型，如 支委会、党员大会、党小组会、党课")
    delete.set_defaults(handler=lambda args, ctx: run_template_delete(args, ctx, kind))


def _group(archive, name: str) -> int | None:
    if not name:
        return None
    group_id = archive.groups.id_by_name(name)
    if group_id is None:
        raise ValidationError("group", "missing", f"没有名为{quoted(name, '「」')}的党小组。")
    return group_id


def chairs_line(form) -> str:
    """Who will chair and minute a new meeting (filled from the committee when not given),
    so a secretary at the command line sees it as the window shows it; "" when nobody."""
    if not (form.host_name or form.recorder_name):
        return ""
    return (f"主持人 {form.host_name or '（空）'}，记录人 {form.recorder_name or '（空）'}"
            "（登记召开情况时可用 meetings hold --host、--recorder 更改）。")


def run_new(args, ctx, date, kind) -> int:
    from ..meetings import MeetingForm
    from ..meetings import templates as topics

    meeting_kind = kind(args.kind)
    day = date(args.date, "计划日期")
    with ctx.open_archive() as archive:
        group_id = _group(archive, args.group)
        if args.copy_last:
            meeting_id = topics.new_from_last(archive, meeting_kind, day, group_id, args.template, args.title,
                                              args.theme)
        else:
            form = MeetingForm(kind=meeting_kind, planned_on=day, group_id=group_id, title=args.title,
                               theme=args.theme)
            if args.template:
                form = topics.apply_template(form, topics.template(archive, meeting_kind, args.template))
            meeting_id = archive.meetings.plan(form)
        form = archive.meetings.form(meeting_id)
        ctx.out(f"已新建会议（编号 {meeting_id}）：{form.title}")
        if args.copy_last:
            due = [e.name for e in form.attendance if not e.is_guest]
            ctx.out(f"已复制上次会议：地点 {form.place or '（空）'}，主持人 {form.host_name or '（空）'}，"
                    f"记录人 {form.recorder_name or '（空）'}，应到 {len(due)} 人（{'、'.join(due)}）。")
        elif chairs_line(form):
            ctx.out(chairs_line(form))
        for n, item in enumerate(form.agenda, start=1):
            ctx.out(f"议题 {n}：{item.title}")
    return 0


def run_templates(args, ctx, kind) -> int:
    from .. import labels
    from ..meetings import templates as topics

    meeting_kind = kind(args.kind) if args.kind else None
    with ctx.open_archive(read_only=True) as archive:
        found = topics.templates(archive, meeting_kind)
    for template in found:
        origin = "自带" if template.built_in else "本支部"
        theme = f"  主题：{template.theme}" if template.theme else ""
        ctx.out(f"[{labels.MEETING_KINDS[template.kind]}] {template.name}（{origin}）{theme}")
        for n, item in enumerate(template.agenda, start=1):
            ctx.out(f"    {n}. {item}")
    ctx.out(f"共 {len(found)} 个模板。")
    return 0


def run_template_save(args, ctx, kind) -> int:
    from ..meetings import templates as topics

    with ctx.open_archive() as archive:
        saved = topics.save_template(archive, kind(args.kind), args.name, args.theme, args.agenda)
    ctx.out(f"已保存议题模板「{saved.name}」（{len(saved.agenda)} 项议题）。")
    return 0


def run_template_delete(args, ctx, kind) -> int:
    from ..meetings import templates as topics

    with ctx.open_archive() as archive:
        topics.delete_template(archive, kind(args.kind), args.name)
    ctx.out(f"已删除议题模板「{args.name}」。")
    return 0

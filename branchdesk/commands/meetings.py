"""``meetings …`` and ``compliance``: 三会一课 and 主题党日 from the command line —
plan, notify, record (flags for the everyday case, a JSON file for everything),
attach, finalise, report, correct, follow up, search, and the compliance calendar."""

from __future__ import annotations

import datetime as dt
import json

from .. import clock, labels
from ..dates import parse_date
from ..errors import ValidationError
from ..text import name_key, quoted
from ._common import add_state_actions


def register(subparsers) -> None:
    meetings = subparsers.add_parser("meetings", help="三会一课与主题党日：计划、通知、记录、定稿、上报")
    actions = meetings.add_subparsers(dest="meetings_action", metavar="操作", required=True)

    lister = actions.add_parser("list", help="列出会议（默认今年）")
    lister.add_argument("--year", type=int, help="年份，默认今年；0 表示全部")
    lister.add_argument("--kind", help="会议类型，如 支委会 / committee")
    lister.add_argument("--state", help="状态，如 已通知 / notified")
    lister.add_argument("--overdue", action="store_true", help="只列逾期未开的")
    lister.add_argument("--json", action="store_true", help="以 JSON 输出")
    lister.set_defaults(handler=run_list)

    show = actions.add_parser("show", help="显示一次会议的全部内容")
    show.add_argument("id", type=int, help="会议编号（meetings list 可查）")
    show.add_argument("--json", action="store_true", help="以 JSON 输出（可修改后用 record 读回）")
    show.set_defaults(handler=run_show)

    plan = actions.add_parser("plan", help="新建会议计划")
    plan.add_argument("--kind", required=True, help="支部党员大会 / 支委会 / 党小组会 / 党课 / 主题党日 / 其他会议")
    plan.add_argument("--date", required=True, help="计划日期 YYYY-MM-DD")
    plan.add_argument("--time", default="", help="时间，如 14:30")
    plan.add_argument("--title", default="", help="会议名称（默认按类型和月份）")
    plan.add_argument("--place", default="", help="地点，如 党群服务中心")
    plan.add_argument("--theme", default="", help="主题")
    plan.add_argument("--group", default="", help="党小组会：党小组名称")
    plan.add_argument("--also", action="append", default=[], help="同时计为（支部党员大会 / 党课 / 主题党日），可重复")
    plan.set_defaults(handler=run_plan)

    plan_year = actions.add_parser("plan-year", help="按规定频次生成全年会议计划（只补今天以后缺的）")
    plan_year.add_argument("--year", type=int, required=True, help="年度，如 2026")
    plan_year.set_defaults(handler=run_plan_year)

    notify = actions.add_parser("notify", help="发出会议通知（计划 → 已通知）")
    notify.add_argument("id", type=int, help="会议编号（meetings list 可查）")
    notify.add_argument("--date", default="", help="通知日期，默认今天")
    notify.add_argument("--time", help="开会时间")
    notify.add_argument("--place", help="地点")
    notify.add_argument("--attendees", help="参会人员")
    notify.add_argument("--prepare", help="会前准备")
    notify.set_defaults(handler=run_notify)

    hold = actions.add_parser("hold", help="登记会议已召开：日期、主持人、记录人、缺席及原因（其余应到人员记为出席）")
    hold.add_argument("id", type=int, help="会议编号（meetings list 可查）")
    hold.add_argument("--date", required=True, help="实际召开日期")
    hold.add_argument("--start", default="", help="开始时间，如 14:30")
    hold.add_argument("--end", default="", help="结束时间，如 16:00")
    hold.add_argument("--host", default="", help="主持人")
    hold.add_argument("--recorder", default="", help="记录人")
    hold.add_argument("--speaker", default="", help="主讲人（党课）")
    hold.add_argument("--absent", action="append", default=[], metavar="姓名=原因[:说明]",
                      help="缺席人员，原因：事假 / 病假 / 因公 / 其他，可重复")
    hold.add_argument("--guest", action="append", default=[], metavar="姓名[:单位职务]", help="列席人员，可重复")
    hold.add_argument("--agenda", action="append", default=[], help="议题，可重复")
    hold.add_argument("--minutes", default="", help="会议内容")
    hold.set_defaults(handler=run_hold)

    from ._meetings_new import register_actions

    register_actions(actions, _date, _kind)

    record = actions.add_parser("record", help="从 JSON 文件写入会议记录（格式同 show --json）")
    record.add_argument("id", type=int, help="会议编号（meetings list 可查）")
    record.add_argument("file", help="文件路径")
    record.set_defaults(handler=run_record)

    attach = actions.add_parser("attach", help="添加附件（签到表、照片、课件），复制进档案库并记录 SHA-256")
    attach.add_argument("id", type=int, help="会议编号（meetings list 可查）")
    attach.add_argument("file", help="文件路径")
    attach.add_argument("--kind", default="other", help="签到表 / 照片 / 课件 / 文件 / 其他")
    attach.add_argument("--title", default="", help="附件标题（不写时用文件名）")
    attach.set_defaults(handler=run_attach)

    add_state_actions(actions, run_state, key="id", delete_help="删除计划或草稿")

    from ._meetings_follow import register_actions as register_follow_up

    register_follow_up(actions, subparsers, _date, _kind)


# -- helpers -------------------------------------------------------------------
def _date(text: str, what: str, default: dt.date | None = None) -> dt.date | None:
    if not text:
        return default
    try:
        return parse_date(text)
    except ValueError:
        raise ValidationError("date", "date", f"{what}{quoted(text)}无法识别，请写成 2024-06-30。") from None


def _kind(text: str | None) -> str | None:
    if not text:
        return None
    key = labels.key_for(labels.MEETING_KINDS, text) or {"支委": "committee", "党员大会": "general",
                                                        "小组会": "group"}.get(text)
    if key is None:
        raise ValidationError("kind", "choice", f"会议类型{quoted(text)}无效，可选：{'、'.join(labels.MEETING_KINDS.values())}。")
    return key


def _line(summary, today) -> str:
    counts = f"应到{summary.due} 实到{summary.present}" if summary.due else ""
    return (f"{summary.id:>5}  {summary.date:%Y-%m-%d}  {summary.state_label(today):<8}  {summary.kind_label:<10}  "
            f"{summary.title}  {counts}")


# -- handlers ------------------------------------------------------------------
def run_list(args, ctx) -> int:
    today = clock.today()
    year = today.year if args.year is None else (args.year or None)
    state = labels.key_for(labels.MEETING_STATES, args.state) if args.state else None
    if args.state and state is None:
        raise ValidationError("state", "choice", f"状态{quoted(args.state)}无效，可选：{'、'.join(labels.MEETING_STATES.values())}。")
    with ctx.open_archive(read_only=True) as archive:
        ids = archive.meetings.query_ids(year=year, kind=_kind(args.kind), state=state, overdue_only=args.overdue,
                                         descending=False)
        rows = archive.meetings.summaries(ids)
    if args.json:
        ctx.out(json.dumps([
            {"id": r.id, "date": r.date.isoformat(), "kind": r.kind, "kind_label": r.kind_label, "title": r.title,
             "state": r.state, "overdue": r.is_overdue(today), "due": r.due, "present": r.present,
             "absent": r.absent} for r in rows
        ], ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        ctx.out(_line(row, today))
    ctx.out(f"共 {len(rows)} 次会议。")
    return 0


def run_show(args, ctx) -> int:
    from ..meetings import rules
    from ..meetings.jsonio import detail_to_json

    with ctx.open_archive(read_only=True) as archive:
        detail = archive.meetings.detail(args.id)
    if args.json:
        ctx.out(json.dumps(detail_to_json(detail), ensure_ascii=False, indent=2))
        return 0
    f = detail.form
    ctx.out(f"{f.title}（{detail.kind_label}，{detail.state_label}）")
    ctx.out(f"计划：{f.planned_on:%Y-%m-%d} {f.planned_time}  地点：{f.place}")
    if f.theme and f.theme != f.title:
        ctx.out(f"主题：{f.theme}")
    if f.speaker_name:
        ctx.out(f"主讲人：{f.speaker_name}")
    if f.also_counts:
        ctx.out("同时计为：" + "、".join(labels.label(labels.MEETING_KINDS, k) for k in f.also_counts))
    if f.attendees_text:
        ctx.out(f"参会人员：{f.attendees_text}")
    if f.preparation:
        ctx.out(f"会前准备：{f.preparation}")
    if f.held_on:
        # no dangling 「-」 when the times were not given
        times = f.started_at + (f"-{f.ended_at}" if f.started_at and f.ended_at else "")
        ctx.out(f"召开：{f.held_on:%Y-%m-%d}{' ' + times if times else ''}  主持人：{f.host_name or '（未填）'}"
                f"  记录人：{f.recorder_name or '（未填）'}")
        ctx.out(rules.attendance_sentence(f.attendance))
        absent = rules.absent_with_reason(f.attendance)
        if absent:
            ctx.out("缺席：" + "；".join(absent))
        if guests := [e.name + (f"（{e.note}）" if e.note else "") for e in f.attendance if e.is_guest]:
            ctx.out("列席：" + "、".join(guests))
    for n, item in enumerate(f.agenda, start=1):
        ctx.out(f"议题 {n}：{item.title}")
        if item.summary:
            ctx.out(f"  {item.summary}")
    if f.minutes:  # the whole 会议内容, as the help promises (not only in --json)
        ctx.out("会议内容：")
        for line in f.minutes.splitlines():
            ctx.out(f"  {line}")
    for speech in f.speeches:
        ctx.out(f"  {speech.speaker}：{speech.content}")
    check = rules.quorum(f.kind, f.attendance)
    if check.applies and f.resolutions:
        ctx.out(check.explanation)
    for n, resolution in enumerate(f.resolutions, start=1):
        ctx.out(f"决议 {n}：{resolution.text}  {rules.outcome(f.kind, f.attendance, resolution).explanation}")
    today = clock.today()
    for task in detail.tasks:
        ctx.out(f"落实 [{task.uid[:8]}]：{task.task}（{task.owner}，期限 {task.deadline or '无'}，{task.status_text(today)}）")
    for attachment in detail.attachments:
        ctx.out(f"附件：{attachment.title}（{attachment.kind_label}，SHA-256 {attachment.sha256}）")
    return 0


def run_plan(args, ctx) -> int:
    from ..meetings import MeetingForm
    from ._meetings_new import chairs_line

    with ctx.open_archive() as archive:
        group_id = None
        if args.group:
            group_id = archive.groups.id_by_name(args.group)
            if group_id is None:
                raise ValidationError("group", "missing", f"没有名为{quoted(args.group, '「」')}的党小组。")
        form = MeetingForm(
            kind=_kind(args.kind), planned_on=_date(args.date, "计划日期"), planned_time=args.time, title=args.title,
            place=args.place, theme=args.theme, group_id=group_id, also_counts=tuple(_kind(k) for k in args.also),
        )
        meeting_id = archive.meetings.plan(form)
        ctx.out(f"已新建会议计划（编号 {meeting_id}）：{archive.meetings.summary(meeting_id).title}")
        if chairs := chairs_line(archive.meetings.form(meeting_id, with_roster=False)):
            ctx.out(chairs)
    return 0


def run_plan_year(args, ctx) -> int:
    with ctx.open_archive() as archive:
        ids = archive.meetings.plan_year(args.year)
        for row in archive.meetings.summaries(ids):
            ctx.out(_line(row, clock.today()))
    ctx.out(f"已生成 {len(ids)} 次会议计划。" if ids else "没有需要补充的计划：各期会议都已召开或已有计划。")
    return 0


def run_notify(args, ctx) -> int:
    with ctx.open_archive() as archive:
        form = archive.meetings.form(args.id, with_roster=False)
        changes = {"planned_time": args.time, "place": args.place, "attendees_text": args.attendees,
                   "preparation": args.prepare}
        if any(v is not None for v in changes.values()):
            for key, value in changes.items():
                if value is not None:
                    setattr(form, key, value)
            archive.meetings.save(args.id, form)
        archive.meetings.notify(args.id, _date(args.date, "通知日期"))
        ctx.out(f"已发出通知：{archive.meetings.summary(args.id).title}。打印通知：branchdesk export meeting {args.id} "
                f"--paper notice --out 通知.pdf")
    return 0


def _absence(text: str) -> tuple[str, str, str]:
    name, sep, rest = text.partition("=")
    if not sep or not name.strip():
        raise ValidationError("absent", "format", f"缺席{quoted(text)}的写法应为 姓名=原因[:说明]，如 王堃=病假 或 李喆=其他:外出。")
    reason_text, _, note = rest.replace("：", ":").partition(":")
    reason = labels.key_for(labels.ABSENCE_REASONS, reason_text)
    if reason is None:
        raise ValidationError("absent", "reason", f"{name} 的缺席原因{quoted(reason_text)}无效，请写 事假、病假、因公 或 其他。")
    return name.strip(), reason, note.strip()


def run_hold(args, ctx) -> int:
    from ..meetings import AgendaItem, AttendanceEntry, rules
    from ..meetings.chairs import host_off_roster

    with ctx.open_archive() as archive:
        form = archive.meetings.form(args.id)
        form.held_on = _date(args.date, "实际召开日期")
        for key, value in (("started_at", args.start), ("ended_at", args.end), ("host_name", args.host),
                           ("recorder_name", args.recorder), ("speaker_name", args.speaker),
                           ("minutes", args.minutes)):
            if value:
                setattr(form, key, value)
        # Names match with or without spaces: 「赵秀英」 finds 「赵　秀英」 on the roster.
        absences = {name_key(name): (name, reason, note) for name, reason, note in map(_absence, args.absent)}
        names = [e.name for e in form.attendance if not e.is_guest]
        keys = [name_key(n) for n in names]
        for key, (name, _, _) in absences.items():
            if keys.count(key) != 1:
                problem = "不在应到名单中" if key not in keys else "在名单中有重名，请改用 record 命令按编号登记"
                raise ValidationError("absent", "name", f"缺席人员{quoted(name)}{problem}。应到：{'、'.join(names)}。")
        for entry in form.attendance:
            if entry.is_guest:
                continue
            if (absence := absences.get(name_key(entry.name))) is not None:
                entry.status, entry.reason, entry.note = "absent", absence[1], absence[2]
            elif not entry.status:
                entry.status = "present"
        for guest in args.guest:
            name, _, note = guest.replace("：", ":").partition(":")
            form.attendance.append(AttendanceEntry(name.strip(), is_guest=True, status="present", note=note.strip()))
        form.agenda += [AgendaItem(text) for text in args.agenda]
        archive.meetings.save(args.id, form)
        if warning := host_off_roster(archive, form):
            ctx.out(warning)
        ctx.out(f"已登记召开：{form.title or archive.meetings.summary(args.id).title}。{rules.attendance_sentence(form.attendance)}")
    return 0


def run_record(args, ctx) -> int:
    from pathlib import Path

    from ..meetings.jsonio import form_from_json

    try:
        data = json.loads(Path(args.file).read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise ValidationError("file", "read", f"无法读取 {args.file}：{error.strerror}。") from None
    except json.JSONDecodeError as error:
        raise ValidationError("file", "json", f"{args.file} 第 {error.lineno} 行不是有效的 JSON：{error.msg}。") from None
    with ctx.open_archive() as archive:
        form = form_from_json(data, archive.meetings.form(args.id))
        archive.meetings.save(args.id, form)
        ctx.out(f"已保存会议记录（编号 {args.id}，{archive.meetings.summary(args.id).state_label(clock.today())}）。")
    return 0


def run_attach(args, ctx) -> int:
    kind = labels.key_for(labels.ATTACHMENT_KINDS, args.kind)
    if kind is None:
        raise ValidationError("kind", "choice", f"附件类别{quoted(args.kind)}无效，可选：{'、'.join(labels.ATTACHMENT_KINDS.values())}。")
    with ctx.open_archive() as archive:
        attachment_id = archive.meetings.attach(args.id, args.file, kind, args.title)
        path = archive.meetings.attachment_file(attachment_id)
        ctx.out(f"已添加附件（编号 {attachment_id}）：{path}")
    return 0


def run_state(args, ctx) -> int:
    with ctx.open_archive() as archive:
        meetings = archive.meetings
        title = meetings.summary(args.id).title
        action = args.state_action
        if action == "finalise":
            meetings.finalise(args.id)
            ctx.out(f"已定稿：{title}")
        elif action == "reopen":
            meetings.reopen(args.id, args.reason)
            ctx.out(f"已退回草稿：{title}")
        elif action == "report":
            from ..meetings.signin import has_signin_scan

            if not has_signin_scan(meetings.detail(args.id)):
                ctx.out("提醒：没有附上签到表扫描件就上报了，上报后附件随记录封存。"
                        "下次请在定稿前用 meetings attach ID 文件 --kind 签到表 添加。")
            seal = meetings.report(args.id, args.note)
            ctx.out(f"已上报并封存：{title}（校验值 {seal.content_hash[:16]}…）")
        elif action == "correct":
            new_id = meetings.correct(args.id, args.reason)
            ctx.out(f"已新建更正版本（编号 {new_id}），修改后请定稿、上报。原记录保持不变。")
        elif action == "delete":
            meetings.delete(args.id)
            ctx.out(f"已删除：{title}")
    return 0

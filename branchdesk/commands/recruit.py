"""``recruit …``: 发展党员 from the command line (docs/domain.md §11) — open a 发展档案, record
the next step of the 25, take one back, add a scanned paper, make the meeting that decides a
step, and list people by stage with what is due. A person is named by name or ID number; a
step by its number (1–25) or its name."""

from __future__ import annotations

import json

from .. import labels
from ..errors import ValidationError
from ..recruit import BY_KEY, STEPS, PersonForm, StepForm, StepPerson, numbered_title
from ..text import clean_name, quoted
from . import _app_password
from ._common import OUT_HELP, choice_arg, date_arg, member_arg, text_arg
from ._recruit_files import (
    person_arg,
    run_import,
    run_ledger,
    run_notice,
    run_paper,
    run_publicity_days,
    run_template,
)


def register(subparsers) -> None:
    recruit = subparsers.add_parser("recruit", help="发展党员：发展档案、25 个步骤、待办")
    actions = recruit.add_subparsers(dest="recruit_action", metavar="操作", required=True)

    listing = actions.add_parser("list", help="列出发展档案：阶段、最近步骤、下一步或待办")
    listing.add_argument("--stage", help="入党申请人 / 入党积极分子 / 发展对象 / 预备党员 / 已转正 / 已终止 / 已归档")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(handler=run_list)

    steps = actions.add_parser("steps", help="列出《发展党员工作细则》的 25 个步骤")
    steps.set_defaults(handler=run_steps)

    add = actions.add_parser("add", help="新建发展档案（收到入党申请书时）")
    add.add_argument("--name", required=True, help="姓名")
    add.add_argument("--id-number", required=True, help="公民身份号码")
    add.add_argument("--ethnicity", default="汉族", help="民族（默认汉族）")
    add.add_argument("--education", default="", help="学历")
    add.add_argument("--phone", default="", help="联系电话")
    add.add_argument("--job", default="", help="工作单位及职务")
    add.add_argument("--note", default="", help="备注")
    add.set_defaults(handler=run_add)

    show = actions.add_parser("show", help="一人的发展档案：每一步的日期、人员、结论")
    show.add_argument("person", help="姓名或身份证号码")
    show.add_argument("--json", action="store_true", help="以 JSON 输出")
    show.add_argument("--texts", action="store_true", help="同时显示政审结论和考察意见（敏感，设置了应用密码时须输入）")
    _app_password.add_option(show)
    show.set_defaults(handler=run_show)

    step = actions.add_parser("step", help="登记下一步（按《细则》顺序，超出期限须写 --reason）")
    step.add_argument("person", help="姓名或身份证号码")
    step.add_argument("step", help="步骤序号（1-25）或名称，如 2 或 党组织派人谈话")
    step.add_argument("--date", default="", help="日期；由会议决定的步骤取会议的召开日期")
    step.add_argument("--people", default="", help="谈话人、培养联系人或入党介绍人，多人用逗号分开")
    step.add_argument("--body", default=None, help="审批或备案机关，默认本支部的上级党委")
    step.add_argument("--decision", default="", help="结果：如 党员推荐、合格、同意、按期转为正式党员、延长预备期")
    step.add_argument("--text", default="", help="情况记载（考察意见、政审结论等）")
    step.add_argument("--text-file", default="", help="情况记载较长时，从 UTF-8 文本文件读入")
    step.add_argument("--reason", default="", help="超出《细则》一般期限时的情况说明")
    step.add_argument("--days", type=int, help="集中培训天数")
    step.add_argument("--hours", type=int, help="集中培训学时")
    step.add_argument("--extend-months", type=int, help="延长预备期的月数（6-12）")
    step.add_argument("--group", default="", help="编入的党小组")
    step.add_argument("--meeting", type=int, help="决定这一步的会议编号（支委会或支部党员大会）")
    step.add_argument("--resolution", type=int, help="会议的第几项决议（默认写有此人姓名的那一项）")
    step.set_defaults(handler=run_step)

    undo = actions.add_parser("undo", help="撤销最后一步（录入错误时；已改变名册的审批不能撤销）")
    undo.add_argument("person", help="发展对象的姓名或公民身份号码")
    undo.set_defaults(handler=run_undo)

    attach = actions.add_parser("attach", help="为已登记的一步添加材料扫描件（按 SHA-256 存入档案库）")
    attach.add_argument("person", help="发展对象的姓名或公民身份号码")
    attach.add_argument("step", help="步骤序号或名称（同一步有多次时取最后一次）")
    attach.add_argument("file", help="文件路径")
    attach.add_argument("--title", default="", help="附件标题（不写时用文件名）")
    attach.set_defaults(handler=run_attach)

    meeting = actions.add_parser("meeting", help="新建决定某一步的会议记录（一项决议一人），再到会议中登记出席和表决")
    meeting.add_argument("people", nargs="+", help="姓名或身份证号码")
    meeting.add_argument("--step", required=True, help="如 3、7、12、15、23 或其名称")
    meeting.add_argument("--date", required=True, help="计划召开日期")
    meeting.set_defaults(handler=run_meeting)

    paper = actions.add_parser("paper", help="导出一人的发展党员工作全程纪实表（PDF）")
    paper.add_argument("person", help="发展对象的姓名或公民身份号码")
    paper.add_argument("--out", help=OUT_HELP)
    _app_password.add_option(paper)
    paper.set_defaults(handler=run_paper)

    notice = actions.add_parser("notice", help="导出公示（拟列为发展对象，或拟转为正式党员）")
    notice.add_argument("people", nargs="+", help="姓名或身份证号码")
    notice.add_argument("--kind", required=True, help="发展对象 / 转正")
    notice.add_argument("--start", default="", help="公示开始日期，默认今天")
    notice.add_argument("--days", type=int, help="公示工作日数，默认按设置（一般 5 个工作日）")
    notice.add_argument("--phone", default="", help="受理反映的联系电话")
    notice.add_argument("--out", help=OUT_HELP)
    notice.set_defaults(handler=run_notice)

    ledger = actions.add_parser("ledger", help="导出年度发展党员工作台账（.pdf 或 .xlsx）")
    ledger.add_argument("--year", type=int, help="年度，默认今年")
    ledger.add_argument("--out", help=OUT_HELP + "；.xlsx 为电子表格")
    ledger.add_argument("--xlsx", action="store_true", help="不写 --out 时导出电子表格")
    ledger.set_defaults(handler=run_ledger)

    for name, text in (("finalise", "定稿（须已登记「材料归档」）"), ("report", "上报并封存（定稿 → 已上报）"),
                       ("reopen", "退回草稿（须写原因）"), ("correct", "更正已上报的档案：新建修订版本（须写原因）")):
        action = actions.add_parser(name, help=text)
        action.add_argument("person", help="发展对象的姓名或公民身份号码")
        if name in ("reopen", "correct"):
            action.add_argument("--reason", required=True, help="原因（必填，记入操作记录）")
        if name == "report":
            action.add_argument("--note", default="", help="上报说明，如 报镇党委组织办")
        action.set_defaults(handler=run_state, state_action=name)

    template = actions.add_parser("template", help="生成发展党员导入表模板（.xlsx）")
    template.add_argument("file", help="文件路径")
    template.set_defaults(handler=run_template)

    importing = actions.add_parser("import", help="从 Excel 导入已在发展中的人员（全部检查无误才导入，错误逐行列出）")
    importing.add_argument("file", help="文件路径")
    importing.add_argument("--dry-run", action="store_true", help="只检查，不导入")
    importing.set_defaults(handler=run_import)

    publicity = actions.add_parser("publicity-days", help="设置公示的工作日数（默认 5）")
    publicity.add_argument("days", type=int, help="公示天数")
    publicity.set_defaults(handler=run_publicity_days)

    due = actions.add_parser("due", help="发展党员的待办：谈话、半年考察、预备期满、转正讨论、上级审批")
    due.add_argument("--json", action="store_true", help="以 JSON 输出")
    due.set_defaults(handler=run_due)


def step_arg(text: str) -> str:
    text = (text or "").strip()
    if text.isdigit() and 1 <= int(text) <= len(STEPS):
        return STEPS[int(text) - 1].key
    for kind in STEPS:
        if text in (kind.key, kind.title):
            return kind.key
    raise ValidationError("step", "choice", f"步骤{quoted(text)}无法识别：请写序号 1-25 或步骤名称（recruit steps 列出全部）。")


def run_list(args, ctx) -> int:
    stage = choice_arg(args.stage, labels.RECRUIT_STAGES, "阶段")
    with ctx.open_archive() as archive:
        people = [s for s in archive.recruit.summaries() if stage is None or s.stage == stage]
    if args.json:
        ctx.out(json.dumps([{"id": s.id, "name": s.name, "stage": s.stage, "stage_label": s.stage_label,
                             "last_step": s.last_step, "last_on": s.last_on.isoformat() if s.last_on else None,
                             "next_steps": s.next_steps, "due": [d.sentence for d in s.due]} for s in people],
                           ensure_ascii=False, indent=2))
        return 0
    if not people:
        ctx.out("没有发展档案。" if stage is None else f"没有处于「{labels.RECRUIT_STAGES[stage]}」阶段的人。")
        return 0
    for s in people:
        last = f"{BY_KEY[s.last_step].title}（{s.last_on:%Y-%m-%d}）" if s.last_step else "尚未登记步骤"
        flag = "【逾期】" if any(d.overdue for d in s.due) else ""
        ctx.out(f"{s.name}　{s.stage_label}　最近：{last}　{flag}下一步：{s.next_text}")
    return 0


def run_steps(args, ctx) -> int:
    from ..recruit import STAGE_TITLES

    stage = 0
    for kind in STEPS:
        if kind.stage != stage:
            stage = kind.stage
            ctx.out(f"{'一二三四五'[stage - 1]}、{STAGE_TITLES[stage]}")
        ctx.out(f"  {numbered_title(kind.key)}")
    return 0


def run_add(args, ctx) -> int:
    form = PersonForm(args.name, args.id_number, args.ethnicity, args.education, args.phone, args.job, args.note)
    with ctx.open_archive() as archive:
        archive.recruit.add_person(form)
    ctx.out(f"已为{clean_name(args.name)}建立发展档案。下一步：recruit step {clean_name(args.name)} 1 --date 收到申请书的日期")
    return 0


COVERED = "（敏感内容，加 --texts 显示）"


def run_show(args, ctx) -> int:
    with ctx.open_archive(read_only=True) as archive:
        if args.texts:  # the window covers them until the app password is confirmed
            _app_password.require(archive, args, "显示政审结论和考察意见")
        d = archive.recruit.dossier(person_arg(archive, args.person))
    if not args.texts:
        for s in d.steps:
            if s.sensitive:
                s.text = COVERED
    if args.json:
        ctx.out(json.dumps({
            "name": d.name, "gender": labels.label(labels.GENDERS, d.gender), "birth_date": d.birth_date.isoformat(),
            "id_number": d.masked_id, "stage": d.stage_label, "member_id": d.member_id,
            "probation_end": d.probation_end.isoformat() if d.probation_end else None,
            "steps": [{"number": s.kind.number, "title": s.kind.title, "date": s.done_on.isoformat(),
                       "people": [{"role": p.role_label, "name": p.name} for p in s.people], "body": s.body,
                       "decision": s.decision_label, "text": s.text, "reason": s.reason, "meeting_id": s.meeting_id,
                       "vote": s.vote_text, "documents": [{"title": x.title, "sha256": x.sha256} for x in s.documents]}
                      for s in d.steps],
            "due": [item.sentence for item in d.due]}, ensure_ascii=False, indent=2))
        return 0
    ctx.out(f"{d.name}（{labels.label(labels.GENDERS, d.gender)}，{d.birth_date:%Y-%m-%d} 出生，{d.masked_id}）：{d.stage_label}")
    if d.probation_end:
        ctx.out(f"预备期满：{d.probation_end:%Y-%m-%d}")
    for s in d.steps:
        ctx.out(f"{s.title}　{s.done_on:%Y-%m-%d}　{s.summary()}")
        for line in ([f"{s.kind.text_label}：{s.text}"] if s.text else []) + ([f"情况说明：{s.reason}"] if s.reason else []):
            ctx.out(f"    {line}")
        for doc in s.documents:
            ctx.out(f"    材料：{doc.title}（SHA-256 {doc.sha256[:16]}…）")
    for item in d.due:
        ctx.out(("【逾期】" if item.overdue else "【待办】") + item.sentence)
    ctx.out("下一步：" + ("、".join(numbered_title(k) for k in d.next_steps) or "无（档案已完成）"))
    return 0


def run_step(args, ctx) -> int:
    key = step_arg(args.step)
    kind = BY_KEY[key]
    with ctx.open_archive() as archive:
        person_id = person_arg(archive, args.person)
        people = []
        for name in [n for n in args.people.replace("，", ",").replace("、", ",").split(",") if n.strip()]:
            member_id, shown = member_arg(archive, name, labels.RECRUIT_ROLES.get(kind.role, "人员"))
            people.append(StepPerson(kind.role, shown, member_id))
        decision = ""
        if kind.decisions:
            decision = choice_arg(args.decision, getattr(labels, kind.decisions), "结果") or ""
        body = args.body if args.body is not None else (archive.branch.own().higher_org if kind.body else "")
        group_id = None
        if args.group:
            group_id = archive.groups.id_by_name(args.group)
            if group_id is None:
                raise ValidationError("group", "missing", f"党小组{quoted(args.group)}不存在，请核对名称。")
        form = StepForm(
            step=key, done_on=date_arg(args.date, "日期"), people=people, body=body, decision=decision,
            text=text_arg(args.text, args.text_file, "情况记载"), reason=args.reason, days=args.days,
            hours=args.hours, extension_months=args.extend_months, group_id=group_id, meeting_id=args.meeting,
            resolution_no=args.resolution,
        )
        archive.recruit.record_step(person_id, form)
        d = archive.recruit.dossier(person_id)
    recorded = d.steps[-1]
    ctx.out(f"已登记{d.name}：{recorded.title}（{recorded.done_on:%Y-%m-%d}）。现为{d.stage_label}。")
    if recorded.step in ("approval", "full_approval") and d.member_id:
        ctx.out("党员名册已相应更新（状态变化记入历史）。")
    return 0


def run_undo(args, ctx) -> int:
    with ctx.open_archive() as archive:
        person_id = person_arg(archive, args.person)
        last = archive.recruit.dossier(person_id).steps
        archive.recruit.undo_last_step(person_id)
    ctx.out(f"已撤销「{last[-1].title}」（{last[-1].done_on:%Y-%m-%d}），已记入操作日志。")
    return 0


def run_attach(args, ctx) -> int:
    key = step_arg(args.step)
    with ctx.open_archive() as archive:
        person_id = person_arg(archive, args.person)
        found = [s for s in archive.recruit.dossier(person_id).steps if s.step == key]
        if not found:
            raise ValidationError("step", "missing", f"还没有登记「{BY_KEY[key].title}」，请先登记这一步。")
        archive.recruit.attach(found[-1].id, args.file, args.title)
    ctx.out(f"已为「{found[-1].title}」添加材料：{args.title or args.file}")
    return 0


def run_meeting(args, ctx) -> int:
    key = step_arg(args.step)
    with ctx.open_archive() as archive:
        ids = [person_arg(archive, name) for name in args.people]
        meeting_id = archive.recruit.plan_meeting(ids, key, date_arg(args.date, "计划召开日期"))
        title = archive.meetings.summary(meeting_id).title
    ctx.out(f"已新建会议「{title}」（编号 {meeting_id}）。召开后请在会议记录中登记出席和表决，"
            f"再用 recruit step 姓名 {BY_KEY[key].number} --meeting {meeting_id} 登记。")
    return 0


def run_due(args, ctx) -> int:
    with ctx.open_archive() as archive:
        items = archive.recruit.due()
    if args.json:
        ctx.out(json.dumps([{"person": i.person_name, "what": i.what, "due_on": i.due_on.isoformat(),
                             "overdue": i.overdue, "sentence": i.sentence} for i in items], ensure_ascii=False, indent=2))
        return 0
    if not items:
        ctx.out("发展党员工作目前没有待办事项。")
    for item in items:
        ctx.out(("【逾期】" if item.overdue else "【待办】") + item.sentence)
    return 0


def run_state(args, ctx) -> int:
    with ctx.open_archive() as archive:
        person_id = person_arg(archive, args.person)
        manager = archive.recruit
        name = manager.dossier(person_id).name
        if args.state_action == "finalise":
            manager.finalise(person_id)
            ctx.out(f"{name}的发展档案已定稿。")
        elif args.state_action == "report":
            seal = manager.report(person_id, args.note)
            ctx.out(f"{name}的发展档案已上报并封存（校验值 {seal.content_hash[:16]}…）。")
        elif args.state_action == "reopen":
            manager.reopen(person_id, args.reason)
            ctx.out(f"{name}的发展档案已退回草稿。")
        else:
            manager.correct(person_id, args.reason)
            ctx.out(f"已为{name}的发展档案新建修订版本（草稿），原版本保留。")
    return 0

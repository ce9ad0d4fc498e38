"""Checking a meeting form: every problem named with its field (or row) and the fix.
Nothing here writes; ``clean_form`` returns the cleaned form or raises ValidationErrors."""

from __future__ import annotations

import datetime as dt
import re

from .. import clock, labels
from ..dates import date_problem
from ..errors import ErrorCollector, ValidationError
from ..text import LINE_MAX, NAME_MAX, TEXT_MAX, bounded, clean_line, clean_text, quoted
from . import rules
from .forms import AgendaItem, AttendanceEntry, MeetingForm, ResolutionForm, Speech, TaskForm

_TIME = re.compile(r"^(\d{1,2})\s*[:：点时]\s*(\d{1,2})?\s*分?$")
# Kinds a meeting may also count for (a 主题党日 that held a 党员大会 and a 党课).
ALSO_COUNTABLE = ("general", "lecture", "theme_day")
MAX_ROWS = 500


def parse_time(field: str, label: str, text: str) -> str:
    """「9:00」「09：30」「14点」 → 'HH:MM'; '' stays ''."""
    text = clean_line(text).translate({0xFF10 + i: ord("0") + i for i in range(10)})
    if not text:
        return ""
    match = _TIME.match(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return f"{hour:02d}:{minute:02d}"
    raise ValidationError(field, "time", f"「{label}」{quoted(text)}不是有效时间，请写成 14:30。")


def default_title(kind: str, day: dt.date | None, group_name: str = "") -> str:
    """「2024年6月支委会」, 「2024年第二季度支部党员大会」 …"""
    if day is None:
        return labels.label(labels.MEETING_KINDS, kind)
    name = labels.label(labels.MEETING_KINDS, kind)
    if kind == "group" and group_name:
        name = f"{group_name}会议"
    return f"{day.year}年{day.month}月{name}"


def clean_form(form: MeetingForm, today: dt.date | None = None) -> MeetingForm:
    """The form with text cleaned and bounded, or ValidationErrors listing every problem."""
    today = today or clock.today()
    errors = ErrorCollector()
    if form.kind not in labels.MEETING_KINDS:
        errors.add("kind", "choice", "请选择会议类型（支部党员大会、支委会、党小组会、党课、主题党日或其他）。")
    if form.kind == "group" and form.group_id is None:
        errors.add("group_id", "required", "党小组会请选择是哪个党小组。")
    if form.planned_on is None:
        errors.add("planned_on", "required", "请填写计划日期。")
    elif bad := date_problem("计划日期", form.planned_on, planned=True, today=today):
        errors.add("planned_on", *bad)
    also = tuple(k for k in dict.fromkeys(form.also_counts) if k != form.kind)
    for key in also:
        if key not in ALSO_COUNTABLE:
            errors.add("also_counts", "choice", "「同时计为」只能选支部党员大会、党课或主题党日。")
            break
    title = errors.check(bounded, "title", "会议名称", clean_line(form.title), LINE_MAX)
    place = errors.check(bounded, "place", "地点", clean_line(form.place), LINE_MAX)
    theme = errors.check(bounded, "theme", "主题", clean_line(form.theme), LINE_MAX)
    attendees_text = errors.check(bounded, "attendees_text", "参会人员", clean_line(form.attendees_text), LINE_MAX)
    preparation = errors.check(bounded, "preparation", "会前准备", clean_text(form.preparation), TEXT_MAX)
    host = errors.check(bounded, "host_name", "主持人", clean_line(form.host_name), NAME_MAX)
    recorder = errors.check(bounded, "recorder_name", "记录人", clean_line(form.recorder_name), NAME_MAX)
    speaker = errors.check(bounded, "speaker_name", "主讲人", clean_line(form.speaker_name), NAME_MAX)
    minutes = errors.check(bounded, "minutes", "会议内容", clean_text(form.minutes), TEXT_MAX)
    planned_time = errors.check(parse_time, "planned_time", "计划时间", form.planned_time)
    started = errors.check(parse_time, "started_at", "开始时间", form.started_at)
    ended = errors.check(parse_time, "ended_at", "结束时间", form.ended_at)
    held = form.held_on
    if held is not None and (bad := date_problem("实际召开日期", held, today=today)):
        errors.add("held_on", *bad)
    if (started or ended) and held is None:
        errors.add("held_on", "required", "填写了开始或结束时间，请同时填写实际召开日期。")
    if started and ended and ended <= started:
        errors.add("ended_at", "order", f"结束时间 {ended} 不晚于开始时间 {started}，请核对。")

    attendance = _attendance(form.attendance, held, errors)
    agenda = _agenda(form.agenda, errors)
    speeches = _speeches(form.speeches, len(agenda), errors)
    resolutions = _resolutions(form.resolutions, attendance, errors)
    tasks = _tasks(form.tasks, held or form.planned_on, errors)
    errors.raise_if_any()
    return MeetingForm(
        kind=form.kind, planned_on=form.planned_on, planned_time=planned_time or "", title=title or "",
        place=place or "", theme=theme or "", group_id=form.group_id if form.kind == "group" else None,
        also_counts=also, attendees_text=attendees_text or "", preparation=preparation or "",
        held_on=held, started_at=started or "", ended_at=ended or "", host_name=host or "",
        recorder_name=recorder or "", speaker_name=speaker or "", minutes=minutes or "",
        attendance=attendance, agenda=agenda, speeches=speeches, resolutions=resolutions, tasks=tasks,
    )


def _too_many(rows: list, what: str, field: str, errors: ErrorCollector) -> bool:
    if len(rows) > MAX_ROWS:
        errors.add(field, "too_many", f"{what}超过 {MAX_ROWS} 行，请核对是否重复粘贴。")
        return True
    return False


def _attendance(entries: list[AttendanceEntry], held, errors: ErrorCollector) -> list[AttendanceEntry]:
    if _too_many(entries, "出席名单", "attendance", errors):
        return []
    cleaned: list[AttendanceEntry] = []
    seen_members: set[int] = set()
    for n, entry in enumerate(entries, start=1):
        who = clean_line(entry.name)
        where = f"出席名单第 {n} 行" + (f"（{who}）" if who else "")
        if not who:
            errors.add("attendance", "name", f"{where}：请填写姓名，或删去这一行。")
            continue
        if len(who) > NAME_MAX:
            errors.add("attendance", "too_long", f"{where}：姓名太长，最多 {NAME_MAX} 字。")
            continue
        note = clean_line(entry.note)
        if len(note) > LINE_MAX:
            errors.add("attendance", "too_long", f"{where}：说明太长，最多 {LINE_MAX} 字。")
            continue
        if entry.is_guest:
            cleaned.append(AttendanceEntry(who, None, True, "present", "", note))
            continue
        if entry.member_id is not None:
            if entry.member_id in seen_members:
                errors.add("attendance", "duplicate", f"{where}：这名党员在名单中出现了两次，请删去重复的一行。")
                continue
            seen_members.add(entry.member_id)
        status, reason = entry.status, entry.reason if entry.status == "absent" else ""
        if status not in labels.ATTENDANCE:
            errors.add("attendance", "choice", f"{where}：请选择出席、缺席或不计入应到。")
            continue
        if status and held is None:
            errors.add("attendance", "not_held", f"{where}：请先填写实际召开日期，再登记出席情况。")
            continue
        if status == "absent":
            if reason not in labels.ABSENCE_REASONS:
                errors.add(
                    "attendance", "reason",
                    f"{where}：缺席必须写明原因，请选择事假、病假、因公或其他（流动党员可选流动在外）。",
                )
                continue
            if reason == "away" and entry.member_status != "away":
                errors.add("attendance", "reason",
                           f"{where}：「流动在外」只用于流动党员，请选择事假、病假、因公或其他。")
                continue
            if reason == "other" and not note:
                errors.add("attendance", "reason_text", f"{where}：缺席原因选了「其他」，请写明具体原因。")
                continue
        if status == "not_counted" and not note:
            errors.add(
                "attendance", "reason_text",
                f"{where}：不计入应到人数须写明原因（如外出务工半年以上），请在说明栏填写。",
            )
            continue
        cleaned.append(
            AttendanceEntry(
                who, entry.member_id, False, status, reason, note if status else "",
                entry.member_status, bool(entry.voting),
            )
        )
    return cleaned


def _agenda(items: list[AgendaItem], errors: ErrorCollector) -> list[AgendaItem]:
    if _too_many(items, "议题", "agenda", errors):
        return []
    cleaned = []
    for n, item in enumerate(items, start=1):
        title = clean_line(item.title)
        summary = clean_text(item.summary)
        if not title:
            errors.add("agenda", "required", f"议题第 {n} 行：请填写议题，或删去这一行。")
            continue
        if len(title) > LINE_MAX or len(summary) > TEXT_MAX:
            errors.add("agenda", "too_long", f"议题第 {n} 行太长：议题最多 {LINE_MAX} 字，说明最多 {TEXT_MAX} 字。")
            continue
        cleaned.append(AgendaItem(title, summary))
    return cleaned


def _speeches(speeches: list[Speech], agenda_count: int, errors: ErrorCollector) -> list[Speech]:
    if _too_many(speeches, "发言记录", "speeches", errors):
        return []
    cleaned = []
    for n, speech in enumerate(speeches, start=1):
        speaker, content = clean_line(speech.speaker), clean_text(speech.content)
        where = f"发言第 {n} 条" + (f"（{speaker}）" if speaker else "")
        if not speaker or not content:
            missing = "发言人" if not speaker else "发言内容"
            errors.add("speeches", "required", f"{where}：请填写{missing}，或删去这一条。")
            continue
        if len(speaker) > NAME_MAX or len(content) > TEXT_MAX:
            errors.add("speeches", "too_long", f"{where}太长：发言人最多 {NAME_MAX} 字，内容最多 {TEXT_MAX} 字。")
            continue
        agenda_no = int(speech.agenda_no or 0)
        if not 0 <= agenda_no <= agenda_count:
            errors.add("speeches", "agenda", f"{where}：所属议题第 {agenda_no} 项不存在，请重新选择。")
            continue
        cleaned.append(Speech(speaker, content, agenda_no))
    return cleaned


def _resolutions(
    resolutions: list[ResolutionForm], attendance: list[AttendanceEntry], errors: ErrorCollector
) -> list[ResolutionForm]:
    if _too_many(resolutions, "决议", "resolutions", errors):
        return []
    voters = rules.voters_present(attendance)
    cleaned = []
    for n, item in enumerate(resolutions, start=1):
        text = clean_text(item.text)
        where = f"决议第 {n} 项"
        if not text:
            errors.add("resolutions", "required", f"{where}：请填写决议内容，或删去这一项。")
            continue
        if len(text) > TEXT_MAX:
            errors.add("resolutions", "too_long", f"{where}：内容太长，最多 {TEXT_MAX} 字。")
            continue
        if not item.voted:
            cleaned.append(ResolutionForm(text))
            continue
        counts = (item.yes, item.no, item.abstain)
        if any(c is None or c < 0 for c in counts):
            errors.add("resolutions", "votes", f"{where}：请填写赞成、反对、弃权票数（没有的填 0）。")
            continue
        total = sum(counts)  # type: ignore[arg-type]
        if total == 0:
            errors.add("resolutions", "votes", f"{where}：票数都是 0。未表决的决议请取消「表决」勾选。")
            continue
        if total > voters:
            errors.add(
                "resolutions", "votes",
                f"{where}：共 {total} 票，多于到会有表决权的正式党员 {voters} 名。"
                "请核对票数和出席名单（只有正式党员有表决权）。",
            )
            continue
        cleaned.append(ResolutionForm(text, True, item.yes, item.no, item.abstain))
    return cleaned


def _tasks(tasks: list[TaskForm], meeting_day, errors: ErrorCollector) -> list[TaskForm]:
    if _too_many(tasks, "落实事项", "tasks", errors):
        return []
    cleaned = []
    for n, item in enumerate(tasks, start=1):
        task, owner = clean_text(item.task), clean_line(item.owner)
        where = f"落实事项第 {n} 项"
        if not task or not owner:
            missing = "任务内容" if not task else "责任人"
            errors.add("tasks", "required", f"{where}：请填写{missing}。")
            continue
        if len(task) > LINE_MAX * 5 or len(owner) > NAME_MAX:
            errors.add("tasks", "too_long", f"{where}太长：任务最多 {LINE_MAX * 5} 字，责任人最多 {NAME_MAX} 字。")
            continue
        if item.deadline is not None and (bad := date_problem("完成期限", item.deadline, planned=True)):
            errors.add("tasks", bad[0], f"{where}：{bad[1]}")
            continue
        if item.deadline is not None and meeting_day is not None and item.deadline < meeting_day:
            errors.add("tasks", "deadline", f"{where}：完成期限 {item.deadline:%Y-%m-%d} 早于会议日期，请核对。")
            continue
        cleaned.append(TaskForm(task, owner, item.deadline, item.uid))
    return cleaned


def finalise_problems(form: MeetingForm) -> list[ValidationError]:
    """What a record still lacks before it can be 定稿 (the form is already clean)."""
    problems: list[ValidationError] = []

    def add(field, code, detail):
        problems.append(ValidationError(field, code, detail))

    if form.held_on is None:
        add("held_on", "required", "请填写实际召开日期：只有开过的会议才能定稿。")
    if not form.host_name:
        add("host_name", "required", "请填写主持人。")
    if not form.recorder_name:
        add("recorder_name", "required", "请填写记录人。")
    if form.kind == "lecture" and not form.speaker_name:
        add("speaker_name", "required", "党课请填写主讲人。")
    members = [e for e in form.attendance if not e.is_guest]
    if not members:
        add("attendance", "empty", "请登记出席情况：出席名单里还没有应到人员。")
    unrecorded = [e.name for e in members if not e.status]
    if unrecorded:
        shown = "、".join(unrecorded[:5]) + ("等" if len(unrecorded) > 5 else "")
        add("attendance", "unrecorded", f"还有 {len(unrecorded)} 人未登记出席或缺席（{shown}），请逐一登记。")
    elif members and not any(e.status == "present" for e in members):
        add("attendance", "nobody", "出席名单中没有人出席，请核对。")
    if not form.agenda and not form.minutes:
        add("agenda", "required", "请至少填写一项议题，或填写会议内容。")
    check = rules.quorum(form.kind, form.attendance)
    if check.applies and not unrecorded and not check.met and any(r.voted for r in form.resolutions):
        add("resolutions", "quorum", check.explanation + "有表决的决议无效，请核对出席情况或删去表决。")
    return problems

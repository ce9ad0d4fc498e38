"""A meeting as JSON, for ``branchdesk meetings show --json`` and
``branchdesk meetings record ID FILE.json``: what ``show`` prints can be edited and
read back. Labels are accepted where keys are expected (「缺席」, 「病假」, 「支委会」)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from .. import labels
from ..dates import parse_date
from ..errors import ErrorCollector, ValidationError
from ..text import quoted
from . import rules
from .forms import (
    AgendaItem,
    AttendanceEntry,
    MeetingDetail,
    MeetingForm,
    ResolutionForm,
    Speech,
    TaskForm,
)

_DATE_FIELDS = ("planned_on", "held_on")
_TEXT_FIELDS = ("kind", "planned_time", "title", "place", "theme", "attendees_text", "preparation", "started_at",
                "ended_at", "host_name", "recorder_name", "speaker_name", "minutes")


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def detail_to_json(detail: MeetingDetail) -> dict:
    form = detail.form
    data = {k: _plain(v) for k, v in dataclasses.asdict(form).items()}
    for key in ("attendance", "agenda", "speeches", "resolutions", "tasks"):
        data[key] = [{k: _plain(v) for k, v in row.items()} for row in data[key]]
    counts = rules.Counts.of(form.attendance)
    data.update(
        id=detail.id, state=detail.state, state_label=detail.state_label, kind_label=detail.kind_label,
        branch=detail.branch_name, group_name=detail.group_name, notified_on=_plain(detail.notified_on),
        counts=dataclasses.asdict(counts),
        quorum=rules.quorum(form.kind, form.attendance).explanation,
        outcomes=[rules.outcome(form.kind, form.attendance, r).explanation for r in form.resolutions],
        task_status=[{"uid": t.uid, "done_on": _plain(t.done_on)} for t in detail.tasks],
        attachments=[dataclasses.asdict(a) for a in detail.attachments],
    )
    return data


def _key(table: dict, value, field: str, what: str, errors: ErrorCollector) -> str:
    text = str(value or "").strip()
    if text in table or text == "":
        return text
    key = labels.key_for(table, text)
    if key is None:
        errors.add(field, "choice", f"{what}{quoted(text)}无效，可选：{'、'.join(v for v in table.values() if v)}。")
        return ""
    return key


def _date(value, field: str, what: str, errors: ErrorCollector) -> dt.date | None:
    try:
        return parse_date(value)
    except ValueError:
        errors.add(field, "date", f"{what}{quoted(value)}不是有效日期，请写成 2024-06-30。")
        return None


def form_from_json(data: dict, base: MeetingForm) -> MeetingForm:
    """``base`` with the keys present in ``data`` replaced (lists replace whole lists)."""
    if not isinstance(data, dict):
        raise ValidationError("file", "format", "记录文件应是一个 JSON 对象（{ … }），请对照 meetings show --json 的输出。")
    errors = ErrorCollector()
    form = dataclasses.replace(base)
    for key in _TEXT_FIELDS:
        if key in data:
            setattr(form, key, str(data[key] or ""))
    if "kind" in data:
        form.kind = _key(labels.MEETING_KINDS, data["kind"], "kind", "会议类型", errors)
    for key in _DATE_FIELDS:
        if key in data:
            setattr(form, key, _date(data[key], key, "日期", errors))
    if "group_id" in data:
        form.group_id = data["group_id"]
    if "also_counts" in data:
        form.also_counts = tuple(_key(labels.MEETING_KINDS, k, "also_counts", "同时计为", errors)
                                 for k in data["also_counts"] or [])
    rows = {key: data[key] for key in ("attendance", "agenda", "speeches", "resolutions", "tasks") if key in data}
    for key, value in rows.items():
        if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
            errors.add(key, "format", f"{quoted(key, '「」')}应是由 {{…}} 组成的列表。")
    errors.raise_if_any()
    if "attendance" in rows:
        form.attendance = [
            AttendanceEntry(
                name=str(r.get("name", "")), member_id=r.get("member_id"),
                is_guest=bool(r.get("is_guest", r.get("guest", False))),
                status=_key(labels.ATTENDANCE, r.get("status", ""), "attendance", f"出席名单第 {n} 行的出席情况", errors),
                reason=_key(labels.ABSENCE_REASONS, r.get("reason", ""), "attendance", f"出席名单第 {n} 行的缺席原因",
                            errors),
                note=str(r.get("note", "")), member_status=str(r.get("member_status", "")),
                voting=bool(r.get("voting", False)),
            )
            for n, r in enumerate(rows["attendance"], start=1)
        ]
    if "agenda" in rows:
        form.agenda = [AgendaItem(str(r.get("title", "")), str(r.get("summary", ""))) for r in rows["agenda"]]
    if "speeches" in rows:
        form.speeches = [Speech(str(r.get("speaker", "")), str(r.get("content", "")), int(r.get("agenda_no") or 0))
                         for r in rows["speeches"]]
    if "resolutions" in rows:
        form.resolutions = [
            ResolutionForm(str(r.get("text", "")), bool(r.get("voted", False)), r.get("yes"), r.get("no"),
                           r.get("abstain"))
            for r in rows["resolutions"]
        ]
    if "tasks" in rows:
        form.tasks = [
            TaskForm(str(r.get("task", "")), str(r.get("owner", "")),
                     _date(r.get("deadline"), "tasks", f"落实事项第 {n} 项的完成期限", errors), str(r.get("uid", "")))
            for n, r in enumerate(rows["tasks"], start=1)
        ]
    errors.raise_if_any()
    return form

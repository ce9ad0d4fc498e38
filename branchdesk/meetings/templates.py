"""Recurring meetings in fewer steps: a new meeting copied from the previous one of its
kind (「复制上次会议」), and topic templates (议题模板) — a small built-in list per kind
plus the branch's own, kept in an archive setting (they are no records, so they never
reach the yearbook or a bundle). docs/domain.md §2.6."""

from __future__ import annotations

import dataclasses
import datetime as dt

import peewee

from .. import labels
from ..errors import Conflict, NotFound, ValidationError, ValidationErrors
from ..storage.binding import uses_archive
from ..storage.models import Meeting
from ..text import LINE_MAX, clean_line
from . import store
from .forms import AgendaItem, MeetingForm
from .seal import MEETING

TEMPLATES_SETTING = "meetings.topic_templates"
DEFAULT_TEMPLATES: list = []  # the branch's own; the built-in ones are below
MAX_TEMPLATES = 100
MAX_TEMPLATE_ITEMS = 30


@dataclasses.dataclass(frozen=True)
class TopicTemplate:
    """A theme and the agenda items a meeting of ``kind`` starts with. ``built_in``
    ones ship with the program and cannot be deleted."""

    name: str
    kind: str
    theme: str = ""
    agenda: tuple[str, ...] = ()
    built_in: bool = False

    def as_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind, "theme": self.theme, "agenda": list(self.agenda)}


def _built_in(kind: str, name: str, theme: str, *agenda: str) -> TopicTemplate:
    return TopicTemplate(name, kind, theme, tuple(agenda), built_in=True)


BUILT_IN = (
    _built_in("committee", "月度支委会", "",
              "学习传达上级有关会议和文件精神", "研究本月党建工作安排", "讨论党员教育管理和发展党员工作",
              "通报上月工作落实情况"),
    _built_in("committee", "发展党员", "研究发展党员工作",
              "讨论确定入党积极分子（发展对象）", "研究培养联系人和考察情况"),
    _built_in("committee", "组织生活会准备", "研究召开组织生活会",
              "确定组织生活会主题和时间", "部署征求意见和谈心谈话", "研究支部班子问题清单"),
    _built_in("theme_day", "主题党日（学习）", "集中学习",
              "重温入党誓词", "集中学习上级文件精神", "交流学习体会", "缴纳党费"),
    _built_in("theme_day", "主题党日（志愿服务）", "志愿服务",
              "重温入党誓词", "开展志愿服务活动", "交流活动体会", "缴纳党费"),
    _built_in("general", "党员大会（季度）", "",
              "支部书记通报季度工作", "学习上级文件精神", "讨论决定有关事项"),
    _built_in("group", "党小组会（月度）", "",
              "学习上级文件精神", "交流思想和工作情况", "收缴党费"),
    _built_in("lecture", "党课", "", "支部书记讲党课", "学员交流发言"),
)


def _stored(archive) -> list[TopicTemplate]:
    rows = archive.settings.get(TEMPLATES_SETTING) or []
    return [TopicTemplate(r["name"], r["kind"], r.get("theme", ""), tuple(r.get("agenda", ())))
            for r in rows if isinstance(r, dict) and r.get("name") and r.get("kind") in labels.MEETING_KINDS]


@uses_archive
def templates(archive, kind: str | None = None) -> list[TopicTemplate]:
    """The built-in templates, then the branch's own, of ``kind`` (all kinds if None)."""
    return [t for t in BUILT_IN + tuple(_stored(archive)) if kind is None or t.kind == kind]


@uses_archive
def template(archive, kind: str, name: str) -> TopicTemplate:
    for found in templates(archive, kind):
        if found.name == name:
            return found
    raise NotFound("议题模板", name)


@uses_archive
def save_template(archive, kind: str, name: str, theme: str, agenda: list[str]) -> TopicTemplate:
    """Store (or replace) the branch's own template ``name`` for ``kind``."""
    name, theme = clean_line(name), clean_line(theme)
    items = tuple(clean_line(a) for a in agenda if clean_line(a))
    errors = []
    if kind not in labels.MEETING_KINDS:
        errors.append(ValidationError("kind", "choice", "请选择会议类型。"))
    if not name:
        errors.append(ValidationError("name", "required", "请给模板起个名字，如「月度支委会」。"))
    elif len(name) > 40:
        errors.append(ValidationError("name", "too_long", "模板名称最多 40 字，请删减。"))
    if any(t.built_in and t.name == name for t in BUILT_IN if t.kind == kind):
        errors.append(ValidationError("name", "taken", f"「{name}」是程序自带的模板名称，请换一个名字。"))
    if not items and not theme:
        errors.append(ValidationError("agenda", "required", "模板里没有主题，也没有议题：请至少写一项议题。"))
    if len(items) > MAX_TEMPLATE_ITEMS:
        errors.append(ValidationError("agenda", "too_many", f"一个模板最多 {MAX_TEMPLATE_ITEMS} 项议题。"))
    if len(theme) > LINE_MAX or any(len(a) > LINE_MAX for a in items):
        errors.append(ValidationError("agenda", "too_long", f"主题和每项议题最多 {LINE_MAX} 字，请删减。"))
    own = [t for t in _stored(archive) if not (t.kind == kind and t.name == name)]
    if len(own) >= MAX_TEMPLATES:
        errors.append(ValidationError("name", "too_many", f"最多保存 {MAX_TEMPLATES} 个模板，请先删去不用的。"))
    if errors:
        raise ValidationErrors(errors)
    saved = TopicTemplate(name, kind, theme, items)
    archive.settings.set(TEMPLATES_SETTING, [t.as_dict() for t in own + [saved]])
    return saved


@uses_archive
def delete_template(archive, kind: str, name: str) -> None:
    own = _stored(archive)
    kept = [t for t in own if not (t.kind == kind and t.name == name)]
    if len(kept) == len(own):
        if any(t.name == name for t in BUILT_IN if t.kind == kind):
            raise ValidationError("name", "built_in", f"「{name}」是程序自带的模板，不能删除。")
        raise NotFound("议题模板", name)
    archive.settings.set(TEMPLATES_SETTING, [t.as_dict() for t in kept])


def apply_template(form: MeetingForm, chosen: TopicTemplate) -> MeetingForm:
    """The template's theme (when it has one) and its agenda items after those already there."""
    have = {a.title for a in form.agenda}
    agenda = form.agenda + [AgendaItem(a) for a in chosen.agenda if a not in have]
    return dataclasses.replace(form, theme=chosen.theme or form.theme, agenda=agenda)


@uses_archive
def last_of_kind(archive, kind: str, group_id: int | None = None, before: dt.date | None = None) -> int | None:
    """The newest current meeting of ``kind`` (of the group, for a 党小组会) held or
    planned on or before ``before``; None when there is none."""
    day = peewee.fn.COALESCE(Meeting.held_on, Meeting.planned_on)
    query = Meeting.select(Meeting.id).where(
        Meeting.branch == archive.branch.own_id(), Meeting.kind == kind,
        archive.records.current_only(MEETING, Meeting.id),
    )
    if kind == "group":
        query = query.where(Meeting.group == group_id)
    if before is not None:
        query = query.where(day <= before)
    # a meeting that was held tells more than a plan: held ones first, newest first
    row = query.order_by(Meeting.held_on.is_null(), day.desc(), Meeting.id.desc()).tuples().first()
    return row[0] if row else None


@uses_archive
def copied_form(archive, source_id: int, planned_on: dt.date) -> MeetingForm:
    """A new meeting's form from meeting ``source_id``: kind, group, time, place, who is
    due (brought up to date with the roster), host, recorder, speaker and 参会人员 —
    never the dates, minutes, votes or anyone's attendance mark."""
    source = store.read_form(Meeting.get_by_id(source_id))
    due = [dataclasses.replace(e, status="", reason="", note="") for e in source.attendance if not e.is_guest]
    form = MeetingForm(
        kind=source.kind, group_id=source.group_id, planned_on=planned_on, planned_time=source.planned_time,
        place=source.place, attendees_text=source.attendees_text, host_name=source.host_name,
        recorder_name=source.recorder_name, speaker_name=source.speaker_name, also_counts=source.also_counts,
    )
    form.attendance = due
    form.attendance = archive.meetings.with_roster(form)
    return form


@uses_archive
def new_from_last(archive, kind: str, planned_on: dt.date, group_id: int | None = None,
                  template_name: str = "", title: str = "", theme: str = "") -> int:
    """Plan a meeting of ``kind`` on ``planned_on`` copied from the last one of its kind
    (see ``copied_form``), with a topic template's theme and agenda if one is named."""
    source = last_of_kind(archive, kind, group_id)
    if source is None:
        what = labels.label(labels.MEETING_KINDS, kind)
        raise Conflict(f"还没有记录过{what}，没有可以复制的上次会议；请直接新建。")
    form = copied_form(archive, source, planned_on)
    if template_name:
        form = apply_template(form, template(archive, kind, template_name))
    form.title, form.theme = title, theme or form.theme
    return archive.meetings.plan(form)

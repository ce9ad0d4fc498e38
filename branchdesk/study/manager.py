"""``archive.study``: the year's 学习计划 — topics with their 必读篇目, who leads them and
when — linked to the meetings where each was studied, the 补学 of those absent, and each
member's 学习档案 (docs/domain.md §18). Every change is audited in its own transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .. import clock
from ..errors import Conflict, NotFound, ValidationError
from ..storage.binding import ArchiveBound
from ..storage.models import Meeting, MeetingAttendance, Member
from ..storage.study_models import StudyMakeup, StudyTopic, StudyTopicMeeting
from ..text import LINE_MAX, TEXT_MAX, bounded, clean_line, clean_text
from . import rules


def _now() -> str:
    return clock.now().isoformat(sep=" ")


@dataclass
class TopicForm:
    year: int
    title: str
    readings: str = ""
    lead_member_id: int | None = None
    lead_name: str = ""
    planned_on: dt.date | None = None
    note: str = ""


@dataclass(frozen=True)
class Makeup:
    id: int
    topic_id: int
    member_id: int
    member_name: str
    done_on: dt.date
    way: str
    note: str

    @property
    def way_label(self) -> str:
        return rules.MAKEUP_WAYS.get(self.way, self.way)


@dataclass
class TopicRecord:
    id: int
    year: int
    title: str
    readings: list[str]
    lead_member_id: int | None
    lead_name: str
    planned_on: dt.date | None
    note: str
    meetings: list[tuple[int, str, dt.date | None]] = field(default_factory=list)  # id, title, held_on
    present: list[int] = field(default_factory=list)
    owed: dict[int, dt.date] = field(default_factory=dict)  # member id -> owed from
    makeups: list[Makeup] = field(default_factory=list)

    @property
    def studied_on(self) -> dt.date | None:
        days = [held for _, _, held in self.meetings if held]
        return min(days) if days else None


@dataclass(frozen=True)
class Owed:
    topic_id: int
    topic_title: str
    member_id: int
    member_name: str
    owed_from: dt.date
    days_overdue: int


class StudyManager(ArchiveBound):
    def __init__(self, archive):
        self._archive = archive

    # -- settings --------------------------------------------------------------
    def makeup_days(self) -> int:
        value = self._archive.settings.get(rules.MAKEUP_SETTING)
        return value if isinstance(value, int) else rules.DEFAULT_MAKEUP_DAYS

    def set_makeup_days(self, days: int) -> None:
        self._archive.settings.set(rules.MAKEUP_SETTING, rules.check_makeup_days(days))

    # -- reading ---------------------------------------------------------------
    def topic_ids(self, year: int) -> list[int]:
        rows = (StudyTopic.select(StudyTopic.id)
                .where(StudyTopic.branch == self._archive.branch.own_id(), StudyTopic.year == year)
                .order_by(StudyTopic.planned_on.is_null(), StudyTopic.planned_on, StudyTopic.id))
        return [r.id for r in rows]

    def topics(self, year: int) -> list[TopicRecord]:
        return [self.get(i) for i in self.topic_ids(year)]

    def get(self, topic_id: int) -> TopicRecord:
        row = StudyTopic.get_or_none(StudyTopic.id == topic_id, StudyTopic.branch == self._archive.branch.own_id())
        if row is None:
            raise NotFound("学习专题", topic_id)
        record = TopicRecord(row.id, row.year, row.title, [r for r in row.readings.split("\n") if r],
                             row.lead_member_id, row.lead_name, row.planned_on, row.note)
        links = (Meeting.select(Meeting.id, Meeting.title, Meeting.held_on).join(
            StudyTopicMeeting, on=(StudyTopicMeeting.meeting == Meeting.id))
            .where(StudyTopicMeeting.topic == topic_id).order_by(Meeting.planned_on, Meeting.id))
        record.meetings = [(m.id, m.title, m.held_on) for m in links]
        lines = self._attendance([m[0] for m in record.meetings])
        record.makeups = self._makeups(topic_id)
        record.present = sorted({a.member_id for a in lines if a.status == "present"})
        record.owed = rules.owing(lines, {m.member_id for m in record.makeups})
        return record

    def owing(self, today: dt.date | None = None, overdue_only: bool = False) -> list[Owed]:
        """Every member who owes a 补学 (of any year's topic), the longest owed first."""
        today = today or clock.today()
        days = self.makeup_days()
        topic_ids = [r.topic_id for r in StudyTopicMeeting.select(StudyTopicMeeting.topic).join(StudyTopic)
                     .where(StudyTopic.branch == self._archive.branch.own_id()).distinct()]
        found = []
        names = {}
        for topic_id in topic_ids:
            topic = self.get(topic_id)
            for member_id, since in topic.owed.items():
                late = rules.makeup_overdue(since, today, days)
                if overdue_only and not late:
                    continue
                if member_id not in names:
                    names[member_id] = Member.get_by_id(member_id).name
                found.append(Owed(topic.id, topic.title, member_id, names[member_id], since, late))
        return sorted(found, key=lambda o: (o.owed_from, o.topic_id, o.member_name))

    def held_meetings(self, kinds=rules.STUDY_MEETING_KINDS) -> list[tuple[int, str, dt.date]]:
        """(id, title, held on) of the held meetings of ``kinds`` a topic can be linked to, newest first."""
        rows = (Meeting.select(Meeting.id, Meeting.title, Meeting.held_on)
                .where(Meeting.branch == self._archive.branch.own_id(), Meeting.kind.in_(list(kinds)),
                       Meeting.held_on.is_null(False)).order_by(Meeting.held_on.desc(), Meeting.id.desc()))
        return [(m.id, m.title, m.held_on) for m in rows]

    def member_file(self, member_id: int, year: int) -> dict:
        """A member's 学习档案 for ``year``: topics attended, 补学 done, 补学 still owed,
        topics not yet studied."""
        attended, made_up, owed, pending = [], [], [], []
        for topic in self.topics(year):
            makeup = next((m for m in topic.makeups if m.member_id == member_id), None)
            if member_id in topic.present:
                attended.append(topic)
            elif makeup is not None:
                made_up.append((topic, makeup))
            elif member_id in topic.owed:
                owed.append((topic, topic.owed[member_id]))
            elif not topic.meetings:
                pending.append(topic)
        return {"attended": attended, "made_up": made_up, "owed": owed, "pending": pending}

    def year_counts(self, year: int, today: dt.date | None = None) -> dict[str, int]:
        today = today or clock.today()
        topics = self.topics(year)
        days = self.makeup_days()
        return {
            "topics": len(topics),
            "studied": sum(1 for t in topics if t.studied_on),
            "makeups_done": sum(len(t.makeups) for t in topics),
            "makeups_owed": sum(len(t.owed) for t in topics),
            "makeups_overdue": sum(1 for t in topics for since in t.owed.values()
                                   if rules.makeup_overdue(since, today, days)),
        }

    # -- writing ---------------------------------------------------------------
    def add_topic(self, form: TopicForm) -> int:
        self._archive.require_writable()
        values = self._check(form)
        with self._archive.db.atomic():
            row = StudyTopic.create(branch=self._archive.branch.own_id(), created_at=_now(), updated_at=_now(),
                                    **values)
            self._archive.audit.record("study.topic_add", f"新增学习专题：{values['title']}", "study_topic", row.id)
        return row.id

    def update_topic(self, topic_id: int, form: TopicForm) -> None:
        self._archive.require_writable()
        current = self.get(topic_id)
        values = self._check(form)
        with self._archive.db.atomic():
            StudyTopic.update(updated_at=_now(), **values).where(StudyTopic.id == current.id).execute()
            self._archive.audit.record("study.topic_update", f"修改学习专题：{values['title']}", "study_topic", topic_id)

    def delete_topic(self, topic_id: int) -> None:
        self._archive.require_writable()
        current = self.get(topic_id)
        if current.makeups:
            raise Conflict(f"学习专题「{current.title}」已有 {len(current.makeups)} 条补学记录，不能删除；请先删除补学记录。")
        with self._archive.db.atomic():
            StudyTopicMeeting.delete().where(StudyTopicMeeting.topic == topic_id).execute()
            StudyTopic.delete().where(StudyTopic.id == topic_id).execute()
            self._archive.audit.record("study.topic_delete", f"删除学习专题：{current.title}", "study_topic", topic_id)

    def link(self, topic_id: int, meeting_id: int) -> None:
        """The topic was studied at this 党课 / 支部党员大会 / 主题党日."""
        self._archive.require_writable()
        topic = self.get(topic_id)
        meeting = Meeting.get_or_none(Meeting.id == meeting_id, Meeting.branch == self._archive.branch.own_id())
        if meeting is None:
            raise NotFound("会议", meeting_id)
        if meeting.kind not in rules.STUDY_MEETING_KINDS:
            raise ValidationError("meeting_id", "kind", f"「{meeting.title}」不是党课、支部党员大会或主题党日，"
                                  "学习专题只能关联这三类会议。")
        if any(m[0] == meeting_id for m in topic.meetings):
            return
        with self._archive.db.atomic():
            StudyTopicMeeting.create(topic=topic_id, meeting=meeting_id)
            self._archive.audit.record("study.link", f"学习专题「{topic.title}」关联会议「{meeting.title}」",
                                       "study_topic", topic_id, {"meeting_id": meeting_id})

    def unlink(self, topic_id: int, meeting_id: int) -> None:
        self._archive.require_writable()
        topic = self.get(topic_id)
        with self._archive.db.atomic():
            StudyTopicMeeting.delete().where(StudyTopicMeeting.topic == topic_id,
                                             StudyTopicMeeting.meeting == meeting_id).execute()
            self._archive.audit.record("study.unlink", f"学习专题「{topic.title}」取消关联会议",
                                       "study_topic", topic_id, {"meeting_id": meeting_id})

    def record_makeup(self, topic_id: int, member_id: int, done_on: dt.date, way: str, note: str = "") -> int:
        """A member who owes the topic's 补学 has done it (``way``: self 自学+心得 / class 补课)."""
        self._archive.require_writable()
        topic = self.get(topic_id)
        name = Member.get_by_id(member_id).name if Member.get_or_none(Member.id == member_id) else ""
        if member_id not in topic.owed:
            raise ValidationError("member_id", "not_owed", f"{name or '该党员'}没有缺席「{topic.title}」的学习，"
                                  "或已登记补学，无需再登记。")
        if way not in rules.MAKEUP_WAYS:
            raise ValidationError("way", "choice", f"补学方式无效，可选：{'、'.join(rules.MAKEUP_WAYS.values())}。")
        if done_on > clock.today():
            raise ValidationError("done_on", "future", "「补学日期」不能晚于今天，请核对。")
        if done_on < topic.owed[member_id]:
            raise ValidationError("done_on", "order", f"「补学日期」早于缺席的会议（{topic.owed[member_id]:%Y-%m-%d}），请核对。")
        note = bounded("note", "补学说明", clean_text(note), TEXT_MAX)
        with self._archive.db.atomic():
            row = StudyMakeup.create(topic=topic_id, member=member_id, done_on=done_on, way=way, note=note,
                                     created_at=_now())
            self._archive.audit.record("study.makeup", f"登记补学：{name}，「{topic.title}」（{rules.MAKEUP_WAYS[way]}）",
                                       "study_makeup", row.id)
        return row.id

    def delete_makeup(self, makeup_id: int) -> None:
        self._archive.require_writable()
        row = StudyMakeup.get_or_none(StudyMakeup.id == makeup_id)
        if row is None:
            raise NotFound("补学记录", makeup_id)
        with self._archive.db.atomic():
            StudyMakeup.delete().where(StudyMakeup.id == makeup_id).execute()
            self._archive.audit.record("study.makeup_delete", f"删除补学记录：{row.member.name}", "study_makeup", makeup_id)

    # -- helpers ---------------------------------------------------------------
    def _check(self, form: TopicForm) -> dict:
        title = bounded("title", "学习专题", clean_line(form.title), LINE_MAX, True)
        if not isinstance(form.year, int) or not 2000 <= form.year <= 2100:
            raise ValidationError("year", "range", f"年度「{form.year}」无效。")
        if form.planned_on and form.planned_on.year != form.year:
            raise ValidationError("planned_on", "year", f"「计划日期」{form.planned_on:%Y-%m-%d}不在 {form.year} 年内，请核对。")
        readings = "\n".join(clean_line(r) for r in clean_text(form.readings).split("\n") if clean_line(r))
        lead_name = clean_line(form.lead_name)
        if form.lead_member_id is not None:
            lead_name = self._archive.members.get(form.lead_member_id).name
        return {"year": form.year, "title": title, "readings": bounded("readings", "必读篇目", readings, TEXT_MAX),
                "lead_member": form.lead_member_id, "lead_name": bounded("lead_name", "领学人", lead_name, LINE_MAX),
                "planned_on": form.planned_on, "note": bounded("note", "备注", clean_text(form.note), TEXT_MAX)}

    def _attendance(self, meeting_ids: list[int]) -> list[rules.Attendance]:
        if not meeting_ids:
            return []
        rows = (MeetingAttendance.select(MeetingAttendance.member, MeetingAttendance.status, Meeting.id, Meeting.held_on)
                .join(Meeting).where(MeetingAttendance.meeting.in_(meeting_ids), Meeting.held_on.is_null(False),
                                     MeetingAttendance.member.is_null(False), MeetingAttendance.is_guest == False))  # noqa: E712
        return [rules.Attendance(r.meeting.id, r.meeting.held_on, r.member_id, r.status) for r in rows]

    def _makeups(self, topic_id: int) -> list[Makeup]:
        rows = (StudyMakeup.select(StudyMakeup, Member.id, Member.name).join(Member)
                .where(StudyMakeup.topic == topic_id).order_by(StudyMakeup.done_on, StudyMakeup.id))
        return [Makeup(r.id, topic_id, r.member.id, r.member.name, r.done_on, r.way, r.note) for r in rows]

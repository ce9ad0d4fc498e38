"""``archive.service``: 志愿服务 activities with each person's hours, and the 为民办实事
the branch promised for a year with their progress (docs/domain.md §15.1, §15.2).
Every change is in the audit log, in its own transaction."""

from __future__ import annotations

import datetime as dt

from .. import clock
from ..errors import NotFound, ValidationError, ValidationErrors
from ..storage.binding import ArchiveBound
from ..storage.models import Member
from ..storage.service_models import (
    ServiceActivity,
    ServiceParticipant,
    ServicePledge,
    ServicePledgeNote,
)
from ..text import LINE_MAX, NAME_MAX, TEXT_MAX, bounded, clean_line, clean_name, clean_text
from . import rules
from .forms import Activity, ActivityForm, MemberHours, Participant, Pledge, PledgeForm, PledgeNote


def _year_span(year: int):
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


class ServiceManager(ArchiveBound):
    def __init__(self, archive):
        self._archive = archive

    def _branch(self) -> int:
        return self._archive.branch.own_id()

    # -- 志愿服务 ----------------------------------------------------------------
    def activities(self, year: int | None = None) -> list[Activity]:
        """The year's activities (every one when ``year`` is None), newest first."""
        query = ServiceActivity.select().where(ServiceActivity.branch == self._branch())
        if year is not None:
            first, last = _year_span(year)
            query = query.where(ServiceActivity.held_on.between(first, last))
        rows = list(query.order_by(ServiceActivity.held_on.desc(), ServiceActivity.id.desc()))
        people: dict[int, list[Participant]] = {row.id: [] for row in rows}
        if rows:
            for p in (ServiceParticipant.select().where(ServiceParticipant.activity.in_(list(people)))
                      .order_by(ServiceParticipant.position)):
                people[p.activity_id].append(Participant(p.name, p.hours_x10 / 10, p.member_id))
        return [Activity(r.id, r.held_on, r.place, r.content, tuple(people[r.id])) for r in rows]

    def activity(self, activity_id: int) -> Activity:
        row = self._activity_row(activity_id)
        return next(a for a in self.activities(row.held_on.year) if a.id == activity_id)

    def add_activity(self, form: ActivityForm) -> int:
        self._archive.require_writable()
        values, people = self._checked_activity(form)
        now = clock.now().isoformat(sep=" ")
        with self._archive.db.atomic():
            row = ServiceActivity.create(branch=self._branch(), created_at=now, updated_at=now, **values)
            self._write_people(row.id, people)
            self._archive.audit.record("service.activity", f"登记志愿服务：{values['held_on']:%Y-%m-%d} {values['place']}",
                                       "service_activity", row.id, {"people": len(people)})
        return row.id

    def update_activity(self, activity_id: int, form: ActivityForm) -> None:
        self._archive.require_writable()
        self._activity_row(activity_id)
        values, people = self._checked_activity(form)
        with self._archive.db.atomic():
            ServiceActivity.update(updated_at=clock.now().isoformat(sep=" "), **values).where(
                ServiceActivity.id == activity_id).execute()
            ServiceParticipant.delete().where(ServiceParticipant.activity == activity_id).execute()
            self._write_people(activity_id, people)
            self._archive.audit.record("service.activity_update", f"修改志愿服务：{values['held_on']:%Y-%m-%d} {values['place']}",
                                       "service_activity", activity_id, {"people": len(people)})

    def delete_activity(self, activity_id: int) -> None:
        self._archive.require_writable()
        row = self._activity_row(activity_id)
        with self._archive.db.atomic():
            ServiceParticipant.delete().where(ServiceParticipant.activity == activity_id).execute()
            ServiceActivity.delete().where(ServiceActivity.id == activity_id).execute()
            self._archive.audit.record("service.activity_delete", f"删除志愿服务：{row.held_on:%Y-%m-%d} {row.place}",
                                       "service_activity", activity_id)

    def member_hours(self, year: int) -> list[MemberHours]:
        """Each roster member's hours and activities in ``year`` (those with none left out),
        in the archive's order of names. Others who took part are not counted here."""
        totals: dict[int, list] = {}
        for activity in self.activities(year):
            for p in activity.participants:
                if p.member_id is not None:
                    entry = totals.setdefault(p.member_id, [p.name, 0, 0])
                    entry[1] += round(p.hours * 10)
                    entry[2] += 1
        names = {m.id: m.name for m in Member.select(Member.id, Member.name).where(Member.id.in_(list(totals)))} if totals else {}
        found = [MemberHours(mid, names.get(mid, t[0]), t[1] / 10, t[2]) for mid, t in totals.items()]
        return self._archive.members.sorted_by_name(found)

    def hours_summary(self, year: int) -> dict:
        """Counts for measures, the yearbook and the bundle: activities, member hours, the
        active members, the average per active member, the hours of others (no names)."""
        activities = self.activities(year)
        member_x10 = sum(round(p.hours * 10) for a in activities for p in a.participants if p.member_id is not None)
        others_x10 = sum(round(p.hours * 10) for a in activities for p in a.participants if p.member_id is None)
        members = self._archive.members.count()
        return {"activities": len(activities), "member_hours": member_x10 / 10, "other_hours": others_x10 / 10,
                "members": members, "average": round(member_x10 / 10 / members, 1) if members else None,
                "serving_members": len(self.member_hours(year))}

    def _activity_row(self, activity_id: int) -> ServiceActivity:
        row = ServiceActivity.get_or_none(ServiceActivity.id == activity_id, ServiceActivity.branch == self._branch())
        if row is None:
            raise NotFound("志愿服务记录", activity_id)
        return row

    def _checked_activity(self, form: ActivityForm) -> tuple[dict, list[tuple[int | None, str, int]]]:
        errors: list[ValidationError] = []
        if form.held_on is None:
            errors.append(ValidationError("held_on", "required", "请填写活动日期。"))
        elif form.held_on > clock.today():
            errors.append(ValidationError("held_on", "future", "活动日期不能晚于今天：还没开展的活动请到时再登记。"))
        place = bounded("place", "服务地点", clean_line(form.place), LINE_MAX)
        content = bounded("content", "服务内容", clean_text(form.content), TEXT_MAX)
        if not place:
            errors.append(ValidationError("place", "required", "请填写服务地点。"))
        if not content:
            errors.append(ValidationError("content", "required", "请填写服务内容。"))
        people: list[tuple[int | None, str, int]] = []
        roster = {m.id: m.name for m in Member.select(Member.id, Member.name).where(Member.branch == self._branch())}
        seen: set = set()
        for n, p in enumerate(form.participants, start=1):
            try:
                if p.member_id is not None:
                    if p.member_id not in roster:
                        raise ValidationError("participants", "missing", f"第{n}位参加人不在党员名册中，请重新选择。", n)
                    name, key = roster[p.member_id], ("m", p.member_id)
                else:
                    name = bounded("participants", "参加人姓名", clean_name(p.name), NAME_MAX)
                    if not name:
                        raise ValidationError("participants", "required", f"第{n}位参加人没有姓名，请填写或删去这一行。", n)
                    key = ("n", name)
                if key in seen:
                    raise ValidationError("participants", "twice", f"{name}在参加人中出现了两次，请合并为一行。", n)
                seen.add(key)
                people.append((p.member_id, name, rules.hours_x10(p.hours, name, n)))
            except ValidationError as error:
                errors.append(error)
        if not form.participants:
            errors.append(ValidationError("participants", "required", "请至少登记一位参加人及其服务时长。"))
        if errors:
            raise ValidationErrors(errors)
        return {"held_on": form.held_on, "place": place, "content": content}, people

    @staticmethod
    def _write_people(activity_id: int, people) -> None:
        for position, (member_id, name, x10) in enumerate(people, start=1):
            ServiceParticipant.create(activity=activity_id, position=position, member=member_id, name=name, hours_x10=x10)

    # -- 为民办实事 --------------------------------------------------------------
    def pledges(self, year: int | None = None, today: dt.date | None = None) -> list[Pledge]:
        """The 实事 of ``year`` (every year when None) by promised date."""
        today = today or clock.today()
        query = ServicePledge.select().where(ServicePledge.branch == self._branch())
        if year is not None:
            query = query.where(ServicePledge.year == year)
        rows = list(query.order_by(ServicePledge.year, ServicePledge.promised_by, ServicePledge.id))
        notes: dict[int, list[PledgeNote]] = {row.id: [] for row in rows}
        if rows:
            for note in (ServicePledgeNote.select().where(ServicePledgeNote.pledge.in_(list(notes)))
                         .order_by(ServicePledgeNote.noted_on, ServicePledgeNote.id)):
                notes[note.pledge_id].append(PledgeNote(note.id, note.noted_on, note.text))
        # as of ``today``: a 实事 done after it is not done yet then
        return [Pledge(r.id, r.year, r.title, r.promised_by, r.lead_name, r.done_on, tuple(notes[r.id]),
                       rules.pledge_state(r.promised_by, r.done_on if r.done_on and r.done_on <= today else None, today))
                for r in rows]

    def pledge(self, pledge_id: int, today: dt.date | None = None) -> Pledge:
        row = self._pledge_row(pledge_id)
        return next(p for p in self.pledges(row.year, today) if p.id == pledge_id)

    def overdue_pledges(self, today: dt.date | None = None) -> list[Pledge]:
        """Every 实事 not done whose promised date has passed, the longest overdue first (首页)."""
        return sorted((p for p in self.pledges(None, today) if p.state == "overdue"), key=lambda p: p.promised_by)

    def pledge_completion(self, year: int, today: dt.date | None = None) -> tuple[int, int]:
        """(done by the promised date, counted): a 实事 counts once its promised date has
        come or it is done (docs/domain.md §15.2)."""
        today = today or clock.today()
        counted = [p for p in self.pledges(year, today) if p.state != "open"]
        return sum(1 for p in counted if p.state == "done"), len(counted)

    def add_pledge(self, form: PledgeForm) -> int:
        self._archive.require_writable()
        values = self._checked_pledge(form)
        now = clock.now().isoformat(sep=" ")
        with self._archive.db.atomic():
            row = ServicePledge.create(branch=self._branch(), created_at=now, updated_at=now, **values)
            self._archive.audit.record("service.pledge", f"承诺实事：{values['title']}（{values['promised_by']:%Y-%m-%d}前）",
                                       "service_pledge", row.id)
        return row.id

    def update_pledge(self, pledge_id: int, form: PledgeForm) -> None:
        self._archive.require_writable()
        self._pledge_row(pledge_id)
        values = self._checked_pledge(form)
        with self._archive.db.atomic():
            ServicePledge.update(updated_at=clock.now().isoformat(sep=" "), **values).where(
                ServicePledge.id == pledge_id).execute()
            self._archive.audit.record("service.pledge_update", f"修改实事：{values['title']}", "service_pledge", pledge_id)

    def delete_pledge(self, pledge_id: int) -> None:
        self._archive.require_writable()
        row = self._pledge_row(pledge_id)
        with self._archive.db.atomic():
            ServicePledgeNote.delete().where(ServicePledgeNote.pledge == pledge_id).execute()
            ServicePledge.delete().where(ServicePledge.id == pledge_id).execute()
            self._archive.audit.record("service.pledge_delete", f"删除实事：{row.title}", "service_pledge", pledge_id)

    def add_pledge_note(self, pledge_id: int, text: str, noted_on: dt.date | None = None) -> int:
        self._archive.require_writable()
        row = self._pledge_row(pledge_id)
        text = bounded("text", "进展情况", clean_text(text), TEXT_MAX)
        noted_on = noted_on or clock.today()
        if not text:
            raise ValidationError("text", "required", "请填写进展情况。")
        if noted_on > clock.today():
            raise ValidationError("noted_on", "future", "进展日期不能晚于今天。")
        with self._archive.db.atomic():
            note = ServicePledgeNote.create(pledge=pledge_id, noted_on=noted_on, text=text)
            self._archive.audit.record("service.pledge_note", f"实事进展：{row.title}", "service_pledge", pledge_id)
        return note.id

    def complete_pledge(self, pledge_id: int, done_on: dt.date | None) -> None:
        """Mark a 实事 done on ``done_on``, or not done again (None)."""
        self._archive.require_writable()
        row = self._pledge_row(pledge_id)
        if done_on is not None and done_on > clock.today():
            raise ValidationError("done_on", "future", "完成日期不能晚于今天。")
        if done_on is not None and done_on.year < row.year:
            raise ValidationError("done_on", "early", f"完成日期早于实事所属的{row.year}年。")
        with self._archive.db.atomic():
            ServicePledge.update(done_on=done_on, updated_at=clock.now().isoformat(sep=" ")).where(
                ServicePledge.id == pledge_id).execute()
            summary = f"实事完成：{row.title}（{done_on:%Y-%m-%d}）" if done_on else f"实事改为未完成：{row.title}"
            self._archive.audit.record("service.pledge_done", summary, "service_pledge", pledge_id)

    def _pledge_row(self, pledge_id: int) -> ServicePledge:
        row = ServicePledge.get_or_none(ServicePledge.id == pledge_id, ServicePledge.branch == self._branch())
        if row is None:
            raise NotFound("实事", pledge_id)
        return row

    @staticmethod
    def _checked_pledge(form: PledgeForm) -> dict:
        errors: list[ValidationError] = []
        title = bounded("title", "实事名称", clean_line(form.title), LINE_MAX)
        lead = bounded("lead_name", "牵头人", clean_name(form.lead_name), NAME_MAX)
        if not title:
            errors.append(ValidationError("title", "required", "请填写实事名称。"))
        if not lead:
            errors.append(ValidationError("lead_name", "required", "请填写牵头负责的人。"))
        if not 2000 <= form.year <= 2100:
            errors.append(ValidationError("year", "range", "请填写实事所属年度。"))
        if form.promised_by is None:
            errors.append(ValidationError("promised_by", "required", "请填写承诺完成时限。"))
        elif 2000 <= form.year <= 2100 and form.promised_by.year < form.year:
            errors.append(ValidationError("promised_by", "early", f"承诺完成时限早于实事所属的{form.year}年。"))
        if errors:
            raise ValidationErrors(errors)
        return {"year": form.year, "title": title, "promised_by": form.promised_by, "lead_name": lead}


def member_references(member_id: int) -> int:
    """How many 志愿服务 rows and 群众评议 name the member (a member named there is kept)."""
    from ..storage.service_models import ServiceVerdict

    return (ServiceParticipant.select().where(ServiceParticipant.member == member_id).count()
            + ServiceVerdict.select().where(ServiceVerdict.member == member_id).count())

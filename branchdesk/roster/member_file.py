"""党员档案: everything the archive holds about one member for a year, gathered from every
module — the file an inspector asks for (docs/domain.md §19). Read only: each part is
what its own module says (attendance over the held meetings of the year as the 党费 page
counts it, the 党费 months, talks, the 民主评议 grade, 联系户 and 走访, 志愿服务 hours, the
status history, transfers and spells away, 表彰 and 处分)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .. import clock, labels
from ..meetings.manager import HELD_STATES
from ..meetings.seal import MEETING
from ..storage.binding import uses_archive
from ..storage.masses_models import MassesHousehold, MassesVisit
from ..storage.models import Appraisal, AppraisalEntry, Meeting, MeetingAttendance, Talk


@dataclass(frozen=True)
class MeetingLine:
    held_on: dt.date
    kind: str
    title: str
    status: str  # present / absent
    reason: str  # the absence's reason as shown ('' when present)

    @property
    def kind_label(self) -> str:
        return labels.label(labels.MEETING_KINDS, self.kind)


@dataclass(frozen=True)
class TalkLine:
    talked_on: dt.date
    other: str  # whom the member talked with
    led: bool  # the member held the talk


@dataclass
class MemberFile:
    member: object  # roster MemberRecord
    year: int
    meetings: list[MeetingLine]
    dues_months: list  # dues.glance.MonthGlance, January to December
    talks: list[TalkLine]
    grade: str  # the 民主评议 组织评定 label, '' when none
    households: int  # 联系户 kept now
    visits: int  # 走访 made in the year
    service_hours: float
    service_activities: int
    history: list  # roster StatusChange
    transfers: list
    away: list
    commendations: list
    disciplines: list
    warnings: list[str] = field(default_factory=list)

    @property
    def due(self) -> int:
        return len(self.meetings)

    @property
    def present(self) -> int:
        return sum(1 for m in self.meetings if m.status == "present")

    @property
    def absent(self) -> int:
        return self.due - self.present

    @property
    def paid_months(self) -> int:
        """Months of the year with a payment (in full or in part, or paid ahead)."""
        return sum(1 for m in self.dues_months if m.paid_fen > 0)

    @property
    def owed_months(self) -> int:
        """Months past whose 党费 is missing or short."""
        return sum(1 for m in self.dues_months if m.dues in ("unpaid", "partial"))

    @property
    def paid_fen(self) -> int:
        return sum(m.paid_fen for m in self.dues_months)

    def figures(self) -> dict:
        """The counts the page, the paper and ``members file --json`` agree on."""
        return {"meetings_due": self.due, "meetings_present": self.present, "meetings_absent": self.absent,
                "dues_months_paid": self.paid_months, "dues_months_owed": self.owed_months,
                "dues_paid_yuan": round(self.paid_fen / 100, 2), "talks": len(self.talks),
                "appraisal_grade": self.grade, "households": self.households, "visits": self.visits,
                "service_hours": self.service_hours, "service_activities": self.service_activities,
                "commendations": len(self.commendations), "disciplines": len(self.disciplines)}


@uses_archive
def meeting_lines(archive, member_id: int, year: int) -> list[MeetingLine]:
    """The held meetings of ``year`` the member was due at (present or absent; those marked
    不计入应到 are not due), the newest version of each record only."""
    query = (MeetingAttendance.select(Meeting.held_on, Meeting.kind, Meeting.title, MeetingAttendance.status,
                                      MeetingAttendance.reason, MeetingAttendance.note)
             .join(Meeting)
             .where(MeetingAttendance.member == member_id, Meeting.state.in_(HELD_STATES),
                    Meeting.held_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31)),
                    MeetingAttendance.status.in_(("present", "absent")),
                    archive.records.current_only(MEETING, Meeting.id))
             .order_by(Meeting.held_on, Meeting.id))
    lines = []
    for held_on, kind, title, status, reason, note in query.tuples():
        why = "" if status == "present" else labels.label(labels.ABSENCE_REASONS, reason) if reason else "未说明"
        if why and note:
            why = f"{why}（{note}）"
        lines.append(MeetingLine(held_on, kind, title, status, why))
    return lines


def _talks(archive, member_id: int, year: int) -> list[TalkLine]:
    rows = (Talk.select().where(Talk.branch == archive.branch.own_id(),
                                (Talk.talker_member == member_id) | (Talk.partner_member == member_id),
                                Talk.talked_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
            .order_by(Talk.talked_on, Talk.id))
    return [TalkLine(r.talked_on, r.partner_name if r.talker_member_id == member_id else r.talker_name,
                     r.talker_member_id == member_id) for r in rows]


def _grade(member_id: int, year: int) -> str:
    entry = (AppraisalEntry.select(AppraisalEntry.decided_grade).join(Appraisal)
             .where(AppraisalEntry.member == member_id, Appraisal.year == year).order_by(Appraisal.id.desc()).first())
    return labels.label(labels.GRADES, entry.decided_grade) if entry and entry.decided_grade else ""


def member_file(archive, member_id: int, year: int | None = None, today: dt.date | None = None) -> MemberFile:
    today = today or clock.today()
    year = year or today.year
    with archive.bound():
        member = archive.members.get(member_id)
        glance = archive.dues.member_year(member_id, year, today)
        households = (MassesHousehold.select().where(MassesHousehold.member == member_id,
                                                     MassesHousehold.ended_on.is_null()).count())
        visits = (MassesVisit.select().where(MassesVisit.member == member_id,
                                             MassesVisit.visited_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
                  .count())
        hours = next((h for h in archive.service.member_hours(year) if h.member_id == member_id), None)
        warnings = [w.sentence() for w in glance.warnings] + archive.honours.warnings(member_id, today)
        return MemberFile(
            member, year, meeting_lines(archive, member_id, year), list(glance.months), _talks(archive, member_id, year),
            _grade(member_id, year), households, visits, hours.hours if hours else 0.0,
            hours.activities if hours else 0, archive.members.status_history(member_id),
            archive.transfers.of_member(member_id), archive.away.of_member(member_id),
            archive.honours.commendations(member_id=member_id), archive.honours.disciplines(member_id=member_id),
            warnings)


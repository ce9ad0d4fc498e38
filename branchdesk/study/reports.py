"""``archive.reports``: 汇报制度 (docs/domain.md §18) — each member's 思想、工作、学习 汇报
(and a 预备党员's quarterly 思想汇报 during the 预备期) with the date received, who is
behind, and the branch's half-yearly 工作报告 to the 支部党员大会."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import clock, labels
from ..errors import NotFound, ValidationError
from ..storage.binding import ArchiveBound
from ..storage.models import Meeting, Member
from ..storage.study_models import BranchReport, MemberReport
from ..text import LINE_MAX, TEXT_MAX, bounded, clean_line, clean_text
from . import rules


def _now() -> str:
    return clock.now().isoformat(sep=" ")


@dataclass(frozen=True)
class ReportRecord:
    id: int
    member_id: int
    member_name: str
    kind: str
    received_on: dt.date
    note: str

    @property
    def kind_label(self) -> str:
        return rules.REPORT_KINDS.get(self.kind, self.kind)


@dataclass(frozen=True)
class Behind:
    member_id: int
    member_name: str
    kind: str
    period: rules.Period

    @property
    def kind_label(self) -> str:
        return rules.REPORT_KINDS[self.kind]


@dataclass(frozen=True)
class BranchReportRecord:
    id: int
    year: int
    half: int
    title: str
    body: str
    meeting_id: int | None
    meeting_title: str
    presented_on: dt.date | None

    @property
    def half_label(self) -> str:
        return f"{self.year}年{'上半年' if self.half == 1 else '下半年'}"


class ReportManager(ArchiveBound):
    def __init__(self, archive):
        self._archive = archive

    def period(self) -> str:
        value = self._archive.settings.get(rules.REPORT_SETTING)
        return value if value in rules.REPORT_PERIODS else rules.DEFAULT_REPORT_PERIOD

    def set_period(self, period: str) -> None:
        self._archive.settings.set(rules.REPORT_SETTING, rules.check_report_period(period))

    # -- members' 汇报 ----------------------------------------------------------
    def records(self, year: int | None = None, member_id: int | None = None) -> list[ReportRecord]:
        query = (MemberReport.select(MemberReport, Member.id, Member.name).join(Member)
                 .where(MemberReport.branch == self._archive.branch.own_id()))
        if year is not None:
            query = query.where(MemberReport.received_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
        if member_id is not None:
            query = query.where(MemberReport.member == member_id)
        return [ReportRecord(r.id, r.member.id, r.member.name, r.kind, r.received_on, r.note)
                for r in query.order_by(MemberReport.received_on.desc(), MemberReport.id.desc())]

    def add(self, member_id: int, kind: str, received_on: dt.date, note: str = "") -> int:
        self._archive.require_writable()
        member = self._archive.members.get(member_id)
        if kind not in rules.REPORT_KINDS:
            raise ValidationError("kind", "choice", f"汇报类别无效，可选：{'、'.join(rules.REPORT_KINDS.values())}。")
        if member.status not in labels.ACTIVE_STATUSES:
            raise ValidationError("member_id", "not_active", f"{member.name}现为「{member.status_label}」，不在本支部名册中。")
        if received_on > clock.today():
            raise ValidationError("received_on", "future", "「收到日期」不能晚于今天，请核对。")
        note = bounded("note", "摘要", clean_text(note), TEXT_MAX)
        with self._archive.db.atomic():
            row = MemberReport.create(branch=self._archive.branch.own_id(), member=member_id, kind=kind,
                                      received_on=received_on, note=note, created_at=_now())
            self._archive.audit.record("report.add", f"登记{rules.REPORT_KINDS[kind]}：{member.name}"
                                       f"（{received_on:%Y-%m-%d}）", "member_report", row.id)
        return row.id

    def delete(self, report_id: int) -> None:
        self._archive.require_writable()
        row = MemberReport.get_or_none(MemberReport.id == report_id,
                                       MemberReport.branch == self._archive.branch.own_id())
        if row is None:
            raise NotFound("汇报记录", report_id)
        with self._archive.db.atomic():
            MemberReport.delete().where(MemberReport.id == report_id).execute()
            self._archive.audit.record("report.delete", f"删除汇报记录：{row.member.name}", "member_report", report_id)

    def behind(self, today: dt.date | None = None) -> list[Behind]:
        """Each member on the roster with a period ended and no 汇报 of its kind received in
        it (docs/domain.md §18), the oldest period first."""
        today = today or clock.today()
        period = self.period()
        members = self._archive.members
        received: dict[int, list[tuple[str, dt.date]]] = {}
        for r in MemberReport.select().where(MemberReport.branch == self._archive.branch.own_id()):
            received.setdefault(r.member_id, []).append((r.kind, r.received_on))
        found = []
        for m in members.records(members.query_ids()):
            due = rules.periods_due(m.status, m.joined_on, m.full_on, period, today)
            for kind, p in rules.missing(due, received.get(m.id, [])):
                found.append(Behind(m.id, m.name, kind, p))
        return sorted(found, key=lambda b: (b.period.end, b.kind, b.member_name))

    # -- the branch's 工作报告 --------------------------------------------------
    def branch_reports(self, year: int) -> list[BranchReportRecord]:
        rows = (BranchReport.select().where(BranchReport.branch == self._archive.branch.own_id(),
                                            BranchReport.year == year).order_by(BranchReport.half))
        found = []
        for r in rows:
            meeting = Meeting.get_or_none(Meeting.id == r.meeting_id) if r.meeting_id else None
            found.append(BranchReportRecord(r.id, r.year, r.half, r.title, r.body, r.meeting_id,
                                            meeting.title if meeting else "", meeting.held_on if meeting else None))
        return found

    def save_branch_report(self, year: int, half: int, title: str, body: str = "",
                           meeting_id: int | None = None) -> int:
        """The branch's 工作报告 of ``year``'s first (1) or second (2) half, presented at the
        支部党员大会 ``meeting_id``; saving again replaces it."""
        self._archive.require_writable()
        if half not in (1, 2):
            raise ValidationError("half", "choice", "请选择上半年或下半年。")
        title = bounded("title", "报告标题", clean_line(title), LINE_MAX, True)
        body = bounded("body", "报告正文", clean_text(body), TEXT_MAX)
        if meeting_id is not None:
            meeting = Meeting.get_or_none(Meeting.id == meeting_id, Meeting.branch == self._archive.branch.own_id())
            if meeting is None:
                raise NotFound("会议", meeting_id)
            if meeting.kind != "general":
                raise ValidationError("meeting_id", "kind", f"「{meeting.title}」不是支部党员大会：工作报告向全体党员报告。")
        existing = BranchReport.get_or_none(BranchReport.branch == self._archive.branch.own_id(),
                                            BranchReport.year == year, BranchReport.half == half)
        with self._archive.db.atomic():
            if existing is None:
                existing = BranchReport.create(branch=self._archive.branch.own_id(), year=year, half=half, title=title,
                                               body=body, meeting=meeting_id, created_at=_now(), updated_at=_now())
            else:
                BranchReport.update(title=title, body=body, meeting=meeting_id, updated_at=_now()).where(
                    BranchReport.id == existing.id).execute()
            self._archive.audit.record("report.branch", f"登记支部工作报告：{year}年{'上' if half == 1 else '下'}半年",
                                       "branch_report", existing.id)
        return existing.id

    def year_counts(self, year: int, today: dt.date | None = None) -> dict[str, int]:
        today = today or clock.today()
        return {
            "member_reports": len(self.records(year)),
            "reports_behind": len({b.member_id for b in self.behind(today)}),
            "branch_reports": len(self.branch_reports(year)),
        }

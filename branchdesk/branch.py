"""The branch itself: identity, kind, higher organisation, committee and its term."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import clock, labels
from .errors import ErrorCollector, NotFound
from .storage.binding import ArchiveBound
from .storage.models import Branch, CommitteePost, Member
from .text import LINE_MAX, NAME_MAX, bounded, clean_line

# Remind the secretary this many days before the committee's term runs out.
TERM_REMINDER_DAYS = 180
# Why a probationary member cannot hold a committee post (党章 第七条).
PROBATIONARY_REASON = "预备党员没有表决权、选举权和被选举权"


@dataclass
class CommitteeSeat:
    post: str  # key of labels.COMMITTEE_POSTS
    member_id: int | None = None
    holder_name: str = ""


@dataclass
class BranchInfo:
    name: str
    kind: str
    code: str = ""
    higher_org: str = ""
    founded_on: dt.date | None = None
    term_started_on: dt.date | None = None
    committee: list[CommitteeSeat] = field(default_factory=list)
    id: int | None = None

    @property
    def term_years(self) -> int:
        return labels.TERM_YEARS.get(self.kind, labels.DEFAULT_TERM_YEARS)

    @property
    def term_due_on(self) -> dt.date | None:
        """换届 due date: term start plus 5 years (village/社区) or 3 years (others)."""
        if self.term_started_on is None:
            return None
        return clock.add_years(self.term_started_on, self.term_years)

    def term_reminder(self, today: dt.date | None = None) -> str:
        """A sentence for the home page when 换届 is near or overdue, else ''."""
        due = self.term_due_on
        if due is None:
            return ""
        today = today or clock.today()
        days = (due - today).days
        if days < 0:
            return f"支部委员会任期已于 {due:%Y年%m月%d日} 届满，请按程序换届选举。"
        if days <= TERM_REMINDER_DAYS:
            return f"支部委员会任期将于 {due:%Y年%m月%d日} 届满（还有 {days} 天），请提前准备换届。"
        return ""


class BranchManager(ArchiveBound):
    """Reads and saves the archive's own branch (the one this archive belongs to)."""

    def __init__(self, archive):
        self._archive = archive

    def own_or_none(self) -> BranchInfo | None:
        row = Branch.get_or_none(Branch.is_own == True)  # noqa: E712 - peewee expression
        return self._info(row) if row else None

    def own(self) -> BranchInfo:
        info = self.own_or_none()
        if info is None:
            self._missing()
        return info

    def has_own(self) -> bool:
        """Whether the own branch is registered: one small query, without its committee."""
        return Branch.select(Branch.id).where(Branch.is_own == True).exists()  # noqa: E712 - peewee expression

    def own_id(self) -> int:
        """The own branch's id: one small query (managers ask for it on every read)."""
        row = Branch.select(Branch.id).where(Branch.is_own == True).first()  # noqa: E712 - peewee expression
        if row is None:
            self._missing()
        return row.id

    def _missing(self):
        """No own branch: an upper-level archive refuses branch work with its own message."""
        from .upper.mode import UPPER, mode_of, refuse_branch_work

        if mode_of(self._archive) == UPPER:
            raise refuse_branch_work(self._archive)
        raise NotFound("本支部信息", "尚未创建")

    def save_own(self, info: BranchInfo) -> BranchInfo:
        """Create or update the own branch and its committee, in one transaction."""
        self._archive.require_writable()
        cleaned = self._validate(info)
        now = clock.now()
        with self._archive.db.atomic():
            row = Branch.get_or_none(Branch.is_own == True)  # noqa: E712
            values = dict(
                name=cleaned.name,
                code=cleaned.code,
                kind=cleaned.kind,
                higher_org=cleaned.higher_org,
                founded_on=cleaned.founded_on,
                term_started_on=cleaned.term_started_on,
                updated_at=now,
            )
            created = row is None
            if row is None:
                row = Branch.create(is_own=True, created_at=now, **values)
            else:
                Branch.update(**values).where(Branch.id == row.id).execute()
            CommitteePost.delete().where(CommitteePost.branch == row.id).execute()
            for order, seat in enumerate(cleaned.committee):
                CommitteePost.create(
                    branch=row.id,
                    post=seat.post,
                    member=seat.member_id,
                    holder_name=seat.holder_name,
                    sort_order=order,
                )
            detail = {k: v for k, v in values.items() if k != "updated_at"}
            detail["committee"] = [[seat.post, seat.member_id, seat.holder_name] for seat in cleaned.committee]
            self._archive.audit.record(
                "branch.create" if created else "branch.update",
                f"{'建立' if created else '修改'}支部信息及支委会：{cleaned.name}",
                "branch", row.id, detail,
            )
        return self.own()

    def _validate(self, info: BranchInfo) -> BranchInfo:
        errors = ErrorCollector()
        name = errors.check(bounded, "name", "支部名称", clean_line(info.name), LINE_MAX, True)
        code = errors.check(bounded, "code", "组织代码", clean_line(info.code), NAME_MAX)
        higher = errors.check(bounded, "higher_org", "上级党组织", clean_line(info.higher_org), LINE_MAX)
        if info.kind not in labels.BRANCH_KINDS:
            errors.add("kind", "choice", "请选择支部类型（村、社区、机关、企业、学校或其他）。")
        # on use: dates (its regexes, a dataclass) serves forms and imports, not a listing
        from .dates import date_problem

        today = clock.today()
        for key, label_text, day in (
            ("founded_on", "成立日期", info.founded_on),
            ("term_started_on", "本届任期开始日期", info.term_started_on),
        ):
            if day is not None and (bad := date_problem(label_text, day, today=today)):
                errors.add(key, *bad)
        seats: list[CommitteeSeat] = []
        for index, seat in enumerate(info.committee, start=1):
            if seat.post not in labels.COMMITTEE_POSTS:
                errors.add("committee", "choice", f"支委第 {index} 行的职务无效，请重新选择。")
                continue
            holder = clean_line(seat.holder_name)
            if seat.member_id is not None:
                member = Member.get_or_none(Member.id == seat.member_id)
                if member is None:
                    errors.add("committee", "member", f"支委第 {index} 行选择的党员不存在。")
                    continue
                if member.status == "probationary":
                    errors.add("committee", "probationary",
                               f"支委第 {index} 行：「{member.name}」是预备党员，不能担任支委（{PROBATIONARY_REASON}）。")
                    continue
                holder = member.name
            if not holder:
                errors.add("committee", "required", f"支委第 {index} 行请选择任职党员。")
                continue
            seats.append(CommitteeSeat(seat.post, seat.member_id, holder))
        errors.raise_if_any()
        return BranchInfo(
            name=name or "",
            kind=info.kind,
            code=code or "",
            higher_org=higher or "",
            founded_on=info.founded_on,
            term_started_on=info.term_started_on,
            committee=seats,
            id=info.id,
        )

    @staticmethod
    def _info(row: Branch) -> BranchInfo:
        seats = [
            CommitteeSeat(p.post, p.member_id, p.holder_name)
            for p in CommitteePost.select().where(CommitteePost.branch == row.id).order_by(CommitteePost.sort_order)
        ]
        return BranchInfo(
            id=row.id,
            name=row.name,
            kind=row.kind,
            code=row.code,
            higher_org=row.higher_org,
            founded_on=row.founded_on,
            term_started_on=row.term_started_on,
            committee=seats,
        )

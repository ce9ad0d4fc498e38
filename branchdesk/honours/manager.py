"""``archive.honours``: 奖惩 — members' 表彰 and their 党纪处分 or 组织处理
(docs/domain.md §17).

An 开除党籍 makes the member 开除党籍 from its decision date in the roster's status
history (the transfers' way: one new dated line, never before an existing one); deleting
it (entered by mistake) restores the status it replaced, the history keeping both lines.
A 留党察看 in its period is a warning on the member: no right to vote, elect or be
elected (纪律处分条例 第四十条). The facts of a discipline are sensitive: the domain
hands them over, the screens cover them until the app password is confirmed and bundles
upward leave them out (bundle/portable.py). Every change is audited."""

from __future__ import annotations

import datetime as dt

from .. import clock, labels
from ..errors import Conflict, NotFound, ValidationError
from ..storage.binding import ArchiveBound
from ..storage.honours_models import MemberCommendation, MemberDiscipline
from ..storage.models import Member
from ..transfers import status
from .forms import (
    CommendationForm,
    CommendationRecord,
    DisciplineForm,
    DisciplineRecord,
    check_commendation,
    check_discipline,
)


def _now() -> str:
    return clock.now().isoformat(sep=" ")


def _in_year(field, year: int | None):
    return True if year is None else field.between(dt.date(year, 1, 1), dt.date(year, 12, 31))


class HonoursManager(ArchiveBound):
    def __init__(self, archive):
        self._archive = archive

    # -- reading ---------------------------------------------------------------
    def commendations(self, year: int | None = None, member_id: int | None = None) -> list[CommendationRecord]:
        """表彰, newest first."""
        query = (MemberCommendation.select(MemberCommendation, Member.id, Member.name).join(Member)
                 .where(MemberCommendation.branch == self._archive.branch.own_id(),
                        _in_year(MemberCommendation.granted_on, year)))
        if member_id is not None:
            query = query.where(MemberCommendation.member == member_id)
        return [CommendationRecord(r.id, r.member_id, r.member.name, r.kind, r.title, r.granted_by, r.granted_on,
                                   r.doc_no, r.note)
                for r in query.order_by(MemberCommendation.granted_on.desc(), MemberCommendation.id.desc())]

    def disciplines(self, year: int | None = None, member_id: int | None = None) -> list[DisciplineRecord]:
        """处分 and 组织处理, newest first (with their facts: callers decide what to show)."""
        query = (MemberDiscipline.select(MemberDiscipline, Member.id, Member.name).join(Member)
                 .where(MemberDiscipline.branch == self._archive.branch.own_id(),
                        _in_year(MemberDiscipline.decided_on, year)))
        if member_id is not None:
            query = query.where(MemberDiscipline.member == member_id)
        return [DisciplineRecord(r.id, r.member_id, r.member.name, r.kind, r.probation_years, r.decided_by,
                                 r.decided_on, r.doc_no, r.facts, r.status_before)
                for r in query.order_by(MemberDiscipline.decided_on.desc(), MemberDiscipline.id.desc())]

    def commendation(self, record_id: int) -> CommendationRecord:
        found = [r for r in self.commendations() if r.id == record_id]
        if not found:
            raise NotFound("表彰", record_id)
        return found[0]

    def discipline(self, record_id: int) -> DisciplineRecord:
        found = [r for r in self.disciplines() if r.id == record_id]
        if not found:
            raise NotFound("处分", record_id)
        return found[0]

    def warnings(self, member_id: int, day: dt.date | None = None) -> list[str]:
        """Sentences for the member's screens: a 留党察看 in its period on ``day``."""
        day = day or clock.today()
        return [f"{r.member_name}正在{r.kind_label}期间（{r.decided_on:%Y-%m-%d} 至 {r.probation_ends:%Y-%m-%d}），"
                "没有表决权、选举权和被选举权（纪律处分条例第四十条）。"
                for r in self.disciplines(member_id=member_id) if r.on_probation(day)]

    def on_probation(self, day: dt.date | None = None) -> list[DisciplineRecord]:
        """Every 留党察看 whose period covers ``day``."""
        day = day or clock.today()
        return [r for r in self.disciplines() if r.on_probation(day)]

    def year_counts(self, year: int) -> dict[str, int]:
        """表彰 of the year, and each discipline kind's count (kinds with none left out)."""
        counts = {"commendation": len(self.commendations(year))}
        for record in self.disciplines(year):
            counts[record.kind] = counts.get(record.kind, 0) + 1
        return counts

    def references(self, member_id: int) -> int:
        """How many 奖惩 rows name the member (a member with any is never deleted)."""
        return (MemberCommendation.select().where(MemberCommendation.member == member_id).count()
                + MemberDiscipline.select().where(MemberDiscipline.member == member_id).count())

    # -- writing: 表彰 ----------------------------------------------------------
    def commend(self, form: CommendationForm) -> int:
        self._archive.require_writable()
        values = check_commendation(form, clock.today())
        member = self._member(form.member_id)
        with self._archive.db.atomic():
            row = MemberCommendation.create(branch=self._archive.branch.own_id(), created_at=_now(),
                                            updated_at=_now(), **values)
            self._archive.audit.record("honours.commend", f"表彰：{member.name}（{values['title']}）",
                                       "member_commendation", row.id, {"granted_by": values["granted_by"]})
        return row.id

    def update_commendation(self, record_id: int, form: CommendationForm) -> None:
        self._archive.require_writable()
        current = self.commendation(record_id)
        form.member_id = current.member_id
        values = check_commendation(form, clock.today())
        values.pop("member")
        with self._archive.db.atomic():
            MemberCommendation.update(updated_at=_now(), **values).where(MemberCommendation.id == record_id).execute()
            self._archive.audit.record("honours.commend_update", f"修改表彰：{current.member_name}（{values['title']}）",
                                       "member_commendation", record_id)

    def delete_commendation(self, record_id: int) -> None:
        self._archive.require_writable()
        current = self.commendation(record_id)
        with self._archive.db.atomic():
            MemberCommendation.delete().where(MemberCommendation.id == record_id).execute()
            self._archive.audit.record("honours.commend_delete", f"删除表彰：{current.member_name}（{current.title}）",
                                       "member_commendation", record_id)

    # -- writing: 处分 ----------------------------------------------------------
    def discipline_add(self, form: DisciplineForm) -> int:
        """Record a 处分 or 组织处理; an 开除党籍 makes the member 开除党籍 from its date."""
        self._archive.require_writable()
        values = check_discipline(form, clock.today())
        member = self._member(form.member_id)
        expelling = values["kind"] == "expulsion"
        if expelling:
            if member.status not in labels.ACTIVE_STATUSES:
                raise ValidationError("member_id", "not_active",
                                      f"{member.name}现为「{member.status_label}」，不在本支部名册中，不能登记开除党籍。")
            status.check_after_history(member, values["decided_on"], "decided_on", "决定日期")
        with self._archive.db.atomic():
            row = MemberDiscipline.create(branch=self._archive.branch.own_id(), created_at=_now(), updated_at=_now(),
                                          status_before=member.status if expelling else "", **values)
            label = DisciplineRecord(row.id, member.id, member.name, values["kind"], values["probation_years"], "",
                                     values["decided_on"], "", "", "").kind_label
            if expelling:
                status.set_status(self._archive, member.id, "expelled", values["decided_on"],
                                  f"开除党籍：{values['decided_by']}决定" + (f"，{values['doc_no']}" if values["doc_no"] else ""))
            # the audit names the kind, never the facts (the log is shown without the password)
            self._archive.audit.record("honours.discipline", f"{label}：{member.name}", "member_discipline", row.id,
                                       {"decided_by": values["decided_by"]})
        return row.id

    def update_discipline(self, record_id: int, form: DisciplineForm) -> None:
        """Correct the body, 文号, facts or 留党察看 years; the member, kind and date stay
        (a wrong one is deleted and recorded again)."""
        self._archive.require_writable()
        current = self.discipline(record_id)
        form.member_id, form.kind, form.decided_on = current.member_id, current.kind, current.decided_on
        values = check_discipline(form, clock.today())
        for key in ("member", "kind", "decided_on"):
            values.pop(key)
        with self._archive.db.atomic():
            MemberDiscipline.update(updated_at=_now(), **values).where(MemberDiscipline.id == record_id).execute()
            self._archive.audit.record("honours.discipline_update", f"修改{current.kind_label}：{current.member_name}",
                                       "member_discipline", record_id)

    def delete_discipline(self, record_id: int, reason: str) -> None:
        """Remove a record entered by mistake (or annulled on appeal); an 开除党籍's status
        change is undone from the same day."""
        from ..text import LINE_MAX, bounded, clean_line

        self._archive.require_writable()
        reason = bounded("reason", "删除原因", clean_line(reason), LINE_MAX, True)
        current = self.discipline(record_id)
        with self._archive.db.atomic():
            if current.kind == "expulsion":
                later = status.changes_after(current.member_id, current.decided_on)
                if later:
                    raise Conflict(f"{current.member_name}在 {later[0]:%Y-%m-%d} 又有党员状态变化，不能删除这条开除党籍；"
                                   "请先撤销之后的变化。")
                status.set_status(self._archive, current.member_id, current.status_before or "full",
                                  current.decided_on, f"撤销开除党籍：{reason}")
            MemberDiscipline.delete().where(MemberDiscipline.id == record_id).execute()
            self._archive.audit.record("honours.discipline_delete",
                                       f"删除{current.kind_label}：{current.member_name}（{reason}）",
                                       "member_discipline", record_id)

    def _member(self, member_id: int | None):
        if member_id is None:
            raise ValidationError("member_id", "required", "请选择党员。")
        member = self._archive.members.get(member_id)
        if Member.get_by_id(member_id).branch_id != self._archive.branch.own_id():
            raise NotFound("党员", member_id)
        return member

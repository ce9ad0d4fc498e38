"""``archive.away``: the 流动党员 register (docs/domain.md §16) — members working away,
where, how they are reached, the 流入地 党组织 and how they take part in 组织生活 and pay
dues. An open spell makes the member 流动党员 in the roster from its start; its end (返回)
puts them back as 正式 or 预备 党员 (whichever they are by then) from that day."""

from __future__ import annotations

import datetime as dt

from .. import clock
from ..errors import Conflict, NotFound, ValidationError
from ..storage.binding import ArchiveBound
from ..storage.models import Member
from ..storage.transfer_models import AwayMember
from . import rules, status
from .forms import AwayForm, AwayRecord


def _now() -> str:
    return clock.now().isoformat(sep=" ")


class AwayRegister(ArchiveBound):
    def __init__(self, archive):
        self._archive = archive

    # -- reading ---------------------------------------------------------------
    def ids(self, year: int | None = None, open_only: bool = False) -> list[int]:
        """Spells (open ones first, then the latest begun), optionally those that overlap ``year``."""
        query = AwayMember.select(AwayMember.id).where(AwayMember.branch == self._archive.branch.own_id())
        if open_only:
            query = query.where(AwayMember.until.is_null())
        if year is not None:
            query = query.where(AwayMember.since <= dt.date(year, 12, 31),
                                AwayMember.until.is_null() | (AwayMember.until >= dt.date(year, 1, 1)))
        query = query.order_by(AwayMember.until.is_null(False), AwayMember.since.desc(), AwayMember.id.desc())
        return [row.id for row in query]

    def records(self, ids: list[int] | None = None) -> list[AwayRecord]:
        ids = self.ids() if ids is None else ids
        rows = AwayMember.select(AwayMember, Member.id, Member.name).join(Member).where(AwayMember.id.in_(ids))
        found = {row.id: _record(row) for row in rows}
        return [found[i] for i in ids if i in found]

    def get(self, away_id: int) -> AwayRecord:
        found = self.records([away_id])
        if not found:
            raise NotFound("流动党员登记", away_id)
        return found[0]

    def current(self) -> dict[int, AwayRecord]:
        """member id → their open spell: who is away now (attendance, dues, 首页)."""
        return {r.member_id: r for r in self.records(self.ids(open_only=True))}

    def of_member(self, member_id: int) -> list[AwayRecord]:
        rows = AwayMember.select(AwayMember.id).where(AwayMember.member == member_id)
        return self.records([r.id for r in rows.order_by(AwayMember.since, AwayMember.id)])

    # -- writing ---------------------------------------------------------------
    def add(self, form: AwayForm) -> int:
        """Register a spell away; an open one makes the member 流动党员 from ``since``."""
        self._archive.require_writable()
        values = rules.check_away(form, clock.today())
        member = self._archive.members.get(values["member"])
        if member.status not in ("full", "probationary", "away"):
            raise ValidationError("member_id", "not_active",
                                  f"{member.name}现为「{member.status_label}」，不在本支部名册中，不能登记为流动党员。")
        if values["until"] is None and self.current().get(member.id):
            raise Conflict(f"{member.name}已登记为流动党员（尚未返回），请修改那条登记。")
        status.check_after_history(member, values["since"], "since", "外出时间")
        with self._archive.db.atomic():
            row = AwayMember.create(branch=self._archive.branch.own_id(), status_before=member.status,
                                    created_at=_now(), updated_at=_now(), **values)
            if values["until"] is None and member.status != "away":
                status.set_status(self._archive, member.id, "away", values["since"], f"外出流动：{values['place']}")
            self._archive.audit.record("away.add", f"登记流动党员：{member.name}（{values['place']}）",
                                       "away_member", row.id, {"contact": _masked(values["contact"])})
        return row.id

    def update(self, away_id: int, form: AwayForm) -> None:
        """Correct where, contact, 流入地 and the ways; the dates are changed by 返回
        (``end``) or by deleting a spell entered by mistake."""
        self._archive.require_writable()
        current = self.get(away_id)
        form.member_id, form.since, form.until = current.member_id, current.since, current.until
        values = rules.check_away(form, clock.today())
        for fixed in ("member", "since", "until"):
            values.pop(fixed)
        with self._archive.db.atomic():
            AwayMember.update(updated_at=_now(), **values).where(AwayMember.id == away_id).execute()
            self._archive.audit.record("away.update", f"修改流动党员登记：{current.member_name}", "away_member", away_id,
                                       {"contact": _masked(values["contact"])})

    def end(self, away_id: int, until: dt.date) -> None:
        """The member came back on ``until``: 正式/预备 党员 again from that day."""
        self._archive.require_writable()
        current = self.get(away_id)
        if current.until is not None:
            raise Conflict(f"{current.member_name}的这次外出已于 {current.until:%Y-%m-%d} 返回。")
        if until > clock.today() or until < current.since:
            raise ValidationError("until", "order", f"「返回时间」须在 {current.since:%Y-%m-%d} 到今天之间，请核对。")
        member = self._archive.members.get(current.member_id)
        status.check_after_history(member, until, "until", "返回时间")
        with self._archive.db.atomic():
            AwayMember.update(until=until, updated_at=_now()).where(AwayMember.id == away_id).execute()
            if member.status == "away":
                status.set_status(self._archive, member.id, status.home_status(member, until), until, f"流动返回（{current.place}）")
            self._archive.audit.record("away.end", f"流动党员返回：{current.member_name}", "away_member", away_id)

    def delete(self, away_id: int) -> None:
        """A spell entered by mistake: gone, and an open one gives back the status it replaced."""
        self._archive.require_writable()
        current = self.get(away_id)
        member = self._archive.members.get(current.member_id)
        restore = current.until is None and member.status == "away"
        if restore:
            status.check_after_history(member, current.since, "since", "外出时间")
        with self._archive.db.atomic():
            AwayMember.delete().where(AwayMember.id == away_id).execute()
            if restore:
                back = current.status_before if current.status_before != "away" else status.home_status(member, current.since)
                status.set_status(self._archive, member.id, back, current.since, "撤销流动党员登记（录入错误）")
            self._archive.audit.record("away.delete", f"删除流动党员登记：{current.member_name}", "away_member", away_id)


def _masked(phone: str) -> str:
    from .forms import mask_phone

    return mask_phone(phone)


def _record(row: AwayMember) -> AwayRecord:
    return AwayRecord(row.id, row.member_id, row.member.name, row.place, row.since, row.until, row.contact,
                      row.host_org, row.life_way, row.life_note, row.dues_way, row.dues_note, row.status_before,
                      row.note)


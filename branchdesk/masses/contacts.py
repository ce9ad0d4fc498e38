"""联系群众 (两卡一台账): the households each member keeps in touch with, the 走访 log,
and the contact rule — a household not visited in the current period is due, one
whose whole previous period passed without a visit is behind (docs/domain.md §14.1)."""

from __future__ import annotations

import datetime as dt

from .. import clock, labels
from ..dates import date_problem
from ..errors import Conflict, ErrorCollector, NotFound, ValidationError
from ..life import store as life_store
from ..life.validate import person
from ..storage.masses_models import MassesHousehold, MassesRequest, MassesVisit
from ..text import LINE_MAX, NAME_MAX, bounded, clean_line, clean_name, clean_text
from . import rules
from .forms import Coverage, Household, HouseholdForm, MemberContacts, Visit, VisitForm

CIRCUMSTANCES_MAX = LINE_MAX * 5


class ContactsMixin:
    """The 联系户 half of ``archive.masses`` (mixed into MassesManager)."""

    # -- the rule --------------------------------------------------------------
    def contact_period(self) -> str:
        stored = self._archive.settings.get(rules.CONTACT_PERIOD_SETTING)
        return stored if rules.valid_period(stored or "") else rules.DEFAULT_CONTACT_PERIOD

    def set_contact_period(self, period: str) -> None:
        if not rules.valid_period(period):
            raise ValidationError("contact_period", "choice", "联系走访频次请选择每月、每季度、每半年或每年。")
        self._archive.settings.set(rules.CONTACT_PERIOD_SETTING, period)

    # -- reading ---------------------------------------------------------------
    def household_ids(self, member_id: int | None = None, include_ended: bool = False, text: str = "") -> list[int]:
        row = MassesHousehold
        query = row.select(row.id).where(row.branch == self._branch_id)
        if member_id is not None:
            query = query.where(row.member == member_id)
        if not include_ended:
            query = query.where(row.ended_on.is_null())
        text = clean_line(text)
        if text:
            from ..storage.database import like

            query = query.where(like(row.name, text) | like(row.address, text) | like(row.member_name, text))
        return [r[0] for r in query.order_by(row.member_name, row.address, row.name, row.id).tuples()]

    def households(self, ids: list[int] | None = None, today: dt.date | None = None) -> list[Household]:
        today = today or clock.today()
        ids = self.household_ids() if ids is None else ids
        if not ids:
            return []
        visits: dict[int, list[dt.date]] = {i: [] for i in ids}
        for household_id, day in (MassesVisit.select(MassesVisit.household, MassesVisit.visited_on)
                                  .where(MassesVisit.household.in_(ids)).tuples()):
            visits[household_id].append(day)
        period = self.contact_period()
        found = {}
        for r in MassesHousehold.select().where(MassesHousehold.id.in_(ids), MassesHousehold.branch == self._branch_id):
            days = visits[r.id]
            state = "" if r.ended_on else rules.contact_state(period, r.listed_on, days, today)
            found[r.id] = Household(r.id, r.name, r.address, r.phone, r.circumstances, r.kind, r.member_id,
                                    r.member_name, r.listed_on, r.ended_on, max(days) if days else None, len(days),
                                    state)
        return [found[i] for i in ids if i in found]

    def household(self, household_id: int, today: dt.date | None = None) -> Household:
        self._household_row(household_id)
        return self.households([household_id], today)[0]

    def behind(self, today: dt.date | None = None) -> list[Household]:
        """Households whose whole previous contact period passed without a 走访."""
        return [h for h in self.households(today=today) if h.contact_state == "behind"]

    def member_contacts(self, today: dt.date | None = None) -> list[MemberContacts]:
        """Per member: households kept, visited this period, due, behind, 走访 this year."""
        today = today or clock.today()
        households = self.households(today=today)
        year_visits: dict[int | None, int] = {}
        first = dt.date(today.year, 1, 1)
        for member_id, name in (MassesVisit.select(MassesVisit.member, MassesVisit.member_name)
                                .join(MassesHousehold)
                                .where(MassesHousehold.branch == self._branch_id,
                                       MassesVisit.visited_on.between(first, today)).tuples()):
            year_visits[member_id or name] = year_visits.get(member_id or name, 0) + 1
        by_member: dict = {}
        for h in households:
            key = h.member_id or h.member_name
            entry = by_member.setdefault(key, [h.member_id, h.member_name, 0, 0, 0, 0])
            entry[2] += 1
            entry[{"visited": 3, "due": 4, "behind": 5}[h.contact_state]] += 1
        rows = [MemberContacts(m, n, total, v, d, b, year_visits.get(key, 0))
                for key, (m, n, total, v, d, b) in by_member.items()]
        return self._archive.members.sorted_by_name(rows, key=lambda r: r.member_name)

    def coverage(self, first: dt.date, last: dt.date, today: dt.date | None = None) -> Coverage:
        """Of the contact periods from ``first`` to ``last`` that have ended (or end today)
        while a household was kept, how many had a 走访 in them."""
        today = today or clock.today()
        period = self.contact_period()
        last = min(last, today)
        required = covered = 0
        missed = []
        if last < first:
            return Coverage(first, last, period, 0, 0)
        rows = list(MassesHousehold.select().where(MassesHousehold.branch == self._branch_id,
                                                   MassesHousehold.listed_on <= last))
        visits: dict[int, list[dt.date]] = {r.id: [] for r in rows}
        for household_id, day in (MassesVisit.select(MassesVisit.household, MassesVisit.visited_on)
                                  .where(MassesVisit.household.in_(list(visits)),
                                         MassesVisit.visited_on.between(first, last)).tuples()):
            visits[household_id].append(day)
        for r in rows:
            for start, end in rules.spans_between(period, first, last):
                if end > today and not any(start <= d <= end for d in visits[r.id]):
                    continue  # the current period is judged once it is over, unless already visited
                if r.listed_on > end or (r.ended_on and r.ended_on < start):
                    continue
                required += 1
                if any(start <= d <= end for d in visits[r.id]):
                    covered += 1
                else:
                    missed.append(f"{rules.mask_name(r.name)}（{r.member_name or '未分配'}）：{start:%Y-%m-%d}至{end:%Y-%m-%d}")
        return Coverage(first, last, period, required, covered, tuple(missed))

    def visits(self, household_id: int | None = None, year: int | None = None,
               member_id: int | None = None) -> list[Visit]:
        query = (MassesVisit.select(MassesVisit, MassesHousehold.name.alias("household_name"))
                 .join(MassesHousehold).where(MassesHousehold.branch == self._branch_id))
        if household_id is not None:
            query = query.where(MassesVisit.household == household_id)
        if year is not None:
            query = query.where(MassesVisit.visited_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
        if member_id is not None:
            query = query.where(MassesVisit.member == member_id)
        rows = list(query.order_by(MassesVisit.visited_on.desc(), MassesVisit.id.desc()).objects())
        linked: dict[int, list[int]] = {}
        if rows:
            for request_id, visit_id in (MassesRequest.select(MassesRequest.id, MassesRequest.visit)
                                         .where(MassesRequest.visit.in_([r.id for r in rows])).tuples()):
                linked.setdefault(visit_id, []).append(request_id)
        return [Visit(r.id, r.household_id, r.household_name, r.member_id, r.member_name, r.visited_on, r.seen,
                      r.asked, tuple(linked.get(r.id, ()))) for r in rows]

    def history(self, household_id: int):
        """A household at a glance: itself, its 走访 (newest first) and its requests."""
        household = self.household(household_id)
        request_ids = [r[0] for r in MassesRequest.select(MassesRequest.id)
                       .where(MassesRequest.household == household_id).order_by(MassesRequest.received_on).tuples()]
        return household, self.visits(household_id=household_id), self.requests(request_ids)

    # -- writing ---------------------------------------------------------------
    def add_household(self, form: HouseholdForm) -> int:
        self._archive.require_writable()
        values = self._checked_household(form)
        now = clock.now().isoformat(sep=" ")
        with self._archive.db.atomic():
            row = MassesHousehold.create(branch=self._branch_id, created_at=now, updated_at=now, **values)
            # names, phones and circumstances stay out of the audit log: it travels upward whole
            self._archive.audit.record("masses.household", f"新增{labels.label(labels.MASSES_KINDS, values['kind'])}"
                                       f"（编号 {row.id}，联系党员 {values['member_name'] or '未分配'}）",
                                       "masses_household", row.id)
        return row.id

    def update_household(self, household_id: int, form: HouseholdForm) -> None:
        self._archive.require_writable()
        self._household_row(household_id)
        values = self._checked_household(form)
        with self._archive.db.atomic():
            MassesHousehold.update(updated_at=clock.now().isoformat(sep=" "), **values).where(
                MassesHousehold.id == household_id).execute()
            self._archive.audit.record("masses.household_update", f"修改联系户（编号 {household_id}）",
                                       "masses_household", household_id)

    def end_household(self, household_id: int, ended_on: dt.date | None = None) -> None:
        """No longer kept in touch with (moved away, help ended); the history stays."""
        self._archive.require_writable()
        row = self._household_row(household_id)
        ended_on = ended_on or clock.today()
        if ended_on < row.listed_on:
            raise ValidationError("ended_on", "order", f"停止联系日期早于列入日期 {row.listed_on:%Y-%m-%d}，请核对。")
        with self._archive.db.atomic():
            MassesHousehold.update(ended_on=ended_on, updated_at=clock.now().isoformat(sep=" ")).where(
                MassesHousehold.id == household_id).execute()
            self._archive.audit.record("masses.household_end", f"联系户（编号 {household_id}）停止联系",
                                       "masses_household", household_id, {"ended_on": ended_on.isoformat()})

    def record_visit(self, form: VisitForm, take_request: bool = False) -> tuple[int, int | None]:
        """Log a 走访; with ``take_request`` what was asked is 受理 at once as a request
        (channel 走访, linked to the visit). Returns (visit id, request id or None)."""
        self._archive.require_writable()
        errors = ErrorCollector()
        if form.household_id is None:
            errors.add("household_id", "required", "请选择走访的联系户。")
            household = None
        else:
            household = self._household_row(form.household_id)
        member_id, member_name = person(errors, "member_name", "走访党员", form.member_id, form.member_name,
                                        life_store.people(self._branch_id))
        today = clock.today()
        if form.visited_on is None:
            errors.add("visited_on", "required", "请填写走访日期。")
        elif bad := date_problem("走访日期", form.visited_on, today=today):
            errors.add("visited_on", *bad)
        elif household is not None and form.visited_on < household.listed_on:
            errors.add("visited_on", "order", f"走访日期早于这户列入联系的日期 {household.listed_on:%Y-%m-%d}，请核对。")
        seen = errors.check(bounded, "seen", "走访情况", clean_text(form.seen), CIRCUMSTANCES_MAX)
        asked = errors.check(bounded, "asked", "群众诉求", clean_text(form.asked), CIRCUMSTANCES_MAX)
        if take_request and not asked:
            errors.add("asked", "required", "要受理为诉求，请先填写群众提出的诉求。")
        if not seen and not asked and "seen" not in {e.field for e in errors.errors}:
            errors.add("seen", "required", "请填写走访看到的情况或群众提出的诉求。")
        errors.raise_if_any()
        request_id = None
        with self._archive.db.atomic():
            row = MassesVisit.create(household=household.id, member=member_id, member_name=member_name,
                                     visited_on=form.visited_on, seen=seen or "", asked=asked or "",
                                     recorded_at=clock.now().isoformat(sep=" "))
            self._archive.audit.record("masses.visit", f"{member_name}走访联系户（编号 {household.id}，"
                                       f"{form.visited_on:%Y-%m-%d}）", "masses_visit", row.id)
            if take_request:
                from .forms import RequestForm

                request_id = self.take(RequestForm("visit", form.visited_on, asked, household.name, household.id,
                                                   visit_id=row.id))
        return row.id, request_id

    def delete_visit(self, visit_id: int) -> None:
        """A 走访 logged by mistake; not one a request came from."""
        self._archive.require_writable()
        row = (MassesVisit.select().join(MassesHousehold)
               .where(MassesVisit.id == visit_id, MassesHousehold.branch == self._branch_id).first())
        if row is None:
            raise NotFound("走访记录", visit_id)
        if MassesRequest.select().where(MassesRequest.visit == visit_id).exists():
            raise Conflict("这次走访已受理了诉求，不能删除；如登记有误，请修改诉求。")
        with self._archive.db.atomic():
            MassesVisit.delete().where(MassesVisit.id == visit_id).execute()
            self._archive.audit.record("masses.visit_delete", f"删除走访记录（{row.visited_on:%Y-%m-%d}）",
                                       "masses_visit", visit_id)

    # -- helpers ---------------------------------------------------------------
    def _household_row(self, household_id: int) -> MassesHousehold:
        row = MassesHousehold.get_or_none(MassesHousehold.id == household_id, MassesHousehold.branch == self._branch_id)
        if row is None:
            raise NotFound("联系户", household_id)
        return row

    def _checked_household(self, form: HouseholdForm, row: int | None = None) -> dict:
        errors = ErrorCollector(row)
        name = errors.check(bounded, "name", "户主（群众）姓名", clean_name(form.name), NAME_MAX, True)
        address = errors.check(bounded, "address", "村组（住址）", clean_line(form.address), LINE_MAX)
        phone = clean_line(form.phone).replace(" ", "").replace("-", "")
        if phone and not (phone.isascii() and phone.isdigit() and 5 <= len(phone) <= 15):
            errors.add("phone", "format", f"联系电话“{clean_line(form.phone)[:20]}”不对，请只填数字（5 到 15 位）。")
        circumstances = errors.check(bounded, "circumstances", "家庭情况", clean_text(form.circumstances),
                                     CIRCUMSTANCES_MAX)
        if form.kind not in labels.MASSES_KINDS:
            errors.add("kind", "choice", "请选择类别：联系户、结对帮扶或困难群众。")
        member_id, member_name = person(errors, "member_name", "联系党员", form.member_id, form.member_name,
                                        life_store.people(self._branch_id))
        listed_on = form.listed_on or clock.today()
        if bad := date_problem("列入联系日期", listed_on, today=clock.today()):
            errors.add("listed_on", *bad)
        errors.raise_if_any()
        return dict(name=name, address=address or "", phone=phone, circumstances=circumstances or "",
                    kind=form.kind, member=member_id, member_name=member_name, listed_on=listed_on)

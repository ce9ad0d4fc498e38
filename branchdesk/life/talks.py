"""``archive.talks``: the 谈心谈话 log and its coverage for a year.

The rule (docs/domain.md §2.5, decided here where the 条例 is silent):

* 支委之间: every two committee members have talked;
* 支委与党员: each member outside the committee has talked with at least one committee
  member (archive setting ``life.talk_rule`` = ``any_committee``, the default), or with
  the secretary (``secretary``);
* 党员之间: each member outside the committee has talked with at least one other member
  outside the committee (when there is one).

Who counts: the members who belonged to the branch on the last day of the window (正式,
预备 and 流动, from the status history); the committee is today's. A year's window runs
from 1 January — or from the day after last year's 组织生活会 if that was held in this
year — to 31 December, or to the day of this year's 组织生活会 if that is later (a 2024
meeting held in January 2025 counts the talks held before it)."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

import peewee

from .. import clock, labels
from ..errors import ErrorCollector, NotFound
from ..storage.binding import ArchiveBound, uses_archive
from ..storage.database import like
from ..storage.models import LifeCycle, Meeting, Talk
from ..text import LINE_MAX, TEXT_MAX, bounded, clean_line, clean_text
from . import store
from .validate import person

TALK_RULE_SETTING = "life.talk_rule"
DEFAULT_TALK_RULE = "any_committee"


@dataclass
class TalkForm:
    talked_on: dt.date | None = None
    talker_member_id: int | None = None
    talker_name: str = ""
    partner_member_id: int | None = None
    partner_name: str = ""
    place: str = ""
    content: str = ""
    effect: str = ""
    id: int | None = None


@dataclass(frozen=True)
class Person:
    member_id: int
    name: str
    committee: bool
    post: str = ""

    @property
    def post_label(self) -> str:
        return labels.label(labels.COMMITTEE_POSTS, self.post) if self.post else ""


@dataclass
class Coverage:
    """Who has talked with whom in a year's window, and what the rule still misses."""

    year: int
    start: dt.date
    end: dt.date
    rule: str
    people: list[Person]
    # talks per pair of member ids (a frozenset of two ids)
    pairs: dict[frozenset, int] = field(default_factory=dict)
    missing_committee_pairs: list[tuple[Person, Person]] = field(default_factory=list)
    missing_committee_member: list[Person] = field(default_factory=list)
    missing_member_member: list[Person] = field(default_factory=list)
    required: int = 0
    talks: int = 0

    @property
    def gaps(self) -> int:
        return len(self.missing_committee_pairs) + len(self.missing_committee_member) + len(self.missing_member_member)

    @property
    def met(self) -> int:
        return self.required - self.gaps

    @property
    def complete(self) -> bool:
        return self.gaps == 0

    @property
    def ratio(self) -> float:
        """Share of the rule's requirements met (1.0 when nothing is required)."""
        return 1.0 if self.required == 0 else self.met / self.required

    def count(self, a: int, b: int) -> int:
        return self.pairs.get(frozenset((a, b)), 0)

    def kind_of(self, a: Person, b: Person) -> str:
        if a.committee and b.committee:
            return "committee"
        return "committee_member" if a.committee or b.committee else "member"

    def gap_sentences(self, limit: int = 6) -> list[str]:
        """The gaps in words, a line for each kind (names cut after ``limit``)."""
        def names(items: list[str]) -> str:
            return "、".join(items[:limit]) + (f"等 {len(items)} 人" if len(items) > limit else "")

        lines = []
        if self.missing_committee_pairs:
            shown = [f"{a.name}—{b.name}" for a, b in self.missing_committee_pairs]
            more = f"等 {len(shown)} 对" if len(shown) > limit else ""
            lines.append(f"支委之间未谈：{'、'.join(shown[:limit])}{more}")
        if self.missing_committee_member:
            who = "书记" if self.rule == "secretary" else "支委"
            lines.append(f"还没有与{who}谈过的党员：{names([p.name for p in self.missing_committee_member])}")
        if self.missing_member_member:
            lines.append(f"还没有与其他党员谈过的党员：{names([p.name for p in self.missing_member_member])}")
        return lines


@uses_archive
def talk_window(archive, year: int) -> tuple[dt.date, dt.date]:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    branch_id = archive.branch.own_id()
    for cycle_year, adjust in ((year - 1, "start"), (year, "end")):
        row = (
            LifeCycle.select(LifeCycle.planned_on, Meeting.held_on)
            .join(Meeting, on=(LifeCycle.meeting == Meeting.id), join_type=peewee.JOIN.LEFT_OUTER)
            .where(LifeCycle.branch == branch_id, LifeCycle.year == cycle_year)
            .order_by(LifeCycle.id.desc())
            .tuples()
            .first()
        )
        if row is None:
            continue
        planned, held = row
        day = held or planned
        if day is None:
            continue
        if adjust == "start" and day.year == year:
            start = max(start, day + dt.timedelta(days=1))
        elif adjust == "end" and day > end:
            end = day
    return start, end


def coverage_of(people: list[Person], talks: list[tuple[int | None, int | None]], rule: str) -> tuple:
    """The rule on plain data: (pairs, missing committee pairs, members missing a
    committee talk, members missing a member talk, number of requirements)."""
    ids = {p.member_id for p in people}
    pairs: dict[frozenset, int] = {}
    for a, b in talks:
        if a in ids and b in ids and a != b:
            key = frozenset((a, b))
            pairs[key] = pairs.get(key, 0) + 1
    committee = [p for p in people if p.committee]
    others = [p for p in people if not p.committee]
    secretary = next((p for p in committee if p.post == "secretary"), None)
    missing_pairs = [(a, b) for a, b in itertools.combinations(committee, 2) if frozenset((a.member_id, b.member_id)) not in pairs]
    required = len(committee) * (len(committee) - 1) // 2

    def talked_with(person_: Person, group: list[Person]) -> bool:
        return any(frozenset((person_.member_id, q.member_id)) in pairs for q in group if q is not person_)

    missing_cm: list[Person] = []
    partners = [secretary] if rule == "secretary" and secretary is not None else committee
    if partners:
        required += len(others)
        missing_cm = [p for p in others if not talked_with(p, partners)]
    missing_mm: list[Person] = []
    if len(others) > 1:
        required += len(others)
        missing_mm = [p for p in others if not talked_with(p, others)]
    return pairs, missing_pairs, missing_cm, missing_mm, required


def clean_talk(form: TalkForm, people_by_id: dict[int, str], today: dt.date | None = None) -> TalkForm:
    today = today or clock.today()
    errors = ErrorCollector()
    if form.talked_on is None:
        errors.add("talked_on", "required", "请填写谈话日期。")
    elif form.talked_on > today:
        errors.add("talked_on", "future", f"谈话日期 {form.talked_on:%Y-%m-%d} 晚于今天，请核对（也请检查电脑日期）。")
    elif form.talked_on.year < 2000:
        errors.add("talked_on", "range", "谈话日期太早，请核对。")
    talker_id, talker = person(errors, "talker_name", "谈话人", form.talker_member_id, form.talker_name, people_by_id)
    partner_id, partner = person(errors, "partner_name", "谈话对象", form.partner_member_id, form.partner_name,
                                 people_by_id)
    if talker and (talker_id, talker) == (partner_id, partner):
        errors.add("partner_name", "same", "谈话人和谈话对象是同一人，请重新选择。")
    place = errors.check(bounded, "place", "地点", clean_line(form.place), LINE_MAX)
    content = errors.check(bounded, "content", "谈话内容", clean_text(form.content), TEXT_MAX, True)
    effect = errors.check(bounded, "effect", "谈话成效", clean_text(form.effect), TEXT_MAX)
    errors.raise_if_any()
    return TalkForm(form.talked_on, talker_id, talker, partner_id, partner, place or "", content or "",
                    effect or "", form.id)


class TalkManager(ArchiveBound):
    def __init__(self, archive):
        self._archive = archive

    def rule(self) -> str:
        value = self._archive.settings.get(TALK_RULE_SETTING)
        return value if value in labels.TALK_RULES else "any_committee"

    def set_rule(self, rule: str) -> None:
        from ..errors import ValidationError

        if rule not in labels.TALK_RULES:
            raise ValidationError("talk_rule", "choice", f"谈心谈话覆盖规则只能是：{'；'.join(labels.TALK_RULES.values())}。")
        self._archive.settings.set(TALK_RULE_SETTING, rule)

    # -- the log ---------------------------------------------------------------
    def query_ids(self, year: int | None = None, member_id: int | None = None, text: str = "",
                  descending: bool = True) -> list[int]:
        """Talks in ``year``'s window (all when None), involving ``member_id``, matching ``text``."""
        query = Talk.select(Talk.id).where(Talk.branch == self._archive.branch.own_id())
        if year is not None:
            start, end = talk_window(self._archive, year)
            query = query.where(Talk.talked_on.between(start, end))
        if member_id is not None:
            query = query.where((Talk.talker_member == member_id) | (Talk.partner_member == member_id))
        text = clean_line(text)
        if text:
            query = query.where(like(Talk.talker_name, text) | like(Talk.partner_name, text) | like(Talk.content, text))
        order = (Talk.talked_on.desc(), Talk.id.desc()) if descending else (Talk.talked_on, Talk.id)
        return [r[0] for r in query.order_by(*order).tuples()]

    def records(self, ids: list[int]) -> list[TalkForm]:
        found = {
            r.id: TalkForm(r.talked_on, r.talker_member_id, r.talker_name, r.partner_member_id, r.partner_name,
                           r.place, r.content, r.effect, r.id)
            for r in Talk.select().where(Talk.id.in_(ids))
        } if ids else {}
        return [found[i] for i in ids if i in found]

    def get(self, talk_id: int) -> TalkForm:
        rows = self.records([talk_id])
        if not rows:
            raise NotFound("谈心谈话记录", talk_id)
        return rows[0]

    def add(self, form: TalkForm) -> int:
        self._archive.require_writable()
        cleaned = clean_talk(form, store.people(self._archive.branch.own_id()))
        now = clock.now().isoformat(sep=" ")
        with self._archive.db.atomic():
            row = Talk.create(branch=self._archive.branch.own_id(), created_at=now, updated_at=now,
                              **self._values(cleaned))
            self._archive.audit.record("talk.add", f"登记谈心谈话：{cleaned.talker_name}与{cleaned.partner_name}"
                                       f"（{cleaned.talked_on:%Y-%m-%d}）", "talk", row.id)
        return row.id

    def update(self, talk_id: int, form: TalkForm) -> None:
        self._archive.require_writable()
        self.get(talk_id)
        cleaned = clean_talk(form, store.people(self._archive.branch.own_id()))
        with self._archive.db.atomic():
            Talk.update(updated_at=clock.now().isoformat(sep=" "), **self._values(cleaned)).where(
                Talk.id == talk_id).execute()
            self._archive.audit.record("talk.update", f"修改谈心谈话：{cleaned.talker_name}与{cleaned.partner_name}",
                                       "talk", talk_id)

    def delete(self, talk_id: int) -> None:
        self._archive.require_writable()
        talk = self.get(talk_id)
        with self._archive.db.atomic():
            Talk.delete().where(Talk.id == talk_id).execute()
            self._archive.audit.record("talk.delete", f"删除谈心谈话：{talk.talker_name}与{talk.partner_name}"
                                       f"（{talk.talked_on:%Y-%m-%d}）", "talk", talk_id)

    @staticmethod
    def _values(form: TalkForm) -> dict:
        return dict(talked_on=form.talked_on, talker_member=form.talker_member_id, talker_name=form.talker_name,
                    partner_member=form.partner_member_id, partner_name=form.partner_name, place=form.place,
                    content=form.content, effect=form.effect)

    # -- coverage --------------------------------------------------------------
    def coverage(self, year: int, today: dt.date | None = None) -> Coverage:
        """Who has not yet talked with whom in ``year``'s window (see the module's rule)."""
        today = today or clock.today()
        branch_id = self._archive.branch.own_id()
        start, end = talk_window(self._archive, year)
        on = max(min(end, today), start)
        seats = {member_id: post for member_id, _, post in store.committee(branch_id)}
        members = self._archive.members.in_roster_order(
            store.active_members_on(branch_id, on), name=lambda row: row[1], group=lambda row: row[2])
        people = [Person(i, name, i in seats, seats.get(i, "")) for i, name, _ in members]
        people.sort(key=lambda p: (not p.committee, list(seats).index(p.member_id) if p.committee else 0))
        talks = (
            Talk.select(Talk.talker_member, Talk.partner_member)
            .where(Talk.branch == branch_id, Talk.talked_on.between(start, end))
            .tuples()
        )
        talks = list(talks)
        rule = self.rule()
        pairs, missing_pairs, missing_cm, missing_mm, required = coverage_of(people, talks, rule)
        return Coverage(year, start, end, rule, people, pairs, missing_pairs, missing_cm, missing_mm, required,
                        len(talks))

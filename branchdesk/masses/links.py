"""Where requests come from and where they go (docs/domain.md §14.3): a 组织生活会
opinion becomes a request of channel 组织生活会, an opinion voiced at a 座谈会 one of
channel 座谈会 linked to that meeting, and a request that needs lasting work becomes a
整改台账 item (source 民情诉求) whose number the request shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import clock
from ..errors import Conflict, NotFound, ValidationError, ValidationErrors
from ..life.cycle import LIFE_CYCLE
from ..life.ledger_forms import ItemForm
from ..storage.masses_models import MassesRequest
from ..storage.models import LifeCycle, LifeOpinion, Meeting, RectificationItem
from .forms import RequestForm

FORUM = "forum"
HELD_STATES = ("held", "final", "reported")


@dataclass(frozen=True)
class OpinionLink:
    """A 组织生活会 opinion and the request it became (None: not taken in yet)."""

    uid: str
    year: int
    received_on: dt.date
    source: str
    content: str
    giver: str
    request_id: int | None
    request_code: str


class LinksMixin:
    """Links of ``archive.masses`` to 组织生活会, 座谈会 and the 整改台账."""

    # -- 组织生活会 opinions -----------------------------------------------------
    def opinions(self, year: int | None = None) -> list[OpinionLink]:
        """Every opinion of the branch's 组织生活会 (current versions), with its request."""
        query = (LifeOpinion.select(LifeOpinion, LifeCycle.year.alias("cycle_year")).join(LifeCycle)
                 .where(LifeCycle.branch == self._branch_id,
                        self._archive.records.current_only(LIFE_CYCLE, LifeCycle.id)))
        if year is not None:
            query = query.where(LifeCycle.year == year)
        taken = {uid: (rid, y, n) for uid, rid, y, n in MassesRequest.select(
            MassesRequest.opinion_uid, MassesRequest.id, MassesRequest.year, MassesRequest.number).where(
            MassesRequest.branch == self._branch_id, MassesRequest.opinion_uid != "").tuples()}
        found = []
        for o in query.order_by(LifeCycle.year.desc(), LifeOpinion.received_on, LifeOpinion.position).objects():
            link = taken.get(o.uid)
            found.append(OpinionLink(o.uid, o.cycle_year, o.received_on, o.source, o.content,
                                     "" if o.anonymous else o.giver, link[0] if link else None,
                                     f"{link[1]}-{link[2]:03d}" if link else ""))
        return found

    def take_opinion(self, opinion_uid: str) -> int:
        """转为诉求: the opinion as a request of channel 组织生活会 (once)."""
        match = [o for o in self.opinions() if o.uid == opinion_uid]
        if not match:
            raise NotFound("组织生活会意见", opinion_uid)
        opinion = match[0]
        if opinion.request_id is not None:
            raise Conflict(f"这条意见已转为民情诉求 {opinion.request_code}，不能重复转入。")
        return self.take(RequestForm("life", min(opinion.received_on, clock.today()), opinion.content,
                                     opinion.giver, opinion_uid=opinion_uid))

    # -- 座谈会 ------------------------------------------------------------------
    def forums(self) -> list:
        """座谈会 held (meetings of kind 座谈会), newest first, to register their opinions."""
        meetings = self._archive.meetings
        held = [s for s in meetings.summaries(meetings.query_ids(kind=FORUM)) if s.state in HELD_STATES and s.held_on]
        return sorted(held, key=lambda s: (s.held_on, s.id), reverse=True)

    def take_from_forum(self, meeting_id: int, content: str, person_name: str = "",
                        received_on: dt.date | None = None) -> int:
        """从座谈会登记诉求: an opinion voiced at a held 座谈会, linked to the meeting."""
        meeting = Meeting.get_or_none(Meeting.id == meeting_id, Meeting.branch == self._branch_id)
        if meeting is None:
            raise NotFound("座谈会", meeting_id)
        if meeting.kind != FORUM:
            raise ValidationErrors([ValidationError("meeting_id", "kind", f"「{meeting.title}」不是座谈会，请选择座谈会的记录。")])
        if meeting.state not in HELD_STATES or meeting.held_on is None:
            raise ValidationErrors([ValidationError(
                "meeting_id", "not_held", f"「{meeting.title}」还没有登记召开情况，请先在三会一课中填写召开日期。")])
        return self.take(RequestForm(FORUM, received_on or meeting.held_on, content, person_name, meeting_id=meeting_id))

    # -- 整改台账 ----------------------------------------------------------------
    def to_rectification(self, request_id: int, measure: str, deadline: dt.date | None = None,
                         owner_member_id: int | None = None, owner_name: str = "",
                         listed_on: dt.date | None = None) -> int:
        """Put a request on the 整改台账 (source 民情诉求, listed ``listed_on``, today by
        default); the request keeps the link."""
        self._archive.require_writable()
        request = self.request(request_id)
        if request.rectification_id is not None:
            number = RectificationItem.get_by_id(request.rectification_id)
            raise Conflict(f"民情诉求 {request.code} 已列入整改台账（{number.year}-{number.number:02d}），不能重复列入。")
        form = ItemForm(
            year=request.year, problem=request.content, measure=measure,
            owner_member_id=owner_member_id if owner_member_id is not None else request.owner_member_id,
            owner_name=owner_name or request.owner_name, deadline=deadline or request.deadline, source="masses",
            source_ref=request.uid, category="service", scope="branch", created_on=listed_on or clock.today())
        with self._archive.db.atomic():
            item_id = self._archive.rectification.add(form)
            MassesRequest.update(rectification=item_id, updated_at=clock.now().isoformat(sep=" ")).where(
                MassesRequest.id == request_id).execute()
            row = MassesRequest.get_by_id(request_id)
            self._log("masses.rectification", row, f"民情诉求 {request.code} 列入整改台账")
        return item_id

    def rectification_code(self, item_id: int | None) -> str:
        if item_id is None:
            return ""
        row = RectificationItem.get_or_none(RectificationItem.id == item_id)
        return f"{row.year}-{row.number:02d}" if row else ""

"""What the 群众工作 manager takes and returns (plain data, no database)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .. import labels
from .rules import mask_name, mask_phone, mask_text


@dataclass
class HouseholdForm:
    """A household or person a member keeps in touch with (联系户, 结对帮扶, 困难群众)."""

    name: str = ""
    address: str = ""  # 村组 / 住址
    phone: str = ""
    circumstances: str = ""
    kind: str = "contact"
    member_id: int | None = None
    member_name: str = ""
    listed_on: dt.date | None = None


@dataclass(frozen=True)
class Household:
    id: int
    name: str
    address: str
    phone: str
    circumstances: str
    kind: str
    member_id: int | None
    member_name: str
    listed_on: dt.date
    ended_on: dt.date | None
    last_visit: dt.date | None
    visits: int
    contact_state: str  # a key of labels.MASSES_CONTACT_STATES ('' once no longer contacted)

    @property
    def kind_label(self) -> str:
        return labels.label(labels.MASSES_KINDS, self.kind)

    @property
    def state_label(self) -> str:
        return "已停止联系" if self.ended_on else labels.label(labels.MASSES_CONTACT_STATES, self.contact_state)

    def shown_phone(self, full: bool = False) -> str:
        return self.phone if full else mask_phone(self.phone)

    def shown_circumstances(self, full: bool = False) -> str:
        return self.circumstances if full else mask_text(self.circumstances)

    def shown_name(self, full: bool = True) -> str:
        return self.name if full else mask_name(self.name)


@dataclass
class VisitForm:
    household_id: int | None = None
    member_id: int | None = None
    member_name: str = ""
    visited_on: dt.date | None = None
    seen: str = ""  # 看到的情况
    asked: str = ""  # 群众提出的诉求（可直接受理为一件诉求）


@dataclass(frozen=True)
class Visit:
    id: int
    household_id: int
    household_name: str
    member_id: int | None
    member_name: str
    visited_on: dt.date
    seen: str
    asked: str
    request_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class MemberContacts:
    """One member's households and how many are behind the contact rule."""

    member_id: int | None
    member_name: str
    households: int
    visited: int
    due: int
    behind: int
    visits_in_year: int


@dataclass
class RequestForm:
    """受理: what was asked, by whom, through which channel."""

    channel: str = "visit"
    received_on: dt.date | None = None
    content: str = ""
    person_name: str = ""
    household_id: int | None = None
    visit_id: int | None = None
    meeting_id: int | None = None
    opinion_uid: str = ""


@dataclass(frozen=True)
class ProgressNote:
    id: int
    noted_on: dt.date
    text: str
    original_name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Request:
    id: int
    uid: str
    year: int
    number: int
    channel: str
    received_on: dt.date
    person_name: str
    household_id: int | None
    content: str
    visit_id: int | None
    meeting_id: int | None
    opinion_uid: str
    owner_member_id: int | None
    owner_name: str
    assigned_on: dt.date | None
    deadline: dt.date | None
    done_on: dt.date | None
    done_note: str
    feedback_on: dt.date | None
    feedback_how: str
    feedback_note: str
    revisit_on: dt.date | None
    satisfaction: str
    revisit_note: str
    rectification_id: int | None
    state: str
    notes: tuple[ProgressNote, ...] = field(default_factory=tuple)

    @property
    def code(self) -> str:
        """The ledger number people quote: 2026-007."""
        return f"{self.year}-{self.number:03d}"

    @property
    def channel_label(self) -> str:
        return labels.label(labels.MASSES_CHANNELS, self.channel)

    @property
    def state_label(self) -> str:
        return labels.label(labels.MASSES_STATES, self.state)

    @property
    def satisfaction_label(self) -> str:
        return labels.label(labels.MASSES_SATISFACTION, self.satisfaction)

    @property
    def feedback_how_label(self) -> str:
        return labels.label(labels.MASSES_FEEDBACK_WAYS, self.feedback_how)

    def is_overdue(self, today: dt.date) -> bool:
        """Past its deadline and not 办结."""
        return self.deadline is not None and self.done_on is None and self.deadline < today

    def shown_person(self, full: bool = True) -> str:
        return self.person_name if full else mask_name(self.person_name)


@dataclass(frozen=True)
class Tally:
    """A year's requests counted (the ledger's foot, 目标管理, the upper dashboard)."""

    year: int
    received: int
    due: int  # past their deadline, or 办结 already
    done: int  # of those due, 办结
    overdue: int
    revisited: int
    satisfied: int
    basic: int
    unsatisfied: int

    @property
    def completion_rate(self) -> float | None:
        return self.done / self.due if self.due else None

    @property
    def satisfaction_rate(self) -> float | None:
        return (self.satisfied + self.basic) / self.revisited if self.revisited else None


@dataclass(frozen=True)
class Coverage:
    """Contact periods that had their 走访, of those the rule asked for, over a span."""

    first: dt.date
    last: dt.date
    period: str
    required: int
    covered: int
    behind: tuple[str, ...] = ()  # "户名（党员）：期间" of each period missed

    @property
    def rate(self) -> float | None:
        return self.covered / self.required if self.required else None

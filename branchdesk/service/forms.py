"""Plain data of 志愿服务, 为民办实事, 党务公开 and 群众评议 (docs/domain.md §15): what the
window and the command line fill in, and what the managers hand back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Participant:
    """One person at an activity: a roster member (``member_id``) or anyone else by name."""

    name: str = ""
    hours: float = 0.0
    member_id: int | None = None


@dataclass
class ActivityForm:
    held_on: dt.date | None = None
    place: str = ""
    content: str = ""
    participants: list[Participant] = field(default_factory=list)


@dataclass(frozen=True)
class Activity:
    id: int
    held_on: dt.date
    place: str
    content: str
    participants: tuple[Participant, ...]

    @property
    def total_hours(self) -> float:
        return round(sum(p.hours for p in self.participants), 1)


@dataclass(frozen=True)
class MemberHours:
    """A roster member's 志愿服务 in a year: hours and how many activities."""

    member_id: int
    name: str
    hours: float
    activities: int


@dataclass
class PledgeForm:
    year: int = 0
    title: str = ""
    promised_by: dt.date | None = None
    lead_name: str = ""


@dataclass(frozen=True)
class PledgeNote:
    id: int
    noted_on: dt.date
    text: str


@dataclass(frozen=True)
class Pledge:
    """A 实事 the branch promised; ``state`` is 进行中 / 已逾期 / 按期完成 / 逾期完成 (keys in labels)."""

    id: int
    year: int
    title: str
    promised_by: dt.date
    lead_name: str
    done_on: dt.date | None
    notes: tuple[PledgeNote, ...]
    state: str

    @property
    def last_note(self) -> str:
        return self.notes[-1].text if self.notes else ""


@dataclass
class PostingForm:
    kind: str = ""
    title: str = ""
    body: str = ""
    covers_year: int = 0
    covers_part: int = 0
    posted_on: dt.date | None = None
    place: str = ""
    hung_from: dt.date | None = None
    hung_to: dt.date | None = None


@dataclass(frozen=True)
class Posting:
    id: int
    kind: str
    title: str
    body: str
    covers_year: int
    covers_part: int
    posted_on: dt.date
    place: str
    hung_from: dt.date
    hung_to: dt.date

    @property
    def hung_days(self) -> int:
        return (self.hung_to - self.hung_from).days + 1


@dataclass(frozen=True)
class DuePosting:
    """A posting the rule asks for (docs/domain.md §15.3) and what was done about it:
    ``state`` is on_time / late / missing / waiting (not yet due)."""

    kind: str
    covers_year: int
    covers_part: int
    due_on: dt.date
    state: str
    posting_id: int | None

    @property
    def done(self) -> bool:
        return self.state == "on_time"


@dataclass
class VerdictForm:
    year: int = 0
    held_on: dt.date | None = None
    member_id: int | None = None  # None: the branch committee
    satisfied: int = 0
    basic: int = 0
    unsatisfied: int = 0
    unknown: int = 0
    feedback: str = ""


@dataclass(frozen=True)
class Verdict:
    id: int
    year: int
    held_on: dt.date
    member_id: int | None
    subject: str  # 支部委员会 or the member's name
    satisfied: int
    basic: int
    unsatisfied: int
    unknown: int
    feedback: str

    @property
    def ballots(self) -> int:
        return self.satisfied + self.basic + self.unsatisfied + self.unknown

    @property
    def rate(self) -> float | None:
        from .rules import satisfaction_rate

        return satisfaction_rate(self.satisfied, self.basic, self.unsatisfied, self.unknown)

    @property
    def feedback_lines(self) -> list[str]:
        return [line for line in self.feedback.splitlines() if line.strip()]

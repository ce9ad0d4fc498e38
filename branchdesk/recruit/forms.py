"""What a 发展档案 holds, as plain data: the person, each step recorded, and what is due."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .. import labels
from ..roster import idnumber
from .steps import BY_KEY, SENSITIVE_STEPS, StepKind, numbered_title


@dataclass
class PersonForm:
    """The person as the user enters them when the 入党申请书 arrives."""

    name: str = ""
    id_number: str = ""
    ethnicity: str = "汉族"
    education: str = ""
    phone: str = ""
    job: str = ""
    note: str = ""


@dataclass
class StepPerson:
    """One person a step names: ``member_id`` when picked from the roster."""

    role: str
    name: str
    member_id: int | None = None

    @property
    def role_label(self) -> str:
        return labels.label(labels.RECRUIT_ROLES, self.role)


@dataclass
class StepForm:
    """One step as the user records it. A meeting step takes its date from the meeting."""

    step: str
    done_on: dt.date | None = None
    people: list[StepPerson] = field(default_factory=list)
    body: str = ""
    decision: str = ""
    text: str = ""
    # Why a step comes outside a period the 细则 sets "normally" (一般): see rules.py.
    reason: str = ""
    days: int | None = None
    hours: int | None = None
    extension_months: int | None = None
    group_id: int | None = None
    meeting_id: int | None = None
    resolution_no: int | None = None


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    title: str
    original_name: str
    sha256: str
    size: int
    added_at: str


@dataclass
class StepRecord:
    id: int
    position: int
    step: str
    done_on: dt.date
    people: list[StepPerson]
    body: str
    decision: str
    text: str
    reason: str
    days: int | None
    hours: int | None
    extension_months: int | None
    group_id: int | None
    group_name: str
    meeting_id: int | None
    resolution_no: int | None
    meeting_title: str = ""
    vote_text: str = ""
    documents: list[DocumentInfo] = field(default_factory=list)

    @property
    def kind(self) -> StepKind:
        return BY_KEY[self.step]

    @property
    def title(self) -> str:
        return numbered_title(self.step)

    @property
    def decision_label(self) -> str:
        table = self.kind.decisions
        return labels.label(getattr(labels, table), self.decision) if table and self.decision else ""

    @property
    def sensitive(self) -> bool:
        return self.step in SENSITIVE_STEPS and bool(self.text)

    def names(self, role: str | None = None) -> list[str]:
        return [p.name for p in self.people if role is None or p.role == role]

    def summary(self, with_people: bool = True) -> str:
        """One line for lists and papers: people (unless a column holds them), body,
        decision, training length, the meeting and its vote."""
        parts = []
        for role in labels.RECRUIT_ROLES if with_people else ():
            if names := self.names(role):
                parts.append(f"{labels.RECRUIT_ROLES[role]}：{'、'.join(names)}")
        if self.body:
            parts.append(f"机关：{self.body}")
        if self.decision_label:
            decision = self.decision_label
            if self.decision == "extend" and self.extension_months:
                decision += f"{self.extension_months}个月"
            parts.append(decision)
        if self.days or self.hours:
            length = "、".join(x for x in (f"{self.days}天" if self.days else "", f"{self.hours}学时" if self.hours else "") if x)
            parts.append(f"培训{length}")
        if self.group_name:
            parts.append(f"编入{self.group_name}")
        if self.meeting_title:
            parts.append(self.meeting_title + (f"：{self.vote_text}" if self.vote_text else ""))
        return "；".join(parts)


@dataclass(frozen=True)
class DueItem:
    """Something due on a person's record, in one Chinese sentence."""

    person_id: int
    person_name: str
    what: str  # 'talk', 'review', 'probation_end', 'full_vote_late', 'approval_late'
    due_on: dt.date
    overdue: bool
    sentence: str


@dataclass
class PersonSummary:
    id: int
    name: str
    gender: str
    stage: str
    last_step: str
    last_on: dt.date | None
    next_steps: list[str]
    due: list[DueItem]

    @property
    def stage_label(self) -> str:
        return labels.label(labels.RECRUIT_STAGES, self.stage)

    @property
    def next_text(self) -> str:
        """What comes next: the first thing due, else the next step's name."""
        if self.due:
            return self.due[0].sentence
        return "、".join(BY_KEY[key].title for key in self.next_steps) or "无"


@dataclass
class Dossier:
    """A person's whole 发展档案."""

    id: int
    name: str
    gender: str
    birth_date: dt.date
    id_number: str
    ethnicity: str
    education: str
    phone: str
    job: str
    note: str
    member_id: int | None
    steps: list[StepRecord]
    stage: str
    next_steps: list[str]
    probation_end: dt.date | None
    due: list[DueItem]
    state: str = "draft"

    @property
    def state_label(self) -> str:
        return labels.label(labels.RECORD_STATES, self.state)

    @property
    def masked_id(self) -> str:
        return idnumber.mask(self.id_number)

    @property
    def stage_label(self) -> str:
        return labels.label(labels.RECRUIT_STAGES, self.stage)

    def form(self) -> PersonForm:
        return PersonForm(self.name, self.id_number, self.ethnicity, self.education, self.phone, self.job, self.note)

    def last(self, key: str) -> StepRecord | None:
        found = [s for s in self.steps if s.step == key]
        return found[-1] if found else None

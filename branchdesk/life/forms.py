"""What the 组织生活会 cycle holds, as plain data: the forms the user edits and the
detail screens and papers read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .. import labels

COMMITTEE_NAME = "支部委员会"


@dataclass
class PlanForm:
    """The plan: theme, date, form (大会 / 支委会 / 小组会, ``group_id`` for the last) and
    the date the plan was reported to the higher organisation."""

    year: int
    theme: str = ""
    planned_on: dt.date | None = None
    form: str = "general"
    group_id: int | None = None
    plan_reported_on: dt.date | None = None


@dataclass
class Opinion:
    """One opinion gathered before the meeting. Addressed to the branch committee when
    ``addressed_member_id`` is None and ``addressed_name`` is empty, else to a person.
    It is answered with ``answer``, or by a rectification item whose ``source_ref`` is
    its ``uid``."""

    source: str = "members"
    channel: str = "forum"
    received_on: dt.date | None = None
    content: str = ""
    category: str = "style"
    addressed_member_id: int | None = None
    addressed_name: str = ""
    anonymous: bool = False
    giver: str = ""
    answer: str = ""
    answered_on: dt.date | None = None
    uid: str = ""
    id: int | None = None

    @property
    def addressed_label(self) -> str:
        return self.addressed_name or COMMITTEE_NAME

    @property
    def giver_label(self) -> str:
        return "匿名" if self.anonymous else (self.giver or "—")

    @property
    def source_label(self) -> str:
        return labels.label(labels.OPINION_SOURCES, self.source)

    @property
    def channel_label(self) -> str:
        return labels.label(labels.OPINION_CHANNELS, self.channel)

    @property
    def category_label(self) -> str:
        return labels.label(labels.ISSUE_CATEGORIES, self.category)


@dataclass
class Problem:
    """One line of a problem list (问题清单): the committee's when ``member_id`` is None
    and ``owner_name`` empty, else a member's."""

    problem: str = ""
    member_id: int | None = None
    owner_name: str = ""
    source: str = "self"
    category: str = "style"
    uid: str = ""
    id: int | None = None

    @property
    def owner_label(self) -> str:
        return self.owner_name or COMMITTEE_NAME


@dataclass
class Examination:
    """A 对照检查 (self-examination): problems, causes, measures. One per member, and one
    for the committee (``member_id`` None, ``owner_name`` empty). Sensitive."""

    problems: str = ""
    causes: str = ""
    measures: str = ""
    member_id: int | None = None
    owner_name: str = ""
    submitted_on: dt.date | None = None
    id: int | None = None

    @property
    def owner_label(self) -> str:
        return self.owner_name or COMMITTEE_NAME


@dataclass
class Criticism:
    """One entry of the meeting's criticism: a self-criticism (``from`` is ``to``) or a
    criticism of ``to`` by ``from``, with ``to``'s response. Sensitive."""

    kind: str = "mutual"
    from_member_id: int | None = None
    from_name: str = ""
    to_member_id: int | None = None
    to_name: str = ""
    content: str = ""
    response: str = ""
    uid: str = ""
    id: int | None = None

    @property
    def kind_label(self) -> str:
        return labels.label(labels.CRITICISM_KINDS, self.kind)


@dataclass(frozen=True)
class Check:
    """One line of the readiness list. ``blocking`` checks must pass before 定稿."""

    key: str
    label: str
    ok: bool
    detail: str = ""
    blocking: bool = True


@dataclass
class CycleDetail:
    """A 组织生活会 cycle as screens and papers read it."""

    id: int
    year: int
    state: str
    plan: PlanForm
    meeting_id: int | None
    secretary_report: str
    review: str
    summary: str
    branch_name: str
    higher_org: str
    group_name: str
    secretary_name: str
    opinions: list[Opinion] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    examinations: list[Examination] = field(default_factory=list)
    criticism: list[Criticism] = field(default_factory=list)
    # rectification item numbers linked to each opinion / problem / criticism uid
    linked_items: dict[str, list[int]] = field(default_factory=dict)
    created_at: str = ""
    updated_at: str = ""
    branch_code: str = ""  # 组织代码, the first part of a paper's 档号

    @property
    def state_label(self) -> str:
        return labels.label(labels.RECORD_STATES, self.state)

    @property
    def form_label(self) -> str:
        text = labels.label(labels.LIFE_FORMS, self.plan.form)
        return f"{text}（{self.group_name}）" if self.plan.form == "group" and self.group_name else text

    @property
    def title(self) -> str:
        return f"{self.year}年度组织生活会"

    def opinion_answered(self, opinion: Opinion) -> bool:
        return bool(opinion.answer) or bool(self.linked_items.get(opinion.uid))

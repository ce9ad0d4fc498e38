"""What a 换届选举 holds, as plain data: the forms of each step and the record screens,
papers and the command line read (``ElectionRecord``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .rules import ROUND_KINDS, RoundOutcome, Vote

# The steps, in order; a record's stage is the first one not yet done.
STAGES = {
    "plan": "换届工作方案待批复",
    "candidates": "待确定候选人（预备人选）",
    "meeting": "待召开党员大会选举",
    "voting": "选举未完成（另行选举或重新投票）",
    "offices": "待召开支委会选举书记、副书记",
    "approval": "待上级党组织批复选举结果",
    "done": "已批复，新一届支委会生效",
}
# The same, short enough for a list column.
STAGES_SHORT = {"plan": "待批方案", "candidates": "定候选人", "meeting": "待选举", "voting": "选举未完",
                "offices": "待选书记", "approval": "待批结果", "done": "已生效"}
STEP_TITLES = {
    "plan": "换届工作方案及批复",
    "candidates": "候选人（预备人选）",
    "meeting": "党员大会选举",
    "offices": "支委会选举书记、副书记",
    "approval": "上级批复选举结果",
}
# Posts a 委员 is given at the 支委会's first meeting besides 书记/副书记 (分工).
DIVIDED_POSTS = ("organisation", "publicity", "discipline", "youth", "women", "committee_member")
# Why an elector may be left out of 应到会人数 (docs/domain.md §14): the situations the
# 选举工作条例 lists, each approved by the upper organisation and the 大会.
EXCLUSIONS = {
    "illness": "患病不能表达本人意志",
    "bedridden": "年老体弱卧床不起或长期生病生活不能自理",
    "abroad": "出国（境）半年以上",
    "investigated": "正在接受立案审查",
    "away": "工作调动、外出务工等不能参加选举",
}


@dataclass
class PlanForm:
    """换届工作方案: when the 大会 is planned, how many 委员 and 副书记 are to be elected."""

    planned_on: dt.date | None
    places: int = 5
    deputies: int = 0
    note: str = ""
    submitted_on: dt.date | None = None


@dataclass
class Mark:
    """One elector at the 大会: present / absent (reason leave/sick/duty/other) /
    not_counted (不计入应到, ``exclusion`` one of ``EXCLUSIONS``)."""

    status: str
    reason: str = ""
    exclusion: str = ""


@dataclass
class RoundForm:
    """One vote: ballots and each candidate's 赞成票. ``candidate_ids`` only for a
    另行选举 (who stands again); other rounds take their candidates from the record."""

    issued: int
    returned: int
    votes: dict[int, int]
    invalid: int = 0
    candidate_ids: list[int] | None = None


@dataclass
class OfficeForm:
    """The 支委会's first meeting: 书记 and 副书记 with their votes, the others' posts."""

    held_on: dt.date | None
    secretary_id: int
    secretary_votes: int
    deputies: dict[int, int] = field(default_factory=dict)
    posts: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Person:
    member_id: int
    name: str


@dataclass(frozen=True)
class Office:
    post: str
    member_id: int
    name: str
    votes: int | None


@dataclass
class RoundRecord:
    kind: str
    places: int
    candidates: list[Person]
    due: int
    present: int
    issued: int
    returned: int
    invalid: int
    votes: list[Vote]
    outcome: RoundOutcome

    @property
    def kind_label(self) -> str:
        return ROUND_KINDS[self.kind]

    @property
    def valid(self) -> int:
        return self.returned - self.invalid


@dataclass
class ElectionRecord:
    id: int
    planned_on: dt.date
    places: int
    deputies: int
    plan_note: str
    plan_submitted_on: dt.date | None
    plan_approved_on: dt.date | None
    plan_approval_no: str
    candidates: list[Person]
    candidates_on: dt.date | None
    meeting_id: int | None
    held_on: dt.date | None
    rounds: list[RoundRecord]
    elected: list[Person]
    offices: list[Office]
    offices_on: dt.date | None
    result_submitted_on: dt.date | None
    result_approved_on: dt.date | None
    result_approval_no: str
    previous_term_started_on: dt.date | None
    previous_committee: list[tuple[str, str]]
    stage: str
    open_places: int = 0
    tied: list[Person] = field(default_factory=list)
    tie_places: int = 0

    @property
    def stage_label(self) -> str:
        return STAGES[self.stage]

    @property
    def year(self) -> int:
        return (self.held_on or self.planned_on).year

    @property
    def title(self) -> str:
        return f"{self.year}年换届选举"

"""民主评议党员 as plain data and its rules, on plain data so screens, papers and the
command line compute the same thing.

Rules (docs/domain.md §4; decided here where practice varies):

* who is appraised: full members (流动党员 too) — 预备党员 take part but get no grade;
* the ballot: for each member, the votes in the four grades; their sum cannot exceed the
  number of people who voted (``voters``), and all four are entered (0 where none);
* the committee decides each grade; at most one third of those appraised may be 优秀
  (``excellent_limit``: ⌊n / 3⌋); a decided grade that is not the grade with the most
  votes needs the committee's reason written down;
* each member is told the result (feedback date); 基本合格 is handled by 批评教育 or 限期
  改正, 不合格 by 限期改正, 劝其退党 or 除名 (``labels.HANDLINGS_FOR``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .. import labels

GRADE_KEYS = tuple(labels.GRADES)


@dataclass
class AppraisalEntry:
    member_name: str
    member_id: int | None = None
    self_grade: str = ""
    self_appraisal: str = ""
    mutual_remarks: str = ""
    votes_excellent: int | None = None
    votes_qualified: int | None = None
    votes_basic: int | None = None
    votes_unqualified: int | None = None
    decided_grade: str = ""
    decision_reason: str = ""
    feedback_on: dt.date | None = None
    feedback_note: str = ""
    handling: str = ""
    handling_note: str = ""

    @property
    def votes(self) -> tuple[int | None, int | None, int | None, int | None]:
        return (self.votes_excellent, self.votes_qualified, self.votes_basic, self.votes_unqualified)

    @property
    def tallied(self) -> bool:
        return all(v is not None for v in self.votes)

    @property
    def total_votes(self) -> int:
        return sum(v or 0 for v in self.votes)

    def leading_grades(self) -> tuple[str, ...]:
        """The grade(s) with the most votes; () before the tally is entered."""
        if not self.tallied or self.total_votes == 0:
            return ()
        top = max(v or 0 for v in self.votes)
        return tuple(g for g, v in zip(GRADE_KEYS, self.votes) if v == top)

    @property
    def decided_label(self) -> str:
        return labels.label(labels.GRADES, self.decided_grade)

    @property
    def handling_label(self) -> str:
        text = labels.label(labels.HANDLINGS, self.handling)
        return f"{text}（{self.handling_note}）" if self.handling_note and text else (text or self.handling_note)

    def needs_handling(self) -> bool:
        return self.decided_grade in labels.HANDLINGS_FOR


@dataclass
class AppraisalForm:
    held_on: dt.date | None = None
    voters: int = 0
    decided_on: dt.date | None = None
    note: str = ""
    cycle_id: int | None = None
    entries: list[AppraisalEntry] = field(default_factory=list)


@dataclass(frozen=True)
class GradeCounts:
    """Decided grades of one appraisal; ``limit`` is the most that may be 优秀."""

    appraised: int
    excellent: int
    qualified: int
    basic: int
    unqualified: int
    undecided: int

    @property
    def limit(self) -> int:
        return excellent_limit(self.appraised)

    @property
    def within_limit(self) -> bool:
        return self.excellent <= self.limit

    def by_grade(self) -> dict[str, int]:
        return dict(zip(GRADE_KEYS, (self.excellent, self.qualified, self.basic, self.unqualified)))

    def sentence(self) -> str:
        parts = [f"{labels.GRADES[g]}{n}名" for g, n in self.by_grade().items()]
        text = f"参加评议党员{self.appraised}名，评定" + "、".join(parts)
        if self.undecided:
            text += f"，尚未评定{self.undecided}名"
        return text + "。"

    def limit_sentence(self) -> str:
        verdict = "符合" if self.within_limit else "超过"
        return (f"评为优秀 {self.excellent} 名，参评 {self.appraised} 名的三分之一为 {self.limit} 名，"
                f"{verdict}“优秀不超过三分之一”的规定。")


def excellent_limit(appraised: int) -> int:
    """How many may be 优秀: at most one third of those appraised, rounded down."""
    return appraised // 3


def grade_counts(entries: list[AppraisalEntry]) -> GradeCounts:
    decided = [e.decided_grade for e in entries]
    return GradeCounts(
        len(entries), decided.count("excellent"), decided.count("qualified"), decided.count("basic"),
        decided.count("unqualified"), sum(1 for d in decided if not d),
    )


def tally_problem(entry: AppraisalEntry, voters: int) -> str:
    """What is wrong with one member's tally ('' when it is fine or not entered)."""
    votes = entry.votes
    if all(v is None for v in votes):
        return ""
    if any(v is None for v in votes):
        return "四个等次的票数都要填写（没有的填 0）"
    if any(v < 0 for v in votes):  # type: ignore[operator]
        return "票数不能是负数"
    if entry.total_votes > voters:
        return f"四个等次共 {entry.total_votes} 票，多于参加测评的 {voters} 人"
    return ""


def ballot_sentence(entry: AppraisalEntry) -> str:
    """「优秀 5 票、合格 20 票、基本合格 1 票、不合格 0 票」."""
    if not entry.tallied:
        return "未录入"
    return "、".join(f"{labels.GRADES[g]}{v}票" for g, v in zip(GRADE_KEYS, entry.votes))

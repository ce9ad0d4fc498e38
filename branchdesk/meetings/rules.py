"""The rules of a meeting that follow from its kind: who is due, who may vote, the
quorum and the pass rule. Plain functions over plain data, so the record screen, the
papers and the command line show the same computation.

* 支部党员大会: only full members vote (条例 第十一条). Quorum: more than half of the
  members with a vote who are due are present; a resolution passes when the yes votes
  are more than half of the members with a vote who are due (应到会有表决权党员).
* 支委会: more than half of the committee present; a resolution passes with yes votes
  from more than half of the committee members due (decided here: 少数服从多数 of the
  whole committee, as for the general meeting).
* Other kinds have no quorum rule; a vote, if any, passes with yes from more than half
  of the full members present.

Members marked 不计入应到 (away for more than half a year and the like, with the
reason written down) count neither as due nor as present."""

from __future__ import annotations

from dataclasses import dataclass

from .. import labels
from .forms import AttendanceEntry, ResolutionForm

QUORUM_KINDS = ("general", "committee")


def is_voting(status: str, full_on) -> bool:
    """Full members vote; a 流动 (away) member votes if they had become a full member."""
    return status == "full" or (status == "away" and full_on is not None)


@dataclass(frozen=True)
class Counts:
    """Attendance counts: 应到 / 实到 / 缺席, and the same among members with a vote."""

    due: int
    present: int
    absent: int
    unrecorded: int
    not_counted: int
    guests: int
    voters_due: int
    voters_present: int

    @classmethod
    def of(cls, entries: list[AttendanceEntry]) -> Counts:
        members = [e for e in entries if not e.is_guest and e.status != "not_counted"]
        voters = [e for e in members if e.voting]
        return cls(
            due=len(members),
            present=sum(e.status == "present" for e in members),
            absent=sum(e.status == "absent" for e in members),
            unrecorded=sum(e.status == "" for e in members),
            not_counted=sum(not e.is_guest and e.status == "not_counted" for e in entries),
            guests=sum(e.is_guest for e in entries),
            voters_due=len(voters),
            voters_present=sum(e.status == "present" for e in voters),
        )


def more_than_half(n: int) -> int:
    """The smallest count that is more than half of ``n``."""
    return n // 2 + 1


@dataclass(frozen=True)
class QuorumCheck:
    applies: bool
    entitled: int
    present: int
    needed: int
    met: bool
    explanation: str


def quorum(kind: str, entries: list[AttendanceEntry]) -> QuorumCheck:
    counts = Counts.of(entries)
    if kind == "general":
        entitled, present = counts.voters_due, counts.voters_present
        needed = more_than_half(entitled)
        without_vote = counts.due - counts.voters_due
        note = f"（不含没有表决权的预备党员等{without_vote}名）" if without_vote else ""
        who = f"应到会有表决权的党员{entitled}名{note}，实到{present}名"
    elif kind == "committee":
        entitled, present = counts.due, counts.present
        needed = more_than_half(entitled)
        who = f"应到支部委员{entitled}名，实到{present}名"
    else:
        return QuorumCheck(False, counts.due, counts.present, 0, True, "")
    if entitled == 0:
        return QuorumCheck(True, 0, present, 1, False, f"{who}，还没有登记应到人员，无法计算到会人数。")
    met = present >= needed
    verdict = "符合规定人数，会议有效" if met else "未达到规定人数，会议不能进行表决"
    explanation = f"{who}，须超过半数（至少{needed}名）：{verdict}。"
    return QuorumCheck(True, entitled, present, needed, met, explanation)


@dataclass(frozen=True)
class VoteOutcome:
    voted: bool
    yes: int
    no: int
    abstain: int
    base: int  # the number the yes votes are compared with
    needed: int
    passed: bool
    explanation: str

    @property
    def result_label(self) -> str:
        if not self.voted:
            return "未表决"
        return "通过" if self.passed else "未通过"


def outcome(kind: str, entries: list[AttendanceEntry], resolution: ResolutionForm) -> VoteOutcome:
    """Whether a resolution passed, with the computation in words."""
    if not resolution.voted:
        return VoteOutcome(False, 0, 0, 0, 0, 0, False, "未付表决。")
    yes, no, abstain = resolution.yes or 0, resolution.no or 0, resolution.abstain or 0
    counts = Counts.of(entries)
    if kind == "general":
        base, base_text = counts.voters_due, "应到会有表决权党员"
    elif kind == "committee":
        base, base_text = counts.due, "应到支部委员"
    else:
        base, base_text = counts.voters_present, "到会正式党员"
    needed = more_than_half(base)
    check = quorum(kind, entries)
    passed = yes >= needed and check.met
    tally = f"赞成{yes}票，反对{no}票，弃权{abstain}票"
    if not check.met:
        explanation = f"{tally}；会议未达到规定人数，表决无效。"
    else:
        compare = "超过" if yes >= needed else "未超过"
        explanation = (
            f"{tally}；赞成票{compare}{base_text}（{base}名）的半数（至少{needed}票），"
            f"{'通过' if passed else '未通过'}。"
        )
    return VoteOutcome(True, yes, no, abstain, base, needed, passed, explanation)


def voters_present(entries: list[AttendanceEntry]) -> int:
    """How many may cast a vote: full members present."""
    return Counts.of(entries).voters_present


def attendance_sentence(entries: list[AttendanceEntry]) -> str:
    """「应到 12 人，实到 11 人，缺席 1 人。」 for forms and papers."""
    counts = Counts.of(entries)
    text = f"应到{counts.due}人，实到{counts.present}人，缺席{counts.absent}人"
    if counts.not_counted:
        text += f"，不计入应到{counts.not_counted}人"
    if counts.guests:
        text += f"，列席{counts.guests}人"
    return text + "。"


def absent_with_reason(entries: list[AttendanceEntry], name=str) -> list[str]:
    """「李喆（病假）」 for every absent member, in grid order; ``name`` dresses each name
    (papers keep it on one line)."""
    return [f"{name(e.name)}（{e.reason_text}）" for e in entries if not e.is_guest and e.status == "absent"]


def status_label(key: str) -> str:
    return labels.label(labels.MEMBER_STATUSES, key)

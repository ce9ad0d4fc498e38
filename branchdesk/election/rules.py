"""The counting rules of a 换届选举 (docs/domain.md §13), as plain functions over plain
numbers so the window, the command line and the papers show one computation.

* 差额: 委员 candidates exceed the places by at least 20% of the places, rounded up
  to a whole person (5 places → 6 candidates, 7 → 9, 3 → 4).
* Quorum: the electors present are more than four fifths of the electors due
  (应到会有选举权的党员; those the 大会 does not count, 不计入应到, are left out).
* A round is void when more ballots came back than were handed out (收回 > 发出).
* Elected: 赞成票 more than half of the electors due. More qualifying candidates than
  open places: the highest votes are elected; a tie at the last place is voted again
  among those tied (重新投票). Fewer: the open places go to a 另行选举.
* 支委会: 书记/副书记 each need 赞成票 from more than half of the 委员 (等额 allowed)."""

from __future__ import annotations

from dataclasses import dataclass, field

# A round's kind: the first vote, a re-vote among those tied, a vote for places left open,
# and a vote taken again after a void one.
ROUND_KINDS = {"first": "正式选举", "revote": "重新投票", "extra": "另行选举", "again": "重新选举"}


def margin_needed(places: int) -> int:
    """The fewest extra 委员 candidates: 差额 not less than 20% of the places."""
    return -(-places // 5)


def margin_problem(places: int, candidates: int) -> str:
    """'' when ``candidates`` is a 差额 list for ``places``, else the sentence saying why not."""
    least = places + margin_needed(places)
    if candidates >= least:
        return ""
    return f"应选{places}名，候选人须比应选人数多20%以上（差额选举），至少{least}名；现有{candidates}名。"


def more_than_half(n: int) -> int:
    return n // 2 + 1


def quorum_met(due: int, present: int) -> bool:
    """到会有选举权的党员超过应到会人数的五分之四 (exactly four fifths is not enough)."""
    return due > 0 and present * 5 > due * 4


def quorum_sentence(due: int, present: int) -> str:
    verdict = "超过五分之四，选举有效" if quorum_met(due, present) else "未超过五分之四，不能进行选举"
    return f"应到会有选举权的党员{due}名，实到{present}名，{verdict}。"


@dataclass(frozen=True)
class Vote:
    member_id: int
    name: str
    yes: int


@dataclass
class RoundOutcome:
    """What one round decided. ``void``: nothing counts (quorum, or 收回 > 发出)."""

    void: bool
    elected: list[Vote] = field(default_factory=list)
    tied: list[Vote] = field(default_factory=list)
    tie_places: int = 0
    open_places: int = 0
    explanation: str = ""


def count_round(places: int, due: int, present: int, issued: int, returned: int,
                votes: list[Vote]) -> RoundOutcome:
    """Who a round elects for ``places`` open places, with the reason in words."""
    if not quorum_met(due, present):
        return RoundOutcome(True, open_places=places, explanation=quorum_sentence(due, present))
    if returned > issued:
        return RoundOutcome(True, open_places=places, explanation=(
            f"收回选票{returned}张多于发出选票{issued}张，本次选举无效，应当重新选举。"))
    needed = more_than_half(due)
    qualifying = sorted((v for v in votes if v.yes >= needed), key=lambda v: -v.yes)
    head = f"赞成票须超过应到会有选举权党员{due}名的半数（至少{needed}票）"
    if len(qualifying) <= places:
        left = places - len(qualifying)
        tail = f"，尚缺{left}名，可另行选举" if left else ""
        return RoundOutcome(False, qualifying, open_places=left,
                            explanation=f"{head}；{len(qualifying)}名当选{tail}。")
    cut = qualifying[places - 1].yes
    above = [v for v in qualifying if v.yes > cut]
    at_cut = [v for v in qualifying if v.yes == cut]
    if len(above) + len(at_cut) == places:
        return RoundOutcome(False, above + at_cut, explanation=f"{head}；按得票多少取足{places}名。")
    tie_places = places - len(above)
    names = "、".join(v.name for v in at_cut)
    return RoundOutcome(False, above, at_cut, tie_places, explanation=(
        f"{head}；超过半数的人数多于应选名额，按得票多少为序，{names}得票相等（{cut}票），"
        f"应就这{len(at_cut)}人重新投票，选出{tie_places}名。"))

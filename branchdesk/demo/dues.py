"""Demo 党费 for 前进村党支部, three years: bases set each January (村干部 and the village
doctor on their pay, retired teachers on their pension, the rest 农民党员 at the branch's
1.00 yuan, one member on 低保), collected on the 主题党日 — the 村干部 monthly, most others a
quarter ahead (预交) — three late payers who pay each quarter's months after it ended
(补交, with the reason once the month is closed), one member who has paid nothing since
May (six months unpaid: the home page warns), and a 上缴 to the 镇党委 on the 15th after
each quarter, which closes its months."""

from __future__ import annotations

import datetime as dt
import random

from ..dues import BaseForm, HandoverForm, PaymentForm
from ..dues import months as mo

LATE_PAYERS = (11, 15, 21)  # 11 works in the city (流动党员)
STOPPED_PAYING = 17  # paid nothing since May of this year
LOW_INCOME = 25
EMPLOYED_JOBS = ("村医", "村会计", "网格员")
COMMITTEE = (4, 5, 6, 8, 9)
COLLECTING_DAY = 10  # the 主题党日


def _category(index: int, job: str) -> str:
    if index == LOW_INCOME:
        return "low_income"
    if index in COMMITTEE or job in EMPLOYED_JOBS:
        return "employed"
    return "retired" if job == "退休教师" else "farmer"


def _base_fen(rng: random.Random, category: str) -> int | None:
    if category == "employed":
        return rng.randrange(2_600, 5_400) * 100 + rng.choice((0, 50))
    if category == "retired":
        return rng.randrange(4_200, 6_400) * 100
    return None


def build(archive, rng: random.Random, today: dt.date) -> None:
    dues = archive.dues
    first_year = today.year - 2
    dues.set_farmer_fen(100)
    members = archive.members.records(archive.members.query_ids(statuses=None))
    info = archive.branch.own()
    organiser = next(m.name for m in members if m.id == next(
        s.member_id for s in info.committee if s.post == "organisation"))
    ordered = sorted(members, key=lambda m: m.id)
    plans = {}
    for index, member in enumerate(ordered):
        category = _category(index, member.job)
        start = max(dt.date(first_year, 1, 1), mo.first(member.joined_on))
        left = _left_on(archive, member)
        forms = []
        for year in range(start.year, (left or today).year + 1):
            month = max(start, dt.date(year, 1, 1))
            base = _base_fen(rng, category)
            forms.append(BaseForm(member.id, month, category, base, set_on=month + dt.timedelta(days=4),
                                  set_by=organiser, note="年初核定" if month.month == 1 else "入党当月核定"))
        if index == 4:  # the secretary's pay rose in July last year
            forms.append(BaseForm(member.id, dt.date(today.year - 1, 7, 1), "employed", 560_000,
                                  set_on=dt.date(today.year - 1, 7, 3), set_by=organiser, note="7月起调整工资"))
        dues.set_bases(forms)
        plans[member.id] = (index, category, start, left)
    events = []
    for member_id, (index, category, start, left) in plans.items():
        last = mo.first(left) if left else mo.first(today)
        months = mo.span(start, last)
        if index == STOPPED_PAYING:
            months = [m for m in months if m < dt.date(today.year, 6, 1)]
        if index in LATE_PAYERS:
            for quarter in _quarters(months):
                events.append((mo.add(quarter[-1], 1).replace(day=20), "pay", member_id, quarter, "transfer"))
        elif category == "employed" or index == STOPPED_PAYING:
            for month in months:
                events.append((month.replace(day=COLLECTING_DAY), "pay", member_id, [month], "cash"))
        else:
            for quarter in _quarters(months):
                events.append((quarter[0].replace(day=COLLECTING_DAY), "pay", member_id, quarter, "cash"))
    for quarter_end in mo.span(dt.date(first_year, 3, 1), today):
        if quarter_end.month % 3 == 0:
            events.append((mo.add(quarter_end, 1).replace(day=15), "handover", None, quarter_end, ""))
    for day, kind, member_id, what, method in sorted(events, key=lambda e: (e[0], e[1] == "pay", e[2] or 0)):
        if day > today:
            continue
        if kind == "handover":
            held = dues.balance()
            if held > 0:
                dues.hand_over(HandoverForm(day, held, mo.add(what, -2), what, to_org=info.higher_org,
                                            voucher=f"安委组党费{day.year}-{day.month:02d}", handed_by=organiser))
            continue
        closed = any(dues.is_closed(m) for m in what)
        dues.pay(PaymentForm(member_id, list(what), paid_on=day, received_by=organiser, method=method,
                             reason="外出务工，季度末后转账补交" if closed else ""))


def _quarters(months: list[dt.date]) -> list[list[dt.date]]:
    groups: dict[tuple[int, int], list[dt.date]] = {}
    for month in months:
        groups.setdefault((month.year, (month.month - 1) // 3), []).append(month)
    return list(groups.values())


def _left_on(archive, member) -> dt.date | None:
    """When a transferred member left the branch (their dues stop that month)."""
    if member.status != "transferred":
        return None
    changes = [c for c in archive.members.status_history(member.id) if c.status_to == "transferred"]
    return changes[-1].changed_on if changes else None

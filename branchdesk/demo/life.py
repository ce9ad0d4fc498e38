"""Demo 组织生活会, 民主评议 and 整改台账 for 前进村党支部: three yearly cycles.

The two past years were held in December, complete and reported (sealed): opinions
answered or put on the ledger, 谈心谈话 complete, every member present made a
self-criticism and was criticised by another, 对照检查 from everyone, appraisal with
feedback and one 基本合格 handled. Their rectification items are mostly closed (one
late); two of last year's are overdue. This year's cycle is under way: the meeting is
planned three weeks from today, opinions are coming in and some talks are still missing,
so the home page shows the gaps."""

from __future__ import annotations

import datetime as dt
import itertools
import random

from ..life import Criticism, Examination, ItemForm, Opinion, PlanForm, Problem, TalkForm
from . import life_texts as texts

PLACE = "村党群服务中心二楼会议室"


def build(archive, rng: random.Random, today: dt.date) -> None:
    year = today.year
    for past in (year - 2, year - 1):
        _past_cycle(archive, rng, past, today)
    _current_cycle(archive, rng, year, today)


def _committee(archive) -> dict[str, tuple[int, str]]:
    return {seat.post: (seat.member_id, seat.holder_name) for seat in archive.branch.own().committee}


def _opinions(archive, rng, cycle_id: int, year: int, first: dt.date, last: dt.date, count: int,
              people: list[tuple[int, str]]) -> list[tuple[int, tuple]]:
    """Add ``count`` opinions received between ``first`` and ``last``; returns (id, pool entry)."""
    added = []
    start = (year * 3) % len(texts.OPINIONS)
    for n in range(count):
        entry = texts.OPINIONS[(start + n) % len(texts.OPINIONS)]
        source, channel, category, to_committee, content, answer = entry
        received = first + dt.timedelta(days=rng.randrange(0, max((last - first).days, 0) + 1))
        member_id, name = (None, "") if to_committee else rng.choice(people)
        answered_on = min(received + dt.timedelta(days=rng.randrange(2, 8)), last) if answer else None
        opinion = Opinion(source, channel, received, content, category, member_id, name,
                          anonymous=channel == "box", giver="" if channel == "box" else _giver(rng, source),
                          answer=answer or "", answered_on=answered_on)
        added.append((archive.life.opinions.add(cycle_id, opinion), entry))
    return added


def _giver(rng, source: str) -> str:
    if source == "higher":
        return "镇党委组织办"
    return rng.choice(["村民代表", "老党员座谈会", "种植户代表", "网格员"]) if source == "masses" else ""


def _talks(archive, rng, year: int, first: dt.date, last: dt.date, complete: bool) -> None:
    """Talks that make the year's coverage complete (or about half of it)."""
    coverage = archive.talks.coverage(year)
    committee = [p for p in coverage.people if p.committee]
    others = [p for p in coverage.people if not p.committee]
    pairs = list(itertools.combinations(committee, 2))
    for n, person in enumerate(others):
        pairs.append((committee[n % len(committee)], person))
    for a, b in zip(others[::2], others[1::2]):
        pairs.append((a, b))
    if len(others) % 2:
        pairs.append((others[-1], others[0]))
    if not complete:
        pairs = pairs[: len(committee) * (len(committee) - 1) // 2] + pairs[len(committee) * 2:: 2]
    topics = ["谈思想、谈工作，交流对支部工作的意见建议", "了解家庭生产生活困难，征求对支委会的意见",
              "互相指出对方存在的问题，交换整改思路", "谈学习体会和发挥作用的打算"]
    effects = ["双方坦诚交流，统一了思想。", "对方接受意见，表示立行立改。", "了解了实际困难，已报支委会研究。"]
    span = max((last - first).days, 0)
    for a, b in pairs:
        day = first + dt.timedelta(days=rng.randrange(0, span + 1))
        archive.talks.add(TalkForm(day, a.member_id, a.name, b.member_id, b.name, rng.choice(["村委会", "家中", "田间"]),
                                   rng.choice(topics), rng.choice(effects)))


def _hold_meeting(archive, rng, cycle_id: int, day: dt.date) -> list[tuple[int, str]]:
    """Hold the cycle's meeting on ``day``; returns the members present (id, name)."""
    seats = _committee(archive)
    meeting_id = archive.life.open_meeting(cycle_id)
    form = archive.meetings.form(meeting_id)
    form.held_on, form.started_at, form.ended_at = day, "19:00", "21:30"
    form.place, form.host_name, form.recorder_name = PLACE, seats["secretary"][1], seats["organisation"][1]
    committee_ids = {member_id for member_id, _ in seats.values()}
    sick = rng.choice([e for e in form.attendance if e.member_id not in committee_ids and e.member_status == "full"])
    for entry in form.attendance:
        if entry.member_status == "away":
            entry.status, entry.reason, entry.note = "absent", "other", "外出务工，已书面提交对照检查"
        elif entry is sick:
            entry.status, entry.reason = "absent", "sick"
        else:
            entry.status = "present"
    archive.meetings.save(meeting_id, form)
    return [(e.member_id, e.name) for e in form.attendance if e.status == "present"]


def _criticism(archive, rng, cycle_id: int, present: list[tuple[int, str]]) -> None:
    seats = _committee(archive)
    secretary = seats["secretary"]
    life = archive.life
    life.criticism.add(cycle_id, Criticism("self", *secretary, *secretary, texts.SECRETARY_SELF))
    for n, (member_id, name) in enumerate(present):
        if member_id != secretary[0]:
            life.criticism.add(cycle_id, Criticism("self", member_id, name, member_id, name,
                                                   texts.SELF_CRITICISM[n % len(texts.SELF_CRITICISM)]))
        critic = present[(n + 1) % len(present)]
        life.criticism.add(cycle_id, Criticism(
            "mutual", critic[0], critic[1], member_id, name, texts.MUTUAL[n % len(texts.MUTUAL)][0].format(to=name),
            rng.choice(texts.RESPONSES)))


def _examinations(archive, cycle_id: int, present: list[tuple[int, str]], day: dt.date) -> None:
    problems, causes, measures = texts.EXAMINATION["committee"]
    archive.life.examinations.add(cycle_id, Examination(problems, causes, measures, submitted_on=day))
    for n, (member_id, name) in enumerate(present):
        p, c, m = texts.EXAMINATION["member"][n % len(texts.EXAMINATION["member"])]
        archive.life.examinations.add(cycle_id, Examination(p, c, m, member_id, name, day))


def _problems(archive, cycle_id: int, year: int, present: list[tuple[int, str]]) -> list[int]:
    ids = []
    for category, text in texts.COMMITTEE_PROBLEMS[: 3 + year % 2]:
        ids.append(archive.life.problems.add(cycle_id, Problem(text, source="opinion", category=category)))
    for n, (member_id, name) in enumerate(present[1:7]):
        category, text = texts.MEMBER_PROBLEMS[n % len(texts.MEMBER_PROBLEMS)]
        archive.life.problems.add(cycle_id, Problem(text, member_id, name, "self", category))
    return ids


def _appraisal(archive, rng, year: int, day: dt.date, present: list[tuple[int, str]]) -> int:
    present_ids = {member_id for member_id, _ in present}
    appraisal_id = archive.appraisal.create(year, day)
    form = archive.appraisal.form(appraisal_id)
    voters = sum(1 for e in form.entries if e.member_id in present_ids)
    form.voters, form.decided_on = voters, day + dt.timedelta(days=2)
    limit = len(form.entries) // 3
    committee_ids = {member_id for member_id, _ in _committee(archive).values()}
    ordinary = [n for n, e in enumerate(form.entries) if e.member_id not in committee_ids]
    excellent = set(rng.sample(range(len(form.entries)), max(limit - 2, 1)))
    weak = max(set(ordinary) - excellent) if year % 2 else None
    for n, entry in enumerate(form.entries):
        cast = voters - rng.randrange(0, 2)
        if n in excellent:
            votes = [cast - 3, 3, 0, 0] if cast > 3 else [cast, 0, 0, 0]
            entry.decided_grade = "excellent"
        elif n == weak:
            votes = [0, cast // 3, cast - cast // 3 - 1, 1]
            entry.decided_grade = "basic"
            entry.handling, entry.handling_note = "education", "由组织委员结对帮扶，三个月后回访"
        else:
            high = rng.randrange(0, 4)
            votes = [high, cast - high, 0, 0]
            entry.decided_grade = "qualified"
        (entry.votes_excellent, entry.votes_qualified, entry.votes_basic, entry.votes_unqualified) = votes
        entry.self_grade = "qualified" if n != weak else "basic"
        entry.self_appraisal = "能认真学习党的理论，遵守党的纪律，按时交纳党费，参加组织生活，积极为群众办实事。"
        entry.mutual_remarks = "政治立场坚定，能发挥党员作用；不足是学习不够主动，联系群众不够经常。"
        entry.feedback_on = day + dt.timedelta(days=rng.randrange(4, 9))
        entry.feedback_note = "支部书记当面反馈，本人表示认可。"
    archive.appraisal.save(appraisal_id, form)
    return appraisal_id


def _items(archive, rng, cycle_id: int, year: int, day: dt.date, opinion_ids: list, problem_ids: list[int]) -> list[int]:
    """The ledger after the meeting: unanswered opinions, the committee's problems, one criticism."""
    seats = list(_committee(archive).values())
    created = day + dt.timedelta(days=3)
    ids = []
    life = archive.life
    for opinion_id, entry in opinion_ids:
        if entry[5] is None:
            opinion = life.opinions.get(opinion_id)
            owner = rng.choice(seats)
            ids.append(archive.rectification.add(ItemForm(
                year, opinion.content, texts.OPINION_MEASURES.get(opinion.category, texts.ITEM_MEASURES["other"]),
                *owner, created + dt.timedelta(days=rng.randrange(45, 120)), "opinion", opinion.uid, opinion.category,
                "branch", public=True, created_on=created)))
    for problem_id in problem_ids:
        problem = life.problems.get(problem_id)
        owner = rng.choice(seats)
        ids.append(archive.rectification.add(ItemForm(
            year, problem.problem, texts.ITEM_MEASURES[problem.category], *owner,
            created + dt.timedelta(days=rng.randrange(60, 150)), "problem", problem.uid, problem.category, "branch",
            public=True, created_on=created)))
    committee_ids = {member_id for member_id, _ in seats}
    mutual = next(c for c in life.criticism.list(cycle_id) if c.kind == "mutual" and c.to_member_id not in committee_ids)
    problem = next(p for text, p in texts.MUTUAL if text.format(to=mutual.to_name) == mutual.content)
    ids.append(archive.rectification.add(ItemForm(
        year, problem, "本人作出书面整改承诺，每月向联系支委汇报一次整改情况。", mutual.to_member_id, mutual.to_name,
        created + dt.timedelta(days=60), "criticism", mutual.uid, "style", "member", created_on=created)))
    return ids


def _work_items(archive, rng, ids: list[int], today: dt.date, overdue: int) -> None:
    """Progress and 销号; the last ``overdue`` items are left open past their deadline."""
    ledger = archive.rectification
    keep_open = set(ids[-overdue:]) if overdue else set()
    late = ids[0]
    for item_id in ids:
        item = ledger.summary(item_id)
        if item_id in keep_open:
            form = ledger.form(item_id)
            form.deadline = max(item.created_on, min(form.deadline, today - dt.timedelta(days=5 + rng.randrange(0, 20))))
            ledger.update(item_id, form)
            ledger.add_progress(item_id, texts.PROGRESS[1], item.created_on + dt.timedelta(days=1))
            continue
        done = item.deadline + dt.timedelta(days=12) if item_id == late else \
            item.deadline - dt.timedelta(days=rng.randrange(0, 20))
        done = min(max(done, item.created_on), today)
        ledger.add_progress(item_id, texts.PROGRESS[0], min(item.created_on + dt.timedelta(days=7), done))
        meeting = _meeting_after(archive, item.created_on, done)
        if meeting is not None:
            ledger.add_evidence(item_id, "meeting", meeting)
        ledger.close(item_id, done, texts.PROGRESS[2])


def _meeting_after(archive, start: dt.date, end: dt.date) -> int | None:
    for summary in archive.meetings.summaries(archive.meetings.query_ids(kind="committee", descending=False)):
        if summary.held_on and start <= summary.held_on <= end:
            return summary.id
    return None


def _past_cycle(archive, rng, year: int, today: dt.date) -> None:
    life = archive.life
    day = dt.date(year, 12, 20 + rng.randrange(0, 6))
    cycle_id = life.create(PlanForm(year, texts.THEMES[year % 3], day, "general", None, day - dt.timedelta(days=20)))
    people = [(p.member_id, p.name) for p in archive.talks.coverage(year).people]
    opinions = _opinions(archive, rng, cycle_id, year, day - dt.timedelta(days=45), day - dt.timedelta(days=8), 8,
                         people)
    _talks(archive, rng, year, dt.date(year, 3, 1), day - dt.timedelta(days=3), complete=True)
    review = archive.rectification.review_items(year)
    if review:
        closed = sum(1 for i in review if i.closed_on is not None and i.closed_on <= day)
        life.save_text(cycle_id, "review", _review_text(closed, len(review) - closed))
    present = _hold_meeting(archive, rng, cycle_id, day)
    problem_ids = _problems(archive, cycle_id, year, present)
    _examinations(archive, cycle_id, present, day - dt.timedelta(days=5))
    general = len(archive.meetings.query_ids(year=year, kind="general"))
    committee = len(archive.meetings.query_ids(year=year, kind="committee"))
    theme = len(archive.meetings.query_ids(year=year, kind="theme_day"))
    life.save_text(cycle_id, "secretary_report", texts.SECRETARY_REPORT.format(
        year=year, general=general, committee=committee, theme=theme))
    _criticism(archive, rng, cycle_id, present)
    life.save_text(cycle_id, "summary", texts.SUMMARY)
    appraisal_id = _appraisal(archive, rng, year, day, present)
    items = _items(archive, rng, cycle_id, year, day, opinions, problem_ids)
    higher = archive.branch.own().higher_org or "上级党委"
    life.finalise(cycle_id)
    life.report(cycle_id, f"报{higher}")
    archive.appraisal.finalise(appraisal_id)
    archive.appraisal.report(appraisal_id, f"报{higher}")
    _work_items(archive, rng, items, today, overdue=2 if year == today.year - 1 else 0)


def _current_cycle(archive, rng, year: int, today: dt.date) -> None:
    life = archive.life
    day = today + dt.timedelta(days=21)
    cycle_id = life.create(PlanForm(year, texts.THEMES[year % 3], day, "general", None, today - dt.timedelta(days=2)))
    first = max(dt.date(year, 1, 1), today - dt.timedelta(days=40))
    people = [(p.member_id, p.name) for p in archive.talks.coverage(year).people]
    opinions = _opinions(archive, rng, cycle_id, year, first, today, 6, people)
    seats = _committee(archive)
    immediate = next((oid for oid, entry in opinions if entry[5] is None), None)
    if immediate is not None:
        opinion = life.opinions.get(immediate)
        archive.rectification.add(ItemForm(
            year, opinion.content, "立行立改：" + texts.OPINION_MEASURES.get(opinion.category, "明确专人负责。"),
            *seats["deputy_secretary"], today + dt.timedelta(days=30), "opinion", opinion.uid, opinion.category,
            public=True, created_on=today))
    _talks(archive, rng, year, max(dt.date(year, 1, 1), today - dt.timedelta(days=200)), today, complete=False)
    for category, text in texts.COMMITTEE_PROBLEMS[:3]:
        life.problems.add(cycle_id, Problem(text, source="opinion", category=category))
    problems, causes, measures = texts.EXAMINATION["committee"]
    life.examinations.add(cycle_id, Examination(problems, causes, measures, submitted_on=today))
    review = archive.rectification.review_items(year)
    closed = sum(1 for i in review if i.closed_on is not None)
    life.save_text(cycle_id, "review", _review_text(closed, len(review) - closed))


def _review_text(closed: int, still_open: int) -> str:
    if still_open:
        return texts.REVIEW.format(closed=closed, open=still_open, reason=texts.LATE_REASON)
    return texts.REVIEW_DONE.format(closed=closed)

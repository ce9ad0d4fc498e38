"""Before 定稿: what a 组织生活会 cycle still lacks, as a checklist the window, the
command line and ``finalise`` share; and the home page's sentences.

Blocking (decided here, so that criticism is real and opinions are followed through):
the plan (theme, date, reported upward); at least one opinion gathered, each answered
or put on the rectification ledger; the committee's problem list; the meeting held and
its record complete (attendance with absence reasons, host, recorder); the secretary's
report; the secretary's self-criticism first; every member present makes a
self-criticism, receives criticism from at least one other member and answers it; a
对照检查 from every member present and from the committee; the 回头看 written when
earlier years left items; the summary.

Shown but not blocking: 谈心谈话 coverage, the plan reported at least 15 days ahead,
民主评议 done, and rectification items listed for the year."""

from __future__ import annotations

import datetime as dt

from .. import clock
from .forms import Check, CycleDetail

PLAN_DAYS_AHEAD = 15
# The home page speaks of talks this many days before the planned meeting.
ATTENTION_DAYS = 45


def _names(names: list[str], limit: int = 6) -> str:
    return "、".join(names[:limit]) + (f"等 {len(names)} 人" if len(names) > limit else "")


def checks(archive, detail: CycleDetail, today: dt.date | None = None) -> list[Check]:
    today = today or clock.today()
    plan = detail.plan
    result: list[Check] = []

    def add(key: str, label: str, ok: bool, detail_text: str = "", blocking: bool = True) -> None:
        result.append(Check(key, label, ok, "" if ok else detail_text, blocking))

    missing_plan = [what for what, value in (("主题", plan.theme), ("计划日期", plan.planned_on),
                                             ("报上级党组织的日期", plan.plan_reported_on)) if not value]
    add("plan", "会议方案", not missing_plan, f"请填写{'、'.join(missing_plan)}。")
    if plan.planned_on and plan.plan_reported_on:
        ahead = (plan.planned_on - plan.plan_reported_on).days
        add("plan_ahead", f"方案提前 {PLAN_DAYS_AHEAD} 天报送", ahead >= PLAN_DAYS_AHEAD,
            f"方案只提前 {ahead} 天报送上级党组织（一般应提前 {PLAN_DAYS_AHEAD} 天）。", blocking=False)

    unanswered = [o for o in detail.opinions if not detail.opinion_answered(o)]
    add("opinions", "征求意见", bool(detail.opinions), "还没有登记会前征求到的意见。")
    add("answers", "意见逐条答复或列入整改", not unanswered,
        f"还有 {len(unanswered)} 条意见既没有答复，也没有列入整改台账。")

    coverage = archive.talks.coverage(detail.year, today)
    add("talks", "谈心谈话全覆盖", coverage.complete, "；".join(coverage.gap_sentences()), blocking=False)

    add("committee_problems", "支委会问题清单", any(p.member_id is None and not p.owner_name for p in detail.problems),
        "请列出支部委员会（班子）的问题清单。")

    present, held = _meeting_facts(archive, detail)
    meeting_problems = []
    if detail.meeting_id is None:
        meeting_problems.append("还没有建立会议记录（在「会议记录」页登记召开情况）。")
    elif not held:
        meeting_problems.append("会议记录还没有填写实际召开日期。")
    else:
        meeting_problems += [p.detail for p in archive.meetings.finalise_problems(detail.meeting_id)]
    add("meeting", "会议记录（出席、缺席原因、主持人、记录人）", not meeting_problems, " ".join(meeting_problems))
    add("secretary_report", "书记报告支部工作", bool(detail.secretary_report), "请填写书记代表支委会所作的报告。")

    secretary_id = _secretary_id(archive)
    self_done = {c.from_member_id for c in detail.criticism if c.kind == "self"}
    criticised = {c.to_member_id for c in detail.criticism if c.kind == "mutual"}
    secretary_absent = held and secretary_id not in {member_id for member_id, _ in present}
    if secretary_id is not None and not secretary_absent:
        first = detail.criticism[0] if detail.criticism else None
        ok = first is not None and first.kind == "self" and first.from_member_id == secretary_id
        add("secretary_first", "书记带头作对照检查、自我批评", ok,
            f"请先登记书记{detail.secretary_name}的自我批评（会上书记第一个发言）。")
    if held:
        no_self = [name for member_id, name in present if member_id not in self_done]
        add("self_criticism", "到会党员逐一自我批评", not no_self, f"{_names(no_self)}还没有登记自我批评。")
        no_mutual = [name for member_id, name in present if member_id not in criticised]
        add("mutual_criticism", "每名党员都接受了相互批评", not no_mutual,
            f"{_names(no_mutual)}还没有收到其他党员的批评意见。批评要见人见事，不能只有自我批评。")
        examined = {e.member_id for e in detail.examinations}
        no_exam = [name for member_id, name in present if member_id not in examined]
        add("examinations", "到会党员的对照检查", not no_exam, f"{_names(no_exam)}还没有登记对照检查材料。")
    no_response = [c for c in detail.criticism if c.kind == "mutual" and not c.response]
    add("responses", "批评意见的本人回应", not no_response,
        f"还有 {len(no_response)} 条批评意见没有记录被批评人的回应。")
    add("committee_examination", "支委会（班子）对照检查",
        any(e.member_id is None and not e.owner_name for e in detail.examinations), "请登记支委会的对照检查材料。")

    review = archive.rectification.review_items(detail.year)
    if review:
        add("review", "上年度整改“回头看”", bool(detail.review),
            f"上年度及以前有 {len(review)} 项整改事项，请写明“回头看”情况。")
    add("summary", "会议小结", bool(detail.summary), "请填写会议小结。")

    add("appraisal", "民主评议党员", archive.appraisal.done(detail.year),
        "本年度民主评议党员还没有定稿。", blocking=False)
    items = archive.rectification.query_ids(year=detail.year)
    add("rectification", "列出整改清单", bool(items), "本年度整改台账中还没有整改事项。", blocking=False)
    return result


def _secretary_id(archive) -> int | None:
    from .store import secretary

    return secretary(archive.branch.own_id())[0]


def _meeting_facts(archive, detail: CycleDetail) -> tuple[list[tuple[int, str]], bool]:
    """(members present as (id, name), whether the meeting was held)."""
    if detail.meeting_id is None:
        return [], False
    form = archive.meetings.detail(detail.meeting_id).form
    present = [(e.member_id, e.name) for e in form.attendance
               if not e.is_guest and e.status == "present" and e.member_id is not None]
    return present, form.held_on is not None


def attention(archive, today: dt.date | None = None) -> list[str]:
    """Talks still missing before a coming (or late) 组织生活会, one sentence a cycle."""
    today = today or clock.today()
    sentences = []
    life = archive.life
    for year in life.years()[:2]:
        cycle_id = life.cycle_id(year)
        detail = life.detail(cycle_id)
        if detail.state != "draft" or detail.plan.planned_on is None:
            continue
        if detail.meeting_id is not None and archive.meetings.summary(detail.meeting_id).held_on is not None:
            continue
        days = (detail.plan.planned_on - today).days
        if days > ATTENTION_DAYS:
            continue
        coverage = archive.talks.coverage(year, today)
        when = f"定于 {detail.plan.planned_on:%Y-%m-%d} 召开" if days >= 0 else f"计划日期 {detail.plan.planned_on:%Y-%m-%d} 已过、尚未召开"
        if not coverage.complete:
            sentences.append(f"{year} 年度组织生活会{when}，会前谈心谈话还有 {coverage.gaps} 处未覆盖（"
                             + "；".join(coverage.gap_sentences(limit=3)) + "）。")
        elif days < 0:
            sentences.append(f"{year} 年度组织生活会{when}，请尽快召开并登记会议记录。")
    return sentences

"""群众工作's auto-measured indicators for 目标管理 (docs/domain.md §14.5), with the records
behind each, as the other measures (targets/measures.py registers them):

* ``masses.coverage``: of the contact periods that ended in the inspection period (the
  current one only once visited) while a household was kept, the share with a 走访;
* ``masses.completion``: requests received in the period's year and due by its end
  (deadline passed, or 办结 already), the share 办结;
* ``masses.satisfaction``: requests 回访 by the period's end, the share 满意 or 基本满意.

Each returns a :class:`Share` (plain data); ``targets/measures.py`` turns it into its
MeasureResult, so this module needs nothing of 目标管理."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..dates import format_date
from ..storage.binding import uses_archive
from ..storage.masses_models import MassesHousehold, MassesVisit


@dataclass(frozen=True)
class Share:
    """``part`` of ``whole`` (none yet: ``whole`` 0), the sentence saying how (``{shown}``
    stands for the rate), what to show when there is nothing, and the records behind it
    as (kind, id, title, date)."""

    part: int
    whole: int
    text: str
    none_text: str
    refs: list[tuple[str, int, str, dt.date | None]] = field(default_factory=list)


def _as_of(period, today: dt.date) -> dt.date:
    return min(period.end, today)


@uses_archive
def coverage(archive, period, today) -> Share:
    as_of = _as_of(period, today)
    found = archive.masses.coverage(period.start, period.end, today)
    rows = list(MassesVisit.select(MassesVisit.id, MassesVisit.visited_on, MassesVisit.member_name)
                .join(MassesHousehold)
                .where(MassesHousehold.branch == archive.branch.own_id(),
                       MassesVisit.visited_on.between(period.start, as_of))
                .order_by(MassesVisit.visited_on, MassesVisit.id))
    refs = [("masses_visit", v.id, f"{v.member_name}走访", v.visited_on) for v in rows]
    period_text = {"monthly": "每月", "quarterly": "每季度", "half_year": "每半年", "yearly": "每年"}[found.period]
    text = (f"联系户按{period_text}走访一次计，{format_date(period.start)}至{format_date(as_of)}应走访 {found.required} 户次，"
            f"已走访 {found.covered} 户次，覆盖率 {{shown}}。")
    if found.behind:
        text += "未走访：" + "；".join(found.behind[:10]) + ("等。" if len(found.behind) > 10 else "。")
    if not found.required:
        text = f"{format_date(period.start)}至{format_date(as_of)}没有到期的联系走访（还没有联系户，或本期尚未结束）。"
    return Share(found.covered, found.required, text, "无到期走访", refs)


@uses_archive
def completion(archive, period, today) -> Share:
    as_of = _as_of(period, today)
    requests = archive.masses.requests(archive.masses.request_ids(year=period.year))
    due = [q for q in requests if q.received_on <= as_of
           and (q.done_on is not None and q.done_on <= as_of or q.deadline is not None and q.deadline < as_of)]
    done = [q for q in due if q.done_on is not None and q.done_on <= as_of]
    refs = [("masses_request", q.id, f"民情诉求 {q.code}：{q.content[:30]}", q.done_on or q.deadline) for q in due]
    text = (f"{period.year}年受理、截至{format_date(as_of)}已到办理时限（或已办结）的民情诉求 {len(due)} 件，"
            f"已办结 {len(done)} 件，办结率 {{shown}}。")
    if not due:
        text = f"截至{format_date(as_of)}没有到期的民情诉求。"
    return Share(len(done), len(due), text, "无到期诉求", refs)


@uses_archive
def satisfaction(archive, period, today) -> Share:
    as_of = _as_of(period, today)
    requests = archive.masses.requests(archive.masses.request_ids(year=period.year))
    revisited = [q for q in requests if q.revisit_on is not None and q.revisit_on <= as_of]
    content = [q for q in revisited if q.satisfaction in ("satisfied", "basic")]
    refs = [("masses_request", q.id, f"民情诉求 {q.code}：{q.satisfaction_label}", q.revisit_on) for q in revisited]
    counts = {label: sum(q.satisfaction_label == label for q in revisited) for label in ("满意", "基本满意", "不满意")}
    text = (f"截至{format_date(as_of)}回访民情诉求 {len(revisited)} 件：满意 {counts['满意']} 件，"
            f"基本满意 {counts['基本满意']} 件，不满意 {counts['不满意']} 件；满意率（满意和基本满意）{{shown}}。")
    if not revisited:
        text = f"截至{format_date(as_of)}还没有回访的民情诉求。"
    return Share(len(content), len(revisited), text, "无回访", refs)

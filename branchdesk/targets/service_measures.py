"""Auto-measures of 服务群众 (docs/domain.md §15.6), counted from the records of
``branchdesk/service``: members' 志愿服务 hours, 为民办实事 done by their promised date,
党务公开 posted on time, and the 群众评议 satisfaction of the committee. Each names the
records it counted, like the measures in ``measures.py`` (which lists these with its own)."""

from __future__ import annotations

import datetime as dt

from ..dates import format_date
from . import measure_base as m
from .periods import Period
from .points import tenths_text


def _rate(key: str, label: str, period: Period, part: int, whole: int, wanted: int, refs: list, empty: tuple[str, str],
          sentence):
    """A share measure: ``part`` of ``whole`` against ``wanted`` (tenths of a percent);
    nothing due reads ``empty`` (value, explanation) and is met; ``sentence(shown)`` explains."""
    if not whole:
        return m.MeasureResult(key, label, period, None, empty[0], wanted / 10, f"{tenths_text(wanted)}%", True, empty[1],
                               refs, (1, 1))
    met, earned = m._share(part, whole, wanted)
    shown = m._percent_text(part, whole, wanted, 0)
    return m.MeasureResult(key, label, period, round(part / whole * 100, 1), shown, wanted / 10, f"{tenths_text(wanted)}%",
                           met, sentence(shown), refs, earned)


def _service_hours(archive, period: Period, target_x10: int | None, today: dt.date):
    as_of = m._as_of(period, today)
    yearly_x10 = target_x10 or 80
    months = (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1
    wanted_x10 = yearly_x10 * months // 12  # the yearly target, for the period's months
    activities = [a for a in archive.service.activities(period.year) if period.start <= a.held_on <= as_of]
    hours_x10 = sum(round(p.hours * 10) for a in activities for p in a.participants if p.member_id is not None)
    members = archive.members.count()
    refs = [m.RecordRef("service_activity", a.id, f"{a.held_on:%Y-%m-%d} {a.place}：{a.content[:20]}", a.held_on)
            for a in activities]
    target = f"人均 {tenths_text(yearly_x10)} 小时/年"
    if not members:
        return m.MeasureResult("service.hours", "党员志愿服务时长", period, None, "无党员", yearly_x10 / 10, target, None,
                               "名册中没有党员。", refs, None)
    average = hours_x10 / 10 / members
    reached = hours_x10 >= wanted_x10 * members
    met = reached if today >= period.end else (True if reached else None)  # short while the period runs: pending
    earned = (1, 1) if reached else (hours_x10, wanted_x10 * members)
    text = (f"{period.label}截至{format_date(as_of)}开展志愿服务 {len(activities)} 次，党员服务合计 "
            f"{tenths_text(hours_x10)} 小时，按 {members} 名党员计人均 {average:.1f} 小时；本期按全年目标折算应达人均 "
            f"{tenths_text(wanted_x10)} 小时（群众等其他人员的时长不计）。")
    return m.MeasureResult("service.hours", "党员志愿服务时长", period, round(average, 1), f"人均 {average:.1f} 小时",
                           yearly_x10 / 10, target, met, text, refs, earned if met is not None else None)


def _pledges_done(archive, period: Period, target_x10: int | None, today: dt.date):
    as_of = m._as_of(period, today)
    wanted = target_x10 or 1000
    pledges = [p for p in archive.service.pledges(period.year, as_of) if period.start <= p.promised_by <= period.end
               and (p.promised_by <= as_of or (p.done_on is not None and p.done_on <= as_of))]
    done = [p for p in pledges if p.state == "done"]
    refs = [m.RecordRef("service_pledge", p.id, p.title, p.done_on or p.promised_by) for p in pledges]
    return _rate("service.pledges", "为民办实事按期完成率", period, len(done), len(pledges), wanted, refs,
                 ("无到期实事", f"截至{format_date(as_of)}，本期没有到承诺时限的实事。"),
                 lambda shown: f"承诺时限在本期、截至{format_date(as_of)}已到期（或已提前完成）的实事 {len(pledges)} 件，"
                               f"按承诺时限完成 {len(done)} 件，按期完成率 {shown}。")


def _openness_on_time(archive, period: Period, target_x10: int | None, today: dt.date):
    as_of = m._as_of(period, today)
    wanted = target_x10 or 1000
    due = [d for year in (period.year - 1, period.year) for d in archive.openness.due(year, as_of)
           if period.start <= d.due_on <= period.end and d.state != "waiting"]
    done = [d for d in due if d.done]
    postings = {p.id: p for year in (period.year - 1, period.year) for p in archive.openness.postings(year)}
    refs = [m.RecordRef("openness_posting", d.posting_id, postings[d.posting_id].title, postings[d.posting_id].posted_on)
            for d in due if d.posting_id in postings]
    missing = sum(1 for d in due if d.state == "missing")
    return _rate("openness.on_time", "党务公开按时率", period, len(done), len(due), wanted, refs,
                 ("无到期公开", f"截至{format_date(as_of)}，本期没有到期应公开的事项。"),
                 lambda shown: f"本期到期应公开 {len(due)} 项（党费收缴每季度、计划每年、实事进展每半年、民主评议结果"
                               f"评定后），按时公开并张贴满 7 天的 {len(done)} 项" + (f"，未公开 {missing} 项" if missing else "")
                               + f"，按时率 {shown}。")


def _satisfaction(archive, period: Period, target_x10: int | None, today: dt.date):
    wanted = target_x10 or 900
    verdict = archive.verdicts.committee(period.year)
    refs = [m.RecordRef("service_verdict", verdict.id, f"{period.year}年度群众评议", verdict.held_on)] if verdict else []
    due = m._year_end_due(period) and not m._still_open(period, today, verdict is not None)
    if verdict is None or verdict.rate is None:
        state = "尚未登记" if verdict is None else "没有可计算的票（都是「不了解」）"
        later = m.PENDING if m._year_end_due(period) else "群众评议为年度指标，在年底的检查中评分。"
        text = f"{period.year}年度群众评议{state}。" + ("" if due else later)
        return m.MeasureResult("verdict.satisfaction", "群众评议满意率", period, None, "未评议", wanted / 10,
                               f"{tenths_text(wanted)}%", False if due else None, text, refs, (0, 1) if due else None)
    judged = verdict.satisfied + verdict.basic + verdict.unsatisfied
    good = verdict.satisfied + verdict.basic
    met, earned = m._share(good, judged, wanted)
    shown = m._percent_text(good, judged, wanted, 1)
    text = (f"{format_date(verdict.held_on)}群众评议支部委员会，收回 {verdict.ballots} 票：满意 {verdict.satisfied}、"
            f"基本满意 {verdict.basic}、不满意 {verdict.unsatisfied}、不了解 {verdict.unknown}；满意率 =（满意 + 基本满意）÷"
            f"（收回票数 − 不了解）= {good} ÷ {judged} = {shown}。")
    return m.MeasureResult("verdict.satisfaction", "群众评议满意率", period, round(verdict.rate * 100, 1), shown,
                           wanted / 10, f"{tenths_text(wanted)}%", met, text, refs, earned)


def specs(measure_spec, fixed) -> list:
    """The four measures as ``MeasureSpec`` s (made by measures.py, which owns the type)."""
    return [
        measure_spec("service.hours", "党员志愿服务时长", _service_hours, fixed("党员人均志愿服务不少于 8 小时/年", 80)),
        measure_spec("service.pledges", "为民办实事按期完成率", _pledges_done, fixed("承诺实事按期完成率 100%", 1000)),
        measure_spec("openness.on_time", "党务公开按时率", _openness_on_time, fixed("党务公开按时率 100%", 1000)),
        measure_spec("verdict.satisfaction", "群众评议满意率", _satisfaction, fixed("群众评议满意率不低于 90%", 900)),
    ]



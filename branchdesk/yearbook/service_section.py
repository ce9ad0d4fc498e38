"""服务群众 of a year in the yearly archive (docs/domain.md §15): members' 志愿服务 hours
(others who took part counted, not named), the 为民办实事 with their progress, the
党务公开 the rule asked for and what was posted, and the 群众评议 of the committee and of
members. One record, the year's 服务群众情况. Nothing here is sealed, so the archive
fingerprint names no rows of it."""

from __future__ import annotations

from .. import labels
from ..archival import retention_of
from ..meetings.paper_words import party_name
from ..papers import Para, Table, TitleBlock
from ..service import rules
from ..service.boards import PLEDGE_ALIGN, PLEDGE_HEADERS, PLEDGE_WIDTHS, period_text, pledge_rows
from .sections import RecordRef, Section, SectionProvider

TITLE = "服务群众"


def records(archive, year: int) -> list[RecordRef]:
    return []


def _day(day) -> str:
    return f"{day.year}.{day.month}.{day.day}"


def sections(archive, year: int, today=None) -> list[Section]:
    section = Section("service", TITLE, retention=retention_of("service.year"))
    service = archive.service
    hours = service.member_hours(year)
    summary = service.hours_summary(year)
    pledges = service.pledges(year, today)
    postings = sorted(archive.openness.postings(year), key=lambda p: p.posted_on)
    verdicts = archive.verdicts.verdicts(year)
    if not (summary["activities"] or pledges or postings or verdicts):
        return [section]
    branch = archive.branch.own()
    done, counted = service.pledge_completion(year, today)
    on_time, due = archive.openness.on_time_share(year, today)
    average = "—" if summary["average"] is None else f"{summary['average']:g}"
    section.records.append([
        TitleBlock(f"{year}年度服务群众情况", party_name(branch.name), "服务群众", level=1),
        Para(f"全年开展志愿服务{summary['activities']}次，党员{summary['serving_members']}人参加、服务"
             f"{summary['member_hours']:g}小时，人均{average}小时（按{summary['members']}名党员计），群众等其他人员服务"
             f"{summary['other_hours']:g}小时。承诺为民办实事{len(pledges)}件，已到期{counted}件中按期完成{done}件。"
             f"应公开事项已到期{due}项，按时公开{on_time}项。"),
        Table(["序号", "姓名", "服务次数", "服务时长（小时）"],
              [[n, h.name, h.activities, f"{h.hours:g}"] for n, h in enumerate(hours, start=1)],
              col_widths=(0.7, 2, 1.2, 1.6), caption="党员志愿服务时长", label="志愿服务时长"),
        Table(PLEDGE_HEADERS, pledge_rows(pledges), col_widths=PLEDGE_WIDTHS, align=PLEDGE_ALIGN, caption="为民办实事",
              label="为民办实事"),
        Table(["公开日期", "类别", "所属期间", "地点", "张贴期间"],
              [[_day(p.posted_on), labels.label(labels.OPENNESS_KINDS, p.kind), period_text(p), p.place,
                f"{_day(p.hung_from)}—{_day(p.hung_to)}"] for p in postings],
              col_widths=(1.5, 1.9, 1.8, 1.7, 3), caption="党务公开", label="党务公开"),
        Table(["评议对象", "评议日期", "满意", "基本满意", "不满意", "不了解", "满意率"],
              [[v.subject, _day(v.held_on), v.satisfied, v.basic, v.unsatisfied, v.unknown, rules.percent(v.rate)]
               for v in verdicts], col_widths=(2, 1.4, 0.9, 1.1, 1, 1, 1.1), caption="群众评议", label="群众评议"),
    ])
    return [section]


PROVIDER = SectionProvider("service", sections, records)

"""党员名册 of a year in the yearly archive: the members who belonged to the branch on
31 December (status that day, from the status history) and every status change dated in
the year (转正, 转出, 流动, 去世 …) — the year's 党员名册及变动情况 — then the year's 组织关系转接
and 流动党员 (transfers_section.py), when there were any. The roster is a
working register, not a sealed record, so the archive fingerprint does not cover it."""

from __future__ import annotations

import datetime as dt

from ..archival import retention_of
from ..meetings.paper_words import party_name
from ..papers import Para, Table, TitleBlock
from ..roster import standing
from ..roster.history import changes_in_year, roster_on, status_name
from .sections import RecordRef, Section, SectionProvider
from .transfers_section import year_record

TITLE = "党员名册"


def records(archive, year: int) -> list[RecordRef]:
    return []


def _counts_line(counts: standing.Standing) -> str:
    """「支部共有党员30名：正式党员27名，预备党员3名，其中流动党员1名」, worded as the 首页: 正式
    or 预备 by the 转正 date, a 流动党员 one of them (docs/domain.md §1, 党员人数)."""
    text = f"支部共有党员{counts.total}名：正式党员{counts.full}名，预备党员{counts.probationary}名"
    return text + (f"，其中流动党员{counts.away}名" if counts.away else "")


def sections(archive, year: int, today=None) -> list[Section]:
    section = Section("roster", TITLE, retention=retention_of("roster.year"))
    year_end = dt.date(year, 12, 31)
    shown_on = min(year_end, today) if today else year_end  # a year not yet over: its roster today
    members = roster_on(archive, shown_on)
    changes = changes_in_year(archive, year)
    transfers = year_record(archive, year, today)  # the letters and spells away behind the changes
    if not members and not changes and not transfers:
        return [section]  # 「本年度无记录」
    counts = standing.of_members(members, shown_on)
    section.records.append([
        TitleBlock(f"{year}年度党员名册及变动情况", party_name(archive.branch.own().name), "党员名册", level=1),
        Para(f"截至{shown_on.year}年{shown_on.month}月{shown_on.day}日，{_counts_line(counts)}；"
             f"本年度党员状态变化{len(changes)}次。"),
        Table(["序号", "姓名", "性别", "党员状态", "入党日期", "转正日期", "党小组"],
              [[str(n), m.name, m.gender, m.status_label, m.joined_on.isoformat(),
                m.full_on.isoformat() if m.full_on else "—", m.group_name or "—"]
               for n, m in enumerate(members, start=1)],
              col_widths=(0.7, 1.5, 0.7, 1.4, 1.6, 1.6, 1.9), caption=f"{year}年末党员名册" if shown_on == year_end else f"截至{shown_on.month}月{shown_on.day}日党员名册", label="党员名册"),
        Table(["日期", "姓名", "原状态", "新状态", "原因"],
              [[c.change.changed_on.isoformat(), c.name, status_name(c.change.status_from),
                status_name(c.change.status_to), c.change.reason or "—"] for c in changes],
              col_widths=(1.6, 1.4, 1.4, 1.4, 3.6), caption=f"{year}年党员状态变化", label="党员状态变化"),
    ])
    section.records.extend(transfers)
    return [section]


PROVIDER = SectionProvider("roster", sections, records)

"""群众工作 of a year in the yearly archive (docs/domain.md §14.6): the contacts counted per
member (households kept, 走访 made, the contact coverage), and the year's 民情台账 with
each request's state. Households are never named here and the person who asked is
masked: the archive may travel upward."""

from __future__ import annotations

import datetime as dt

from .. import clock
from ..archival import retention_of
from ..masses.papers import compact_table, tally_line
from ..meetings.paper_words import party_name
from ..papers import Para, Table, TitleBlock
from ..safety.sealing import ChildSpec, SealSpec
from ..storage.masses_models import MassesHousehold, MassesVisit
from .sections import RecordRef, Section, SectionProvider

TITLE = "群众工作"
# Requests are not sealed; their content (and their 办理 notes) is what the fingerprint covers.
MASSES_REQUEST = SealSpec("masses_request", "民情诉求", children=(ChildSpec("masses_request_note", "request_id"),))


def records(archive, year: int) -> list[RecordRef]:
    return [RecordRef(MASSES_REQUEST, request_id) for request_id in archive.masses.request_ids(year=year)]


def _contacts(archive, year: int, today: dt.date) -> list[list]:
    first, last = dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)
    with archive.bound():
        households: dict[str, int] = {}
        for name, in (MassesHousehold.select(MassesHousehold.member_name)
                      .where(MassesHousehold.branch == archive.branch.own_id(), MassesHousehold.listed_on <= last,
                             MassesHousehold.ended_on.is_null() | (MassesHousehold.ended_on >= first)).tuples()):
            households[name] = households.get(name, 0) + 1
        visits: dict[str, int] = {}
        for name, in (MassesVisit.select(MassesVisit.member_name).join(MassesHousehold)
                      .where(MassesHousehold.branch == archive.branch.own_id(),
                             MassesVisit.visited_on.between(first, last)).tuples()):
            visits[name] = visits.get(name, 0) + 1
    names = archive.members.sorted_by_name(sorted(set(households) | set(visits)), key=lambda n: n)
    return [[str(n), name or "（未分配）", str(households.get(name, 0)), str(visits.get(name, 0))]
            for n, name in enumerate(names, start=1)]


def sections(archive, year: int, today=None) -> list[Section]:
    today = today or clock.today()
    requests = archive.masses.requests(archive.masses.request_ids(year=year))
    section = Section("masses", TITLE, unit="件", count=len(requests), retention=retention_of("masses.ledger"))
    contacts = _contacts(archive, year, today)
    if not requests and not contacts:
        return []  # a branch that keeps no 群众工作 records yet: no part (and no line on the cover)
    branch = archive.branch.own()
    coverage = archive.masses.coverage(dt.date(year, 1, 1), dt.date(year, 12, 31), today)
    rate = "—" if coverage.rate is None else f"{coverage.rate:.0%}"
    section.records.append([
        TitleBlock(f"{year}年度联系群众情况", party_name(branch.name), "群众工作", level=1),
        Para(f"全年应走访{coverage.required}户次，已走访{coverage.covered}户次，联系覆盖率{rate}。"
             "联系户的姓名、电话和家庭情况不列入年度档案。"),
        Table(["序号", "联系党员", "联系户数", "走访次数"], contacts, col_widths=(0.7, 2, 1.4, 1.4),
              caption="党员联系群众情况", label="党员联系群众情况"),
    ])
    if requests:
        section.records.append([
            TitleBlock(f"{year}年度民情台账", party_name(branch.name), "民情台账", level=1),
            compact_table(requests, today),
            Para(tally_line(archive.masses.tally(year, today)) + "提出人不列入年度档案。", indent=False),
        ])
    return [section]


PROVIDER = SectionProvider("masses", sections, records)

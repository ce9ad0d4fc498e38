"""Demo 奖惩 (docs/domain.md §17), built after everything else so the other modules' records
stay as they were: the secretary and one member commended by the 镇党委 on 七一 this year,
and one 批评教育 by the branch committee, with its facts (sensitive: covered on screens)."""

from __future__ import annotations

import datetime as dt

from ..honours import CommendationForm, DisciplineForm
from ..storage.models import Member


def build(archive, today: dt.date) -> None:
    active = [row.id for row in Member.select(Member.id).where(Member.branch == archive.branch.own_id(),
                                                               Member.status == "full").order_by(Member.id)]
    july = dt.date(today.year, 6, 28) if today >= dt.date(today.year, 6, 28) else dt.date(today.year - 1, 6, 28)
    town = archive.branch.own().higher_org or "上级党委"
    doc = f"安党〔{july.year}〕21号"
    secretary = next((s.member_id for s in archive.branch.own().committee if s.post == "secretary"), active[0])
    archive.honours.commend(CommendationForm(secretary, "excellent_worker", granted_by=town, granted_on=july,
                                             doc_no=doc))
    archive.honours.commend(CommendationForm(active[3], "excellent_member", granted_by=town, granted_on=july,
                                             doc_no=doc, note="带头参加村道拓宽义务劳动"))
    archive.honours.discipline_add(DisciplineForm(
        active[5], "criticism", decided_by="中共前进村党支部委员会", decided_on=today - dt.timedelta(days=40),
        facts="连续两次无故不参加主题党日活动，支部委员会对其进行谈话提醒和批评教育，本人已作书面检查。"))

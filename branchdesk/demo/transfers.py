"""Demo 组织关系转接 and 流动党员 (docs/domain.md §16), built last so the records of the
other modules stay as they were: the member who left over a year ago (roster.py, his
介绍信's 回执 never came back: on 首页), one transferred out after the last meeting with
the 回执 back, and one who came in from a neighbouring branch. The 流动党员 of the roster
(roster.py) is in the register there."""

from __future__ import annotations

import datetime as dt

from ..roster import idnumber
from ..roster.member_rules import MemberForm
from ..storage.models import Member
from ..transfers import AwayForm, TransferForm

OWN = "中共前进村党支部"


def transfer_out(archive, member_id: int, day: dt.date, to_org: str, reason: str, scope: str) -> int:
    """A transfer out as roster.py and this module record it."""
    return archive.transfers.transfer_out(TransferForm(
        direction="out", member_id=member_id, moved_on=day, from_org=OWN, to_org=to_org, reason=reason, scope=scope))


def register_away(archive, member_id: int, since: dt.date) -> None:
    phone = archive.members.get(member_id).phone
    archive.away.add(AwayForm(member_id, "浙江省杭州市萧山区", since, contact=phone,
                              host_org="中共萧山区新塘街道流动党员党支部", life_way="host",
                              dues_way="home_transfer", dues_note="每季度转账交纳", note="在杭州务工"))


def build(archive, today: dt.date) -> None:
    roster = [row.id for row in Member.select(Member.id).where(Member.branch == archive.branch.own_id())
              .order_by(Member.id)]
    # after the last meeting held, so no record lists someone who had already left
    moved = today - dt.timedelta(days=10)
    out_id = transfer_out(archive, roster[20], moved, "中共县城关镇城北社区党委第一党支部", "move", "county")
    archive.transfers.record_receipt(out_id, today - dt.timedelta(days=3))
    came = today - dt.timedelta(days=5)
    birth = dt.date(1988, 4, 16)
    first17 = f"330521{birth:%Y%m%d}042"
    group = archive.groups.list()[0].id
    form = TransferForm(
        direction="in", moved_on=came, from_org="中共邻村党支部", to_org=OWN, reason="move", scope="county",
        letter_no="〔2026〕第5号", new_member=MemberForm(
            name="周敏", id_number=first17 + idnumber.check_digit(first17), ethnicity="汉族", education="大学专科",
            phone="13905720428", job="村文书", joined_on=dt.date(2012, 7, 1), full_on=dt.date(2013, 7, 1),
            status="full", group_id=group))
    archive.transfers.record_receipt(archive.transfers.transfer_in(form), today - dt.timedelta(days=4))

"""From which month a member owes 党费 to this branch, so a member due to pay who has no
base is named, not left out (docs/domain.md §10 「Who owes from when」)."""

from __future__ import annotations

import datetime as dt

from peewee import fn

from ..storage.database import date_value
from ..storage.dues_models import DuesBase
from ..storage.models import Member, MemberStatusChange
from ..storage.transfer_models import MemberTransfer
from . import months as mo


def first_due_months(archive, member_ids: list[int]) -> dict[int, dt.date]:
    """The first month each member owes dues here: the month after the 党费交到 of their last
    transfer in when the letter gave one; otherwise the later of the month they joined the
    Party (a 预备党员 pays from the month admitted) and the month they came onto this roster
    (their first status line: for a transfer in, the day of the transfer), and never before
    the archive's first base."""
    # The ledger begins with the archive's first base: before it dues were kept elsewhere, and an
    # archive that keeps no dues here names nobody.
    begun = DuesBase.select(fn.MIN(DuesBase.from_month)).scalar()
    if not member_ids or not begun:
        return {}
    begun = mo.from_key(begun)
    joined = dict(Member.select(Member.id, Member.joined_on).where(Member.id.in_(member_ids)).tuples())
    listed = dict(MemberStatusChange.select(MemberStatusChange.member, fn.MIN(MemberStatusChange.changed_on))
                  .where(MemberStatusChange.member.in_(member_ids))
                  .group_by(MemberStatusChange.member).tuples())
    paid_to: dict[int, str] = {}
    for member_id, key in (MemberTransfer.select(MemberTransfer.member, MemberTransfer.dues_paid_to)
                           .where(MemberTransfer.member.in_(member_ids), MemberTransfer.direction == "in",
                                  MemberTransfer.cancelled_on.is_null(True))
                           .order_by(MemberTransfer.moved_on, MemberTransfer.id).tuples()):
        paid_to[member_id] = key
    result = {}
    for member_id, joined_on in joined.items():
        if paid_to.get(member_id):
            result[member_id] = mo.add(mo.from_key(paid_to[member_id]), 1)
            continue
        since = max(joined_on, date_value(listed.get(member_id)) or joined_on)
        result[member_id] = max(mo.first(since), begun)
    return result


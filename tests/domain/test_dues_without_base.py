"""A member who owes 党费 but has no base is named, not left out (docs/domain.md §10
「Who owes from when」, §9): the ledger's rows, `dues status`, the 首页 to-do, the 公示 and the
year's 登记表 (which the yearly archive's 党费 part is made of). On every engine."""

import datetime as dt

from branchdesk import clock
from branchdesk.dues.papers import member_months, period_months
from branchdesk.dues.register import register_rows
from branchdesk.roster.members import MemberForm
from branchdesk.todo import todo_list
from branchdesk.transfers.forms import TransferForm
from tests.domain.dues_support import month, set_base
from tests.helpers import make_id

TODAY = clock.today()


def _everyone_but(archive, ids, *left_out):
    for name in ids:
        if name not in left_out:
            set_base(archive, ids, name)


def _transfer_in(archive, **changes) -> dt.date:
    """周敏 comes from another branch three days ago; returns the day."""
    new = MemberForm(name="周敏", id_number=make_id(dt.date(1988, 4, 16), 423), joined_on=dt.date(2012, 7, 1),
                     full_on=dt.date(2013, 7, 1), status="full")
    came = TODAY - dt.timedelta(days=3)
    archive.transfers.transfer_in(TransferForm(direction="in", moved_on=came, from_org="中共邻村党支部",
                                               to_org="本支部", new_member=new, **changes))
    return came


def test_a_probationary_member_without_a_base_is_listed_from_the_month_admitted(branch):
    archive, ids, _ = branch
    assert archive.dues.without_base() == []  # an archive that keeps no 党费 here names nobody
    _everyone_but(archive, ids, "张伟")  # 预备党员, joined 100 days ago
    joined = archive.members.get(ids["张伟"]).joined_on
    assert [row.name for row in archive.dues.without_base()] == ["张伟"]
    assert archive.dues.without_base(month(joined.month - 1)) == []  # not yet a member then
    sentences = [item.sentence for item in todo_list(archive, TODAY) if item.kind == "dues"]
    assert any(s.startswith("张伟未设定党费基数") for s in sentences)
    ledgers, people = member_months(archive, period_months(TODAY.year, 2))
    assert ids["张伟"] in people
    row = next(r for r in register_rows(archive, TODAY.year) if r.name == "张伟")
    assert row.months[joined.month - 1:] == ("未设基数",) * (13 - joined.month)
    assert row.months[:joined.month - 1] == ("",) * (joined.month - 1) and row.paid_fen == row.due_fen == 0
    set_base(archive, ids, "张伟", from_month=month(joined.month))
    assert archive.dues.without_base() == []
    assert not any("未设定党费基数" in item.sentence for item in todo_list(archive, TODAY))


def test_a_member_transferred_in_owes_from_the_month_after_the_letters_dues_paid_to(branch):
    archive, ids, _ = branch
    _everyone_but(archive, ids)
    _transfer_in(archive, dues_paid_to=month(TODAY.month))
    assert archive.dues.without_base() == []  # paid up to this month at the old branch
    assert [r.name for r in archive.dues.without_base(month(TODAY.month + 1, TODAY.year) if TODAY.month < 12
                                                      else month(1, TODAY.year + 1))] == ["周敏"]


def test_a_member_transferred_in_without_dues_paid_to_owes_from_the_month_of_the_transfer(branch):
    archive, ids, _ = branch
    _everyone_but(archive, ids)
    came = _transfer_in(archive)
    assert [r.name for r in archive.dues.without_base()] == ["周敏"]
    assert archive.dues.without_base(month(came.month - 1)) == []

"""Member rules, on every storage engine."""

import datetime as dt

import pytest

from branchdesk import clock
from branchdesk.errors import Conflict, ReadOnlyArchive, ValidationErrors
from branchdesk.roster.members import MemberForm
from tests.helpers import make_id, transfer_out


def form(**changes) -> MemberForm:
    values = {
        "name": "张建国",
        "id_number": make_id(dt.date(1970, 5, 6)),
        "joined_on": dt.date(1995, 7, 1),
        "full_on": dt.date(1996, 7, 1),
        "status": "full",
    }
    values.update(changes)
    return MemberForm(**values)


def problems(archive, **changes) -> dict[str, str]:
    with pytest.raises(ValidationErrors) as caught:
        archive.members.add(form(**changes))
    return {e.field: e.detail for e in caught.value.errors}


def test_member_is_stored_with_facts_from_the_id_number(archive):
    member_id = archive.members.add(form(id_number=make_id(dt.date(1970, 5, 6)).lower()))
    record = archive.members.get(member_id)
    assert record.name == "张建国"
    assert record.birth_date == dt.date(1970, 5, 6)
    assert record.gender_label == "男"
    assert record.masked_id.startswith("110105********")


def test_duplicate_id_number_is_refused_and_nothing_changes(archive):
    archive.members.add(form())
    found = problems(archive, name="李四")
    assert "张建国" in found["id_number"]
    assert archive.members.count() == 1


def test_impossible_dates_are_refused(archive):
    assert "早于出生日期" in problems(archive, joined_on=dt.date(1960, 1, 1), full_on=None, status="probationary")["joined_on"]
    assert "18 岁" in problems(archive, joined_on=dt.date(1985, 1, 1), full_on=dt.date(1986, 2, 1))["joined_on"]
    assert "不到入党一年" in problems(archive, full_on=dt.date(1996, 1, 1))["full_on"]
    future = clock.today() + dt.timedelta(days=3)
    assert "晚于今天" in problems(archive, joined_on=future, full_on=None, status="probationary")["joined_on"]
    assert archive.members.count() == 0


def test_short_probation_is_accepted_when_the_exception_is_explained(archive):
    member_id = archive.members.add(form(full_on=dt.date(1996, 1, 1), full_exception="档案记载如此，经组织核实"))
    assert archive.members.get(member_id).full_on == dt.date(1996, 1, 1)


def test_status_rules(archive):
    assert "转正日期" in problems(archive, full_on=None)["full_on"]
    assert "预备党员" in problems(archive, status="probationary")["full_on"]


def test_status_changes_are_kept_as_history(archive):
    member_id = archive.members.add(
        form(joined_on=dt.date(2023, 3, 1), full_on=None, status="probationary", id_number=make_id(dt.date(1990, 1, 2)))
    )
    archive.members.change_status(member_id, "full", dt.date(2024, 3, 2), "支部大会讨论通过")
    transfer_out(archive, member_id, dt.date(2025, 6, 1))
    history = archive.members.status_history(member_id)
    assert [(h.status_from, h.status_to, h.changed_on) for h in history] == [
        (None, "probationary", dt.date(2023, 3, 1)),
        ("probationary", "full", dt.date(2024, 3, 2)),
        ("full", "transferred", dt.date(2025, 6, 1)),
    ]
    assert archive.members.get(member_id).full_on == dt.date(2024, 3, 2)
    assert member_id not in archive.members.query_ids()  # left the branch
    assert member_id in archive.members.query_ids(statuses=None)


def test_search_treats_percent_and_underscore_literally(archive):
    archive.members.add(form())
    archive.members.add(form(name="李_红", id_number=make_id(dt.date(1971, 1, 1))))
    assert len(archive.members.query_ids("%")) == 0
    assert [archive.members.get(i).name for i in archive.members.query_ids("_")] == ["李_红"]
    assert len(archive.members.query_ids("建")) == 1
    assert len(archive.members.query_ids("' OR 1=1 --")) == 0


def test_invisible_characters_are_removed_from_names(archive):
    member_id = archive.members.add(form(name="张\u200b建国\u0007 "))
    assert archive.members.get(member_id).name == "张建国"
    assert archive.members.query_ids("张建国") == [member_id]


def test_rare_characters_and_emoji_survive(archive):
    for offset, name in enumerate(["王堃", "𠮷田", "李瑸😀"]):
        archive.members.add(form(name=name, id_number=make_id(dt.date(1970, 1, 1 + offset))))
    names = {archive.members.get(i).name for i in archive.members.query_ids()}
    assert names == {"王堃", "𠮷田", "李瑸😀"}


def test_huge_paste_is_refused_with_the_field_named(archive):
    found = problems(archive, note="党" * 10_000_000)
    assert "备注" in found["note"] and "最多" in found["note"]
    assert archive.members.count() == 0


def test_read_only_sqlite_archive_refuses_writes(archive_factory):
    from branchdesk.archive import Archive
    from branchdesk.branch import BranchInfo

    data_dir, _ = archive_factory("sqlite")
    with Archive.open(data_dir) as writable:
        writable.branch.save_own(BranchInfo(name="只读支部", kind="office"))
    with Archive.open(data_dir, read_only=True) as reader:
        assert reader.branch.own().name == "只读支部"
        with pytest.raises(ReadOnlyArchive):
            reader.members.add(form())


def test_committee_member_cannot_be_deleted_and_a_leader_leaves_the_group_leaderless(archive):
    from branchdesk.branch import CommitteeSeat

    secretary = archive.members.add(form())
    leader = archive.members.add(form(name="组长", id_number=make_id(dt.date(1972, 2, 2))))
    info = archive.branch.own()
    info.committee = [CommitteeSeat("secretary", secretary)]
    archive.branch.save_own(info)
    group_id = archive.groups.save("第一党小组", leader_id=leader)
    with pytest.raises(Conflict, match="书记"):
        archive.members.delete(secretary)
    archive.members.delete(leader)
    assert [g.leader_id for g in archive.groups.list() if g.id == group_id] == [None]
    assert archive.members.count() == 1


def test_29_february_follows_one_rule():
    from branchdesk import clock

    assert clock.add_years(dt.date(2024, 2, 29), 1) == dt.date(2025, 3, 1)
    assert clock.age_on(dt.date(2000, 2, 29), dt.date(2018, 2, 28)) == 17
    assert clock.age_on(dt.date(2000, 2, 29), clock.add_years(dt.date(2000, 2, 29), 18)) == 18


def test_a_groups_size_counts_only_members_on_the_roster_now(archive):
    """A member who transferred out keeps his group for the record but is no longer counted
    in it: the size shown is the one the members list shows (docs/domain.md §1)."""
    group_id = archive.groups.save("第三党小组")
    stays = archive.members.add(form(group_id=group_id))
    leaves = archive.members.add(form(name="胡立新", id_number=make_id(dt.date(1971, 3, 3)), group_id=group_id))
    archive.members.add(form(name="流动", id_number=make_id(dt.date(1973, 4, 4)), group_id=group_id, status="away"))
    transfer_out(archive, leaves, clock.today())
    size = next(g.member_count for g in archive.groups.list() if g.id == group_id)
    assert size == len(archive.members.query_ids(group_id=group_id)) == 2
    assert stays in archive.members.query_ids(group_id=group_id)
    with pytest.raises(Conflict, match="还有 2 名党员"):  # the same count as shown
        archive.groups.delete(group_id)
    other = archive.groups.save("第四党小组")
    moved = archive.members.get(leaves).form()
    moved.group_id = other
    archive.members.update(leaves, moved)
    with pytest.raises(Conflict, match="1 名已不在册的党员（胡立新"):  # its record keeps the group
        archive.groups.delete(other)


def test_counts_by_status_match_the_listed_members(archive):
    archive.members.add(form())
    archive.members.add(form(name="李秀英", id_number=make_id(dt.date(1990, 1, 2)), status="probationary",
                             joined_on=dt.date(2025, 3, 1), full_on=None))
    away = archive.members.add(form(name="王强", id_number=make_id(dt.date(1975, 3, 4))))
    archive.members.change_status(away, "away", dt.date(2025, 6, 1), "外出务工")
    gone = archive.members.add(form(name="赵刚", id_number=make_id(dt.date(1968, 8, 9))))
    transfer_out(archive, gone, dt.date(2025, 7, 1))
    by_status = archive.members.count_by_status()
    assert by_status == {"full": 1, "probationary": 1, "away": 1, "transferred": 1}
    assert by_status == {status: len(archive.members.query_ids(statuses=(status,))) for status in by_status}
    assert archive.members.count() == 3 == len(archive.members.query_ids())  # in the roll
    assert archive.members.count(statuses=None) == 4
    assert archive.members.count(statuses=("full", "away")) == 2

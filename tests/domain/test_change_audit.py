"""Changes to the branch, its committee, its groups and the settings are logged in the
audit log in the same transaction, and closing after any write takes a backup."""

import pytest

from branchdesk.archive import Archive
from branchdesk.branch import CommitteeSeat
from branchdesk.safety.rotation import list_backups
from tests.domain.safety_support import member_forms


def _rename_branch(archive):
    info = archive.branch.own()
    info.name = "改名后的党支部"
    archive.branch.save_own(info)
    return "branch.update"


def _change_committee(archive):
    member = archive.members.all_active()[0]
    info = archive.branch.own()
    info.committee = [CommitteeSeat("secretary", member.id, "")]
    archive.branch.save_own(info)
    return "branch.update"


def _create_group(archive):
    archive.groups.save("第一党小组")
    return "group.create"


def _rename_group(archive):
    group_id = archive.groups.id_by_name("老党小组")
    archive.groups.save("新党小组", group_id=group_id)
    return "group.update"


def _delete_group(archive):
    archive.groups.delete(archive.groups.id_by_name("老党小组"))
    return "group.delete"


def _change_setting(archive):
    archive.settings.set("paper_preset", "gbt9704")
    return "setting.set"


CHANGES = [_rename_branch, _change_committee, _create_group, _rename_group, _delete_group, _change_setting]


@pytest.mark.parametrize("change", CHANGES, ids=lambda f: f.__name__.strip("_"))
def test_each_change_is_audited_and_closing_backs_it_up(archive, change):
    archive.members.add_many(member_forms(2))
    archive.groups.save("老党小组")
    data_dir, url = archive.layout.root, archive.url
    archive.close()
    before = {b.path for b in list_backups(data_dir / "backups")}
    with Archive.open(data_dir, url) as reopened:
        head = reopened.audit.head()[0]
        action = change(reopened)
        entries = reopened.audit.entries()
        assert [e.action for e in entries[head:]] == [action]
        assert entries[-1].actor == reopened.actor and reopened.audit.verify().ok
    new = [b for b in list_backups(data_dir / "backups") if b.path not in before]
    assert [b.reason for b in new] == ["auto"]


def test_a_failed_change_leaves_neither_the_change_nor_its_entry(archive, monkeypatch):
    from branchdesk.safety import audit

    head = archive.audit.head()

    def log_fails(*args, **kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(audit, "append", log_fails)
    info = archive.branch.own()
    info.name = "不应保存的名称"
    with pytest.raises(RuntimeError):
        archive.branch.save_own(info)
    with pytest.raises(RuntimeError):
        archive.settings.set("paper_preset", "gbt9704")
    monkeypatch.undo()
    assert archive.branch.own().name == "测试村党支部" and archive.settings.get("paper_preset") == "record"
    assert archive.audit.head() == head


def test_password_values_never_reach_the_log(archive):
    archive.access.set_password("党支部2025")
    archive.settings.set("access.lock_after_minutes", 5)
    text = " ".join(e.detail for e in archive.audit.entries())
    assert "scrypt" not in text and "salt" not in text


def test_a_write_that_is_not_audited_still_counts_as_a_change(archive):
    data_dir, url = archive.layout.root, archive.url
    archive.close()
    before = {b.path for b in list_backups(data_dir / "backups")}
    with Archive.open(data_dir, url) as reopened:
        head = reopened.audit.head()
        reopened.settings.set("access.lock_after_minutes", 3, audited=False)  # logged by its caller, or not at all
        assert reopened.audit.head() == head
    assert len({b.path for b in list_backups(data_dir / "backups")} - before) == 1
    with Archive.open(data_dir, url):  # nothing written: no backup
        pass
    assert len({b.path for b in list_backups(data_dir / "backups")} - before) == 1

"""The audit log: every member change is logged in its own transaction, entries
cannot be changed, and a tampered entry is found and named."""

import json

import pytest

from branchdesk.archive import Archive
from branchdesk.errors import ValidationErrors
from branchdesk.roster.members import MemberForm
from branchdesk.safety import audit
from branchdesk.storage.models import MemberStatusChange
from tests.domain.safety_support import cli_run, member_forms, raw_connection, raw_error_types


def test_member_changes_are_logged_with_who_and_what(archive):
    archive.actor = "书记 张三"
    (form,) = member_forms(1)
    member_id = archive.members.add(form)
    form.phone = "13800001111"
    form.job = "村会计"
    archive.members.update(member_id, form)
    with pytest.raises(ValidationErrors):
        archive.members.update(member_id, MemberForm(name=""))
    archive.members.delete(member_id)
    entries = archive.audit.entries("member", member_id)
    assert [e.action for e in entries] == ["member.add", "member.update", "member.delete"]
    assert all(e.actor == "书记 张三" for e in entries)
    assert entries[1].summary == "修改党员 党员0：联系电话、工作岗位"
    assert entries[1].details["changed"]["phone"] == ["", "13800001111"]
    # ID numbers are masked in the log.
    assert "********" in entries[0].details["id_number"]
    assert form.id_number not in json.dumps([e.detail for e in entries], ensure_ascii=False)
    assert archive.audit.verify().ok


def test_a_failed_save_leaves_neither_change_nor_log_entry(archive, monkeypatch):
    (form,) = member_forms(1)
    member_id = archive.members.add(form)
    head = archive.audit.head()

    def power_cut(*args, **kwargs):
        raise OSError("simulated failure after the member row was updated")

    monkeypatch.setattr(MemberStatusChange, "create", power_cut)
    with pytest.raises(OSError):
        archive.members.change_status(member_id, "away", form.full_on, "外出务工")
    assert archive.members.get(member_id).status == "full"
    assert archive.audit.head() == head


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_log SET summary = '改写' WHERE seq = 1", "DELETE FROM audit_log WHERE seq = 1", "DELETE FROM audit_log"],
)
def test_log_entries_cannot_be_changed_or_removed(archive, statement):
    archive.members.add_many(member_forms(2))
    conn = raw_connection(archive.layout.root, archive.url)
    try:
        with pytest.raises(raw_error_types(), match="BD_APPEND_ONLY"):
            conn.execute(statement)
        if archive.url:
            with pytest.raises(raw_error_types(), match="BD_APPEND_ONLY"):
                conn.execute("TRUNCATE audit_log")
    finally:
        conn.close()
    assert archive.audit.verify().entries == 3  # the branch, then two members


def _tamper(archive, statements):
    """Someone with the database file removes the protection and edits the log."""
    conn = raw_connection(archive.layout.root, archive.url)
    try:
        if archive.url:
            conn.execute("ALTER TABLE audit_log DISABLE TRIGGER USER")
        else:
            conn.execute("DROP TRIGGER bd_append_only_audit_log_update")
            conn.execute("DROP TRIGGER bd_append_only_audit_log_delete")
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def test_a_changed_entry_is_found_by_verify_and_the_command_line(archive, capsys):
    archive.members.add_many(member_forms(4))
    _tamper(archive, ["UPDATE audit_log SET summary = '新增党员 某某' WHERE seq = 2"])
    report = archive.audit.verify()
    assert not report.ok and report.first_broken_seq == 2
    assert "第 2 条" in report.message() and "程序之外被改动" in report.message()
    data_dir, url = archive.layout.root, archive.url
    archive.close()
    code, _, err = cli_run(capsys, data_dir, "audit", "verify", db_url=url)
    assert code == 1 and "第 2 条" in err
    with Archive.open(data_dir, url) as reopened:
        assert reopened.health_report()["audit"]["first_broken_seq"] == 2


def test_a_rehashed_entry_still_breaks_the_chain_at_the_next_one(archive):
    archive.members.add_many(member_forms(4))
    entry = archive.audit.entries()[1]
    forged = audit.entry_hash(
        entry.seq, entry.at, entry.actor, entry.action, entry.record_table, entry.record_id,
        "新增党员 某某", entry.detail, entry.prev_hash,
    )
    _tamper(archive, [f"UPDATE audit_log SET summary = '新增党员 某某', entry_hash = '{forged}' WHERE seq = 2"])
    report = archive.audit.verify()
    assert report.first_broken_seq == 3 and "上一条校验值" in report.problem


def test_a_removed_entry_is_found(archive):
    archive.members.add_many(member_forms(4))
    _tamper(archive, ["DELETE FROM audit_log WHERE seq = 3"])
    report = archive.audit.verify()
    assert report.first_broken_seq == 3 and "缺失" in report.problem


def test_intact_log_passes_and_exports_line_by_line(archive, tmp_path, capsys):
    archive.members.add_many(member_forms(3))
    report = archive.audit.export_jsonl(tmp_path / "audit.jsonl")
    lines = (tmp_path / "audit.jsonl").read_text("utf-8").splitlines()
    assert report.ok and len(lines) == 4  # the branch, then three members
    assert json.loads(lines[-1])["entry_hash"] == report.head_hash
    data_dir, url = archive.layout.root, archive.url
    archive.close()
    code, out, _ = cli_run(capsys, data_dir, "audit", "verify", db_url=url)
    assert code == 0 and "共 4 条" in out

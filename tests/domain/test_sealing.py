"""Record states and sealing: what went upward stays exactly as it was, even against
raw SQL, and a correction is a new revision with who, when and why."""

import pytest

from branchdesk.archive import Archive
from branchdesk.errors import Conflict, ValidationError
from branchdesk.safety.sealing import content_hash
from tests.domain.safety_support import (
    PROBE,
    add_probe_record,
    raw_connection,
    raw_error_types,
)


@pytest.fixture
def sealed(archive_factory, engine, probe_step):
    """An archive with one reported (sealed) probe record; yields (archive, record_id, data_dir, url)."""
    data_dir, url = archive_factory(engine)
    archive = Archive.open(data_dir, url)
    archive.actor = "组织委员 李四"
    with archive.db.atomic():
        record_id = add_probe_record(archive.db)
    archive.records.finalise(PROBE, record_id)
    archive.records.report(PROBE, record_id, note="报镇党委")
    yield archive, record_id, data_dir, url
    archive.close()


def _title(archive, record_id):
    return archive.db.execute_sql(f"SELECT title FROM probe_record WHERE id = {record_id}").fetchone()[0]


RAW_CHANGES = [
    "UPDATE probe_record SET title = '改过的标题' WHERE id = {id}",
    "UPDATE probe_record SET state = 'draft' WHERE id = {id}",
    "DELETE FROM probe_record WHERE id = {id}",
    "UPDATE probe_line SET body = '改过的议题' WHERE record_id = {id}",
    "DELETE FROM probe_line WHERE record_id = {id}",
    "INSERT INTO probe_line (record_id, body) VALUES ({id}, '补记的议题')",
    "UPDATE probe_vote SET yes = 99",
    "DELETE FROM probe_vote",
    "DELETE FROM record_seal",
    "UPDATE record_seal SET content_hash = 'x'",
]


@pytest.mark.parametrize("statement", RAW_CHANGES)
def test_raw_sql_cannot_change_a_sealed_record(sealed, statement):
    archive, record_id, data_dir, url = sealed
    before = content_hash(archive.db, PROBE, record_id)
    conn = raw_connection(data_dir, url)
    try:
        with pytest.raises(raw_error_types()) as refused:
            conn.execute(statement.format(id=record_id))
    finally:
        conn.close()
    assert "BD_SEALED" in str(refused.value) or "BD_APPEND_ONLY" in str(refused.value)
    assert content_hash(archive.db, PROBE, record_id) == before
    assert archive.records.verify(PROBE, record_id).ok


def test_the_program_gets_a_chinese_refusal_not_a_driver_error(sealed):
    archive, record_id, _, _ = sealed
    with pytest.raises(Conflict) as refused:
        archive.db.execute_sql(f"UPDATE probe_record SET title = 'x' WHERE id = {record_id}")
    assert "已上报并封存" in refused.value.message() and "更正" in refused.value.message()
    with pytest.raises(Conflict, match="已上报并封存"):
        archive.records.require_draft(PROBE, record_id)


def test_drafts_stay_editable_and_state_moves_in_order(archive_factory, engine, probe_step):
    data_dir, url = archive_factory(engine)
    with Archive.open(data_dir, url) as archive:
        with archive.db.atomic():
            record_id = add_probe_record(archive.db)
        other = add_probe_record(archive.db, title="另一份草稿")
        archive.db.execute_sql(f"UPDATE probe_line SET body = '改好的议题' WHERE record_id = {record_id}")
        with pytest.raises(Conflict, match="只有「定稿」的记录才能上报"):
            archive.records.report(PROBE, record_id)
        archive.records.finalise(PROBE, record_id)
        with pytest.raises(Conflict, match="已定稿"):
            archive.records.require_draft(PROBE, record_id)
        with pytest.raises(ValidationError) as no_reason:
            archive.records.reopen(PROBE, record_id, "  ")
        assert no_reason.value.field == "reason"
        archive.records.reopen(PROBE, record_id, "漏记一名列席人员")
        assert archive.records.state(PROBE, record_id) == "draft"
        archive.records.finalise(PROBE, record_id)
        # Marking a record reported without its seal is refused by the database itself.
        with pytest.raises(Conflict, match="只能通过「上报」封存"):
            archive.db.execute_sql(f"UPDATE probe_record SET state = 'reported' WHERE id = {record_id}")
        seal = archive.records.report(PROBE, record_id)
        assert seal.content_hash == content_hash(archive.db, PROBE, record_id)
        # The other record was not touched by the seal.
        archive.db.execute_sql(f"DELETE FROM probe_vote WHERE line_id IN (SELECT id FROM probe_line WHERE record_id = {other})")
        actions = [e.action for e in archive.audit.entries("probe_record", record_id)]
        assert actions == ["record.finalise", "record.reopen", "record.finalise", "record.report"]


def test_a_correction_is_a_new_revision_and_the_original_stays(sealed):
    archive, record_id, _, _ = sealed
    original_hash = archive.records.seal(PROBE, record_id).content_hash
    with pytest.raises(ValidationError, match="更正原因"):
        archive.records.correct(PROBE, record_id, "")
    revision_id = archive.records.correct(PROBE, record_id, "缺席原因记错：王五是病假")
    assert revision_id != record_id
    assert archive.records.state(PROBE, revision_id) == "draft"
    # The copy carries every child and grandchild row and can be edited.
    assert content_hash(archive.db, PROBE, revision_id) == original_hash
    archive.db.execute_sql(f"UPDATE probe_record SET title = '更正后的标题' WHERE id = {revision_id}")
    assert archive.records.verify(PROBE, record_id).ok
    assert _title(archive, record_id) == "支部党员大会记录 𠮷😀"
    (revision,) = archive.records.revisions(PROBE, record_id)
    assert (revision.original_id, revision.revision_id) == (record_id, revision_id)
    assert revision.actor == "组织委员 李四" and "病假" in revision.reason and revision.created_at
    assert revision.original_hash == original_hash
    with pytest.raises(Conflict, match="已经有更正版本"):
        archive.records.correct(PROBE, record_id, "再改一次")
    # Lists show the newest version only.
    current = [
        r[0]
        for r in archive.db.execute_sql(
            "SELECT id FROM probe_record WHERE id NOT IN "
            "(SELECT original_id FROM record_revision WHERE record_table = 'probe_record')"
        )
    ]
    assert record_id not in current and revision_id in current
    archive.records.finalise(PROBE, revision_id)
    archive.records.report(PROBE, revision_id)
    second = archive.records.correct(PROBE, revision_id, "日期写错")
    assert archive.records.latest_id(PROBE, record_id) == second
    assert [r.revision_id for r in archive.records.revisions(PROBE, second)] == [revision_id, second]
    assert archive.audit.verify().ok


def test_a_seal_is_found_broken_when_the_record_was_changed_outside(sealed):
    archive, record_id, data_dir, url = sealed
    conn = raw_connection(data_dir, url)
    try:  # someone with full access to the file removes the protection first
        if url:
            conn.execute("ALTER TABLE probe_line DISABLE TRIGGER USER")
        else:
            conn.execute("DROP TRIGGER bd_seal_probe_line_update")
        conn.execute(f"UPDATE probe_line SET body = '偷改的议题' WHERE record_id = {record_id}")
    finally:
        conn.close()
    check = archive.records.verify(PROBE, record_id)
    assert not check.ok
    assert "程序之外被改动" in check.message(PROBE.label)

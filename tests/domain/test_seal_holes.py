"""A reported record stays sealed, or the change is seen: REPLACE and UPSERT are refused,
dropped or disabled triggers are found and put back, every seal is re-checked where it
matters, and an audit log cut short or recomputed is found against a backup and, at the
upper level, against the branch's previous bundle (issue 12, items 1–4)."""

import shutil
import sqlite3

import pytest

from branchdesk import clock
from branchdesk.archive import Archive, health_report_for
from branchdesk.bundle import writer as bundle_writer
from branchdesk.errors import Conflict
from branchdesk.safety import audit
from branchdesk.storage import guards
from branchdesk.upper.history import HistoryRewritten, SealBroken
from tests.domain.safety_support import raw_connection, raw_error_types
from tests.domain.upper_support import _papers_only_for, table_contents

SEALED_TABLES = ("meeting", "life_cycle", "appraisal", "target_inspection")


def _reported(archive, table: str) -> int:
    return archive.db.execute_sql(f"SELECT MIN(id) FROM {table} WHERE state = 'reported'").fetchone()[0]


def _columns(archive, table: str) -> list[str]:
    return [c.name for c in archive.db.get_columns(table)]


def _reopen(archive) -> Archive:
    data_dir, url = archive.layout.root, archive.url
    archive.close(auto_backup=False)
    return Archive.open(data_dir, url, auto_backup=False)


@pytest.fixture
def branch_demo(demo_archive):
    """The demo branch, closed afterwards even when a test reopened it."""
    holder = {"archive": demo_archive}
    yield holder
    if not holder["archive"].db.is_closed():
        holder["archive"].close(auto_backup=False)


# -- 1. REPLACE, UPSERT and moving a row onto a sealed id ------------------------------
@pytest.mark.parametrize("table", SEALED_TABLES)
def test_a_sealed_row_cannot_be_replaced_by_any_statement(branch_demo, table):
    archive = branch_demo["archive"]
    record_id = _reported(archive, table)
    before = archive.check_seals()
    assert before.ok and before.checked > 0
    columns = _columns(archive, table)
    text_column = next(c for c in columns if c in ("title", "theme", "summary", "remarks", "note"))
    chosen = ", ".join(f"{c} || '（篡改）'" if c == text_column else c for c in columns)
    conn = raw_connection(archive.layout.root, archive.url)
    attempts = []
    if archive.engine == "sqlite":
        attempts += [
            f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) SELECT {chosen} FROM {table} WHERE id = {record_id}",
            f"REPLACE INTO {table} ({', '.join(columns)}) SELECT {chosen} FROM {table} WHERE id = {record_id}",
        ]
    attempts.append(
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {chosen} FROM {table} WHERE id = {record_id} "
        f"ON CONFLICT (id) DO UPDATE SET {text_column} = excluded.{text_column}"
    )
    draft = archive.db.execute_sql(f"SELECT MIN(id) FROM {table} WHERE state <> 'reported'").fetchone()[0]
    if draft is not None and archive.engine == "sqlite":
        attempts.append(f"UPDATE OR REPLACE {table} SET id = {record_id} WHERE id = {draft}")
    try:
        if archive.engine == "sqlite":
            conn.execute("PRAGMA recursive_triggers = OFF")
        for sql in attempts:
            with pytest.raises(raw_error_types(), match="BD_SEALED"):
                conn.execute(sql)
        if archive.engine == "sqlite":  # with recursive triggers on, REPLACE meets the DELETE trigger too
            conn.execute("PRAGMA recursive_triggers = ON")
            with pytest.raises(sqlite3.Error, match="BD_SEALED"):
                conn.execute(attempts[0])
    finally:
        conn.close()
    assert archive.check_seals().ok


@pytest.mark.parametrize("engine", ["sqlite"])  # REPLACE exists only on SQLite; ON CONFLICT is tested above
def test_child_rows_and_append_only_rows_cannot_be_replaced(branch_demo):
    archive = branch_demo["archive"]
    meeting = _reported(archive, "meeting")
    speech = archive.db.execute_sql("SELECT MIN(id) FROM meeting_speech WHERE meeting_id = ?", (meeting,)).fetchone()[0]
    draft = archive.db.execute_sql("SELECT MIN(id) FROM meeting WHERE state = 'planned'").fetchone()[0]
    conn = raw_connection(archive.layout.root, None)
    try:
        columns = _columns(archive, "meeting_speech")
        moved = ", ".join(str(draft) if c == "meeting_id" else c for c in columns)
        # The sealed meeting's speech swapped for one under a draft meeting: the old row would vanish.
        with pytest.raises(sqlite3.Error, match="BD_SEALED"):
            conn.execute(f"INSERT OR REPLACE INTO meeting_speech ({', '.join(columns)}) "
                         f"SELECT {moved} FROM meeting_speech WHERE id = {speech}")
        for table, key in (("audit_log", "seq"), ("record_seal", "id")):
            with pytest.raises(sqlite3.Error, match="BD_APPEND_ONLY"):
                conn.execute(f"INSERT OR REPLACE INTO {table} SELECT * FROM {table} WHERE {key} = 1")
    finally:
        conn.close()
    assert archive.check_seals().ok and archive.audit.verify().ok


# -- 2 and 3. dropped or disabled triggers, and the seals checked after -------------------
def _drop_every_guard(archive) -> None:
    conn = raw_connection(archive.layout.root, archive.url)
    try:
        if archive.engine == "sqlite":
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
                conn.execute(f"DROP TRIGGER {name}")
        else:
            rows = conn.execute(
                "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE NOT t.tgisinternal AND t.tgname LIKE 'bd_%'"
            ).fetchall()
            for name, table in rows:
                conn.execute(f"DROP TRIGGER {name} ON {table}")
        # What someone does once the guards are gone: new minutes for a reported meeting.
        meeting = _reported(archive, "meeting")
        conn.execute(f"UPDATE meeting SET title = title || '（改）' WHERE id = {meeting}")
    finally:
        conn.close()


def test_dropped_triggers_are_found_put_back_and_the_change_they_let_through_is_named(branch_demo):
    archive = branch_demo["archive"]
    meeting = _reported(archive, "meeting")
    _drop_every_guard(archive)
    # check (read-only) reports all of it and changes nothing
    facts = health_report_for(archive.layout.root, archive.url)
    assert not facts["ok"]
    assert any("被删除" in line and "会议记录" in line for line in facts["guards"])
    assert any(f"编号 {meeting}" in p for p in facts["seals"]["problems"])
    assert not guards.check(archive.db).ok
    # the next writable open puts the guards back, logs it, and names the changed record
    archive = branch_demo["archive"] = _reopen(archive)
    assert archive.guard_problems and "恢复原样" in archive.guard_problems[-1]
    assert guards.check(archive.db).ok
    assert [p.record_id for p in archive.seal_audit.problems if p.record_table == "meeting"] == [meeting]
    assert any(e.action == "schema.guards_restored" for e in archive.audit.entries())
    conn = raw_connection(archive.layout.root, archive.url)
    try:
        with pytest.raises(raw_error_types(), match="BD_SEALED"):
            conn.execute(f"UPDATE meeting SET title = 'x' WHERE id = {meeting}")
    finally:
        conn.close()


def test_a_disabled_or_rewritten_trigger_is_found(branch_demo):
    archive = branch_demo["archive"]
    conn = raw_connection(archive.layout.root, archive.url)
    try:
        if archive.engine == "sqlite":
            conn.execute("DROP TRIGGER bd_seal_meeting_update")
            conn.execute("CREATE TRIGGER bd_seal_meeting_update BEFORE UPDATE ON meeting WHEN 0 BEGIN SELECT 1; END")
            changed = "bd_seal_meeting_update"
        else:
            conn.execute("ALTER TABLE meeting DISABLE TRIGGER bd_seal_meeting")
            changed = "bd_seal_meeting"
    finally:
        conn.close()
    report = guards.check(archive.db)
    assert report.changed == [changed] and not report.missing
    archive = branch_demo["archive"] = _reopen(archive)
    assert guards.check(archive.db).ok
    assert archive.seal_audit is not None and archive.seal_audit.ok


def test_a_bundle_never_carries_a_record_that_no_longer_matches_its_seal(branch_demo, tmp_path):
    archive = branch_demo["archive"]
    _drop_every_guard(archive)
    archive = branch_demo["archive"] = _reopen(archive)
    with pytest.raises(Conflict, match="封存时不一致"):
        bundle_writer.write_bundle(archive, tmp_path)
    assert not list(tmp_path.glob("*.bdx"))


# -- 4. the audit log against the newest backup --------------------------------------------
def _rewrite_chain_after_editing_entry(conn, seq: int) -> None:
    """What someone with the file and this program's source can do: edit one entry and
    recompute every hash after it, so the chain checks itself as whole."""
    rows = conn.execute("SELECT seq, at, actor, action, record_table, record_id, summary, detail, prev_hash "
                        "FROM audit_log ORDER BY seq").fetchall()
    for trigger in ("bd_append_only_audit_log_update", "bd_append_only_audit_log_delete"):
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    previous = None
    for row in rows:
        seq_, at, actor, action, table, record_id, summary, detail, prev = row
        if seq_ == seq:
            summary = summary + "（改）"
        prev = previous if previous is not None else prev
        new_hash = audit.entry_hash(seq_, at, actor, action, table, record_id, summary, detail, prev)
        conn.execute("UPDATE audit_log SET summary = ?, prev_hash = ?, entry_hash = ? WHERE seq = ?",
                     (summary, prev, new_hash, seq_))
        previous = new_hash


def test_a_cut_or_recomputed_audit_log_is_found_against_the_newest_backup(archive_factory):
    data_dir, _ = archive_factory("sqlite")
    with Archive.open(data_dir) as archive:
        archive.settings.set("paper_preset", "gongwen")
        archive.settings.set("paper_preset", "record")
        archive.backup_to(None)
    with Archive.open(data_dir, auto_backup=False) as archive:
        entries = archive.audit.verify().entries
    assert health_report_for(data_dir)["audit_anchor"] == ""
    conn = sqlite3.connect(data_dir / "branchdesk.sqlite3", isolation_level=None)
    conn.execute("DROP TRIGGER bd_append_only_audit_log_delete")
    conn.execute("DELETE FROM audit_log WHERE seq = ?", (entries,))
    conn.close()
    facts = health_report_for(data_dir)
    assert facts["audit"]["ok"]  # the chain itself still looks whole
    assert "还短" in facts["audit_anchor"] and not facts["ok"]
    # the guard is back after a writable open; then a chain recomputed after an edit
    Archive.open(data_dir, auto_backup=False).close()
    conn = sqlite3.connect(data_dir / "branchdesk.sqlite3", isolation_level=None)
    _rewrite_chain_after_editing_entry(conn, 1)
    conn.close()
    facts = health_report_for(data_dir)
    assert facts["audit"]["ok"]
    assert "改写" in facts["audit_anchor"] and not facts["ok"]


# -- 2 and 4 at the upper level --------------------------------------------------------------
def test_the_upper_level_refuses_broken_seals_and_a_rewritten_history(upper_archive, demo_branches, monkeypatch,
                                                                        tmp_path):
    first = demo_branches[0]
    upper_archive.upper.enrol(first.card, first.fingerprint)
    upper_archive.upper.import_bundle(first.bundles[0])
    branch_copy = tmp_path / "branch"
    shutil.copytree(first.folder, branch_copy)
    conn = sqlite3.connect(branch_copy / "branchdesk.sqlite3", isolation_level=None)
    _rewrite_chain_after_editing_entry(conn, 2)
    conn.close()
    for folder in ("out1", "out2"):
        (tmp_path / folder).mkdir()
    # the bundles carry no yearly PDFs (~8 s each): the seals and the log are what is tested
    with Archive.open(branch_copy, auto_backup=False) as branch, _papers_only_for(None):
        rewritten = bundle_writer.write_bundle(branch, tmp_path / "out1").path
    with pytest.raises(HistoryRewritten, match="改写"):
        upper_archive.upper.import_bundle(rewritten)
    # a branch whose writer was changed to skip its own seal check still cannot pass one upward
    conn = sqlite3.connect(branch_copy / "branchdesk.sqlite3", isolation_level=None)
    conn.execute("DROP TRIGGER bd_seal_meeting_update")
    conn.execute("UPDATE meeting SET title = title || '（改）' WHERE id = "
                 "(SELECT MIN(id) FROM meeting WHERE state = 'reported')")
    conn.close()
    monkeypatch.setattr(bundle_writer, "_refuse_broken_seals", lambda records: None)
    with Archive.open(branch_copy, auto_backup=False) as branch, _papers_only_for(None):
        broken = bundle_writer.write_bundle(branch, tmp_path / "out2").path
    before = table_contents(upper_archive)
    for attempt in (upper_archive.upper.verify, upper_archive.upper.import_bundle):
        with pytest.raises(SealBroken, match="封存校验值不符"):
            attempt(broken)
    assert table_contents(upper_archive) == before


def test_seal_hashes_from_bundle_rows_equal_those_from_the_database(demo_archive):
    from branchdesk.bundle.portable import collect
    from branchdesk.safety.seal_check import hash_from_rows
    from branchdesk.sealed_kinds import SEALED_KINDS

    records = collect(demo_archive)
    kinds = {k.table: k for k in SEALED_KINDS}
    seals = records.tables["record_seal"]
    assert seals
    for seal in seals:
        assert hash_from_rows(records.tables, kinds[seal["record_table"]], seal["record_id"]) == seal["content_hash"]


@pytest.mark.parametrize("engine", ["sqlite"])  # the command line's words are the same on both engines
def test_export_year_names_a_record_that_no_longer_matches_its_seal(branch_demo, tmp_path, capsys):
    from branchdesk.cli import main as cli_main

    archive = branch_demo["archive"]
    year, meeting = archive.db.execute_sql(
        "SELECT CAST(substr(held_on, 1, 4) AS INTEGER), id FROM meeting WHERE state = 'reported' ORDER BY id LIMIT 1"
    ).fetchone()
    conn = raw_connection(archive.layout.root, None)
    try:
        conn.execute("DROP TRIGGER bd_seal_meeting_update")
        conn.execute(f"UPDATE meeting SET title = title || '（改）' WHERE id = {meeting}")
    finally:
        conn.close()
    data_dir = archive.layout.root
    archive.close(auto_backup=False)
    status = cli_main(["--data-dir", str(data_dir), "export", "year", str(year), "--out", str(tmp_path / "y.pdf"),
                       "--quiet"])
    err = capsys.readouterr().err
    assert status == 0 and (tmp_path / "y.pdf").exists()
    assert f"编号 {meeting}" in err and "封存校验值不符" in err


# -- what a reviewer found next: a seal rewritten with its record, a forged seal, a forged
# restore entry, and a later backup hiding an earlier edit ----------------------------------
def _rewrite_record_and_seal(path, meeting: int) -> None:
    """Change a reported meeting, then give it a seal that matches, with every trigger put
    back exactly as it was: record, seal and triggers are each whole again."""
    import peewee

    from branchdesk.meetings.seal import MEETING
    from branchdesk.safety.sealing import content_hash

    conn = sqlite3.connect(path, isolation_level=None)
    triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    for name, _ in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute(f"UPDATE meeting SET title = title || '（改）' WHERE id = {meeting}")
    conn.close()
    db = peewee.SqliteDatabase(str(path))
    digest = content_hash(db, MEETING, meeting)
    db.close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE record_seal SET content_hash = ? WHERE record_table = 'meeting' AND record_id = ?",
                 (digest, meeting))
    for _, sql in triggers:
        conn.execute(sql)
    conn.close()


@pytest.mark.parametrize("engine", ["sqlite"])  # the file in hand is SQLite's
def test_a_record_rewritten_with_its_seal_is_found(branch_demo):
    archive = branch_demo["archive"]
    meeting = _reported(archive, "meeting")
    data_dir = archive.layout.root
    archive.close(auto_backup=False)
    _rewrite_record_and_seal(data_dir / "branchdesk.sqlite3", meeting)
    facts = health_report_for(data_dir)
    assert not facts["ok"] and not facts["guards"]  # the triggers are all as installed
    assert any(f"编号 {meeting}" in p and "操作日志" in p for p in facts["seals"]["problems"])


@pytest.mark.parametrize("engine", ["sqlite"])
def test_a_forged_seal_on_a_finished_record_is_found(branch_demo):
    import peewee

    from branchdesk.meetings.seal import MEETING
    from branchdesk.safety.sealing import content_hash

    archive = branch_demo["archive"]
    final = archive.db.execute_sql("SELECT MIN(id) FROM meeting WHERE state = 'final'").fetchone()[0]
    data_dir = archive.layout.root
    archive.close(auto_backup=False)
    path = data_dir / "branchdesk.sqlite3"
    db = peewee.SqliteDatabase(str(path))
    digest = content_hash(db, MEETING, final)
    db.close()
    conn = sqlite3.connect(path, isolation_level=None)  # no trigger dropped: the guards allow this
    conn.execute("INSERT INTO record_seal (record_table, record_id, content_hash, sealed_at, sealed_by, note) "
                 "VALUES ('meeting', ?, ?, '2026-01-10 10:00:00', '支部书记', '报镇党委')", (final, digest))
    conn.execute("UPDATE meeting SET state = 'reported' WHERE id = ?", (final,))
    conn.close()
    facts = health_report_for(data_dir)
    assert any(f"编号 {final}" in p and "没有这次上报" in p for p in facts["seals"]["problems"])


def test_a_forged_restore_entry_and_a_later_backup_do_not_hide_an_edited_log(archive_factory):
    data_dir, _ = archive_factory("sqlite")
    with Archive.open(data_dir) as archive:
        for preset in ("gongwen", "record", "gongwen"):
            archive.settings.set("paper_preset", preset)
        archive.backup_to(None)
    conn = sqlite3.connect(data_dir / "branchdesk.sqlite3", isolation_level=None)
    _rewrite_chain_after_editing_entry(conn, 2)
    # … and a restore entry appended at the end, chained, as if a restore had happened.
    seq, prev = conn.execute("SELECT seq, entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    # Stamped now: the test clock runs at real pace from 10:00, and a fixed 10:05 would fall
    # before the backup just made once a worker has run for five minutes.
    at = clock.now().replace(microsecond=0).isoformat(sep=" ")
    detail = '{"file":"x.sqlite3","sha256":"00"}'
    digest = audit.entry_hash(seq + 1, at, "root@pc", "archive.restore", "", None, "从备份恢复", detail, prev)
    conn.execute("INSERT INTO audit_log VALUES (?, ?, 'root@pc', 'archive.restore', '', NULL, '从备份恢复', ?, ?, ?)",
                 (seq + 1, at, detail, prev, digest))
    conn.close()
    facts = health_report_for(data_dir)
    assert "恢复记录可能是在程序之外加上的" in facts["audit_anchor"] and not facts["ok"]
    # An ordinary save afterwards backs the tampered log up: the earlier backup still shows it.
    with Archive.open(data_dir) as archive:
        archive.settings.set("paper_preset", "record")
        archive.backup_to(None)
    assert "改写" in health_report_for(data_dir)["audit_anchor"]


def test_a_forged_restore_does_not_stop_the_check_at_the_newest_backup(archive_factory, monkeypatch):
    """As above, with the later backup taken a minute after the first (as under load): it
    is read first and matches the tampered log; the older one must still be compared."""
    import datetime as dt

    from branchdesk.safety import anchor

    real = anchor.problems

    def later_one_newer(db, backups):
        moved = [anchor.BackupCopy(b.path, b.taken_at + dt.timedelta(minutes=1), b.reason)
                 if b.path.stem.endswith("-1") else b for b in backups]
        return real(db, sorted(moved, key=lambda b: b.taken_at, reverse=True))

    monkeypatch.setattr(anchor, "problems", later_one_newer)
    test_a_forged_restore_entry_and_a_later_backup_do_not_hide_an_edited_log(archive_factory)

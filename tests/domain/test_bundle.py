"""Bundles written and read back on both engines: the round trip, the key, the chain of
sequence numbers, the cut to some years, and the command line."""

from __future__ import annotations

import hashlib
import json
import subprocess

import pytest

from branchdesk.bundle import ledger
from branchdesk.bundle.keys import fingerprint_of, normalise_fingerprint, read_public_key_file
from branchdesk.bundle.portable import collect
from branchdesk.bundle.reader import verify_bundle
from branchdesk.bundle.writer import write_bundle
from branchdesk.errors import ValidationError
from tests.domain.bundle_support import PASSWORD, RARE_NAMES, THIS_YEAR, folder_state, own_key
from tests.domain.safety_support import cli_run


def test_round_trip_brings_back_every_record_and_file(bundle_branch, tmp_path):
    archive = bundle_branch
    stick = tmp_path / "usb"
    stick.mkdir()
    written = write_bundle(archive, stick)
    assert written.path.parent == stick and written.path.name.isascii() and written.path.suffix == ".bdx"
    assert written.sha256 == hashlib.sha256(written.path.read_bytes()).hexdigest()
    assert folder_state(stick) == {written.path.name: written.sha256}  # no temporary file left

    verified = verify_bundle(written.path, password=None, known_key=own_key(archive))
    expected = collect(archive).tables
    # The export itself was logged after the bundle was made: the bundle has the log up to then.
    logged = expected.pop("audit_log")
    assert verified.records.tables.pop("audit_log") == logged[: len(logged) - 1]
    assert logged[-1]["action"] == "bundle.export"
    assert verified.records.tables == expected
    assert verified.manifest["branch_name"] == "测试村党支部"
    assert verified.sequence == 1 and verified.previous_hash == "" and verified.gap == 0
    assert not verified.already_imported and not verified.encrypted
    assert verified.years == [THIS_YEAR - 1, THIS_YEAR]
    assert verified.manifest["audit_head_hash"] == logged[-2]["entry_hash"]  # the newest entry it carries
    assert verified.manifest["audit_chain_ok"] is True
    names = {row["name"] for row in verified.records.tables["member"]}
    assert set(RARE_NAMES) <= names
    assert any("学习🌟与𠮷" == row["theme"] for row in verified.records.tables["meeting"])
    (attachment,) = verified.records.tables["meeting_attachment"]
    data = verified.files[f"attachments/{attachment['sha256']}"]
    assert hashlib.sha256(data).hexdigest() == attachment["sha256"]
    assert verified.manifest["record_counts"]["member"] == len(verified.records.tables["member"])
    # The yearly archive PDF travels for each year it can be printed; this year's record
    # has an emoji in a meeting theme, so its paper is left out and the reason kept.
    assert verified.manifest["papers"] == [{"year": THIS_YEAR - 1, "name": f"papers/{THIS_YEAR - 1}.pdf"}]
    assert "表情符号" in verified.manifest["paper_problems"][str(THIS_YEAR)]
    assert any("表情符号" in w for w in written.warnings) and any("表情符号" in w for w in verified.warnings)
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(verified.files[f"papers/{THIS_YEAR - 1}.pdf"])
    cover = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    compact = "".join(cover.split())
    assert verified.key_fingerprint in compact
    assert verified.manifest["year_fingerprints"][str(THIS_YEAR - 1)][:16].upper() in compact.upper().replace("-", "")
    # The private key and this PC's state never travel.
    assert "branch_key" not in verified.records.tables and "bundle_export" not in verified.records.tables
    assert "private" not in json.dumps(verified.manifest)


def test_the_key_is_made_once_and_its_card_reads_back(archive, tmp_path):
    assert archive.branch_key.identity_or_none() is None
    first = archive.branch_key.ensure()
    assert archive.branch_key.ensure() == first
    assert archive.branch_key.identity() == first
    assert first.fingerprint == fingerprint_of(first.public_key) and len(first.fingerprint) == 39
    assert any(e.action == "branch_key.create" for e in archive.audit.entries())
    card_path = archive.branch_key.export_public_key(tmp_path)
    assert card_path.name.isascii() and card_path.parent == tmp_path
    card = read_public_key_file(card_path)
    assert (card.branch_uid, card.public_key, card.branch_name) == (first.branch_uid, first.public_key, "测试村党支部")
    assert normalise_fingerprint(first.fingerprint.lower().replace("-", " ")) == first.fingerprint

    forged = card_path.read_text(encoding="utf-8").replace(first.fingerprint, "0000-" + first.fingerprint[5:])
    card_path.write_text(forged, encoding="utf-8")
    with pytest.raises(ValidationError, match="指纹与其中的公钥不符"):
        read_public_key_file(card_path)
    other = tmp_path / "note.txt"
    other.write_text("不是公钥卡", encoding="utf-8")
    with pytest.raises(ValidationError, match="不是 BranchDesk 支部公钥卡"):
        read_public_key_file(other)


def test_sequence_numbers_increase_and_each_bundle_names_the_one_before(bundle_branch, tmp_path):
    archive = bundle_branch
    written = [write_bundle(archive, tmp_path) for _ in range(3)]
    assert [w.sequence for w in written] == [1, 2, 3]
    assert [w.previous_hash for w in written] == ["", written[0].bundle_hash, written[1].bundle_hash]
    log = ledger.exports(archive.db)
    assert [(r.sequence, r.manifest_sha256, r.file_name) for r in log] == [
        (w.sequence, w.bundle_hash, w.path.name) for w in written
    ]
    last = (1, written[0].bundle_hash)
    verified = verify_bundle(written[1].path, password=None, known_key=own_key(archive), last_sequence=lambda _: last)
    assert verified.gap == 0 and verified.previous_hash == written[0].bundle_hash
    gap = verify_bundle(written[2].path, password=None, known_key=own_key(archive), last_sequence=lambda _: last)
    assert gap.gap == 1 and "第 2 号" in gap.gap_text()


def test_a_bundle_of_one_year_holds_that_year_and_the_roster(bundle_branch, tmp_path):
    archive = bundle_branch
    written = write_bundle(archive, tmp_path, years=[THIS_YEAR], password=PASSWORD)
    assert written.encrypted and written.path.name.endswith(f"-{THIS_YEAR}-seq0001.bdx")
    verified = verify_bundle(written.path, password=PASSWORD, known_key=own_key(archive))
    assert verified.encrypted and verified.years == [THIS_YEAR]
    meetings = verified.records.tables["meeting"]
    assert meetings and all(str(m["held_on"]).startswith(str(THIS_YEAR)) for m in meetings)
    kept = {m["id"] for m in meetings}
    assert all(a["meeting_id"] in kept for a in verified.records.tables["meeting_attendance"])
    assert len(verified.records.tables["member"]) == 9  # the whole roster travels with any year
    whole = collect(archive)
    assert verified.records.year_fingerprint(THIS_YEAR) == whole.year_fingerprint(THIS_YEAR)
    assert verified.manifest["year_fingerprints"] == {str(THIS_YEAR): whole.year_fingerprint(THIS_YEAR)}
    assert ledger.exports(archive.db)[0].encrypted is True


def test_a_year_outside_the_calendar_is_refused_before_anything(bundle_branch, tmp_path):
    stick = tmp_path / "usb"
    stick.mkdir()
    with pytest.raises(ValidationError, match="年份 20245"):
        write_bundle(bundle_branch, stick, years=[20245])
    assert folder_state(stick) == {}
    assert ledger.exports(bundle_branch.db) == []


def test_the_command_line_exports_verifies_and_lists(bundle_branch, tmp_path, capsys):
    archive = bundle_branch
    data_dir, url = archive.layout.root, archive.url
    archive.branch_key.ensure()
    archive.close()
    stick = tmp_path / "usb"
    stick.mkdir()
    password_file = tmp_path / "pw.txt"
    password_file.write_text(PASSWORD + "\n", encoding="utf-8")

    code, out, err = cli_run(capsys, data_dir, "bundle", "export", "--out", str(stick), "--password-file",
                             str(password_file), db_url=url)
    assert code == 0, err
    assert "已写好并读回校验" in out and "正在读回校验" in err
    (bundle,) = stick.iterdir()
    code, out, err = cli_run(capsys, data_dir, "bundle", "verify", str(bundle), db_url=url)
    assert code == 1 and "设有密码" in err
    code, out, err = cli_run(capsys, data_dir, "bundle", "verify", str(bundle), "--json", "--password-file",
                             str(password_file), db_url=url)
    assert code == 0, err
    shown = json.loads(out)
    assert shown["ok"] and shown["sequence"] == 1 and shown["branch_name"] == "测试村党支部" and shown["encrypted"]
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("不对", encoding="utf-8")
    code, out, err = cli_run(capsys, data_dir, "bundle", "verify", str(bundle), "--json", "--password-file",
                             str(wrong), db_url=url)
    assert code == 1 and json.loads(out)["code"] == "bad_password" and "密码不对" in err

    code, out, err = cli_run(capsys, data_dir, "bundle", "export-key", "--out", str(tmp_path / "card.txt"), db_url=url)
    assert code == 0 and "指纹" in out
    code, out, err = cli_run(capsys, data_dir, "bundle", "verify", str(bundle), "--key", str(tmp_path / "card.txt"),
                             "--password-file", str(password_file), db_url=url)
    assert code == 0 and "核验通过" in out
    code, out, err = cli_run(capsys, data_dir, "bundle", "key", db_url=url)
    assert code == 0 and "签名密钥指纹" in out
    code, out, err = cli_run(capsys, data_dir, "bundle", "list", db_url=url)
    assert code == 0 and "第   1 号" in out and bundle.name in out and "加密" in out


def test_a_worker_writes_the_file_and_the_gui_thread_logs_it(bundle_branch, tmp_path):
    """``record_now=False``: nothing is logged until ``record_written``; two bundles that
    got the same number (two PCs at once) never both stay: the second file is deleted."""
    from branchdesk.bundle.writer import record_written
    from branchdesk.errors import Conflict

    archive = bundle_branch
    archive.branch_key.ensure()
    head = archive.audit.head()
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    first = write_bundle(archive, tmp_path / "a", record_now=False)
    second = write_bundle(archive, tmp_path / "b", record_now=False)
    assert archive.audit.head() == head and ledger.exports(archive.db) == []
    assert first.sequence == second.sequence == 1
    record_written(archive, first)
    assert [r.sequence for r in ledger.exports(archive.db)] == [1]
    with pytest.raises(Conflict, match="同一编号"):
        record_written(archive, second)
    assert first.path.exists() and not second.path.exists()
    assert write_bundle(archive, tmp_path / "a").sequence == 2


def test_the_same_records_give_the_same_bytes_on_either_engine(bundle_branch, tmp_path):
    """A copy of the archive in a fresh SQLite file (what a backup of a PostgreSQL
    archive is) gives the same portable records and fingerprints, row for row."""
    import types

    import peewee

    from branchdesk.safety.backup import snapshot

    archive = bundle_branch
    copy_path = tmp_path / "copy.sqlite3"
    snapshot(archive.db, copy_path)
    copy = peewee.SqliteDatabase(str(copy_path))
    copy.connect()
    try:
        theirs = collect(types.SimpleNamespace(db=copy))
    finally:
        copy.close()
    ours = collect(archive)
    assert theirs.tables == ours.tables
    assert theirs.fingerprint() == ours.fingerprint()
    assert theirs.year_fingerprint(THIS_YEAR) == ours.year_fingerprint(THIS_YEAR)
    assert any(isinstance(row["is_own"], bool) for row in ours.tables["branch"])

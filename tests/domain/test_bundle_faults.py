"""Every way a bundle can go wrong on its way up (reliability.md's fault list): each is
refused with its own code and Chinese message, and nothing is changed — the bundle
file and the folder it lies in are exactly as before. The bundles are made once (on
SQLite; what is checked here is the file, not the storage) and copied per case."""

from __future__ import annotations

import base64
import os
import dataclasses
import datetime as dt
import shutil
import zlib
from pathlib import Path

import pytest

from branchdesk.archive import Archive
from branchdesk.branch import BranchInfo
from branchdesk.bundle import container, encryption
from branchdesk.bundle.errors import BundleRefused
from branchdesk.bundle.keys import fingerprint_of
from branchdesk.bundle.reader import verify_bundle
from branchdesk.bundle.writer import write_bundle
from branchdesk.members import MemberForm
from tests.domain.bundle_support import (
    PASSWORD, RARE_NAMES, entries_of, folder_state, manifest_of, new_private_key, private_key_of, replace_file,
    with_manifest, write_zip,
)
from tests.helpers import make_id


@dataclasses.dataclass
class Sample:
    plain: Path  # sequence 1
    second: Path  # sequence 2, chained to the first
    encrypted: Path  # sequence 3, in chunks of 4 KiB so there are many
    public_key: bytes
    private_key: bytes
    branch_uid: str
    hashes: dict  # sequence -> bundle hash


@pytest.fixture(scope="module")
def sample(tmp_path_factory, sqlite_template) -> Sample:
    folder = tmp_path_factory.mktemp("bundle-sample")
    shutil.copy(sqlite_template, folder / "branchdesk.sqlite3")
    archive = Archive.open(folder, auto_backup=False)
    try:
        archive.branch.save_own(BranchInfo(name="样本村党支部", kind="village"))
        for n, name in enumerate(RARE_NAMES + ["张三"]):
            archive.members.add(MemberForm(
                name=name, id_number=make_id(dt.date(1980 + n, 5, 6), 301 + 2 * n), joined_on=dt.date(2005, 7, 1),
                full_on=dt.date(2006, 7, 1), status="full",
            ))
        attachment = folder / "photo.jpg"
        attachment.write_bytes(os.urandom(100_000))  # does not compress: the encrypted sample has many chunks
        from tests.domain.meetings_support import held_form

        meeting_id = archive.meetings.plan(held_form(archive, host_name="张三", recorder_name="张三"))
        archive.meetings.attach(meeting_id, attachment, "photo")
        out = folder / "out"
        out.mkdir()
        plain = write_bundle(archive, out)
        second = write_bundle(archive, out)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(encryption, "CHUNK_SIZE", 4096)
            encrypted = write_bundle(archive, out, password=PASSWORD)
        identity = archive.branch_key.identity()
        return Sample(plain.path, second.path, encrypted.path, identity.public_key, private_key_of(archive),
                      identity.branch_uid, {w.sequence: w.bundle_hash for w in (plain, second, encrypted)})
    finally:
        archive.close(auto_backup=False)


@pytest.fixture
def inbox(tmp_path, sample) -> Path:
    """A folder with copies of the sample bundles: what the cases change and check."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    for path in (sample.plain, sample.second, sample.encrypted):
        shutil.copy(path, folder / path.name)
    return folder


def _enrolled(sample):
    return lambda uid: sample.public_key if uid == sample.branch_uid else None


def refused(path: Path, code: str, match: str = "", **checks) -> BundleRefused:
    """verify_bundle refuses ``path`` with ``code``, and the folder is untouched."""
    before = folder_state(path.parent)
    with pytest.raises(BundleRefused) as caught:
        verify_bundle(path, **{"password": None, **checks})
    assert caught.value.code == code, caught.value.message()
    assert match in caught.value.message()
    assert folder_state(path.parent) == before
    return caught.value


def test_the_samples_verify(sample):
    first = verify_bundle(sample.plain, password=None, known_key=_enrolled(sample))
    assert {row["name"] for row in first.records.tables["member"]} >= set(RARE_NAMES)
    assert len([n for n in first.files if n.startswith("attachments/")]) == 1
    locked = verify_bundle(sample.encrypted, password=PASSWORD, known_key=_enrolled(sample))
    assert locked.encrypted and locked.sequence == 3
    assert sample.encrypted.stat().st_size > 10 * 4096  # many chunks


# -- not a bundle, newer format ---------------------------------------------------------
@pytest.mark.parametrize("content", [b"just text\n", b"%PDF-1.7\n" + b"x" * 100, b"\x00" * 200])
def test_a_file_that_is_not_a_bundle(sample, inbox, content):
    path = inbox / "odd.bdx"
    path.write_bytes(content)
    refused(path, "not_a_bundle", "不是 BranchDesk 数据包", known_key=_enrolled(sample))


def test_a_zip_without_the_bundle_marker(sample, inbox):
    path = write_zip(inbox / "other.zip", [("readme.txt", b"hello"), ("mimetype", container.MIMETYPE)])
    refused(path, "not_a_bundle", known_key=_enrolled(sample))


def test_a_bundle_of_a_newer_format(sample, inbox):
    entries = entries_of(sample.plain)
    manifest = manifest_of(entries)
    manifest["format_version"] = 99
    path = write_zip(inbox / "newer.bdx", with_manifest(entries, manifest, sample.private_key))
    refused(path, "newer_format", "更新版本", known_key=_enrolled(sample))


def test_an_encrypted_bundle_of_a_newer_format(sample, inbox):
    path = inbox / sample.encrypted.name
    data = bytearray(path.read_bytes())
    data[len(encryption.MAGIC)] = encryption.VERSION + 1
    path.write_bytes(bytes(data))
    refused(path, "newer_format", known_key=_enrolled(sample), password=PASSWORD)


# -- unsafe ZIP entries and zip bombs ----------------------------------------------------
@pytest.mark.parametrize(
    ("name", "what"),
    [("../../etc/evil", "路径跳出文件夹"), ("/etc/passwd", "绝对路径"), ("C:/Windows/evil.dll", "绝对路径"),
     ("records\\..\\evil.json", "反斜杠"), ("records/../../x.json", "路径跳出文件夹"), ("papers/", "文件夹条目"),
     ("autorun.inf", "不属于数据包"), ("records/a\x01.json", "控制字符")],
)
def test_entries_that_could_escape_are_refused(sample, inbox, name, what):
    entries = entries_of(sample.plain)
    path = write_zip(inbox / "unsafe.bdx", entries[:3] + [(name, b"x")] + entries[3:])
    refused(path, "unsafe_entry", what, known_key=_enrolled(sample))


@pytest.mark.parametrize("duplicate", ["manifest.json", "MANIFEST.JSON"])
def test_duplicate_names_are_refused(sample, inbox, duplicate):
    entries = entries_of(sample.plain)
    forged = dict(entries)["manifest.json"].replace("样本村".encode(), "伪造村".encode())
    path = write_zip(inbox / "dup.bdx", entries + [(duplicate, forged)])
    refused(path, "unsafe_entry", "重名", known_key=_enrolled(sample))


def test_a_symbolic_link_is_refused(sample, inbox):
    entries = entries_of(sample.plain)
    name = [n for n, _ in entries if n.startswith("attachments/")][0]
    path = write_zip(inbox / "link.bdx", entries, links=(name,))
    refused(path, "unsafe_entry", "符号链接", known_key=_enrolled(sample))


def test_a_zip_bomb_is_refused_by_its_ratio_before_it_is_unpacked(sample, inbox):
    entries = entries_of(sample.plain)
    bomb = b"\x00" * (20 * 1024 * 1024)
    path = write_zip(inbox / "bomb.bdx", entries + [("attachments/" + "ab" * 32, bomb)], compressed=True)
    assert path.stat().st_size < 1024 * 1024
    refused(path, "too_large", "压缩炸弹", known_key=_enrolled(sample))


def test_too_much_content_in_total_is_refused(sample, inbox, monkeypatch):
    monkeypatch.setattr(container, "MAX_CONTENT", 10_000)
    refused(inbox / sample.plain.name, "too_large", "超过上限", known_key=_enrolled(sample))


def test_an_entry_whose_stream_runs_past_its_declared_size_is_refused(sample, inbox):
    """The directory says a smaller size than the data has: only the declared size is
    ever read, and the entry is refused (its size and checksum no longer match)."""
    path = write_zip(inbox / "liar.bdx", entries_of(sample.plain), compressed=True)
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:  # walk the central directory to the member list's entry
        name_length = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + name_length] == b"records/member.json":
            size = int.from_bytes(data[at + 24 : at + 28], "little")
            data[at + 24 : at + 28] = (size // 2).to_bytes(4, "little")
            break
        at = data.find(b"PK\x01\x02", at + 46)
    assert at >= 0
    path.write_bytes(bytes(data))
    refused(path, "tampered", "records/member.json", known_key=_enrolled(sample))


# -- truncated, bit-flipped, tampered ----------------------------------------------------
@pytest.mark.parametrize("keep", [1, 3, 20, 0.5, 0.9, -22, -1])
def test_a_plain_bundle_cut_short(sample, inbox, keep):
    path = inbox / sample.plain.name
    data = path.read_bytes()
    cut = int(len(data) * keep) if isinstance(keep, float) else (keep if keep > 0 else len(data) + keep)
    path.write_bytes(data[:cut])
    refused(path, "truncated", "不完整", known_key=_enrolled(sample))


def test_an_empty_file_is_a_copy_that_never_finished(sample, inbox):
    path = inbox / "empty.bdx"
    path.write_bytes(b"")
    refused(path, "truncated", "空文件", known_key=_enrolled(sample))


def test_a_flipped_bit_in_the_records_is_found(sample, inbox):
    import zipfile

    path = inbox / sample.plain.name
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("records/branch.json")
    data = bytearray(path.read_bytes())
    at = info.header_offset + 30 + len(info.filename) + len(info.extra) + info.compress_size // 2
    data[at] ^= 0x01
    path.write_bytes(bytes(data))
    refused(path, "tampered", known_key=_enrolled(sample))


def test_a_manifest_changed_without_the_key_is_found(sample, inbox):
    entries = entries_of(sample.plain)
    manifest = manifest_of(entries)
    manifest["branch_name"] = "伪造村党支部"
    path = write_zip(inbox / "forged.bdx", with_manifest(entries, manifest))
    refused(path, "tampered", "签名", known_key=_enrolled(sample))


def test_a_swapped_attachment_with_a_matching_manifest_but_no_key_is_found(sample, inbox):
    entries = entries_of(sample.plain)
    name = [n for n, _ in entries if n.startswith("attachments/")][0]
    path = write_zip(inbox / "swapped.bdx", replace_file(entries, name, b"another photo"))
    refused(path, "tampered", known_key=_enrolled(sample))


def test_a_swapped_record_file_without_its_manifest_is_found(sample, inbox):
    entries = entries_of(sample.plain)
    changed = [(n, b"[]" if n == "records/member.json" else d) for n, d in entries]
    path = write_zip(inbox / "members-gone.bdx", changed)
    refused(path, "tampered", "records/member.json", known_key=_enrolled(sample))


def test_a_file_added_or_removed_is_found(sample, inbox):
    entries = entries_of(sample.plain)
    added = write_zip(inbox / "added.bdx", entries + [("papers/extra.pdf", b"%PDF-1.4")])
    refused(added, "tampered", "清单之外", known_key=_enrolled(sample))
    removed = write_zip(inbox / "removed.bdx", [(n, d) for n, d in entries if not n.startswith("attachments/")])
    refused(removed, "tampered", "缺少清单中列出", known_key=_enrolled(sample))


def test_record_counts_that_do_not_match_are_found_even_when_signed(sample, inbox):
    entries = entries_of(sample.plain)
    manifest = manifest_of(entries)
    manifest["record_counts"]["member"] += 1
    path = write_zip(inbox / "counts.bdx", with_manifest(entries, manifest, sample.private_key))
    refused(path, "tampered", "条数", known_key=_enrolled(sample))


# -- keys: unknown, re-signed, foreign -------------------------------------------------
def test_a_bundle_from_an_unknown_key(sample, inbox):
    refused(inbox / sample.plain.name, "unknown_key", "还没有登记", known_key=lambda uid: None)


def test_a_bundle_re_signed_with_another_key(sample, inbox):
    entries = entries_of(sample.plain)
    manifest = manifest_of(entries)
    private, public = new_private_key()
    manifest["public_key"] = base64.b64encode(public).decode()
    manifest["key_fingerprint"] = fingerprint_of(public)
    manifest["branch_name"] = "改过的名字"
    path = write_zip(inbox / "resigned.bdx", with_manifest(entries, manifest, private))
    refused(path, "resigned", "重新签过名", known_key=_enrolled(sample))


def test_a_bundle_signed_with_the_enrolled_key_but_naming_another_key_is_tampered(sample, inbox):
    entries = entries_of(sample.plain)
    manifest = manifest_of(entries)
    _private, public = new_private_key()
    manifest["public_key"] = base64.b64encode(public).decode()
    manifest["key_fingerprint"] = fingerprint_of(public)
    path = write_zip(inbox / "mixed.bdx", with_manifest(entries, manifest))
    refused(path, "tampered", known_key=_enrolled(sample))


def test_a_bundle_from_another_branch(sample, inbox):
    refused(inbox / sample.plain.name, "foreign_branch", "另一个支部", known_key=_enrolled(sample),
            expected_uid="00000000-0000-4000-8000-000000000000")


def test_a_bundle_signed_with_another_enrolled_branchs_key(sample, inbox):
    """Branch B's key, enrolled for B, on a bundle that claims to be branch A's."""
    refused(inbox / sample.plain.name, "foreign_branch", "另一个已登记支部的密钥",
            known_key=lambda uid: b"\x01" * 32, key_owner=lambda fingerprint: "uid-of-branch-b")


# -- sequence: replay, already imported, out of order, gap --------------------------------
def test_the_same_bundle_again_is_already_imported_not_an_error(sample, inbox):
    verified = verify_bundle(inbox / sample.plain.name, password=None, known_key=_enrolled(sample),
                             last_sequence=lambda uid: (1, sample.hashes[1]))
    assert verified.already_imported and verified.gap == 0
    earlier = verify_bundle(inbox / sample.plain.name, password=None, known_key=_enrolled(sample),
                            last_sequence=lambda uid: (3, sample.hashes[3]),
                            imported=lambda uid, seq: sample.hashes.get(seq))
    assert earlier.already_imported


def test_an_older_bundle_after_a_newer_one_is_a_replay(sample, inbox):
    refused(inbox / sample.plain.name, "replay", "重放", known_key=_enrolled(sample),
            last_sequence=lambda uid: (2, sample.hashes[2]))


def test_another_bundle_with_a_number_already_imported_is_a_replay(sample, inbox):
    refused(inbox / sample.second.name, "replay", known_key=_enrolled(sample),
            last_sequence=lambda uid: (2, "f" * 64))
    refused(inbox / sample.plain.name, "replay", "已经导入过另一个第 1 号", known_key=_enrolled(sample),
            last_sequence=lambda uid: (2, sample.hashes[2]), imported=lambda uid, seq: "e" * 64)


def test_an_old_bundle_that_arrives_late_is_out_of_order(sample, inbox):
    refused(inbox / sample.plain.name, "out_of_order", "比已经导入的第 2 号旧", known_key=_enrolled(sample),
            last_sequence=lambda uid: (2, sample.hashes[2]), imported=lambda uid, seq: None)


def test_a_bundle_that_follows_another_previous_bundle_is_out_of_order(sample, inbox):
    refused(inbox / sample.second.name, "out_of_order", "从旧备份恢复", known_key=_enrolled(sample),
            last_sequence=lambda uid: (1, "d" * 64))


def test_a_sequence_gap_is_reported_not_refused(sample, inbox):
    verified = verify_bundle(inbox / sample.encrypted.name, password=PASSWORD, known_key=_enrolled(sample),
                             last_sequence=lambda uid: (1, sample.hashes[1]))
    assert verified.gap == 1 and not verified.already_imported
    assert "缺少第 2 号数据包" in verified.gap_text()
    first_seen = verify_bundle(inbox / sample.second.name, password=None, known_key=_enrolled(sample),
                               last_sequence=lambda uid: None)
    assert first_seen.gap == 1


# -- passwords and the encrypted container -----------------------------------------------
def test_a_wrong_password(sample, inbox):
    refused(inbox / sample.encrypted.name, "bad_password", "密码不对", known_key=_enrolled(sample), password="guess")


def test_a_missing_password(sample, inbox):
    refused(inbox / sample.encrypted.name, "password_required", "设有密码", known_key=_enrolled(sample))


@pytest.mark.parametrize("keep", [3, 40, encryption.HEADER_SIZE, encryption.HEADER_SIZE + 100, 0.5, -16, -1])
def test_an_encrypted_bundle_cut_short(sample, inbox, keep):
    path = inbox / sample.encrypted.name
    data = path.read_bytes()
    cut = int(len(data) * keep) if isinstance(keep, float) else (keep if keep > 0 else len(data) + keep)
    path.write_bytes(data[:cut])
    refused(path, "truncated", "不完整", known_key=_enrolled(sample), password=PASSWORD)


def test_an_encrypted_bundle_cut_at_a_chunk_boundary(sample, inbox):
    path = inbox / sample.encrypted.name
    data = path.read_bytes()
    path.write_bytes(data[: encryption.HEADER_SIZE + 3 * (4096 + encryption.TAG_SIZE)])
    refused(path, "truncated", known_key=_enrolled(sample), password=PASSWORD)


def test_two_chunks_swapped(sample, inbox):
    path = inbox / sample.encrypted.name
    data = path.read_bytes()
    size = 4096 + encryption.TAG_SIZE
    first, second = encryption.HEADER_SIZE + size, encryption.HEADER_SIZE + 2 * size
    swapped = data[:first] + data[second : second + size] + data[first:second] + data[second + size :]
    assert len(swapped) == len(data)
    path.write_bytes(swapped)
    refused(path, "tampered", "第 2 段", known_key=_enrolled(sample), password=PASSWORD)


def test_a_flipped_bit_in_an_encrypted_chunk_or_extra_bytes(sample, inbox):
    path = inbox / sample.encrypted.name
    data = bytearray(path.read_bytes())
    data[encryption.HEADER_SIZE + 5000] ^= 0x80
    path.write_bytes(bytes(data))
    refused(path, "tampered", "校验失败", known_key=_enrolled(sample), password=PASSWORD)
    longer = inbox / "longer.bdx"
    longer.write_bytes(sample.encrypted.read_bytes() + b"\x00" * 10)
    refused(longer, "tampered", "多出了", known_key=_enrolled(sample), password=PASSWORD)


def test_a_damaged_encryption_header_reads_as_a_bad_password(sample, inbox):
    path = inbox / sample.encrypted.name
    data = bytearray(path.read_bytes())
    data[30] ^= 0x01  # inside the salt
    path.write_bytes(bytes(data))
    refused(path, "bad_password", "文件开头已损坏", known_key=_enrolled(sample), password=PASSWORD)


def test_the_deflate_stream_checksum_is_what_protects_records(sample):
    """The records are deflated: a sanity check that the sample really compresses them
    (so the bit-flip case above exercises a compressed entry)."""
    import zipfile

    with zipfile.ZipFile(sample.plain) as archive:
        info = archive.getinfo("records/audit_log.json")
        assert info.compress_type == zipfile.ZIP_DEFLATED
        assert zlib.crc32(archive.read(info)) == info.CRC

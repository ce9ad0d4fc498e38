"""Every way a bundle's file can be broken on its way up (docs/reliability.md's fault
list): not a bundle, a newer format, unsafe ZIP entries, zip bombs, cut short, bit
flips, files changed or added. Each is refused with its own code and Chinese message,
and nothing is changed — the bundle file and the folder it lies in are as before.
(Keys, sequence numbers and passwords: test_bundle_refusals.py.)"""

from __future__ import annotations

import zlib

import pytest

from branchdesk.bundle import container, encryption
from branchdesk.bundle.reader import verify_bundle
from tests.domain.bundle_support import (
    PASSWORD,
    RARE_NAMES,
    enrolled,
    entries_of,
    manifest_of,
    refused,
    replace_file,
    with_manifest,
    write_zip,
)


def test_the_samples_verify(sample):
    first = verify_bundle(sample.plain, password=None, known_key=enrolled(sample))
    assert {row["name"] for row in first.records.tables["member"]} >= set(RARE_NAMES)
    assert len([n for n in first.files if n.startswith("attachments/")]) == 1
    locked = verify_bundle(sample.encrypted, password=PASSWORD, known_key=enrolled(sample))
    assert locked.encrypted and locked.sequence == 3
    assert sample.encrypted.stat().st_size > 10 * 4096  # many chunks


# -- not a bundle, newer format ---------------------------------------------------------
@pytest.mark.parametrize("content", [b"just text\n", b"%PDF-1.7\n" + b"x" * 100, b"\x00" * 200])
def test_a_file_that_is_not_a_bundle(sample, inbox, content):
    path = inbox / "odd.bdx"
    path.write_bytes(content)
    refused(path, "not_a_bundle", "不是 BranchDesk 数据包", known_key=enrolled(sample))


def test_a_zip_without_the_bundle_marker(sample, inbox):
    path = write_zip(inbox / "other.zip", [("readme.txt", b"hello"), ("mimetype", container.MIMETYPE)])
    refused(path, "not_a_bundle", known_key=enrolled(sample))


def test_a_bundle_of_a_newer_format(sample, inbox):
    entries = entries_of(sample.plain)
    manifest = manifest_of(entries)
    manifest["format_version"] = 99
    path = write_zip(inbox / "newer.bdx", with_manifest(entries, manifest, sample.private_key))
    refused(path, "newer_format", "更新版本", known_key=enrolled(sample))


def test_an_encrypted_bundle_of_a_newer_format(sample, inbox):
    path = inbox / sample.encrypted.name
    data = bytearray(path.read_bytes())
    data[len(encryption.MAGIC)] = encryption.VERSION + 1
    path.write_bytes(bytes(data))
    refused(path, "newer_format", known_key=enrolled(sample), password=PASSWORD)


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
    refused(path, "unsafe_entry", what, known_key=enrolled(sample))


@pytest.mark.parametrize("duplicate", ["manifest.json", "MANIFEST.JSON"])
def test_duplicate_names_are_refused(sample, inbox, duplicate):
    entries = entries_of(sample.plain)
    forged = dict(entries)["manifest.json"].replace("样本村".encode(), "伪造村".encode())
    path = write_zip(inbox / "dup.bdx", entries + [(duplicate, forged)])
    refused(path, "unsafe_entry", "重名", known_key=enrolled(sample))


def test_a_symbolic_link_is_refused(sample, inbox):
    entries = entries_of(sample.plain)
    name = next(n for n, _ in entries if n.startswith("attachments/"))
    path = write_zip(inbox / "link.bdx", entries, links=(name,))
    refused(path, "unsafe_entry", "符号链接", known_key=enrolled(sample))


def test_a_zip_bomb_is_refused_by_its_ratio_before_it_is_unpacked(sample, inbox):
    entries = entries_of(sample.plain)
    bomb = b"\x00" * (20 * 1024 * 1024)
    path = write_zip(inbox / "bomb.bdx", entries + [("attachments/" + "ab" * 32, bomb)], compressed=True)
    assert path.stat().st_size < 1024 * 1024
    refused(path, "too_large", "压缩炸弹", known_key=enrolled(sample))


def test_too_much_content_in_total_is_refused(sample, inbox, monkeypatch):
    monkeypatch.setattr(container, "MAX_CONTENT", 10_000)
    refused(inbox / sample.plain.name, "too_large", "超过上限", known_key=enrolled(sample))


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
    refused(path, "tampered", "records/member.json", known_key=enrolled(sample))


# -- truncated, bit-flipped, tampered ----------------------------------------------------
@pytest.mark.parametrize("keep", [1, 3, 20, 0.5, 0.9, -22, -1])
def test_a_plain_bundle_cut_short(sample, inbox, keep):
    path = inbox / sample.plain.name
    data = path.read_bytes()
    cut = int(len(data) * keep) if isinstance(keep, float) else (keep if keep > 0 else len(data) + keep)
    path.write_bytes(data[:cut])
    refused(path, "truncated", "不完整", known_key=enrolled(sample))


def test_an_empty_file_is_a_copy_that_never_finished(sample, inbox):
    path = inbox / "empty.bdx"
    path.write_bytes(b"")
    refused(path, "truncated", "空文件", known_key=enrolled(sample))


def test_a_flipped_bit_in_the_records_is_found(sample, inbox):
    import zipfile

    path = inbox / sample.plain.name
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("records/branch.json")
    data = bytearray(path.read_bytes())
    at = info.header_offset + 30 + len(info.filename) + len(info.extra) + info.compress_size // 2
    data[at] ^= 0x01
    path.write_bytes(bytes(data))
    refused(path, "tampered", known_key=enrolled(sample))


@pytest.mark.parametrize("seed", range(4))
def test_garbage_inside_a_compressed_entry_is_found(sample, inbox, seed):
    """Damage that breaks the deflate stream itself (not only its checksum)."""
    import random
    import zipfile

    path = inbox / sample.plain.name
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("records/audit_log.json")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start : start + info.compress_size] = random.Random(seed).randbytes(info.compress_size)
    path.write_bytes(bytes(data))
    refused(path, "tampered", "records/audit_log.json", known_key=enrolled(sample))


def test_a_manifest_changed_without_the_key_is_found(sample, inbox):
    entries = entries_of(sample.plain)
    manifest = manifest_of(entries)
    manifest["branch_name"] = "伪造村党支部"
    path = write_zip(inbox / "forged.bdx", with_manifest(entries, manifest))
    refused(path, "tampered", "签名", known_key=enrolled(sample))


def test_a_swapped_attachment_with_a_matching_manifest_but_no_key_is_found(sample, inbox):
    entries = entries_of(sample.plain)
    name = next(n for n, _ in entries if n.startswith("attachments/"))
    path = write_zip(inbox / "swapped.bdx", replace_file(entries, name, b"another photo"))
    refused(path, "tampered", known_key=enrolled(sample))


def test_a_swapped_record_file_without_its_manifest_is_found(sample, inbox):
    entries = entries_of(sample.plain)
    changed = [(n, b"[]" if n == "records/member.json" else d) for n, d in entries]
    path = write_zip(inbox / "members-gone.bdx", changed)
    refused(path, "tampered", "records/member.json", known_key=enrolled(sample))


def test_a_file_added_or_removed_is_found(sample, inbox):
    entries = entries_of(sample.plain)
    added = write_zip(inbox / "added.bdx", entries + [("papers/extra.pdf", b"%PDF-1.4")])
    refused(added, "tampered", "清单之外", known_key=enrolled(sample))
    removed = write_zip(inbox / "removed.bdx", [(n, d) for n, d in entries if not n.startswith("attachments/")])
    refused(removed, "tampered", "缺少清单中列出", known_key=enrolled(sample))


def test_record_counts_that_do_not_match_are_found_even_when_signed(sample, inbox):
    entries = entries_of(sample.plain)
    manifest = manifest_of(entries)
    manifest["record_counts"]["member"] += 1
    path = write_zip(inbox / "counts.bdx", with_manifest(entries, manifest, sample.private_key))
    refused(path, "tampered", "条数", known_key=enrolled(sample))


def test_the_deflate_stream_checksum_is_what_protects_records(sample):
    """The records are deflated: a sanity check that the sample really compresses them
    (so the bit-flip case above exercises a compressed entry)."""
    import zipfile

    with zipfile.ZipFile(sample.plain) as archive:
        info = archive.getinfo("records/audit_log.json")
        assert info.compress_type == zipfile.ZIP_DEFLATED
        assert zlib.crc32(archive.read(info)) == info.CRC

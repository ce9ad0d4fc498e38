"""Bundles refused for who made them and when: an unknown key, a re-signed or foreign
bundle, a replay, an old bundle arriving late, a chain that forks, and passwords and
the encrypted container (wrong, missing, cut short, chunks swapped or flipped). The
same bundle again is not an error, and a gap is reported, not refused."""

from __future__ import annotations

import base64

import pytest

from branchdesk.bundle import encryption
from branchdesk.bundle.keys import fingerprint_of
from branchdesk.bundle.reader import verify_bundle
from tests.domain.bundle_support import (
    PASSWORD,
    enrolled,
    entries_of,
    manifest_of,
    new_private_key,
    refused,
    with_manifest,
    write_zip,
)


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
    refused(path, "resigned", "重新签过名", known_key=enrolled(sample))


def test_a_bundle_signed_with_the_enrolled_key_but_naming_another_key_is_tampered(sample, inbox):
    entries = entries_of(sample.plain)
    manifest = manifest_of(entries)
    _private, public = new_private_key()
    manifest["public_key"] = base64.b64encode(public).decode()
    manifest["key_fingerprint"] = fingerprint_of(public)
    path = write_zip(inbox / "mixed.bdx", with_manifest(entries, manifest))
    refused(path, "tampered", known_key=enrolled(sample))


def test_a_bundle_from_another_branch(sample, inbox):
    refused(inbox / sample.plain.name, "foreign_branch", "另一个支部", known_key=enrolled(sample),
            expected_uid="00000000-0000-4000-8000-000000000000")


def test_a_bundle_signed_with_another_enrolled_branchs_key(sample, inbox):
    """Branch B's key, enrolled for B, on a bundle that claims to be branch A's."""
    refused(inbox / sample.plain.name, "foreign_branch", "另一个已登记支部的密钥",
            known_key=lambda uid: b"\x01" * 32, key_owner=lambda fingerprint: "uid-of-branch-b")


# -- sequence: replay, already imported, out of order, gap --------------------------------
def test_the_same_bundle_again_is_already_imported_not_an_error(sample, inbox):
    verified = verify_bundle(inbox / sample.plain.name, password=None, known_key=enrolled(sample),
                             last_sequence=lambda uid: (1, sample.hashes[1]))
    assert verified.already_imported and verified.gap == 0
    earlier = verify_bundle(inbox / sample.plain.name, password=None, known_key=enrolled(sample),
                            last_sequence=lambda uid: (3, sample.hashes[3]),
                            imported=lambda uid, seq: sample.hashes.get(seq))
    assert earlier.already_imported


def test_an_older_bundle_after_a_newer_one_is_a_replay(sample, inbox):
    refused(inbox / sample.plain.name, "replay", "重放", known_key=enrolled(sample),
            last_sequence=lambda uid: (2, sample.hashes[2]))


def test_another_bundle_with_a_number_already_imported_is_a_replay(sample, inbox):
    refused(inbox / sample.second.name, "replay", known_key=enrolled(sample),
            last_sequence=lambda uid: (2, "f" * 64))
    refused(inbox / sample.plain.name, "replay", "已经导入过另一个第 1 号", known_key=enrolled(sample),
            last_sequence=lambda uid: (2, sample.hashes[2]), imported=lambda uid, seq: "e" * 64)


def test_an_old_bundle_that_arrives_late_is_out_of_order(sample, inbox):
    refused(inbox / sample.plain.name, "out_of_order", "比已经导入的第 2 号旧", known_key=enrolled(sample),
            last_sequence=lambda uid: (2, sample.hashes[2]), imported=lambda uid, seq: None)


def test_a_bundle_that_follows_another_previous_bundle_is_out_of_order(sample, inbox):
    refused(inbox / sample.second.name, "out_of_order", "从旧备份恢复", known_key=enrolled(sample),
            last_sequence=lambda uid: (1, "d" * 64))


def test_a_sequence_gap_is_reported_not_refused(sample, inbox):
    verified = verify_bundle(inbox / sample.encrypted.name, password=PASSWORD, known_key=enrolled(sample),
                             last_sequence=lambda uid: (1, sample.hashes[1]))
    assert verified.gap == 1 and not verified.already_imported
    assert "缺少第 2 号数据包" in verified.gap_text()
    first_seen = verify_bundle(inbox / sample.second.name, password=None, known_key=enrolled(sample),
                               last_sequence=lambda uid: None)
    assert first_seen.gap == 1


# -- passwords and the encrypted container -----------------------------------------------
def test_a_wrong_password(sample, inbox):
    refused(inbox / sample.encrypted.name, "bad_password", "密码不对", known_key=enrolled(sample), password="guess")


def test_a_missing_password(sample, inbox):
    refused(inbox / sample.encrypted.name, "password_required", "设有密码", known_key=enrolled(sample))


@pytest.mark.parametrize("keep", [3, 40, encryption.HEADER_SIZE, encryption.HEADER_SIZE + 100, 0.5, -16, -1])
def test_an_encrypted_bundle_cut_short(sample, inbox, keep):
    path = inbox / sample.encrypted.name
    data = path.read_bytes()
    cut = int(len(data) * keep) if isinstance(keep, float) else (keep if keep > 0 else len(data) + keep)
    path.write_bytes(data[:cut])
    refused(path, "truncated", "不完整", known_key=enrolled(sample), password=PASSWORD)


def test_an_encrypted_bundle_cut_at_a_chunk_boundary(sample, inbox):
    path = inbox / sample.encrypted.name
    data = path.read_bytes()
    path.write_bytes(data[: encryption.HEADER_SIZE + 3 * (4096 + encryption.TAG_SIZE)])
    refused(path, "truncated", known_key=enrolled(sample), password=PASSWORD)


def test_two_chunks_swapped(sample, inbox):
    path = inbox / sample.encrypted.name
    data = path.read_bytes()
    size = 4096 + encryption.TAG_SIZE
    first, second = encryption.HEADER_SIZE + size, encryption.HEADER_SIZE + 2 * size
    swapped = data[:first] + data[second : second + size] + data[first:second] + data[second + size :]
    assert len(swapped) == len(data)
    path.write_bytes(swapped)
    refused(path, "tampered", "第 2 段", known_key=enrolled(sample), password=PASSWORD)


def test_a_flipped_bit_in_an_encrypted_chunk_or_extra_bytes(sample, inbox):
    path = inbox / sample.encrypted.name
    data = bytearray(path.read_bytes())
    data[encryption.HEADER_SIZE + 5000] ^= 0x80
    path.write_bytes(bytes(data))
    refused(path, "tampered", "校验失败", known_key=enrolled(sample), password=PASSWORD)
    longer = inbox / "longer.bdx"
    longer.write_bytes(sample.encrypted.read_bytes() + b"\x00" * 10)
    refused(longer, "tampered", "多出了", known_key=enrolled(sample), password=PASSWORD)


def test_a_damaged_encryption_header_reads_as_a_bad_password(sample, inbox):
    path = inbox / sample.encrypted.name
    data = bytearray(path.read_bytes())
    data[30] ^= 0x01  # inside the salt
    path.write_bytes(bytes(data))
    refused(path, "bad_password", "文件开头已损坏", known_key=enrolled(sample), password=PASSWORD)

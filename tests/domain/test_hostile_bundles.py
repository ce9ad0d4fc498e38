"""Bundles built to hurt (issue 12, item 7): an encryption header that asks for an
expensive key derivation, and a header with any field changed. Each is refused
before a key is derived where the header alone can tell, with a message that says the
file is not a valid BranchDesk bundle, not that the password is wrong."""

from __future__ import annotations

import time

import pytest

from branchdesk.bundle import encryption
from branchdesk.bundle.errors import BundleRefused
from branchdesk.bundle.reader import verify_bundle
from tests.domain.bundle_support import PASSWORD, enrolled, folder_state, refused

VERSION_AT, COST_AT, CHUNK_AT, PLAIN_SIZE_AT = 8, 9, 12, 16
SALT_AT, PREFIX_AT, CHECK_AT = 24, 40, 48


def _changed_header(path, at: int, value: int | None = None, flip: int = 0):
    data = bytearray(path.read_bytes())
    data[at] = value if value is not None else data[at] ^ flip
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(("log2_n", "r", "p"), [(20, 8, 1), (20, 16, 4), (16, 8, 1), (15, 8, 2), (15, 16, 1)])
def test_an_expensive_key_derivation_is_refused_at_once(sample, inbox, log2_n, r, p):
    path = inbox / sample.encrypted.name
    data = bytearray(path.read_bytes())
    data[COST_AT:COST_AT + 3] = bytes((log2_n, r, p))
    path.write_bytes(bytes(data))
    started = time.monotonic()
    refusal = refused(path, "not_a_bundle", "不是有效的 BranchDesk 数据包", known_key=enrolled(sample), password=PASSWORD)
    assert time.monotonic() - started < 1
    assert "密码不对" not in refusal.message() and f"n=2^{log2_n}" in refusal.message()


# Every bit of the fields the header alone can judge: refused without deriving a key.
@pytest.mark.parametrize("at", range(PLAIN_SIZE_AT + 8))
@pytest.mark.parametrize("flip", [0x01, 0x10, 0x80])
def test_a_flipped_bit_in_the_header_is_refused_before_any_key_is_derived(sample, inbox, at, flip):
    path = _changed_header(inbox / sample.encrypted.name, at, flip=flip)
    started = time.monotonic()
    before = folder_state(path.parent)
    with pytest.raises(BundleRefused) as caught:
        verify_bundle(path, known_key=enrolled(sample), password=PASSWORD)
    refusal = caught.value
    assert refusal.code in ("not_a_bundle", "newer_format", "truncated", "tampered", "too_large"), refusal.message()
    assert folder_state(path.parent) == before
    assert time.monotonic() - started < 1
    assert "密码不对" not in refusal.message()


# Salt, nonce prefix and key check are covered by the key check, which needs the password.
@pytest.mark.parametrize("at", [SALT_AT, SALT_AT + 15, PREFIX_AT, PREFIX_AT + 7, CHECK_AT, CHECK_AT + 15])
def test_a_flipped_bit_in_the_salt_nonce_or_key_check_is_refused(sample, inbox, at):
    path = _changed_header(inbox / sample.encrypted.name, at, flip=0x04)
    refused(path, "bad_password", "文件开头已损坏", known_key=enrolled(sample), password=PASSWORD)


def test_an_unknown_older_encryption_version_is_refused(sample, inbox):
    path = _changed_header(inbox / sample.encrypted.name, VERSION_AT, value=0)
    refused(path, "not_a_bundle", "加密格式 0", known_key=enrolled(sample), password=PASSWORD)


def test_the_written_header_uses_the_only_accepted_parameters(sample):
    header = sample.encrypted.read_bytes()[: encryption.HEADER_SIZE]
    assert tuple(header[COST_AT:COST_AT + 3]) == (encryption.SCRYPT_LOG2_N, encryption.SCRYPT_R, encryption.SCRYPT_P)
    assert header[VERSION_AT] == encryption.VERSION

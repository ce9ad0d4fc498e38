"""Manifests built to hurt (issue 12, item 8). Signed with the branch's real key, so
the signature is valid: a manifest whose fields hold what this program never writes
(``sequence: true``, years out of range or none, counts below zero, unbounded text …)
is refused by ``verify`` and by the upper level's import, naming the field, and the
upper archive is unchanged. A manifest nested too deep to parse gives a message, not
a traceback."""

from __future__ import annotations

import base64

import pytest

from branchdesk.bundle.errors import BundleRefused
from tests.domain.bundle_support import (
    THIS_YEAR,
    enrolled,
    entries_of,
    folder_state,
    manifest_of,
    refused,
    with_manifest,
    write_zip,
)
from tests.domain.upper_support import table_contents

# (field, value, what the message must say about it)
BAD_FIELDS = [
    ("sequence", True, "应为整数"),
    ("sequence", 0, "应在 1 到"),
    ("sequence", 10**20, "应在 1 到"),
    ("years", [-5], "-5"),
    ("years", [], "至少一个年份"),
    ("years", [10**20], "100000000000000000000"),
    ("years", [THIS_YEAR + 2], str(THIS_YEAR + 2)),
    ("years", [True], "不是整数"),
    ("years", [THIS_YEAR, THIS_YEAR], "重复"),
    ("years", "2025", "至少一个年份"),
    ("record_counts", {"member": -1}, "「member」的条数"),
    ("record_counts", {"member": 1.5}, "应为整数"),
    ("audit_entries", False, "应为整数"),
    ("branch_name", "支" * 5000, "超过 200 个字符"),
    ("previous_hash", "ab" * 31, "64 位十六进制"),
    ("branch_uid", "", "不能为空"),
    ("files", [{"name": "records/member.json", "sha256": "0" * 64, "size": True}], "size 应为整数"),
    ("files", [{"name": "../evil", "sha256": "0" * 64, "size": 1}], "不是数据包里允许的文件名"),
    ("files", [{"name": "records/member.json", "sha256": "0" * 64}], "应含 name、sha256、size"),
    ("papers", [{"year": 10**20, "name": "papers/x.pdf"}], "第 1 项的 year"),
    ("year_fingerprints", {"-5": "0" * 64}, "不对的年份"),
    ("paper_problems", {str(THIS_YEAR): 7}, "应为文字"),
]


def _forged(source, folder, field: str, value, private_key):
    entries = entries_of(source)
    manifest = manifest_of(entries)
    manifest[field] = value
    return write_zip(folder / "forged.bdx", with_manifest(entries, manifest, private_key))


@pytest.mark.parametrize(("field", "value", "said"), BAD_FIELDS)
def test_a_signed_manifest_of_a_wrong_shape_is_refused_naming_the_field(sample, inbox, field, value, said):
    path = _forged(sample.plain, inbox, field, value, sample.private_key)
    refusal = refused(path, "tampered", f"「{field}」", known_key=enrolled(sample))
    assert said in refusal.message() and "没有做任何改动" in refusal.message()


@pytest.mark.parametrize("manifest", [
    b"[" * 200_000 + b"]" * 200_000,
    b'{"format": "branchdesk-bundle", "x": ' + b"{\"a\": " * 100_000 + b"1" + b"}" * 100_001,
    b'{"format": "branchdesk-bundle", "format_version": 1, "sequence": ' + b"9" * 100_000 + b"}",
], ids=["nested-lists", "nested-objects", "a-100000-digit-number"])
def test_a_manifest_nested_too_deep_gives_a_message_not_a_traceback(sample, inbox, manifest):
    entries = [(name, manifest if name == "manifest.json" else data) for name, data in entries_of(sample.plain)]
    path = write_zip(inbox / "deep.bdx", entries)
    refused(path, "tampered", "清单已损坏", known_key=enrolled(sample))


# -- the upper level: refused, and nothing written ----------------------------------------------
def _upper_state(archive) -> tuple:
    folders = (archive.layout.attachments, archive.layout.backups)
    return table_contents(archive), [folder_state(f) if f.exists() else {} for f in folders]


@pytest.mark.parametrize(("field", "value", "said"), [case for case in BAD_FIELDS if case[0] in (
    "sequence", "years", "papers")])
def test_the_upper_level_refuses_it_and_writes_nothing(upper_archive, demo_branches, tmp_path, field, value, said):
    first, _ = demo_branches
    private_key = base64.b64decode(
        first.query("SELECT private_key FROM branch_key WHERE retired_at IS NULL")[0][0])
    upper = upper_archive.upper
    upper.enrol(first.card, first.fingerprint)
    path = _forged(first.bundles[0], tmp_path, field, value, private_key)
    before = _upper_state(upper_archive)
    for attempt in (upper.verify, upper.import_bundle):
        with pytest.raises(BundleRefused) as caught:
            attempt(path)
        assert caught.value.code == "tampered" and f"「{field}」" in caught.value.message()
        assert said in caught.value.message()
    assert _upper_state(upper_archive) == before

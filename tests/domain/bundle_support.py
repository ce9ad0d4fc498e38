"""Helpers for the bundle tests: a small branch with records in two years, an
attachment and names with rare characters and emoji; a way to take a bundle's ZIP
apart and put it together again (changed, re-signed or not) the way a forger would."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import json
import os
import shutil
import stat
import warnings
import zipfile
from pathlib import Path

import pytest

from branchdesk import clock
from branchdesk.archive import Archive
from branchdesk.branch import BranchInfo
from branchdesk.bundle import encryption
from branchdesk.bundle.errors import BundleRefused
from branchdesk.bundle.reader import verify_bundle
from branchdesk.bundle.writer import write_bundle
from branchdesk.roster.members import MemberForm
from branchdesk.safety.audit import canonical_json
from tests.domain.meetings_support import held_form
from tests.helpers import make_id

THIS_YEAR = clock.today().year
RARE_NAMES = ["𠮷野家", "李🌟"]  # Extension B, and an emoji: they must come back unchanged
PASSWORD = "口令-𠮷-pass"


@pytest.fixture
def bundle_branch(branch, tmp_path):
    """The small meeting branch plus members with rare names, meetings held last year
    and this year, and an attachment on this year's meeting. Returns the archive."""
    archive, _ids, _group = branch
    for n, name in enumerate(RARE_NAMES):
        # The emoji name joins this year: last year's 党员名册 (in its yearly archive) can print.
        joined = dt.date(THIS_YEAR, 1, 10) if n else dt.date(2005, 7, 1)
        archive.members.add(MemberForm(
            name=name, id_number=make_id(dt.date(1980 + n, 5, 6), 301 + 2 * n), joined_on=joined,
            full_on=None if n else dt.date(2006, 7, 1), status="probationary" if n else "full",
        ))
    archive.meetings.plan(held_form(archive, day=dt.date(THIS_YEAR - 1, 6, 3)))
    meeting_id = archive.meetings.plan(held_form(archive, theme="学习🌟与𠮷"))
    scan = tmp_path / "签到表.png"
    scan.write_bytes(b"\x89PNG scan of the sign-in sheet " * 200)
    archive.meetings.attach(meeting_id, scan, "sign_in")
    return archive


def own_key(archive):
    """``known_key`` for verify_bundle: the archive's own key for its own uid."""
    identity = archive.branch_key.identity()
    return lambda uid: identity.public_key if uid == identity.branch_uid else None


def private_key_of(archive) -> bytes:
    row = archive.db.execute_sql("SELECT private_key FROM branch_key WHERE retired_at IS NULL").fetchone()
    return base64.b64decode(row[0])


def sign(private_raw: bytes, data: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(private_raw).sign(data)


def new_private_key() -> tuple[bytes, bytes]:
    """(private, public) raw bytes of a fresh key."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                serialization.NoEncryption())
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return private, public


def entries_of(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def write_zip(path: Path, entries: list[tuple[str, bytes]], links: tuple[str, ...] = (),
              compressed: bool = False) -> Path:
    """A ZIP of ``entries`` in this order (names as given, even unsafe or repeated ones)."""
    with warnings.catch_warnings(), zipfile.ZipFile(path, "w") as out:
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name": made on purpose
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED if compressed and name != "mimetype" else zipfile.ZIP_STORED
            mode = stat.S_IFLNK if name in links else stat.S_IFREG
            info.external_attr = (mode | 0o644) << 16
            out.writestr(info, data)
    return path


def manifest_of(entries: list[tuple[str, bytes]]) -> dict:
    return json.loads(dict(entries)["manifest.json"])


def with_manifest(entries, manifest: dict, private_raw: bytes | None = None) -> list[tuple[str, bytes]]:
    """``entries`` with a new manifest; signed with ``private_raw`` if given (else the
    old signature stays, as a forger without the key would leave it)."""
    raw = canonical_json(manifest).encode("utf-8")
    changed = []
    for name, data in entries:
        if name == "manifest.json":
            data = raw
        elif name == "manifest.sig" and private_raw is not None:
            data = sign(private_raw, raw)
        changed.append((name, data))
    return changed


def replace_file(entries, name: str, data: bytes, private_raw: bytes | None = None):
    """Swap one file's content, listing its new hash in the manifest (signed or not)."""
    manifest = manifest_of(entries)
    for listed in manifest["files"]:
        if listed["name"] == name:
            listed["sha256"], listed["size"] = hashlib.sha256(data).hexdigest(), len(data)
    swapped = [(n, data if n == name else d) for n, d in entries]
    return with_manifest(swapped, manifest, private_raw)


def folder_state(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with its SHA-256: what 'nothing changed' compares."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(Path(folder).rglob("*")) if p.is_file()
    }


# -- bundles made once per test process (on SQLite: the faults are in the file); the tests
# read them or change copies (``inbox``), never the bundles themselves ---------------------
@dataclasses.dataclass
class Sample:
    plain: Path  # sequence 1
    second: Path  # sequence 2, chained to the first
    encrypted: Path  # sequence 3, in chunks of 4 KiB so there are many
    public_key: bytes
    private_key: bytes
    branch_uid: str
    hashes: dict  # sequence -> bundle hash


@pytest.fixture(scope="session")
def sample(tmp_path_factory, templates) -> Sample:
    folder, _ = templates.copy(tmp_path_factory.mktemp("bundle-sample") / "archive", "sqlite")
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


def enrolled(sample):
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

"""Bundles of many branches, made quickly for the upper-level benchmarks: a few demo
branches write one bundle each (all their years, no yearly PDFs: making PDFs is the
branch side's cost), then each bench branch is one of those bundles re-keyed — its own
uid, name, code and a freshly generated Ed25519 key that signs its manifest, with the
public-key card the upper level enrols. The records are the base branch's, so every
bundle costs the upper level what a real one of that size would."""

from __future__ import annotations

import base64
import datetime as dt
import json
import uuid
import zipfile
from pathlib import Path

from branchdesk import clock
from branchdesk.archive import Archive
from branchdesk.bundle import container
from branchdesk.bundle import manifest as manifest_mod
from branchdesk.bundle import writer as bundle_writer
from branchdesk.bundle.keys import PublicKeyCard, card_text, fingerprint_of
from branchdesk.demo import build_demo

BASES = 4


def base_bundles(work: Path, count: int = BASES) -> list[Path]:
    """``count`` demo branches, their dates 91 days apart (so their records differ), one bundle each."""
    real = bundle_writer.make_year_papers
    bundle_writer.make_year_papers = lambda *args, **kwargs: ([], {})
    made = []
    try:
        for n in range(count):
            folder = work / f"base{n}"
            archive = Archive.open(folder, auto_backup=False)
            try:
                build_demo(archive, today=clock.today() - dt.timedelta(days=91 * n))
                (work / f"base{n}-out").mkdir()
                made.append(bundle_writer.write_bundle(archive, work / f"base{n}-out").path)
            finally:
                archive.close(auto_backup=False)
    finally:
        bundle_writer.make_year_papers = real
    return made


def rekeyed(base: Path, number: int, out: Path) -> tuple[Path, Path, str]:
    """Bundle ``base`` as branch ``number``'s first bundle: (bundle, card, fingerprint)."""
    first, _, card, fingerprint = rekeyed_pair(base, number, out, second=False)
    return first, card, fingerprint


def rekeyed_pair(base: Path, number: int, out: Path, second: bool = True) -> tuple[Path, Path | None, Path, str]:
    """Branch ``number``'s first bundle and (``second``) its next one, carrying the same
    records again: importing the second replaces every record the first brought, the most
    an import can replace. (first, second or None, card, fingerprint)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    fingerprint = fingerprint_of(public)
    uid, name, code = str(uuid.uuid4()), f"第{number}村党支部", f"B{number:04d}"
    with zipfile.ZipFile(base) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    manifest = json.loads(dict((i.filename, d) for i, d in entries)[container.MANIFEST_NAME])
    manifest.update(branch_uid=uid, branch_name=name, branch_code=code, key_fingerprint=fingerprint,
                    public_key=base64.b64encode(public).decode("ascii"))
    first_raw = _signed_copy(entries, manifest, key, out / f"BD-{code}-seq0001.bdx")
    following = None
    if second:
        manifest.update(sequence=manifest["sequence"] + 1, previous_hash=manifest_mod.bundle_hash(first_raw))
        following = out / f"BD-{code}-seq0002.bdx"
        _signed_copy(entries, manifest, key, following)
    card = out / f"BD-key-{code}.txt"
    card.write_text(card_text(PublicKeyCard(uid, name, code, public, fingerprint, manifest["created_at"])),
                    encoding="utf-8")
    return out / f"BD-{code}-seq0001.bdx", following, card, fingerprint


def _signed_copy(entries, manifest: dict, key, path: Path) -> bytes:
    """The base bundle's entries with ``manifest`` signed by ``key``, written to ``path``."""
    raw = manifest_mod.manifest_bytes(manifest)
    with zipfile.ZipFile(path, "w") as target:
        for info, data in entries:
            if info.filename == container.MANIFEST_NAME:
                data = raw
            elif info.filename == container.SIGNATURE_NAME:
                data = key.sign(raw)
            target.writestr(info, data)
    return raw


def make(work: Path, count: int) -> list[tuple[Path, Path, str]]:
    """``count`` branches' bundles and cards under ``work/bundles``."""
    return [(first, card, fingerprint) for first, _, card, fingerprint in make_pairs(work, count, 0)]


def make_pairs(work: Path, count: int, seconds: int) -> list[tuple[Path, Path | None, Path, str]]:
    """``count`` branches' first bundles, the next bundle of the first ``seconds`` of them,
    and their cards, under ``work/bundles``."""
    bases = base_bundles(work)
    out = work / "bundles"
    out.mkdir(exist_ok=True)
    return [rekeyed_pair(bases[n % len(bases)], n + 1, out, n < seconds) for n in range(count)]

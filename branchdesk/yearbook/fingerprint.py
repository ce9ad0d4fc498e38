"""The archive fingerprint of a year: one SHA-256 over every record the archive holds.

Each record contributes its seal hash — the SHA-256 of its canonical content (the row
and its child rows, ids and states left out, dates and booleans written alike on both
engines; see ``sealing.canonical_content``). The hashes are sorted, so the fingerprint
depends on what the records say, not on the order or the ids the database gave them:
the same year gives the same fingerprint on SQLite and on PostgreSQL."""

from __future__ import annotations

import hashlib

from ..safety.audit import canonical_json
from ..safety.canonical import columns_held, content_hash
from ..text import grouped  # noqa: F401 - the yearbook's papers use it from here
from .sections import RecordRef

FORMAT = "branchdesk-year-archive/1"


def fingerprint_of(db, year: int, refs: list[RecordRef]) -> str:
    with columns_held(db):
        hashes = sorted(f"{ref.spec.table}:{content_hash(db, ref.spec, ref.record_id)}" for ref in refs)
    payload = canonical_json({"format": FORMAT, "year": year, "records": hashes})
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def year_fingerprint(archive, year: int) -> str:
    """The fingerprint of ``year``'s records (64 hex digits)."""
    from .registry import PROVIDERS

    refs = [ref for provider in PROVIDERS for ref in provider.records(archive, year)]
    return fingerprint_of(archive.db, year, refs)



"""Step 6: the branch's identity for bundles carried upward.

* ``branch_key``: the branch's Ed25519 key pair (raw 32-byte keys, base64 text so both
  engines store them alike) and the branch's permanent ``branch_uid``. A branch has one
  active key; a replaced key stays (``retired_at``) so old bundles can still be told
  apart. Append-only except for ``retired_at``, which the domain sets once.
* ``bundle_export``: every bundle this archive wrote — its sequence number, the hash of
  the previous bundle (the chain the upper level checks), the years it holds and the
  SHA-256 of the file and of its manifest. Append-only: a sequence number is never
  reused, even when the file was lost on the way."""

from ..protect import append_only
from ._ddl import run_ddl

VERSION = 6

TABLES = """
CREATE TABLE branch_key (
    id {pk},
    branch_uid TEXT NOT NULL,
    public_key TEXT NOT NULL,
    private_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    created_at TEXT NOT NULL,
    retired_at TEXT
);
CREATE UNIQUE INDEX branch_key_fingerprint ON branch_key (fingerprint);
CREATE TABLE bundle_export (
    id {pk},
    sequence INTEGER NOT NULL,
    previous_hash TEXT NOT NULL DEFAULT '',
    year_from INTEGER NOT NULL,
    year_to INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    manifest_sha256 TEXT NOT NULL,
    encrypted BOOLEAN NOT NULL DEFAULT FALSE,
    key_fingerprint TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX bundle_export_sequence ON bundle_export (sequence)
"""


def apply(db) -> None:
    run_ddl(db, TABLES)
    append_only(db, "bundle_export")

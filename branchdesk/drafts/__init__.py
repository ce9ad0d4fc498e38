"""Power-cut drafts: what an open editor held before it was saved, kept in the
archive's own ``drafts/`` folder so a power cut loses at most a minute of typing
(issue 13; docs/reliability.md, promise 11).

A draft is not a record: it lives in a file beside the database, never in it, so no
backup, bundle or yearbook carries it. One file per editor and record, written
atomically and owner-only, removed when the edits are saved or discarded."""

from .store import Draft, DraftStore, store_for

__all__ = ["Draft", "DraftStore", "store_for"]

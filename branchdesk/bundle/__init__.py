"""Bundles: a branch's records carried upward on a USB stick, signed with the branch's
Ed25519 key, optionally encrypted with a password, checked completely before the upper
level touches anything (docs/reliability.md, promises 7 and 8).

The ``.bdx`` file (format version 1), plain::

    a ZIP; entries in this order
      mimetype                 stored, "application/vnd.branchdesk.bundle" (recognises the file)
      manifest.json            canonical JSON (sorted keys, no spaces, UTF-8)
      manifest.sig             64-byte Ed25519 signature of manifest.json's bytes
      records/<table>.json     one per table: canonical JSON list of rows (deflated)
      papers/<year>.pdf        the yearly archive PDF of each year that could be printed
      attachments/<sha256>     meeting attachments and evidence files, by their SHA-256

The manifest names the format and version, the branch (uid, name, code, kind, higher
organisation), the sequence number and the previous bundle's hash, the years, when it
was made, the schema version, record counts per table, the records fingerprint and one
per year (``portable``), the audit chain's head hash, entry count and state, the key's
fingerprint and public key, every other file with its SHA-256 and size, the papers and
why a year's paper is missing. The bundle's hash is the SHA-256 of manifest.json.

With a password the whole ZIP is encrypted in 1 MiB chunks (``encryption``): a 64-byte
header ("BDXCRYPT", version, scrypt n/r/p, chunk size, plain size, salt, nonce prefix,
key check), then each chunk's AES-GCM ciphertext and tag.

Modules: ``keys`` (the branch key, public-key cards, fingerprints), ``portable``
(records), ``manifest``, ``container`` (the ZIP), ``encryption``, ``papers``,
``target`` (the stick's checks), ``writer.write_bundle``, ``reader.verify_bundle``,
``ledger`` (bundles written), ``errors`` (one refusal class per fault)."""

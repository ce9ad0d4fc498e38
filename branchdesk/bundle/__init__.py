"""Bundles: a branch's records carried upward on a USB stick, signed with the branch's
Ed25519 key, optionally encrypted with a password, checked completely before the upper
level touches anything. The file format is described in ``docs``-style detail in the
modules: ``container`` (the ZIP), ``manifest``, ``encryption``, ``portable`` (records).

Public surface: ``keys`` (BranchKeyManager, read_public_key_file, fingerprint_of),
``portable.collect``, ``writer.write_bundle``, ``reader.verify_bundle``, ``errors``."""

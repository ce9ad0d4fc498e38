"""The manifest: what a bundle holds and where it stands in the branch's chain.

It is canonical JSON (sorted keys, no spaces, UTF-8, Chinese as it is), signed with the
branch key (``manifest.sig``). Its SHA-256 is the bundle's hash: the next bundle names
it as ``previous_hash``, and the upper level stores it to tell a bundle already
imported from a replayed or forged one. Every other file of the bundle is listed with
its SHA-256 and size, so the signature covers them all."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging

from .. import __version__
from ..safety.audit import canonical_json
from . import manifest_fields
from .container import MAX_MANIFEST
from .errors import NewerFormat, Tampered

log = logging.getLogger(__name__)

FORMAT = "branchdesk-bundle"
FORMAT_VERSION = 1


def manifest_bytes(manifest: dict) -> bytes:
    return canonical_json(manifest).encode("utf-8")


def bundle_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build(
    *, identity, branch, sequence: int, previous_hash: str, years: list[int], created_at: str, records,
    files: list[dict], papers: list[dict], paper_problems: dict[str, str], records_fingerprint: str,
) -> dict:
    chain = records.audit_chain
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "created_at": created_at,
        "branch_uid": identity.branch_uid,
        "branch_name": branch.name,
        "branch_code": branch.code or "",
        "branch_kind": branch.kind,
        "higher_org": branch.higher_org or "",
        "sequence": sequence,
        "previous_hash": previous_hash,
        "years": list(years),
        "schema_version": records.schema_version,
        "record_counts": records.counts(),
        "records_fingerprint": records_fingerprint,
        "year_fingerprints": {str(year): records.year_fingerprint(year) for year in years},
        "audit_head_hash": chain.get("head_hash", ""),
        "audit_entries": chain.get("entries", 0),
        "audit_chain_ok": bool(chain.get("ok", False)),
        "audit_problem": chain.get("problem", ""),
        "key_fingerprint": identity.fingerprint,
        "public_key": base64.b64encode(identity.public_key).decode("ascii"),
        "files": sorted(files, key=lambda f: f["name"]),
        "papers": papers,
        "paper_problems": paper_problems,
    }


def parse(data: bytes, name: str) -> dict:
    """The manifest as a dict, after checking its format and every field's type and
    range (a signed manifest of a wrong shape is still refused: the key may be a
    branch's, the content not this program's)."""
    if len(data) > MAX_MANIFEST:  # the reader bounds it too; a caller with bytes from elsewhere may not
        raise Tampered(f"数据包 {name} 的清单大得异常（{len(data)} 字节），不能导入。请让支部重新导出。")
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):  # bad UTF-8 or JSON, digits past Python's limit, nesting too deep
        log.warning("unreadable manifest in %s", name, exc_info=True)
        raise Tampered(f"数据包 {name} 的清单已损坏，无法读取。请让支部重新导出；没有做任何改动。") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise Tampered(f"数据包 {name} 的清单不是 BranchDesk 数据包清单。请让支部重新导出。")
    version = manifest.get("format_version")
    if not manifest_fields.is_int(version) or version < 1:
        raise Tampered(f"数据包 {name} 的清单缺少格式版本。请让支部重新导出。")
    if version > FORMAT_VERSION:
        raise NewerFormat(
            f"数据包 {name} 由更新版本的 BranchDesk 制作（格式版本 {version}，本程序支持到 {FORMAT_VERSION}）。"
            "请先升级本程序再导入；没有做任何改动。"
        )
    wrong = manifest_fields.first_problem(manifest)
    if wrong:
        field_name, label, reason = wrong
        raise Tampered(
            f"数据包 {name} 的清单中「{field_name}」（{label}）{reason}：这不是 BranchDesk 写出的清单，不能导入，"
            "没有做任何改动。请让支部用本程序重新导出；如果一再出现，请与支部核实这个文件的来历。"
        )
    return manifest


def public_key(manifest: dict) -> bytes:
    try:
        return base64.b64decode(manifest["public_key"], validate=True)
    except (binascii.Error, ValueError):
        return b""

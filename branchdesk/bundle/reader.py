"""Checking a bundle before anything is touched (docs/reliability.md, promise 7).

``verify_bundle`` reads the file, decrypts it if it has a password, checks the ZIP's
entries, the manifest's format and signature against the key enrolled for the
branch, every file's size and SHA-256, the records against their counts and
fingerprint, and the sequence number and previous hash against what was imported
before. Each fault raises its own ``BundleRefused`` subclass with a Chinese message;
nothing is written anywhere (a password-protected bundle is decrypted into memory, or
a private temporary file when large)."""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import StorageError
from . import container, encryption
from . import manifest as manifest_mod
from .errors import (
    ForeignBranch,
    NotABundle,
    OutOfOrder,
    PasswordRequired,
    Replay,
    Resigned,
    Tampered,
    Truncated,
    UnknownKey,
)
from .keys import fingerprint_of, verify_signature
from .portable import PortableRecords

_FIXED_NAMES = {container.MIMETYPE_NAME, container.MANIFEST_NAME, container.SIGNATURE_NAME}
_SPOOL_IN_MEMORY = 64 * 1024**2


@dataclass
class VerifiedBundle:
    manifest: dict
    bundle_hash: str  # SHA-256 of the signed manifest: identifies the bundle
    branch_uid: str
    sequence: int
    previous_hash: str
    records: PortableRecords
    files: dict[str, bytes]  # papers/…, attachments/… -> bytes, hash-checked
    gap: int  # how many sequence numbers are missing before this one (0 if none)
    already_imported: bool  # this very bundle was imported before
    encrypted: bool = False
    key_fingerprint: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def branch_name(self) -> str:
        return self.manifest.get("branch_name", "")

    @property
    def years(self) -> list[int]:
        return list(self.manifest.get("years", []))

    def gap_text(self) -> str:
        """'' or the sentence the upper level shows for missing bundles."""
        if not self.gap:
            return ""
        first = self.sequence - self.gap
        missing = f"第 {first} 号" if self.gap == 1 else f"第 {first}–{self.sequence - 1} 号"
        return f"「{self.branch_name}」缺少{missing}数据包（共 {self.gap} 个）：可能在路上丢失，请向支部核实。"


@dataclass
class _Checks:
    known_key: Callable
    last_sequence: Callable | None
    imported: Callable | None
    key_owner: Callable | None
    expected_uid: str | None
    keep_files: bool


def verify_bundle(
    path,
    *,
    password: str | None,
    known_key: Callable[[str], bytes | None],
    last_sequence: Callable[[str], tuple[int, str] | None] | None = None,
    imported: Callable[[str, int], str | None] | None = None,
    key_owner: Callable[[str], str | None] | None = None,
    expected_uid: str | None = None,
    keep_files: bool = True,
) -> VerifiedBundle:
    """Check everything in the bundle at ``path``; raise a BundleRefused subclass or
    return what it holds.

    ``known_key(branch_uid)``: the public key enrolled for that branch, or None.
    ``last_sequence(branch_uid)``: (sequence, bundle hash) of the last bundle imported.
    ``imported(branch_uid, sequence)``: the bundle hash imported under that number, or
    None (optional; it tells an old bundle arriving late from a replay).
    ``key_owner(fingerprint)``: the branch uid a key is enrolled for (optional; it
    names a bundle signed with another enrolled branch's key as foreign).
    ``expected_uid``: refuse a bundle of any other branch (a branch checking its own)."""
    checks = _Checks(known_key, last_sequence, imported, key_owner, expected_uid, keep_files)
    path = Path(path)
    name = path.name
    try:
        handle = open(path, "rb")
    except OSError as error:
        raise StorageError(f"无法读取数据包 {path}：{error.strerror or error}。请检查 U 盘是否插好。") from error
    with handle:
        size = path.stat().st_size
        head = handle.read(encryption.HEADER_SIZE)
        handle.seek(0)
        if size == 0:
            raise Truncated(f"数据包 {name} 是空文件（0 字节）：复制没有完成。请让支部重新拷贝一份。")
        encrypted = encryption.is_encrypted(head) or (size < len(encryption.MAGIC) and encryption.MAGIC.startswith(head))
        if encrypted:
            if size < len(encryption.MAGIC):
                raise Truncated(f"加密数据包 {name} 不完整（只有 {size} 字节）。请让支部重新拷贝一份。")
            if not password:
                raise PasswordRequired(f"数据包 {name} 设有密码，请输入支部告知的密码后再导入。")
            with tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY) as plain:
                plain_size = encryption.decrypt(handle, size, plain, password, name, max_plain=container.MAX_CONTENT)
                plain.seek(0)
                return _verify_zip(plain, plain_size, name, encrypted, checks)
        if not container.starts_like_bundle(head):
            raise NotABundle(f"{name} 不是 BranchDesk 数据包。请选择支部导出的 .bdx 文件。")
        if size < container._CONTENT_AT + len(container.MIMETYPE):
            raise Truncated(f"数据包 {name} 不完整（只有 {size} 字节）。请让支部重新拷贝一份。")
        return _verify_zip(handle, size, name, encrypted, checks)


def _verify_zip(source, size: int, name: str, encrypted: bool, checks: _Checks) -> VerifiedBundle:
    with container.open_zip(source, size, name) as archive:
        entries = container.check_entries(archive, name)
        for fixed in (container.MANIFEST_NAME, container.SIGNATURE_NAME):
            if fixed not in entries:
                raise Tampered(f"数据包 {name} 缺少「{fixed}」，不能导入。请让支部重新导出。")
        raw_manifest = container.read_small(archive, entries[container.MANIFEST_NAME], name, container.MAX_MANIFEST)
        signature = container.read_small(archive, entries[container.SIGNATURE_NAME], name, 1024)
        manifest = manifest_mod.parse(raw_manifest, name)
        _check_key(manifest, raw_manifest, signature, name, checks)
        contents = _read_listed_files(archive, entries, manifest, name, checks.keep_files)
    records = _records(contents, manifest, name)
    digest = manifest_mod.bundle_hash(raw_manifest)
    uid, sequence = manifest["branch_uid"], manifest["sequence"]
    gap, already = _check_sequence(uid, sequence, manifest["previous_hash"], digest, name, checks)
    files = {n: data for n, data in contents.items() if not n.startswith("records/")}
    warnings = []
    if not manifest.get("audit_chain_ok", True):
        warnings.append(f"支部的操作日志校验未通过：{manifest.get('audit_problem', '')}")
    for year, problem in sorted(manifest.get("paper_problems", {}).items()):
        warnings.append(f"{year} 年度档案 PDF 没有生成：{problem}")
    return VerifiedBundle(
        manifest, digest, uid, sequence, manifest["previous_hash"], records, files, gap, already,
        encrypted, manifest["key_fingerprint"], warnings,
    )


def _check_key(manifest: dict, raw: bytes, signature: bytes, name: str, checks: _Checks) -> None:
    uid = manifest["branch_uid"]
    shown = manifest.get("branch_name") or uid
    embedded = manifest_mod.public_key(manifest)
    if len(embedded) != 32 or fingerprint_of(embedded) != manifest["key_fingerprint"]:
        raise Tampered(f"数据包 {name} 的签名公钥与清单不符：文件被改动过，不能导入。")
    owner = checks.key_owner(manifest["key_fingerprint"]) if checks.key_owner else None
    if checks.expected_uid and uid != checks.expected_uid:
        raise ForeignBranch(f"数据包 {name} 来自另一个支部（「{shown}」），不是本支部的数据包，没有做任何改动。")
    if owner and owner != uid:
        raise ForeignBranch(
            f"数据包 {name} 自称来自「{shown}」，却是用另一个已登记支部的密钥签名的。不能导入，请与两个支部核实。"
        )
    enrolled = checks.known_key(uid)
    if enrolled is None:
        raise UnknownKey(
            f"数据包 {name} 来自「{shown}」（密钥指纹 {manifest['key_fingerprint']}），这个支部的公钥还没有登记。"
            "请先登记该支部的公钥卡并当面核对指纹，再导入。"
        )
    if bytes(enrolled) != embedded:
        if verify_signature(embedded, signature, raw):
            raise Resigned(
                f"数据包 {name} 用另一把密钥（指纹 {manifest['key_fingerprint']}）重新签过名，"
                f"与为「{shown}」登记的密钥（指纹 {fingerprint_of(enrolled)}）不同。不能导入；"
                "如果支部确实换了密钥，请先登记新的公钥卡并核对指纹。"
            )
        raise Tampered(f"数据包 {name} 的签名无效：文件被改动过，不能导入。请让支部重新导出。")
    if not verify_signature(enrolled, signature, raw):
        raise Tampered(f"数据包 {name} 的清单与签名不符：文件被改动过，不能导入。请让支部重新导出。")


def _read_listed_files(archive, entries: dict, manifest: dict, name: str, keep: bool) -> dict[str, bytes]:
    listed = {f["name"]: f for f in manifest["files"]}
    extra = sorted(set(entries) - set(listed) - _FIXED_NAMES)
    if extra:
        raise Tampered(f"数据包 {name} 里有清单之外的文件「{extra[0]}」：文件被改动过，不能导入。")
    contents: dict[str, bytes] = {}
    for entry_name, listed_file in sorted(listed.items()):
        info = entries.get(entry_name)
        if info is None or entry_name in _FIXED_NAMES:
            raise Tampered(f"数据包 {name} 缺少清单中列出的「{entry_name}」：文件不完整或被改动过，不能导入。")
        if info.file_size != listed_file["size"]:
            raise Tampered(f"数据包 {name} 中「{entry_name}」的大小与清单不符：文件被改动过，不能导入。")
        digest = hashlib.sha256()
        pieces: list[bytes] = []
        keep_this = keep or entry_name.startswith("records/")

        def sink(piece: bytes, digest=digest, pieces=pieces, keep_this=keep_this) -> None:
            digest.update(piece)
            if keep_this:
                pieces.append(piece)

        container.read_entry(archive, info, name, sink)
        if digest.hexdigest() != listed_file["sha256"]:
            raise Tampered(f"数据包 {name} 中「{entry_name}」的内容与清单的校验值不符：文件被改动或损坏，不能导入。")
        if keep_this:
            contents[entry_name] = b"".join(pieces)
    return contents


def _records(contents: dict[str, bytes], manifest: dict, name: str) -> PortableRecords:
    tables: dict[str, list[dict]] = {}
    for entry_name, data in contents.items():
        if entry_name.startswith("records/"):
            try:
                rows = json.loads(data.decode("utf-8"))
            except (ValueError, RecursionError):  # also nesting too deep: signed by a branch, still not ours
                raise Tampered(f"数据包 {name} 的「{entry_name}」无法读取，不能导入，没有做任何改动。请让支部重新导出。") from None
            if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
                raise Tampered(f"数据包 {name} 的「{entry_name}」格式不对，不能导入。")
            tables[entry_name[len("records/") : -len(".json")]] = rows
    counts = manifest["record_counts"]
    ordered = {table: tables.get(table, []) for table in counts}
    if set(tables) != set(counts) or any(len(ordered[t]) != n for t, n in counts.items()):
        raise Tampered(f"数据包 {name} 的记录条数与清单不符，不能导入。")
    chain = {
        "ok": manifest.get("audit_chain_ok", False), "entries": manifest.get("audit_entries", 0),
        "head_hash": manifest.get("audit_head_hash", ""), "problem": manifest.get("audit_problem", ""),
    }
    records = PortableRecords(ordered, int(manifest.get("schema_version", 0)), chain)
    record_files = {n: d for n, d in contents.items() if n.startswith("records/")}
    if manifest.get("records_fingerprint") and records.fingerprint(record_files) != manifest["records_fingerprint"]:
        raise Tampered(f"数据包 {name} 的记录与清单中的指纹不符，不能导入。")
    return records


def _check_sequence(uid: str, sequence: int, previous: str, digest: str, name: str, checks: _Checks) -> tuple[int, bool]:
    """(gap, already imported), or Replay / OutOfOrder."""
    if checks.imported is not None:
        earlier = checks.imported(uid, sequence)
        if earlier == digest:
            return 0, True
        if earlier:
            raise Replay(
                f"数据包 {name} 是第 {sequence} 号，但已经导入过另一个第 {sequence} 号数据包：这是重放或伪造的数据包"
                "（也可能支部从旧备份恢复后重复使用了编号）。不能导入，请与支部核实。"
            )
    last = checks.last_sequence(uid) if checks.last_sequence else None
    if last is None:
        return sequence - 1, False
    last_sequence, last_hash = last
    if sequence == last_sequence and digest == last_hash:
        return 0, True
    if sequence <= last_sequence:
        if checks.imported is not None:
            raise OutOfOrder(
                f"数据包 {name} 是第 {sequence} 号，比已经导入的第 {last_sequence} 号旧：旧数据包不能覆盖较新的记录。"
                "没有做任何改动。"
            )
        raise Replay(
            f"数据包 {name} 是第 {sequence} 号，已经导入到第 {last_sequence} 号，这个数据包与导入过的不同：可能是重放的旧数据包。"
            "不能导入，没有做任何改动。"
        )
    if sequence == last_sequence + 1 and previous != last_hash:
        raise OutOfOrder(
            f"数据包 {name}（第 {sequence} 号）接在另一个第 {last_sequence} 号数据包之后，而不是已导入的那一个："
            "支部可能从旧备份恢复后重新导出过。不能导入，请与支部核实。"
        )
    return sequence - last_sequence - 1, False

"""The branch's Ed25519 key: it signs every bundle, so the upper level can tell a
bundle really comes from this branch and was not changed on the way.

The key is made when the archive is created (``init``, ``demo``) or on first need for
an older archive (``ensure``). The ``branch_uid`` is made once and kept for ever, even
if the key is ever replaced. The public half travels on a small text card
(``export_public_key``) and its fingerprint is read aloud or from paper when the upper
level enrols it, so a card swapped on the way is noticed.

Keys are stored as raw 32-byte values in base64 (``branch_key``, migration 6), so both
engines and a backup moved between them hold the same text; with an app password the
private half is sealed under it (key_at_rest.py), and signing needs the password, given
to this archive by the unlock (``AccessManager.check``) and kept in memory only.
cryptography is imported only when a key is used: opening an archive stays fast."""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path

from .. import clock
from ..errors import BranchDeskError, NotFound, ValidationError
from ..storage.binding import ArchiveBound
from . import key_at_rest

log = logging.getLogger(__name__)

TABLE = "branch_key"
CARD_FORMAT = "branchdesk-public-key/1"
# 16 bytes of SHA-256 in 8 groups of four: short enough to read aloud, long enough
# that nobody can make another key with the same fingerprint.
_FINGERPRINT_BYTES = 16
_CARD_MAX_BYTES = 64 * 1024


def fingerprint_of(public_key: bytes) -> str:
    """``3F2A-91C0-…`` (8 groups): what the upper level compares with the paper."""
    digest = hashlib.sha256(bytes(public_key)).hexdigest().upper()[: _FINGERPRINT_BYTES * 2]
    return "-".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def normalise_fingerprint(text: str) -> str:
    """A fingerprint as typed from paper (spaces, lower case, no dashes) in the stored form."""
    cleaned = "".join(ch for ch in str(text).upper() if ch in "0123456789ABCDEF")
    return "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))


def verify_signature(public_key: bytes, signature: bytes, data: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(bytes(public_key)).verify(bytes(signature), bytes(data))
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True)
class BranchIdentity:
    branch_uid: str
    fingerprint: str
    public_key: bytes
    created_at: str


@dataclass(frozen=True)
class PublicKeyCard:
    """What a public-key card says; ``fingerprint`` is checked against ``public_key``."""

    branch_uid: str
    branch_name: str
    branch_code: str
    public_key: bytes
    fingerprint: str
    created_at: str = ""


class BranchKeyManager(ArchiveBound):
    """The archive's own branch key (``archive.branch_key``)."""

    def __init__(self, archive):
        self._archive = archive
        # The app password this process was given (unlock, set), in memory only: what
        # opens a sealed private key. None until then, or when there is no password.
        self._password: str | None = None

    def unlocked_with(self, password: str | None) -> None:
        """The app password was just confirmed (or set, or removed): keep it for signing.
        A key still stored plain while a password is set (made before keys were sealed)
        is sealed now when the archive is writable; that never stops the unlock."""
        self._password = password or None
        if not password or self._archive.read_only:
            return
        try:
            plain = self._archive.db.execute_sql(f"SELECT private_key FROM {TABLE}").fetchall()
            if any(not key_at_rest.is_sealed(row[0]) for row in plain):
                with self._archive.db.atomic():
                    self.reseal(None, password)
        except BranchDeskError as error:
            log.warning("could not seal the branch key: %s", error.message())

    def reseal(self, old_password: str | None, new_password: str | None) -> None:
        """Store every private key again under ``new_password`` (plain when None); call
        it in the transaction that changes the password. Plain keys are read as they are."""
        db = self._archive.db
        p = db.param
        for key_id, stored in db.execute_sql(f"SELECT id, private_key FROM {TABLE}").fetchall():
            raw = key_at_rest.unseal(stored, old_password)
            db.execute_sql(f"UPDATE {TABLE} SET private_key = {p} WHERE id = {p}",
                           (key_at_rest.stored_form(raw, new_password), key_id))
        self._password = new_password or None

    def identity_or_none(self) -> BranchIdentity | None:
        row = self._active_row()
        if row is None:
            return None
        uid, public, _private, fingerprint, created_at = row
        return BranchIdentity(uid, fingerprint, base64.b64decode(public), created_at)

    def identity(self) -> BranchIdentity:
        """The active key's public facts; NotFound when none was made yet (see ``ensure``)."""
        found = self.identity_or_none()
        if found is None:
            raise NotFound("本支部的签名密钥", "尚未生成，请运行 branchdesk bundle key 或导出一次数据包")
        return found

    def ensure(self) -> BranchIdentity:
        """The active key, made now (one transaction, logged) if the archive has none."""
        found = self.identity_or_none()
        if found is not None:
            return found
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        archive = self._archive
        archive.require_writable()
        if archive.access.has_password() and not self._password:
            raise ValidationError("app_password", "needed", key_at_rest.NEEDS_PASSWORD)
        private = Ed25519PrivateKey.generate()
        raw_private = private.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )
        raw_public = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        fingerprint = fingerprint_of(raw_public)
        db = archive.db
        with db.atomic():
            again = self.identity_or_none()  # another PC on the same PostgreSQL archive may have won
            if again is not None:
                return again
            kept = db.execute_sql(f"SELECT branch_uid FROM {TABLE} ORDER BY id LIMIT 1").fetchone()
            branch_uid = kept[0] if kept else str(uuid.uuid4())
            created_at = clock.now().isoformat(sep=" ")
            p = db.param
            db.execute_sql(
                f"INSERT INTO {TABLE} (branch_uid, public_key, private_key, fingerprint, created_at) "
                f"VALUES ({p}, {p}, {p}, {p}, {p})",
                (branch_uid, _b64(raw_public), key_at_rest.stored_form(raw_private, self._password), fingerprint,
                 created_at),
            )
            archive.audit.record(
                "branch_key.create", f"生成本支部签名密钥（指纹 {fingerprint}）", TABLE, None,
                {"branch_uid": branch_uid, "fingerprint": fingerprint},
            )
        return BranchIdentity(branch_uid, fingerprint, raw_public, created_at)

    def sign(self, data: bytes) -> bytes:
        """Ed25519 signature of ``data`` with the active key (made first if needed)."""
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        self.ensure()
        row = self._active_row()
        return Ed25519PrivateKey.from_private_bytes(key_at_rest.unseal(row[2], self._password)).sign(bytes(data))

    def card(self) -> PublicKeyCard:
        identity = self.ensure()
        branch = self._archive.branch.own()
        return PublicKeyCard(
            identity.branch_uid, branch.name, branch.code or "", identity.public_key, identity.fingerprint,
            identity.created_at,
        )

    def export_public_key(self, path) -> Path:
        """Write the public-key card (a small UTF-8 text file) atomically; a folder gets
        the ASCII name ``BD-key-<code or uid>.txt``. Returns the file written."""
        from ..fileio import os_errors_as_storage, write_bytes_atomic

        card = self.card()
        target = Path(path)
        if target.is_dir():
            target = target / f"BD-key-{ascii_branch_tag(card.branch_code, card.branch_uid)}.txt"
        with os_errors_as_storage(target.parent, "公钥卡"):
            write_bytes_atomic(target, card_text(card).encode("utf-8"))
        return target

    def _active_row(self):
        return self._archive.db.execute_sql(
            f"SELECT branch_uid, public_key, private_key, fingerprint, created_at FROM {TABLE} "
            "WHERE retired_at IS NULL ORDER BY id DESC LIMIT 1"
        ).fetchone()


def ascii_branch_tag(code: str, branch_uid: str) -> str:
    """The branch code when it is plain ASCII, else the first 8 characters of the uid:
    file names on USB sticks stay ASCII (Chinese names live inside the files)."""
    safe = "".join(ch for ch in (code or "") if ch.isascii() and (ch.isalnum() or ch == "-"))[:24]
    return safe or branch_uid.replace("-", "")[:8]


def card_text(card: PublicKeyCard) -> str:
    lines = [
        "# BranchDesk 支部公钥卡。上级导入数据包前登记这个公钥：",
        "# 登记时请与支部书记当面或电话核对下面的「指纹」，或与支部盖章的纸面指纹核对。",
        "# 这张卡片不含任何秘密，可以用 U 盘或邮件传送。",
        f"format: {CARD_FORMAT}",
        f"branch_name: {card.branch_name}",
        f"branch_code: {card.branch_code}",
        f"branch_uid: {card.branch_uid}",
        f"public_key: {_b64(card.public_key)}",
        f"fingerprint: {card.fingerprint}",
        f"created_at: {card.created_at}",
    ]
    return "\n".join(lines) + "\n"


def read_public_key_file(path) -> PublicKeyCard:
    """Read a public-key card; a damaged card, or one whose fingerprint does not match
    its key, is refused with a message naming the file."""
    path = Path(path)
    try:
        raw = path.read_bytes()[: _CARD_MAX_BYTES + 1]
    except OSError as error:
        raise ValidationError("file", "read", f"无法读取公钥卡 {path}：{error.strerror or error}。") from None
    if len(raw) > _CARD_MAX_BYTES:
        raise ValidationError("file", "not_a_card", f"{path.name} 太大，不是 BranchDesk 支部公钥卡。")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError("file", "not_a_card", f"{path.name} 不是 BranchDesk 支部公钥卡（不是 UTF-8 文本）。") from None
    fields: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("#") or ":" not in line:
            continue
        key, _, value = line.partition(":")
        fields.setdefault(key.strip(), value.strip())
    if fields.get("format") != CARD_FORMAT:
        raise ValidationError("file", "not_a_card", f"{path.name} 不是 BranchDesk 支部公钥卡（缺少 format: {CARD_FORMAT}）。")
    try:
        branch_uid = str(uuid.UUID(fields.get("branch_uid", "")))
        public_key = base64.b64decode(fields.get("public_key", ""), validate=True)
    except (ValueError, binascii.Error):
        raise ValidationError("file", "damaged", f"公钥卡 {path.name} 的支部编号或公钥已损坏，请让支部重新导出。") from None
    if len(public_key) != 32:
        raise ValidationError("file", "damaged", f"公钥卡 {path.name} 的公钥长度不对，卡片已损坏，请让支部重新导出。")
    fingerprint = fingerprint_of(public_key)
    if normalise_fingerprint(fields.get("fingerprint", "")) != fingerprint:
        raise ValidationError(
            "file", "fingerprint", f"公钥卡 {path.name} 上写的指纹与其中的公钥不符：卡片被改动过。请让支部重新导出并当面核对指纹。"
        )
    return PublicKeyCard(
        branch_uid, fields.get("branch_name", ""), fields.get("branch_code", ""), public_key, fingerprint,
        fields.get("created_at", ""),
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(bytes(data)).decode("ascii")

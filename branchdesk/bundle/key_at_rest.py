"""The branch's private signing key as it is stored: plain, or sealed under the app password.

Without an app password the key is stored as its raw 32 bytes in base64 (as before).
With one, it is stored sealed: AES-256-GCM under a key that scrypt derives from the
password (n = 2^15, r = 8, p = 1, a fresh salt each time), as
``bdkey1$<salt>$<nonce>$<ciphertext>`` (base64 parts). Anyone who copies the database
then still cannot sign bundles in the branch's name without the password. The rest of
the database is not encrypted (README, "What the records must not hold").
"""

from __future__ import annotations

import base64
import hashlib
import secrets

from ..errors import ValidationError

PREFIX = "bdkey1$"
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}
# Binds the ciphertext to its purpose: the same password's key never opens anything else.
_PURPOSE = b"branchdesk branch signing key 1"

NEEDS_PASSWORD = (
    "本支部的签名密钥受应用密码保护，签名（导出上报数据包）前需要输入应用密码。"
    "在窗口中请先解锁；在命令行中按提示输入，或用 --app-password-file 指定含密码的文件。"
)
WRONG_PASSWORD = "应用密码无法解开本支部的签名密钥（密码不对，或密钥已损坏）。数据包没有导出。"


def is_sealed(stored: str) -> bool:
    return str(stored).startswith(PREFIX)


def _key(password: str, salt: bytes) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, maxmem=256 * 1024 * 1024, dklen=32, **_SCRYPT)


def seal(raw_private: bytes, password: str) -> str:
    """The stored text of ``raw_private`` sealed under ``password``."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    ciphertext = AESGCM(_key(password, salt)).encrypt(nonce, bytes(raw_private), _PURPOSE)
    return PREFIX + "$".join(base64.b64encode(part).decode("ascii") for part in (salt, nonce, ciphertext))


def stored_form(raw_private: bytes, password: str | None) -> str:
    """Sealed under ``password``, or plain base64 when there is no password."""
    return seal(raw_private, password) if password else base64.b64encode(bytes(raw_private)).decode("ascii")


def unseal(stored: str, password: str | None) -> bytes:
    """The raw private key; a sealed one needs ``password`` (ValidationError otherwise)."""
    if not is_sealed(stored):
        return base64.b64decode(stored)
    if not password:
        raise ValidationError("app_password", "needed", NEEDS_PASSWORD)
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        salt, nonce, ciphertext = (base64.b64decode(part) for part in stored[len(PREFIX):].split("$"))
        return AESGCM(_key(password, salt)).decrypt(nonce, ciphertext, _PURPOSE)
    except (InvalidTag, ValueError):
        raise ValidationError("app_password", "wrong", WRONG_PASSWORD) from None

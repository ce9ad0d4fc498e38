"""Password protection of a bundle: the whole ZIP encrypted in chunks with AES-GCM.

Layout (all integers big-endian)::

    header, 64 bytes, not encrypted:
      magic "BDXCRYPT" (8) | format version (1) | scrypt log2 n (1), r (1), p (1)
      | chunk size (4) | plain size (8) | salt (16) | nonce prefix (8)
      | key check (16) = HMAC-SHA256(check key, the 48 bytes before it)[:16]
    then one chunk after another: AES-GCM(chunk of the ZIP) + 16-byte tag

scrypt(password, salt) gives 64 bytes: the AES key and the check key. The nonce is the
file's random prefix and the chunk's index; the associated data is the whole header,
the chunk's index and a final-chunk flag. The scrypt parameters, the version and the
chunk size must be exactly what this program writes, and the file's size must match
the header, before any key is derived (a stranger's header cannot make us spend a
minute and gigabytes). A wrong password (or a damaged salt or key check) is then told
by the key check before any chunk; a file cut short by its size against the plain
size the authenticated header names; a chunk changed, moved or swapped by its tag."""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
import unicodedata
from collections.abc import Callable
from typing import BinaryIO

from .errors import BadPassword, NewerFormat, NotABundle, Tampered, Truncated

MAGIC = b"BDXCRYPT"
VERSION = 1
HEADER_SIZE = 64
TAG_SIZE = 16
CHUNK_SIZE = 1024 * 1024
MIN_CHUNK_SIZE, MAX_CHUNK_SIZE = 4096, 16 * 1024 * 1024
SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P = 15, 8, 1
_FIXED = struct.Struct(">8sBBBBIQ16s8s")  # the 48 bytes the key check covers


def is_encrypted(head: bytes) -> bool:
    return head[: len(MAGIC)] == MAGIC


def encrypted_size(plain_size: int, chunk_size: int | None = None) -> int:
    chunk_size = chunk_size or CHUNK_SIZE
    return HEADER_SIZE + plain_size + TAG_SIZE * _chunk_count(plain_size, chunk_size)


def _chunk_count(plain_size: int, chunk_size: int) -> int:
    return max(1, -(-plain_size // chunk_size))


def _keys(password: str, salt: bytes, log2_n: int, r: int, p: int) -> tuple[bytes, bytes]:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    secret = unicodedata.normalize("NFC", password).encode("utf-8")
    derived = Scrypt(salt=salt, length=64, n=1 << log2_n, r=r, p=p).derive(secret)
    return derived[:32], derived[32:]


def _refuse_foreign_header(name: str, version: int, cost: tuple[int, int, int], chunk_size: int) -> None:
    """Refuse, before any key is derived, a header this program never writes. The
    header is authenticated only by the key check, which needs scrypt with the
    header's own parameters: a stranger's file asking for n = 2^20 cost a minute and
    2 GB before it could be told a wrong password. So the parameters must be exactly
    those ``encrypt`` writes; a chunk size a power of two within bounds (tests write
    4 KiB chunks), which a flipped bit never is."""
    problem = ""
    if version != VERSION:
        problem = f"加密格式 {version} 不存在"
    elif cost != (SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P):
        log2_n, r, p = cost
        problem = (f"密钥参数 n=2^{log2_n}、r={r}、p={p} 不是 BranchDesk 写出的"
                   f"（本程序只写 n=2^{SCRYPT_LOG2_N}、r={SCRYPT_R}、p={SCRYPT_P}）")
    elif not (MIN_CHUNK_SIZE <= chunk_size <= MAX_CHUNK_SIZE and chunk_size & (chunk_size - 1) == 0):
        problem = f"分段大小 {chunk_size} 字节不是 BranchDesk 写出的"
    if problem:
        raise NotABundle(
            f"{name} 不是有效的 BranchDesk 数据包：加密文件头中{problem}，文件是伪造的或已损坏。"
            "没有尝试密码，也没有做任何改动；请让支部重新导出。"
        )


def _check(check_key: bytes, fixed: bytes) -> bytes:
    return hmac.new(check_key, fixed, hashlib.sha256).digest()[:16]


def _aad(header: bytes, index: int, final: bool) -> bytes:
    return header + struct.pack(">IB", index, 1 if final else 0)


def encrypt(
    source: BinaryIO, plain_size: int, out: BinaryIO, password: str,
    chunk_size: int | None = None, step: Callable[[int], None] | None = None,
) -> None:
    """Write the encrypted form of ``plain_size`` bytes of ``source`` to ``out``;
    ``step(bytes done)`` after each chunk (it may raise to stop)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    chunk_size = chunk_size or CHUNK_SIZE
    salt, prefix = os.urandom(16), os.urandom(8)
    aes_key, check_key = _keys(password, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P)
    fixed = _FIXED.pack(MAGIC, VERSION, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P, chunk_size, plain_size, salt, prefix)
    header = fixed + _check(check_key, fixed)
    out.write(header)
    aead = AESGCM(aes_key)
    count = _chunk_count(plain_size, chunk_size)
    done = 0
    for index in range(count):
        plain = source.read(min(chunk_size, plain_size - done))
        done += len(plain)
        out.write(aead.encrypt(prefix + struct.pack(">I", index), plain, _aad(header, index, index == count - 1)))
        if step:
            step(done)
    if done != plain_size:
        raise ValueError("the source ended before its stated size")


def decrypt(
    source: BinaryIO, file_size: int, out: BinaryIO, password: str, name: str,
    step: Callable[[int], None] | None = None, max_plain: int | None = None,
) -> int:
    """Decrypt ``source`` (``file_size`` bytes, the header first) into ``out``; returns
    the plain size. Raises BadPassword, Truncated, Tampered or NewerFormat."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    header = source.read(HEADER_SIZE)
    if len(header) < _FIXED.size + 1:
        raise Truncated(f"加密数据包 {name} 不完整（文件在开头就断了）：U 盘可能在复制时被拔出。请让支部重新拷贝一份。")
    version = header[len(MAGIC)]
    if version > VERSION:
        raise NewerFormat(f"加密数据包 {name} 由更新版本的 BranchDesk 制作（加密格式 {version}），请先升级本程序。")
    if len(header) < HEADER_SIZE:
        raise Truncated(f"加密数据包 {name} 不完整（文件在开头就断了）：U 盘可能在复制时被拔出。请让支部重新拷贝一份。")
    _magic, _v, log2_n, r, p, chunk_size, plain_size, salt, prefix = _FIXED.unpack(header[: _FIXED.size])
    _refuse_foreign_header(name, version, (log2_n, r, p), chunk_size)
    if max_plain is not None and plain_size > max_plain:
        from .errors import TooLarge

        raise TooLarge(f"加密数据包 {name} 声明的内容有 {plain_size / 1024**3:.1f} GB，超过允许的上限，不予打开。")
    # Checked before the key is derived: a damaged or forged size costs nothing.
    expected = encrypted_size(plain_size, chunk_size)
    if file_size < expected:
        raise Truncated(
            f"加密数据包 {name} 不完整：应有 {expected} 字节，只有 {file_size} 字节。U 盘可能在复制时被拔出，请让支部重新拷贝一份。"
        )
    if file_size > expected:
        raise Tampered(f"加密数据包 {name} 末尾多出了 {file_size - expected} 字节：文件被改动过，不能导入。请让支部重新导出。")
    aes_key, check_key = _keys(password, salt, log2_n, r, p)
    if not hmac.compare_digest(_check(check_key, header[: _FIXED.size]), header[_FIXED.size :]):
        raise BadPassword(f"数据包 {name} 的密码不对（或文件开头已损坏）。请向支部核对密码后重试；没有做任何改动。")
    aead = AESGCM(aes_key)
    count = _chunk_count(plain_size, chunk_size)
    done = 0
    for index in range(count):
        size = min(chunk_size, plain_size - done) + TAG_SIZE
        sealed = source.read(size)
        if len(sealed) < size:
            raise Truncated(f"加密数据包 {name} 在读取时断了（第 {index + 1} 段）：文件不完整，请重新拷贝。")
        try:
            plain = aead.decrypt(prefix + struct.pack(">I", index), sealed, _aad(header, index, index == count - 1))
        except InvalidTag:
            raise Tampered(
                f"加密数据包 {name} 的第 {index + 1} 段（共 {count} 段）校验失败：内容被改动、调换或损坏。不能导入，请让支部重新导出。"
            ) from None
        out.write(plain)
        done += len(plain)
        if step:
            step(done)
    return plain_size

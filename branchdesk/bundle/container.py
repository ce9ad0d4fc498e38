"""The ZIP inside a bundle: written in a fixed shape, read with suspicion.

A bundle's ZIP starts with an uncompressed ``mimetype`` entry (as EPUB and ODF do), so
a file is recognised as a bundle from its first bytes, and a bundle whose end is
missing is told apart from a file that is not a bundle at all. Reading refuses, before
anything is extracted: names that could escape a folder (``../``, absolute paths,
drive letters, back-slashes), duplicate names (also differing only in case, which
Windows would merge), links, folders, encrypted or oddly compressed entries, names
outside the bundle's layout, and sizes or compression ratios of a zip bomb."""

from __future__ import annotations

import re
import stat
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from typing import BinaryIO

from .errors import NotABundle, Tampered, TooLarge, Truncated, UnsafeEntry

MIMETYPE_NAME = "mimetype"
MIMETYPE = b"application/vnd.branchdesk.bundle"
MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"
# The first bytes of every plain bundle: a local header, then the name and the content.
_LOCAL_HEADER = b"PK\x03\x04"
_NAME_AT, _CONTENT_AT = 30, 30 + len(MIMETYPE_NAME)

# What a reader accepts (a branch's ten years are far below; more is split by year).
MAX_CONTENT = 2 * 1024**3  # all entries together, uncompressed
MAX_ENTRY = 1024**3
MAX_ENTRIES = 100_000
MAX_MANIFEST = 32 * 1024**2
MAX_RATIO = 200  # uncompressed / compressed, for entries above RATIO_FROM
RATIO_FROM = 1024**2

ALLOWED_NAME = re.compile(
    r"^(mimetype|manifest\.json|manifest\.sig|records/[a-z][a-z0-9_]{0,62}\.json"
    r"|papers/[A-Za-z0-9][A-Za-z0-9_.-]{0,80}\.pdf|attachments/[0-9a-f]{64})$"
)
_DRIVE = re.compile(r"^[A-Za-z]:")
_CHUNK = 1024 * 1024


def starts_like_bundle(head: bytes) -> bool:
    """True when ``head`` (the file's first bytes) is, or begins, a plain bundle's marker."""
    marker = _LOCAL_HEADER
    if len(head) < _CONTENT_AT:
        return len(head) > 0 and (head[:4] == marker[: len(head[:4])])
    return head[:4] == marker and head[_NAME_AT:_CONTENT_AT] == MIMETYPE_NAME.encode()


def write_mimetype(archive: zipfile.ZipFile) -> None:
    info = zipfile.ZipInfo(MIMETYPE_NAME, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    archive.writestr(info, MIMETYPE)


def entry_info(name: str, compressed: bool, date_time: tuple) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=date_time)
    info.compress_type = zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    return info


def open_zip(source: BinaryIO, size: int, name: str) -> zipfile.ZipFile:
    """Open the bundle's ZIP; a missing end (cut short) is Truncated, other damage Tampered."""
    try:
        return zipfile.ZipFile(source)
    except zipfile.BadZipFile as error:
        # The end-of-directory record (22 bytes and a comment) is the last thing written:
        # missing or incomplete means the file was cut short.
        source.seek(max(0, size - 65557))
        tail = source.read()
        end_record = tail.rfind(b"PK\x05\x06")
        if end_record < 0 or end_record + 22 > len(tail):
            raise Truncated(
                f"数据包 {name} 不完整（文件末尾缺失，只有 {size} 字节）：U 盘可能在复制时被拔出。"
                "请让支部重新拷贝一份；没有做任何改动。"
            ) from error
        raise Tampered(f"数据包 {name} 的目录已损坏（{error}），不能导入。请让支部重新导出。") from error
    except (OSError, EOFError, ValueError) as error:
        raise Tampered(f"数据包 {name} 已损坏，无法读取（{error}）。请让支部重新导出。") from error


def check_entries(archive: zipfile.ZipFile, name: str) -> dict[str, zipfile.ZipInfo]:
    """Every entry, after refusing unsafe names and zip-bomb sizes; by name."""
    infos = archive.infolist()
    if not infos or infos[0].filename != MIMETYPE_NAME:
        raise NotABundle(f"{name} 不是 BranchDesk 数据包（缺少标记）。请选择支部导出的 .bdx 文件。")
    if len(infos) > MAX_ENTRIES:
        raise TooLarge(f"数据包 {name} 里有 {len(infos)} 个文件，超过上限 {MAX_ENTRIES}，不予打开。")
    folded = Counter(info.filename.casefold() for info in infos)
    repeated = sorted(n for n, count in folded.items() if count > 1)
    if repeated:
        raise UnsafeEntry(f"数据包 {name} 中有重名的条目「{repeated[0]}」：可能是伪造的，不予打开，没有做任何改动。")
    for info in infos:
        problem = unsafe_reason(info)
        if problem:
            raise UnsafeEntry(f"数据包 {name} 含有不安全的条目「{info.filename}」（{problem}），不予打开，没有做任何改动。")
    total = 0
    for info in infos:
        if info.file_size > MAX_ENTRY:
            raise TooLarge(f"数据包 {name} 的条目「{info.filename}」声明有 {info.file_size / 1024**3:.1f} GB，超过上限，不予打开。")
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise TooLarge(
                f"数据包 {name} 的条目「{info.filename}」压缩比异常（{info.compress_size} 字节解压成 {info.file_size} 字节），"
                "疑似压缩炸弹，不予打开。"
            )
        total += info.file_size
    if total > MAX_CONTENT:
        raise TooLarge(f"数据包 {name} 解压后共 {total / 1024**3:.1f} GB，超过上限 {MAX_CONTENT / 1024**3:.0f} GB，不予打开。请让支部按年份分开导出。")
    return {info.filename: info for info in infos}


def unsafe_reason(info: zipfile.ZipInfo) -> str:
    """Why an entry is unsafe or foreign to a bundle ('' if it is fine)."""
    entry = info.filename
    parts = entry.split("/")
    if "\\" in entry:
        return "含反斜杠的路径"
    if entry.startswith("/") or _DRIVE.match(entry):
        return "绝对路径"
    if ".." in parts or "." in parts:
        return "路径跳出文件夹"
    if info.is_dir():
        return "文件夹条目"
    if "" in parts:
        return "路径含空的部分"
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in entry):
        return "名称含控制字符"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "符号链接"
    if info.flag_bits & 0x1:
        return "单独加密的条目"
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return "不支持的压缩方式"
    if not ALLOWED_NAME.match(entry):
        return "不属于数据包的文件"
    return ""


def read_entry(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, bundle_name: str, sink: Callable[[bytes], None]
) -> None:
    """Feed the entry's bytes to ``sink`` piece by piece; damage (a CRC or a stream
    that ends early or runs long) is Tampered."""
    try:
        with archive.open(info) as handle:
            while piece := handle.read(_CHUNK):
                sink(piece)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError) as error:
        # A damaged deflate stream surfaces as zlib.error before any checksum is compared.
        raise Tampered(f"数据包 {bundle_name} 的「{info.filename}」已损坏或被改动（{error}），不能导入。请让支部重新导出。") from error


def read_small(archive: zipfile.ZipFile, info: zipfile.ZipInfo, bundle_name: str, limit: int) -> bytes:
    if info.file_size > limit:
        raise TooLarge(f"数据包 {bundle_name} 的「{info.filename}」大得异常（{info.file_size} 字节），不予打开。")
    pieces: list[bytes] = []
    read_entry(archive, info, bundle_name, pieces.append)
    return b"".join(pieces)

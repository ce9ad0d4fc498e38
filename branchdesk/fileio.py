"""Atomic file writing: temporary file in the same folder, fsync, rename."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path

from .errors import StorageError

READ_ONLY_TEXT = "{folder} 是只读的（U 盘的写保护开关打开了，或以只读方式挂载），无法写入。请关闭写保护或换一个位置。"


# What the program writes is for the archive's owner alone (it holds criticism texts,
# ID numbers and the branch's signing key): folders 0700, files 0600 on POSIX systems.
# Windows keeps its own access lists; there these modes change nothing.
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


def make_private(path: str | os.PathLike, folder: bool = False) -> None:
    """Owner-only permissions on ``path`` when they are wider (a file or folder made by
    an older version, or copied in); a failure (not ours, a FAT stick) is ignored."""
    if os.name == "nt":
        return
    mode = PRIVATE_FOLDER if folder else PRIVATE_FILE
    with contextlib.suppress(OSError):
        if os.stat(path, follow_symlinks=False).st_mode & 0o777 & ~mode:
            os.chmod(path, mode, follow_symlinks=False)


def make_private_folder(folder: Path) -> None:
    """``folder`` created if missing, owner-only, and so are the parents it creates
    (``mkdir(parents=True)`` would give those the usual, wider permissions). A folder
    that exists is left as it is: it may be the user's own (the desktop, a stick)."""
    folder = Path(folder)
    missing = [each for each in (folder, *folder.parents) if not each.exists()]
    for each in reversed(missing):
        each.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)


def create_private_file(path: Path) -> None:
    """Create the empty file ``path`` owner-only, before a library (SQLite) opens it:
    a file it creates itself gets the process's usual, wider permissions."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))


def fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a directory for fsync; rename is durable there
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def storage_error_from(error: OSError, folder: Path | None = None, what: str = "文件") -> StorageError:
    """Disk full, read-only, no permission, device gone: one clear Chinese message each.
    ``folder`` is where the write went (from the error itself when not given); ``what``
    names the work that did not finish (备份, 导出)."""
    if folder is None:
        folder = Path(error.filename).parent if error.filename else Path(".")
    code = error.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        text = f"{folder} 空间已满，{what}没有写完。没有留下不完整的文件；请清理空间或换一个 U 盘/文件夹后重试。"
    elif code == errno.EROFS:
        text = READ_ONLY_TEXT.format(folder=folder)
    elif code in (errno.EACCES, errno.EPERM):
        text = f"没有写入 {folder} 的权限。请换一个文件夹，或请管理员开放写入权限。"
    elif code in (errno.EIO, errno.ENODEV, errno.ENXIO, errno.ENOENT):
        text = f"读写 {folder} 时出错（存储设备可能被拔出）。{what}没有完成；请重新插好后再试。"
    else:
        text = f"写入 {folder} 失败：{error.strerror or error}。{what}没有完成。"
    return StorageError(text)


@contextlib.contextmanager
def os_errors_as_storage(folder: Path, what: str = "备份") -> Iterator[None]:
    """OSErrors in the block become the StorageError of ``storage_error_from``."""
    try:
        yield
    except OSError as error:
        raise storage_error_from(error, folder, what) from error


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yields a temporary path next to ``target``; when the block succeeds the file is
    flushed to disk and renamed over ``target``. On failure ``target`` is untouched."""
    target = Path(target)
    tmp = None
    # A full disk, a write-protected stick, a pulled device: a Chinese message, never a traceback.
    with os_errors_as_storage(target.parent, "文件"):
        try:
            make_private_folder(target.parent)
            import tempfile  # (with random, shutil, bz2 and lzma) not at every start

            # mkstemp makes the file 0600; the rename keeps that.
            fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", suffix=target.suffix, dir=target.parent)
            os.close(fd)
            tmp = Path(tmp_name)
            yield tmp
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(tmp, target)
            fsync_dir(target.parent)
        finally:
            # No partial file is left behind; if the device is gone, there is nothing to remove.
            if tmp is not None:
                with contextlib.suppress(OSError):
                    tmp.unlink(missing_ok=True)


def write_bytes_atomic(target: Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)

"""Atomic file writing: temporary file in the same folder, fsync, rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


# What the program writes is for the archive's owner alone (it holds criticism texts,
# ID numbers and the branch's signing key): folders 0700, files 0600 on POSIX systems.
# Windows keeps its own access lists; there these modes change nothing.
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


def make_private(path: Path, folder: bool = False) -> None:
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


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yields a temporary path next to ``target``; when the block succeeds the file is
    flushed to disk and renamed over ``target``. On failure ``target`` is untouched."""
    target = Path(target)
    make_private_folder(target.parent)
    # mkstemp makes the file 0600; the rename keeps that.
    fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        fsync_dir(target.parent)
    finally:
        # No partial file is left behind; if the device is gone, there is nothing to remove.
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def write_bytes_atomic(target: Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)

"""Tightening an archive's permissions to its owner alone (POSIX).

Archives made before this version (and folders copied in) were readable by every
local user: the database holds criticism texts, ID numbers and the branch's signing
key. Each writable open narrows the archive's folders to 0700 and its files to 0600;
what is made from now on is created that way (fileio.py, the database file itself,
the lock file). SQLite gives the -wal, -shm and -journal files the database file's
own permissions, so a 0600 database gets 0600 companions.
"""

from __future__ import annotations

import os
from pathlib import Path

from .. import paths
from ..fileio import make_private
from .health import DATABASE_SUFFIXES


def tighten(layout: paths.ArchiveLayout) -> None:
    """Owner-only permissions on the archive's folders and the files the program made
    there; anything that cannot be changed (not ours, a FAT stick) is left as it is."""
    if os.name == "nt":
        return
    for folder in layout.folders():
        make_private(folder, folder=True)
    for suffix in DATABASE_SUFFIXES:
        make_private(Path(f"{layout.database}{suffix}"))
    for entry in _entries(layout.root):
        if entry.is_file(follow_symlinks=False):
            make_private(entry.path)  # the lock file, the attempts file
    for folder in (layout.backups, layout.exports, layout.aside, layout.drafts):
        for entry in _entries(folder):
            if entry.is_file(follow_symlinks=False):
                make_private(entry.path)
    for sub in _entries(layout.attachments):
        if sub.is_dir(follow_symlinks=False):
            make_private(sub.path, folder=True)
            for entry in _entries(Path(sub.path)):
                if entry.is_file(follow_symlinks=False):
                    make_private(entry.path)
        elif sub.is_file(follow_symlinks=False):
            make_private(sub.path)


def _entries(folder: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as found:
            return list(found)
    except OSError:
        return []

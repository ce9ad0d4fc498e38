"""Removing the temporary files this program left when it was killed mid-write.

Atomic writes go to a hidden temporary name first (fileio.py, safety/backup.py,
bundle/writer.py, upper/importer.py); a crash or a pulled plug leaves that file (or the
bundle's staging folder) behind for ever. They are removed at the next writable open
(the archive's own folders) and at the next backup to the same stick — only names of
exactly the shapes this program makes, only once they are older than ``SAFE_AGE`` (a
write still running elsewhere is never touched), never links, never anything else.
Previews left in ``previews/`` go at the next writable open whatever their age.
"""

from __future__ import annotations

import logging
import os
import re
import time
from pathlib import Path

from ..patterns import compile_on_use

log = logging.getLogger(__name__)

# Far longer than any write takes (a backup or a bundle of several GB on a slow stick).
SAFE_AGE_S = 12 * 3600

_RANDOM8 = r"[a-z0-9_]{8}"  # what tempfile puts in a name
_SUFFIX = r"(\.[A-Za-z0-9]{1,10})?"
# fileio.atomic_path: tempfile.mkstemp(prefix=".tmp-", suffix=<the target's suffix>)
ATOMIC_TEMP = compile_on_use(rf"\.tmp-{_RANDOM8}{_SUFFIX}")
# safety/backup.py: the backup staged on the local disk before it goes to a stick
STAGED_BACKUP = compile_on_use(r"\.staging-\d+-[0-9a-f]{8}\.sqlite3")
# upper/importer.py: an attachment from a bundle, named by its SHA-256
IMPORTED_FILE = compile_on_use(rf"\.tmp-\d+-\d+-[0-9a-f]{{64}}{_SUFFIX}")
# bundle/writer.py: tempfile.mkdtemp(prefix=".bdx-staging-") in exports/ (a folder)
BUNDLE_STAGING = compile_on_use(rf"\.bdx-staging-{_RANDOM8}")

# ui/toolkit/paper_preview.py: a paper written only to be shown (mkstemp(prefix="preview-",
# suffix=".pdf")), and the names earlier versions gave meeting papers
PREVIEW_FILE = compile_on_use(rf"(preview-{_RANDOM8}|meeting-\d+-[a-z_]+)\.pdf")

# bundle/paper_cache.py: a kept yearly PDF and its sidecar (a crash between their writes
# leaves one without the other)
KEPT_PAPER = compile_on_use(r"(\d{4})\.(pdf|json)")

FILE_PATTERNS = (ATOMIC_TEMP, STAGED_BACKUP, IMPORTED_FILE)
# On a stick, which is the user's as much as ours: only a backup's or a bundle's.
STICK_TEMP = compile_on_use(rf"\.tmp-{_RANDOM8}\.(sqlite3|bdx)")


def remove_leftovers(folder: Path, patterns=FILE_PATTERNS, folders: bool = False, now: float | None = None,
                     min_age_s: float = SAFE_AGE_S) -> list[Path]:
    """Remove our temporary files older than ``min_age_s`` (and, with ``folders``, bundle
    staging folders) in ``folder``; return what was removed. Failures are logged, never raised: cleaning up
    must not stop the work it precedes."""
    now = time.time() if now is None else now
    removed = []
    try:
        with os.scandir(folder) as entries:
            found = list(entries)
    except OSError:
        return removed
    for entry in found:
        path = Path(entry.path)
        try:
            if entry.is_symlink():
                continue
            if entry.is_file() and any(p.fullmatch(entry.name) for p in patterns) and \
                    now - entry.stat().st_mtime >= min_age_s:
                path.unlink()
            elif folders and entry.is_dir() and BUNDLE_STAGING.fullmatch(entry.name) and _old_tree(path, now):
                import shutil  # here: it pulls in bz2 and lzma, ~3 ms of every open (issue 18)

                shutil.rmtree(path)
            else:
                continue
        except OSError as error:
            log.warning("could not remove the leftover %s: %s", path, error)
            continue
        log.info("removed a leftover temporary file %s", path)
        removed.append(path)
    return removed


def remove_archive_leftovers(layout) -> list[Path]:
    """The archive's own folders (at a writable open)."""
    removed = []
    for folder in (layout.root, layout.backups):
        removed += remove_leftovers(folder)
    removed += remove_leftovers(layout.exports, folders=True)
    removed += remove_attachment_leftovers(layout.attachments)
    removed += remove_preview_leftovers(layout.previews)
    removed += remove_paper_cache_leftovers(layout.paper_cache)
    return removed


def remove_paper_cache_leftovers(folder: Path, now: float | None = None) -> list[Path]:
    """``paper-cache/``: temporary files of a write cut short, and a kept PDF or sidecar
    whose partner is missing (the PDF is written first; nothing vouches for it alone).
    Same age rule as every other leftover."""
    removed = remove_leftovers(folder, (ATOMIC_TEMP,), now=now)
    try:
        names = {entry.name for entry in os.scandir(folder) if entry.is_file(follow_symlinks=False)}
    except OSError:
        return removed
    partner = {"pdf": "json", "json": "pdf"}
    orphans = {name for name in names
               if (match := KEPT_PAPER.fullmatch(name)) and f"{match.group(1)}.{partner[match.group(2)]}" not in names}
    return removed + remove_leftovers(folder, tuple(re.compile(re.escape(name)) for name in sorted(orphans)), now=now)


def remove_preview_leftovers(previews: Path) -> list[Path]:
    """``previews/``: each file goes when its preview closes; one still there was open when
    the program was closed or the power cut. Removed whatever its age: this runs only at a
    writable open, with the lock held, so no other copy of the program is showing it (a
    read-only copy previews into the system's temporary folder)."""
    return remove_leftovers(previews, (PREVIEW_FILE, ATOMIC_TEMP), min_age_s=0)


def remove_attachment_leftovers(attachments: Path) -> list[Path]:
    """``attachments/`` and its two-letter sub-folders (in the archive or on a stick)."""
    removed = remove_leftovers(attachments)
    try:
        with os.scandir(attachments) as entries:
            subfolders = [Path(e.path) for e in entries if e.is_dir(follow_symlinks=False)]
    except OSError:
        return removed
    for subfolder in subfolders:
        removed += remove_leftovers(subfolder)
    return removed


def remove_stick_leftovers(folder: Path) -> list[Path]:
    """A backup folder outside the archive (a USB stick), before the next backup to it."""
    return remove_leftovers(folder, (STICK_TEMP,)) + remove_attachment_leftovers(folder / "attachments")


def _old(mtime: float, now: float) -> bool:
    return now - mtime > SAFE_AGE_S


def _old_tree(folder: Path, now: float) -> bool:
    """Every file and folder in it old, and no links (a staging folder holds only ours)."""
    if not _old(folder.stat().st_mtime, now):
        return False
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            if path.is_symlink() or not _old(path.stat().st_mtime, now):
                return False
    return True

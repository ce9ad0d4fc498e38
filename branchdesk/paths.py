"""Where an archive lives: ``--data-dir``, ``BRANCHDESK_DATA_DIR``, or the user-data folder."""

from __future__ import annotations

import os
from pathlib import Path

from .fileio import make_private_folder

ENV_DATA_DIR = "BRANCHDESK_DATA_DIR"
ENV_DB_URL = "BRANCHDESK_DB_URL"
DB_FILE = "branchdesk.sqlite3"


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser().resolve()
    if os.environ.get(ENV_DATA_DIR):
        return Path(os.environ[ENV_DATA_DIR]).expanduser().resolve()
    import platformdirs  # with tempfile, shutil and random: loaded only when no folder was named

    return Path(platformdirs.user_data_dir("BranchDesk", appauthor=False))


# Why such an archive opened read-only (the home page's banner, ``branchdesk check``).
WRITE_PROTECTED = (
    "档案库所在的文件夹 {folder} 不能写入（U 盘的写保护开关打开了，或以只读方式挂载），"
    "已以只读方式打开：可以查看、检查和导出，不能保存修改，也不做自动备份。"
    "要修改，请关闭写保护（或把档案库复制到本机硬盘）后重新打开。"
)


def write_protected(folder: Path) -> bool:
    """True when nothing can be written in ``folder``: a write-protected USB stick, a
    file system mounted read-only, or a folder this user may not write. A folder that
    does not exist yet is not (it will be created)."""
    folder = Path(folder)
    if not folder.is_dir():
        return False
    if hasattr(os, "statvfs"):
        try:
            if os.statvfs(folder).f_flag & os.ST_RDONLY:
                return True
        except OSError:
            pass
    return not os.access(folder, os.W_OK | os.X_OK)


def db_url(explicit: str | None = None) -> str | None:
    return explicit or os.environ.get(ENV_DB_URL) or None


class ArchiveLayout:
    """The folders of one archive."""

    def __init__(self, root: Path):
        self.root = root
        self.database = root / DB_FILE
        self.attachments = root / "attachments"
        self.backups = root / "backups"
        self.exports = root / "exports"
        # Papers written only to be shown in a preview; each is removed when its preview closes.
        # Created when first needed, so not among ``folders()``.
        self.previews = root / "previews"
        # Yearly archive PDFs kept for the next bundle, each with the key it was printed
        # under (branchdesk/bundle/paper_cache.py). Created when first needed.
        self.paper_cache = root / "paper-cache"
        # Databases moved out of the way (damaged at start-up, or replaced by a restore).
        # Nothing in it is ever deleted by the program.
        self.aside = root / "aside"
        # What an editor held before it was saved (power-cut drafts, branchdesk/drafts):
        # not records, so never in a backup, bundle or yearbook.
        self.drafts = root / "drafts"
        self.lock_file = root / "branchdesk.lock"
        # Details for the technician (tracebacks, repaired guards); never shown on screen.
        self.log_file = root / "branchdesk.log"

    def folders(self) -> tuple[Path, ...]:
        return (self.root, self.attachments, self.backups, self.exports, self.aside, self.drafts)

    def create(self) -> None:
        """The folders, owner-only (they hold sensitive records and the signing key)."""
        for folder in self.folders():
            make_private_folder(folder)

"""年度档案: the yearly archive PDF a branch hands upward — cover, contents, bookmarks,
every record of the year by category, continuous page numbers and an appendix of the
attached files with their SHA-256. Qt-free; the window and the CLI call it.

    from branchdesk.yearbook import write_year_archive, year_fingerprint
    result = write_year_archive(archive, 2025, "2025.pdf", progress=..., cancel=...)

The categories come from section providers (``registry.PROVIDERS``); 目标管理 is printed
by ``branchdesk.targets.papers.year_blocks``."""

from .book import branch_key_fingerprint
from .fingerprint import grouped, year_fingerprint
from .retention import RETENTION_CHOICES, retention, set_retention
from .writer import SectionCount, YearArchiveResult, write_year_archive

__all__ = [
    "RETENTION_CHOICES", "SectionCount", "branch_key_fingerprint", "YearArchiveResult", "grouped", "retention", "set_retention",
    "write_year_archive", "year_fingerprint",
]

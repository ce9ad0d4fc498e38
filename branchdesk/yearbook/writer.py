"""Writing the yearly archive PDF: read the year's records, lay the archive out (the
contents' page numbers and the page total settle in a second pass), write it atomically.

``write_year_archive`` reads the database and prints: run it in a worker with its own
connection (``ui.workers.run_in_background(..., db=archive.db)``), never with widgets."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import clock
from ..archival import volume_retention
from ..errors import Cancelled, ValidationError
from ..fileio import os_errors_as_storage
from ..text import quoted
from .book import CoverFacts, year_paper
from .fingerprint import fingerprint_of
from .retention import checked_retention
from .retention import retention as archive_retention

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class SectionCount:
    key: str
    title: str
    count: int
    unit: str


@dataclass(frozen=True)
class YearArchiveResult:
    """What was written: ``pages`` (as printed on the cover), ``sections`` (each part
    with its number of records), ``path``, the file's ``sha256`` and ``size``, the
    year's ``fingerprint`` and ``substitutions`` (characters printed with a fallback
    font → its name); ``stand_ins``: standard fonts this machine lacks → what stood in. ``retention``: the 保管期限 printed, ``chosen_retention`` the one
    asked for (they differ when a record of the year is kept longer)."""

    pages: int
    sections: list[SectionCount]
    path: Path
    sha256: str
    size: int
    fingerprint: str
    attachments: int
    substitutions: dict[str, str]
    retention: str = ""
    chosen_retention: str = ""
    stand_ins: dict[str, str] = field(default_factory=dict)

    @property
    def retention_note(self) -> str:
        """A sentence for the user when the 保管期限 printed is longer than the one chosen."""
        if not self.chosen_retention or self.retention == self.chosen_retention:
            return ""
        return (f"保管期限按所收记录中最长的“{self.retention}”填写（设置为“{self.chosen_retention}”，"
                f"但本年度有保管期限为{self.retention}的记录）。")


class _Steps:
    """Progress and cancel for the caller: ``cancel()`` is asked at every step."""

    def __init__(self, progress: Progress | None, cancel: Callable[[], bool] | None):
        self._progress, self._cancel = progress, cancel
        self.passes, self.first_pass_pages, self._last_page = 0, 0, 0

    def __call__(self, done: int, total: int, text: str) -> None:
        if self._cancel is not None and self._cancel():
            raise Cancelled("已取消导出年度档案，没有留下文件。")
        if self._progress is not None:
            self._progress(done, total, text)

    def page(self, number: int) -> None:
        """After each laid-out page; a page 1 starts a new pass."""
        if number <= self._last_page or self.passes == 0:
            self.passes += 1
        self._last_page = number
        if self.passes == 1:
            self.first_pass_pages = number
            self(number, 0, f"正在排版：第 {number} 页")
        else:  # the pass that prints the contents' page numbers and the total (usually the last)
            self(min(number, self.first_pass_pages), self.first_pass_pages,
                 f"正在排版（第 {self.passes} 遍，核对页码）：第 {number} 页")


def _checked_target(out_path) -> Path:
    path = Path(out_path)
    if path.suffix.lower() != ".pdf":
        raise ValidationError("out", "suffix", f"年度档案文件{quoted(path.name)}的扩展名应为 .pdf。")
    if not path.parent.is_dir():
        raise ValidationError("out", "folder", f"文件夹 {path.parent} 不存在。请先插好 U 盘或选择一个已有的文件夹。")
    return path


def _checked_year(year: int, today: dt.date) -> int:
    if not isinstance(year, int) or not 1921 <= year <= today.year:
        raise ValidationError("year", "range", f"年度{quoted(year)}无效，请填写 1921 到 {today.year} 之间的年份。")
    return year


@dataclass(frozen=True)
class PreparedYear:
    """A year's archive read and laid out as a ``Paper``, not yet printed: ``fingerprint``
    (the year's 档案指纹), the ``sections``, the 保管期限 printed (``kept``) and chosen,
    and the cover's ``facts``."""

    paper: object
    fingerprint: str
    sections: list
    kept: str
    chosen: str
    facts: CoverFacts

    def undated_paper(self):
        """The same paper without its 编制日期: what a kept copy must match to be reused
        (the date says when the volume was made; everything else must be as now)."""
        return year_paper(dataclasses.replace(self.facts, made_on=None), self.sections)


def prepare_year_archive(archive, year: int, *, progress: Progress | None = None,
                         cancel: Callable[[], bool] | None = None, key_fingerprint: str = "",
                         bundle_fingerprint: str = "", retention: str | None = None,
                         today: dt.date | None = None) -> PreparedYear:
    """Read ``year``'s records and build its paper (what ``write_year_archive`` prints).
    Raises ``ValidationError`` for a bad year or a year without any record."""
    from .registry import PROVIDERS

    today = today or clock.today()
    year = _checked_year(year, today)
    chosen = checked_retention(retention) if retention is not None else archive_retention(archive)
    steps = _Steps(progress, cancel)
    sections, refs = [], []
    for n, provider in enumerate(PROVIDERS):
        steps(n, len(PROVIDERS), f"正在读取 {year} 年度的记录…")
        sections += provider.sections(archive, year, today)
        refs += provider.records(archive, year)
    if not refs:
        raise ValidationError("year", "empty", f"{year} 年度没有任何记录，不生成年度档案。请检查年份。")
    steps(len(PROVIDERS), len(PROVIDERS), "正在计算档案指纹…")
    fingerprint = fingerprint_of(archive.db, year, refs)
    # the volume is kept as long as its longest-kept record (branchdesk/archival.py)
    kept = volume_retention(chosen, [s.retention for s in sections if s.total])
    own = archive.branch.own()
    facts = CoverFacts(own.name, year, kept, fingerprint, bundle_fingerprint.strip(),
                       key_fingerprint.strip(), today, own.code or "")
    return PreparedYear(year_paper(facts, sections), fingerprint, sections, kept, chosen, facts)


def write_year_archive(archive, year: int, out_path, *, progress: Progress | None = None,
                       cancel: Callable[[], bool] | None = None, key_fingerprint: str = "",
                       bundle_fingerprint: str = "", retention: str | None = None,
                       today: dt.date | None = None, library=None,
                       prepared: PreparedYear | None = None) -> YearArchiveResult:
    """Writes ``year``'s archive to ``out_path`` (.pdf) and returns what it holds.

    ``progress(done, total, text)`` is called while records are read and pages laid
    out (``total`` 0 while the number of pages is not yet known); ``cancel()``
    returning True stops at the next step, and nothing is left at ``out_path`` (nor
    any temporary file). ``retention``: 保管期限 for this export, default the archive
    setting. ``prepared``: the year already read (``prepare_year_archive``). Raises
    ``ValidationError`` for a bad year or path, or a year without any
    record; ``MissingGlyphs`` before writing when a character cannot be printed;
    ``StorageError`` when the disk fails (full, read-only, removed); ``Cancelled``."""
    from ..papers import render

    target = _checked_target(out_path)
    steps = _Steps(progress, cancel)
    if prepared is None:
        prepared = prepare_year_archive(archive, year, progress=progress, cancel=cancel,
                                        key_fingerprint=key_fingerprint, bundle_fingerprint=bundle_fingerprint,
                                        retention=retention, today=today)
    steps(0, 0, "正在准备排版…")
    with os_errors_as_storage(target.parent, "年度档案导出"):
        result = render(prepared.paper, target, library=library, progress=steps.page)
    sections = prepared.sections
    counts = [SectionCount(s.key, s.title, s.total, s.unit) for s in sections]
    return YearArchiveResult(result.pages, counts, target, result.sha256, result.size, prepared.fingerprint,
                             sum(len(s.attachments) for s in sections), result.substitutions, prepared.kept,
                             prepared.chosen, result.stand_ins)

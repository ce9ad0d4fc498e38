"""The yearly archive PDFs a bundle carries (``papers/<year>.pdf``), one per year.

They are made by ``branchdesk.yearbook.write_year_archive``,
with the key fingerprint and, as its ``bundle_fingerprint``, the year's records
fingerprint (``PortableRecords.year_fingerprint``) for the cover: the upper level
recomputes it from the bundle's records and so matches the paper with them. A year whose paper
cannot be made (say, a name with an emoji no font can print) travels without it; the
reason is kept in the manifest (``paper_problems``) and shown on both sides.

A year printed before with nothing changed is not printed again: the kept copy in
``paper-cache/`` is used once it checks out (``paper_cache``, docs/domain.md §6.3.1)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import BranchDeskError
from .errors import BundleCancelled


@dataclass(frozen=True)
class YearPaper:
    year: int
    name: str  # inside the bundle: papers/<year>.pdf
    path: Path  # the staged file


def make_year_papers(
    archive, years: list[int], records, key_fingerprint: str, folder: Path,
    step: Callable[[int, int, str], None] | None = None,
) -> tuple[list[YearPaper], dict[str, str]]:
    """(papers made or reused, {year: why a paper is missing}). A year without records
    gets no paper and no remark; a cancel raised by ``step`` goes through. ``folder``:
    the bundle's staging folder, for a paper that cannot be kept."""
    from ..yearbook.writer import (  # reportlab loads only for papers
        prepare_year_archive,
        write_year_archive,
    )
    from . import paper_cache

    kept = paper_cache.folder_of(archive)
    made: list[YearPaper] = []
    problems: dict[str, str] = {}
    with_records = set(records.years())
    for index, year in enumerate(years):
        if year not in with_records:
            continue
        if step:
            step(index, len(years), f"正在生成 {year} 年度档案 PDF…")
        try:
            prepared = prepare_year_archive(archive, year, progress=_paper_progress(step, year),
                                            key_fingerprint=key_fingerprint,
                                            bundle_fingerprint=records.year_fingerprint(year))
            key = paper_cache.paper_key(prepared)
            found = paper_cache.find(kept, year, key, prepared.fingerprint)
            if found is None:
                paper_cache.forget(kept, year)
                target = folder / f"{year}.pdf" if key is None else paper_cache.target(kept, year)
                written = write_year_archive(archive, year, target, progress=_paper_progress(step, year),
                                             prepared=prepared)
                if key is not None:
                    paper_cache.store(kept, year, key, prepared.fingerprint, written.pages)
                found = written.path
        except BundleCancelled:
            raise
        except BranchDeskError as error:
            problems[str(year)] = error.message()
            continue
        made.append(YearPaper(year, f"papers/{year}.pdf", found))
    return made, problems


def _paper_progress(step, year: int):
    """The PDF's own progress, under the bundle's (which also checks cancel)."""
    if step is None:
        return None
    return lambda done, total, text: step(done, total, f"{year} 年度档案：{text}")

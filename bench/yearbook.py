"""Time to write the yearly archive PDF of the demo's busiest year, against baselines
measured in the same run.

    PYTHONPATH=. python bench/yearbook.py

Builds the demo branch in a temporary folder (not timed), picks the year with the most
records, then times ``write_year_archive``: reading the records, the fingerprint, two
layout passes (the second prints the contents' page numbers and the page total), the
atomic write and its hash.
Baselines, same process, same fonts, fonts registered first:

* one layout pass of the very same paper without contents and cover (what a plain
  ``render`` costs): the ratio is the price of contents, page total and reading;
* plain reportlab on as many synthetic record pages (``bench/pdf_engine.py``): the
  ratio per page says how far the whole archive is from the bare library.
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pdf_engine import plain_reportlab, synthetic_records

from branchdesk import clock
from branchdesk.archive import Archive
from branchdesk.demo import build_demo
from branchdesk.papers import FontLibrary, render
from branchdesk.yearbook import write_year_archive
from branchdesk.yearbook.book import CoverFacts, year_paper
from branchdesk.yearbook.registry import PROVIDERS


def busiest_year(archive) -> tuple[int, int]:
    """(year, records) with the most records; ties go to the later year."""
    counts = {year: sum(len(p.records(archive, year)) for p in PROVIDERS)
              for year in range(clock.today().year - 3, clock.today().year + 1)}
    year = max(counts, key=lambda y: (counts[y], y))
    return year, counts[year]


def main() -> None:
    library = FontLibrary(search_dirs=())
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        with Archive.open(out / "demo", auto_backup=False) as archive:
            build_demo(archive)
            year, records = busiest_year(archive)
            # warm-up: fonts and character maps are paid once per process
            plain_reportlab(synthetic_records(1), out / "warm-plain.pdf", library)

            start = time.perf_counter()
            result = write_year_archive(archive, year, out / "archive.pdf", library=library)
            archive_s = time.perf_counter() - start

            sections = [s for p in PROVIDERS for s in p.sections(archive, year)]
            facts = CoverFacts(archive.branch.own().name, year, "永久", result.fingerprint)
            one_pass = dataclasses.replace(year_paper(facts, sections), toc=False, cover=())
            start = time.perf_counter()
            single = render(one_pass, out / "one-pass.pdf", library=library)
            one_pass_s = time.perf_counter() - start

        plain = synthetic_records(max(1, round(result.pages / 6.2)))  # a synthetic record fills ~6 pages
        start = time.perf_counter()
        plain_pages = plain_reportlab(plain, out / "plain.pdf", library)
        plain_s = time.perf_counter() - start

    print(f"year   : {year}, {records} records, {result.pages} pages, {result.attachments} attachments, "
          f"{result.size / 1024 / 1024:.1f} MB")
    print(f"archive: {archive_s:5.2f} s = {result.pages / archive_s:6.1f} pages/s (read, fingerprint, 2 passes, write)")
    print(f"1 pass : {one_pass_s:5.2f} s for {single.pages} pages (same blocks, no contents, no cover)")
    print(f"plain  : {plain_s:5.2f} s for {plain_pages} pages of plain reportlab")
    print(f"ratio  : archive takes {archive_s / one_pass_s:.2f}× one layout pass of the same paper; "
          f"{(archive_s / result.pages) / (plain_s / plain_pages):.2f}× plain reportlab per page")


if __name__ == "__main__":
    main()

"""Time to write the yearly archive PDF of the demo's busiest year (A) against plain
reportlab drawing the same content (B: every block of that year's paper - titles,
paragraphs, forms, tables, images - through SimpleDocTemplate; bench/pdf_engine.py
``plain_reportlab_blocks``), alternated and repeated in the same run.

    PYTHONPATH=. python bench/yearbook.py [--rounds 3]

A is ``write_year_archive``: reading the records, the fingerprint, two layout passes
(the first laid out without drawing, the second prints the contents' page numbers and
the page total), the PDF/A rewriting, the atomic write and its hash; B has none of
those, so the ratio is their whole price. The reading's own share is timed after the
alternation and printed with A's CPU ratio without it. Fonts are registered
before timing; the demo is built in a temporary folder, not timed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _alternate import alternate, machine_load, report, seconds_of, spread
from pdf_engine import CpuTimes, plain_reportlab_blocks

from branchdesk import clock
from branchdesk.archive import Archive
from branchdesk.demo import build_demo
from branchdesk.papers import FontLibrary
from branchdesk.yearbook import write_year_archive
from branchdesk.yearbook.book import CoverFacts, year_paper
from branchdesk.yearbook.registry import PROVIDERS
from branchdesk.yearbook.writer import prepare_year_archive


def busiest_year(archive) -> tuple[int, int]:
    """(year, records) with the most records; ties go to the later year."""
    counts = {year: sum(len(p.records(archive, year)) for p in PROVIDERS)
              for year in range(clock.today().year - 3, clock.today().year + 1)}
    year = max(counts, key=lambda y: (counts[y], y))
    return year, counts[year]


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    options.add_argument("--rounds", type=int, default=3, help="timings of each, alternated")
    args = options.parse_args()
    print(machine_load())
    library = FontLibrary(search_dirs=())
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        with Archive.open(out / "demo", auto_backup=False) as archive:
            build_demo(archive)
            year, records = busiest_year(archive)
            sections = [s for p in PROVIDERS for s in p.sections(archive, year)]
            facts = CoverFacts(archive.branch.own().name, year, "永久", "0" * 64)
            paper = year_paper(facts, sections)
            same_content = [*paper.cover, *paper.blocks]
            # warm-up: fonts and character maps are paid once per process
            made = {"archive": write_year_archive(archive, year, out / "warm.pdf", library=library),
                    "plain": plain_reportlab_blocks(same_content, out / "warm-plain.pdf", library)}
            cpu = CpuTimes()
            archive_s, plain_s = alternate(
                cpu.timed("a", lambda: made.update(archive=write_year_archive(archive, year, out / "archive.pdf",
                                                                              library=library))),
                cpu.timed("b", lambda: made.update(plain=plain_reportlab_blocks(same_content, out / "plain.pdf",
                                                                                library))),
                args.rounds)
            # A's share that is not layout: reading the year's records and the fingerprint
            # (B starts from the blocks already read). Timed after the alternation, alone.
            reading = CpuTimes()
            reading_s = [seconds_of(reading.timed("a", lambda: prepare_year_archive(archive, year)))
                         for _ in range(args.rounds)]
    result = made["archive"]
    print(f"year {year}: {records} records, {len(same_content)} blocks; archive {result.pages} pages, "
          f"{result.attachments} attachments, {result.size / 1024 / 1024:.1f} MB; plain reportlab {made['plain']} pages")
    ratio = report("write_year_archive", archive_s, "plain reportlab, same blocks", plain_s, goal="<= 2x (issue 18)")
    print(f"  per page: {ratio * made['plain'] / result.pages:.2f}x")
    cpu.report("<= 2x (issue 18)")
    print(f"  of A, reading the year (prepare_year_archive): {spread(reading_s)}; CPU {spread(reading.a)}; "
          f"A's CPU without it {(statistics.median(cpu.a) - statistics.median(reading.a)) / statistics.median(cpu.b):.2f}x B")


if __name__ == "__main__":
    main()

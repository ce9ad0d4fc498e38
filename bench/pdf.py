"""Exporting a year of meeting records: BranchDesk's papers against plain reportlab.

    PYTHONPATH=. python bench/pdf.py [--year-offset 1]

Builds the demo branch in a temporary folder (three years of meetings), takes every
held meeting of last year, and exports each record as its own PDF twice in the same
run: through ``branchdesk.meetings.papers`` + ``branchdesk.papers.render`` (glyph
checks with fallback fonts, Chinese line breaking, page numbers, running header,
outline, atomic write) and through plain reportlab building the same content (the
same blocks turned into Paragraphs and Tables, one embedded TrueType font). Prints both
times, pages per second and the ratio (goal: ≤ 1.5). Fonts are registered before
timing: a first export pays for them once per process.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from branchdesk import clock
from branchdesk.archive import Archive
from branchdesk.demo import build_demo
from branchdesk.meetings.papers import record_paper
from branchdesk.papers import FontLibrary, Heading, KeyValues, Para, Signatures, Table, render
from branchdesk.papers.blocks import cell_text

ROUNDS = 3


def year_of_details(folder: Path, year: int):
    archive = Archive.open(folder, auto_backup=False)
    try:
        build_demo(archive)
        ids = archive.meetings.query_ids(year=year, descending=False)
        held = [s.id for s in archive.meetings.summaries(ids) if s.held_on is not None]
        return [archive.meetings.detail(i) for i in held]
    finally:
        archive.close(auto_backup=False)


class PlainReportlab:
    """The same paper with reportlab's own flowables and nothing else."""

    def __init__(self, library: FontLibrary):
        from reportlab.lib.enums import TA_CENTER
        from reportlab.lib.styles import ParagraphStyle

        self.song = library.register(library.role("song").face)
        self.hei = library.register(library.role("hei").face)
        self.body = ParagraphStyle("body", fontName=self.song, fontSize=16, leading=31, firstLineIndent=32,
                                   wordWrap="CJK")
        self.title = ParagraphStyle("title", fontName=self.hei, fontSize=22, leading=34, alignment=TA_CENTER,
                                    wordWrap="CJK")
        self.head = ParagraphStyle("head", fontName=self.hei, fontSize=16, leading=31, firstLineIndent=32,
                                   wordWrap="CJK")
        self.cell = ParagraphStyle("cell", fontName=self.song, fontSize=12, leading=18, wordWrap="CJK")

    def _table(self, rows, weights, header: bool):
        from reportlab.lib import colors
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.units import cm
        from reportlab.platypus import Paragraph, TableStyle
        from reportlab.platypus import Table as RLTable

        width = A4[0] - 2 * 3.17 * cm
        total = sum(weights)
        data = [[Paragraph(escape(cell_text(v)), self.cell) for v in row] for row in rows]
        style = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTNAME", (0, 0), (-1, -1), self.song)])
        return RLTable(data, colWidths=[width * w / total for w in weights], repeatRows=1 if header else 0,
                       style=style)

    def story(self, paper) -> list:
        from reportlab.platypus import Paragraph

        story = [Paragraph(escape(paper.title), self.title), Paragraph(escape(paper.subtitle), self.cell)]
        for block in paper.blocks:
            if isinstance(block, KeyValues):
                pairs = list(block.pairs)
                rows = [[pairs[i][0], pairs[i][1], *(pairs[i + 1] if i + 1 < len(pairs) else ("", ""))]
                        for i in range(0, len(pairs), 2)]
                story.append(self._table(rows, (2, 5, 2, 5), header=False))
            elif isinstance(block, Heading):
                story.append(Paragraph(escape(block.text), self.head))
            elif isinstance(block, Para):
                story += [Paragraph(escape(line), self.body) for line in block.text.split("\n")]
            elif isinstance(block, Table):
                story.append(self._table([list(block.headers)] + [list(r) for r in block.rows],
                                         block.col_widths or [1] * len(block.headers), header=True))
            elif isinstance(block, Signatures):
                story.append(Paragraph("　".join(f"{label}：________" for label in block.labels), self.body))
        return story

    def render(self, paper, target: Path) -> int:
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.units import cm
        from reportlab.platypus import SimpleDocTemplate

        doc = SimpleDocTemplate(str(target), pagesize=A4, leftMargin=3.17 * cm, rightMargin=3.17 * cm,
                                topMargin=2.54 * cm, bottomMargin=2.54 * cm, initialFontName=self.song)
        doc.build(self.story(paper))
        return doc.page


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--year-offset", type=int, default=1, help="which year: 1 = last year")
    args = parser.parse_args()
    year = clock.today().year - args.year_offset
    library = FontLibrary(search_dirs=())
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        details = year_of_details(out / "archive", year)
        papers = [record_paper(d) for d in details]
        plain = PlainReportlab(library)
        render(papers[0], out / "warm.pdf", library=library)  # fonts and character maps, once per process
        plain.render(papers[0], out / "warm-plain.pdf")

        # alternate the two, three rounds, and keep each one's best: the machine is shared
        engine_times, plain_times = [], []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            engine_pages = sum(render(p, out / f"engine-{n}.pdf", library=library).pages
                               for n, p in enumerate(papers))
            engine_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            plain_pages = sum(plain.render(p, out / f"plain-{n}.pdf") for n, p in enumerate(papers))
            plain_times.append(time.perf_counter() - start)
        engine_s, plain_s = min(engine_times), min(plain_times)

    print(f"{year}: {len(papers)} meeting records of the demo branch, one PDF each (best of {ROUNDS})")
    print(f"engine : {engine_pages:4d} pages in {engine_s:5.2f} s = {engine_pages / engine_s:6.1f} pages/s")
    print(f"plain  : {plain_pages:4d} pages in {plain_s:5.2f} s = {plain_pages / plain_s:6.1f} pages/s")
    ratio = engine_s / plain_s
    print(f"ratio  : {ratio:.2f}× plain reportlab (goal ≤ 1.5) — {'met' if ratio <= 1.5 else 'NOT met'}")


if __name__ == "__main__":
    main()

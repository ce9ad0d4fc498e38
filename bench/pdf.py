"""Exporting a year of meeting records: BranchDesk's papers against plain reportlab.

    PYTHONPATH=. python bench/pdf.py [--year-offset 1] [--rounds 5] [--limit N]

Builds the demo branch in a temporary folder (three years of meetings), takes every
held meeting of last year, and exports each record as its own PDF twice in the same
run: through ``branchdesk.meetings.papers`` + ``branchdesk.papers.render`` (glyph
checks with fallback fonts, Chinese line breaking, page numbers, running header,
outline, atomic write) and through plain reportlab building the same content (the
same blocks turned into Paragraphs and Tables, one embedded TrueType font). The two
alternate over rounds (bench/_alternate.py: A B, then B A, …); prints medians, the
spread, pages per second and the ratio against the goal (≤ 1.5). Fonts are registered
before timing: a first export pays for them once per process.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _alternate import alternate, machine_load, report
from pdf_engine import CpuTimes

from branchdesk import clock
from branchdesk.archive import Archive
from branchdesk.demo import build_demo
from branchdesk.meetings.papers import record_paper
from branchdesk.papers import FontLibrary, Heading, KeyValues, Para, Signatures, Table, render
from branchdesk.papers.blocks import cell_text


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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year-offset", type=int, default=1, help="which year: 1 = last year")
    parser.add_argument("--rounds", type=int, default=5, help="timings of each, alternated")
    parser.add_argument("--limit", type=int, default=0, help="only the first N records (0: all; a quick run)")
    args = parser.parse_args()
    year = clock.today().year - args.year_offset
    library = FontLibrary(search_dirs=())
    print(machine_load())
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        details = year_of_details(out / "archive", year)
        papers = [record_paper(d) for d in details][:args.limit or None]
        plain = PlainReportlab(library)
        render(papers[0], out / "warm.pdf", library=library)  # fonts and character maps, once per process
        plain.render(papers[0], out / "warm-plain.pdf")
        pages = {}
        cpu = CpuTimes()
        engine_s, plain_s = alternate(
            cpu.timed("a", lambda: pages.update(engine=sum(render(p, out / f"engine-{n}.pdf", library=library).pages
                                                           for n, p in enumerate(papers)))),
            cpu.timed("b", lambda: pages.update(plain=sum(plain.render(p, out / f"plain-{n}.pdf")
                                                          for n, p in enumerate(papers)))),
            args.rounds)

    print(f"{year}: {len(papers)} meeting records of the demo branch, one PDF each; engine {pages['engine']} pages "
          f"({pages['engine'] / statistics.median(engine_s):.1f} pages/s), plain reportlab {pages['plain']} pages "
          f"({pages['plain'] / statistics.median(plain_s):.1f} pages/s)")
    report("branchdesk render, one PDF per record", engine_s, "plain reportlab, same content", plain_s, goal="<= 1.5x")
    cpu.report("<= 1.5x")


if __name__ == "__main__":
    main()

"""Cost of the paper engine against plain reportlab, on ~100 dense A4 pages.

    PYTHONPATH=. python bench/pdf_engine.py [--pages 100] [--rounds 5]

The same synthetic meeting records go through ``branchdesk.papers.render`` and through
plain reportlab (SimpleDocTemplate, Paragraph with wordWrap='CJK', the same bundled
font, same page geometry, same tables). The engine additionally checks every character
against the font's cmap, breaks lines itself (避头尾, squeezing, justification) and draws
page numbers, outline entries and running headers. The two alternate (bench/_alternate.py);
prints medians, spread, the ratio and the file size per page. Fonts are registered before
timing (a first export pays 60–95 ms per font once per process).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _alternate import alternate, machine_load, report, spread

from branchdesk.papers import (
    FontLibrary,
    Heading,
    KeyValues,
    PageBreak,
    Paper,
    Para,
    Signatures,
    Table,
    TitleBlock,
    render,
)

SENTENCES = [
    "会议传达学习了上级党委关于加强基层党组织建设的文件精神，",
    "张堃同志就落实“三会一课”制度谈了体会；",
    "刘䶮同志建议把主题党日活动与志愿服务结合起来，",
    "大家一致认为——要把学习成果转化为推动工作的实际行动！",
    "支部书记（兼村委会主任）指出：“要做到有计划、有记录、有检查。”",
    "本季度共收缴党费1260.5元（较上季度增长12.5%）。",
]


class CpuTimes:
    """CPU seconds (user + system of this process) of each timed call, kept beside the
    wall times ``alternate`` takes: on a shared machine other processes stretch the wall
    time, not the CPU time of the work itself."""

    def __init__(self):
        self.a: list[float] = []
        self.b: list[float] = []

    def timed(self, side: str, action):
        def run():
            start = time.process_time()
            try:
                return action()
            finally:
                getattr(self, side).append(time.process_time() - start)
        return run

    def report(self, goal: str) -> float:
        ratio = statistics.median(self.a) / statistics.median(self.b)
        rounds = [a / b for a, b in zip(self.a, self.b)]
        print(f"  CPU time A: {spread(self.a)}")
        print(f"  CPU time B: {spread(self.b)}")
        print(f"  CPU ratio A/B {ratio:.2f}x (per round {min(rounds):.2f}-{max(rounds):.2f}x); goal {goal}")
        return ratio


def synthetic_records(count: int):
    """``count`` meeting records as (title, key values, paragraphs, table rows)."""
    records = []
    for n in range(count):
        text = "".join(SENTENCES[(n + i) % len(SENTENCES)] for i in range(40))
        rows = [[i, ["赵喆", "钱赟", "王镕"][i % 3], SENTENCES[i % len(SENTENCES)], "已完成" if i % 2 else "推进中"]
                for i in range(1, 16)]
        records.append((f"第{n + 1}次支委会会议记录", text, rows))
    return records


def engine_paper(records) -> Paper:
    blocks = []
    for title, text, rows in records:
        blocks += [
            PageBreak(),
            TitleBlock(title, "中共某某村支部委员会", "支委会", dt.date(2024, 6, 30)),
            KeyValues([("时间", "2024年6月30日 14:30"), ("地点", "党群服务中心"), ("主持人", "张堃"),
                       ("记录人", "刘䶮"), ("应到", 12), ("实到", 11)]),
            Heading(1, "一、会议内容"),
            Para(text + "\n" + text),
            Heading(1, "二、落实情况"),
            Table(["序号", "责任人", "任务", "进度"], rows, col_widths=(1, 2, 8, 2)),
            Signatures(),
        ]
    return Paper("record", "2024年度会议记录汇编", blocks, branch="中共某某村支部委员会", record_type="支委会")


def _plain_styles(library: FontLibrary):
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    song = library.register(library.role("song").face)
    hei = library.register(library.role("hei").face)
    return song, {
        "body": ParagraphStyle("body", fontName=song, fontSize=16, leading=31, firstLineIndent=32, wordWrap="CJK"),
        "title": ParagraphStyle("title", fontName=song, fontSize=22, leading=34, alignment=TA_CENTER, wordWrap="CJK"),
        "head": ParagraphStyle("head", fontName=hei, fontSize=16, leading=31, firstLineIndent=32, wordWrap="CJK"),
        "cell": ParagraphStyle("cell", fontName=song, fontSize=12, leading=18, wordWrap="CJK"),
    }


def _plain_build(story, target: Path, song: str) -> int:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    doc = SimpleDocTemplate(str(target), pagesize=A4, leftMargin=3.17 * cm, rightMargin=3.17 * cm,
                            topMargin=2.54 * cm, bottomMargin=2.54 * cm, initialFontName=song)
    doc.build(story)
    return doc.page


def _plain_table(rows, weights, style, grid):
    """A grid of wrapped cells, as wide as the text block, header row repeated."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph
    from reportlab.platypus import Table as RLTable

    width = A4[0] - 2 * 3.17 * cm
    weights = list(weights) if weights else [1] * len(rows[0])
    data = [[Paragraph(escape(str(v)), style) for v in row] for row in rows]
    return RLTable(data, colWidths=[width * w / sum(weights) for w in weights], repeatRows=1, style=grid)


def plain_reportlab(records, target: Path, library: FontLibrary) -> int:
    """The synthetic records drawn by plain reportlab (a user's own script)."""
    from reportlab.lib import colors
    from reportlab.platypus import PageBreak as RLPageBreak
    from reportlab.platypus import Paragraph, TableStyle

    song, styles = _plain_styles(library)
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTNAME", (0, 0), (-1, -1), song)])
    story = []
    for name, text, rows in records:
        story += [RLPageBreak(), Paragraph(escape(name), styles["title"]),
                  Paragraph("支部：中共某某村支部委员会　类别：支委会　日期：2024年6月30日", styles["cell"])]
        story.append(_plain_table([("时间", "2024年6月30日 14:30", "地点", "党群服务中心"), ("主持人", "张堃", "记录人", "刘䶮"),
                                   ("应到", "12", "实到", "11")], (0.15, 0.35, 0.15, 0.35), styles["cell"], grid))
        story += [Paragraph("一、会议内容", styles["head"]), Paragraph(escape(text), styles["body"]),
                  Paragraph(escape(text), styles["body"]), Paragraph("二、落实情况", styles["head"])]
        story.append(_plain_table([("序号", "责任人", "任务", "进度"), *rows], (1, 2, 8, 2), styles["cell"], grid))
        story.append(Paragraph("主持人：________　记录人：________　书记：________", styles["body"]))
    return _plain_build(story, target, song)


def plain_reportlab_blocks(blocks, target: Path, library: FontLibrary) -> int:
    """The same blocks a BranchDesk paper holds, drawn by plain reportlab: every text,
    every table row, every image; without what the engine adds (its own line breaking,
    contents, running heads, page total)."""
    from reportlab.lib import colors
    from reportlab.platypus import Image as RLImage
    from reportlab.platypus import PageBreak as RLPageBreak
    from reportlab.platypus import Paragraph, Spacer, TableStyle

    from branchdesk.papers import blocks as kinds

    song, styles = _plain_styles(library)
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTNAME", (0, 0), (-1, -1), song)])
    story = []
    for block in blocks:
        if isinstance(block, (kinds.TitleBlock, kinds.Part)):
            story.append(Paragraph(escape(block.title), styles["title"]))
        elif isinstance(block, kinds.Heading):
            story.append(Paragraph(escape(block.text), styles["head"]))
        elif isinstance(block, kinds.Para):
            story += [Paragraph(escape(line), styles["body"]) for line in block.text.split("\n") if line.strip()]
        elif isinstance(block, kinds.KeyValues):
            cells = [item for key, value in block.pairs for item in (key, value)]
            width = 2 * max(1, block.columns)
            rows = [cells[i:i + width] + [""] * (width - len(cells[i:i + width])) for i in range(0, len(cells), width)]
            story.append(_plain_table(rows, None, styles["cell"], grid))
        elif isinstance(block, kinds.Table):
            story.append(_plain_table([block.headers, *(block.rows or [["无"] * len(block.headers)])],
                                      block.col_widths, styles["cell"], grid))
        elif isinstance(block, kinds.Signatures):
            story.append(Paragraph("　".join(f"{label}：________" for label in block.labels), styles["body"]))
        elif isinstance(block, kinds.DateLine):
            story.append(Paragraph(escape(f"{block.signer}　{block.date}"), styles["body"]))
        elif isinstance(block, kinds.Image) and isinstance(block.source, (str, Path, bytes)):
            source = io.BytesIO(block.source) if isinstance(block.source, bytes) else str(block.source)
            story.append(RLImage(source, width=150, height=100, kind="bound"))
        elif isinstance(block, kinds.PageBreak):
            story.append(RLPageBreak())
        elif isinstance(block, kinds.Gap):
            story.append(Spacer(1, 31 * block.lines))
    return _plain_build(story, target, song)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--pages", type=int, default=100, help="roughly how many pages to build")
    parser.add_argument("--rounds", type=int, default=5, help="timings of each, alternated")
    args = parser.parse_args()
    print(machine_load())
    library = FontLibrary(search_dirs=())
    records = synthetic_records(max(1, round(args.pages / 6.2)))  # a record fills ~6 pages
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        # Warm up: font registration and character maps, paid once per process.
        render(engine_paper(records[:1]), out / "warm.pdf", library=library)
        plain_reportlab(records[:1], out / "warm-plain.pdf", library)
        made = {}
        cpu = CpuTimes()
        engine_s, plain_s = alternate(
            cpu.timed("a", lambda: made.update(engine=render(engine_paper(records), out / "engine.pdf",
                                                             library=library))),
            cpu.timed("b", lambda: made.update(plain=plain_reportlab(records, out / "plain.pdf", library))),
            args.rounds)
        engine, plain_pages = made["engine"], made["plain"]
        plain_size = (out / "plain.pdf").stat().st_size
    print(f"{len(records)} synthetic meeting records: engine {engine.pages} pages, "
          f"{engine.size / engine.pages / 1024:.1f} KB/page; plain reportlab {plain_pages} pages, "
          f"{plain_size / plain_pages / 1024:.1f} KB/page")
    ratio = report("branchdesk.papers.render", engine_s, "plain reportlab, same content", plain_s,
                   goal="<= 2x (issue 18)")
    cpu.report("<= 2x (issue 18)")
    print(f"  per page: {ratio * plain_pages / engine.pages:.2f}x")


if __name__ == "__main__":
    main()

"""Cost of the paper engine against plain reportlab, on ~100 dense A4 pages.

    PYTHONPATH=. python bench/pdf_engine.py [--pages 100]

The same synthetic meeting records go through ``branchdesk.papers.render`` and through
plain reportlab (SimpleDocTemplate, Paragraph with wordWrap='CJK', the same bundled
font, same page geometry, same tables). The engine additionally checks every character
against the font's cmap, breaks lines itself (避头尾, squeezing, justification) and draws
page numbers, outline entries and running headers. Prints pages/s, the ratio and the
file size per page. Fonts are registered before timing (a first export pays 60–95 ms per
font once per process).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

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


def plain_reportlab(records, target: Path, library: FontLibrary) -> int:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak as RLPageBreak
    from reportlab.platypus import Paragraph, SimpleDocTemplate, TableStyle
    from reportlab.platypus import Table as RLTable

    song = library.register(library.role("song").face)
    hei = library.register(library.role("hei").face)
    body = ParagraphStyle("body", fontName=song, fontSize=16, leading=31, firstLineIndent=32, wordWrap="CJK")
    title = ParagraphStyle("title", fontName=song, fontSize=22, leading=34, alignment=TA_CENTER, wordWrap="CJK")
    head = ParagraphStyle("head", fontName=hei, fontSize=16, leading=31, firstLineIndent=32, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName=song, fontSize=12, leading=18, wordWrap="CJK")
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTNAME", (0, 0), (-1, -1), song)])
    width = A4[0] - 2 * 3.17 * cm
    story = []
    for name, text, rows in records:
        story += [RLPageBreak(), Paragraph(escape(name), title),
                  Paragraph("支部：中共某某村支部委员会　类别：支委会　日期：2024年6月30日", cell)]
        form = [[Paragraph(a, cell), Paragraph(b, cell), Paragraph(c, cell), Paragraph(d, cell)] for a, b, c, d in
                [("时间", "2024年6月30日 14:30", "地点", "党群服务中心"), ("主持人", "张堃", "记录人", "刘䶮"),
                 ("应到", "12", "实到", "11")]]
        story.append(RLTable(form, colWidths=[width * w for w in (0.15, 0.35, 0.15, 0.35)], style=grid))
        story += [Paragraph("一、会议内容", head), Paragraph(escape(text), body), Paragraph(escape(text), body),
                  Paragraph("二、落实情况", head)]
        data = [[Paragraph(h, cell) for h in ("序号", "责任人", "任务", "进度")]]
        data += [[Paragraph(escape(str(v)), cell) for v in row] for row in rows]
        story.append(RLTable(data, colWidths=[width * w / 13 for w in (1, 2, 8, 2)], repeatRows=1, style=grid))
        story.append(Paragraph("主持人：________　记录人：________　书记：________", body))
    doc = SimpleDocTemplate(str(target), pagesize=A4, leftMargin=3.17 * cm, rightMargin=3.17 * cm,
                            topMargin=2.54 * cm, bottomMargin=2.54 * cm, initialFontName=song)
    doc.build(story)
    return doc.page


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=100, help="roughly how many pages to build")
    args = parser.parse_args()
    library = FontLibrary(search_dirs=())
    records = synthetic_records(max(1, round(args.pages / 6.2)))  # a record fills ~6 pages
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        # Warm up: font registration and character maps, paid once per process.
        render(engine_paper(records[:1]), out / "warm.pdf", library=library)
        plain_reportlab(records[:1], out / "warm-plain.pdf", library)

        start = time.perf_counter()
        result = render(engine_paper(records), out / "engine.pdf", library=library)
        engine_s = time.perf_counter() - start
        start = time.perf_counter()
        plain_pages = plain_reportlab(records, out / "plain.pdf", library)
        plain_s = time.perf_counter() - start
        plain_size = (out / "plain.pdf").stat().st_size

    print(f"engine : {result.pages:4d} pages in {engine_s:5.2f} s = {result.pages / engine_s:6.1f} pages/s, "
          f"{result.size / result.pages / 1024:5.1f} KB/page")
    print(f"plain  : {plain_pages:4d} pages in {plain_s:5.2f} s = {plain_pages / plain_s:6.1f} pages/s, "
          f"{plain_size / plain_pages / 1024:5.1f} KB/page")
    per_page_ratio = (engine_s / result.pages) / (plain_s / plain_pages)
    print(f"ratio  : engine takes {engine_s / plain_s:.2f}× the time of plain reportlab "
          f"({per_page_ratio:.2f}× per page)")


if __name__ == "__main__":
    main()

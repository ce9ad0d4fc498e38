"""Blocks to reportlab flowables (the story of one paper)."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

from reportlab.graphics.shapes import Drawing, Group, String, UserNode
from reportlab.lib.units import inch, mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import CondPageBreak, KeepInFrame, KeepTogether, Spacer
from reportlab.platypus import Image as RLImage
from reportlab.platypus.flowables import PageBreakIfNotEmpty

from . import tables
from .blocks import (
    DateLine,
    Gap,
    Heading,
    Image,
    KeyValues,
    PageBreak,
    Para,
    Part,
    Signatures,
    Table,
    TitleBlock,
    format_date,
)
from .charts import TrendChart, trend_drawing
from .styles import StyleBook
from .template import Anchor, PageCounter, TableOfContents

_LEADING_SPACE = " \u3000\t"


def signature_indents(date_w: float, signer_w: float, em: float, sealed: bool) -> tuple[float, float]:
    """(date's, signer's) distance from the right edge of the text block, GB/T 9704-2012
    7.3.5: sealed, the date 右空四字 and the signer centred on it; not sealed, the signer
    右空二字 and the date's first character two to the right of the signer's, or, when the
    date is too long for that, the date 右空二字 and the signer moved left as much."""
    if sealed:
        date_right = 4 * em
        return date_right, max(date_right + (date_w - signer_w) / 2, 0.0)
    if not signer_w:
        return 2 * em, 0.0
    signer_right = 2 * em
    date_right = signer_right + signer_w - 2 * em - date_w
    if date_right < 2 * em:
        date_right = 2 * em
        signer_right = date_right + date_w + 2 * em - signer_w
    return date_right, max(signer_right, 0.0)


class StoryBuilder:
    """Turns blocks into flowables, numbering paragraphs and tables so that errors can
    say where a character is (「第 3 段」, 「表格 2 第 4 行「姓名」列」)."""

    def __init__(self, book: StyleBook):
        self.book = book
        self.preset = book.preset
        self._paragraphs = 0
        self._tables = 0
        self._forms = 0
        self._anchors = 0
        # Outline level of the latest title block or part: headings nest under it.
        self._base_level = 0
        # The paper's page total, shared with the document template when a cell prints it.
        self.page_counter = PageCounter()
        self._toc_expected: list[tuple] = []  # (level, markup, page, key) of every contents entry

    def _anchor(self, level: int, text: str, role: str, in_toc: bool) -> Anchor:
        self._anchors += 1
        plain = " ".join(text.split())
        markup = self.book.mapper.markup(plain, role, "目录", report=False)
        key = f"bd-{self._anchors}"
        if in_toc:
            self._toc_expected.append((level, markup, 0, key))
        return Anchor(key, level, plain, markup, in_toc)

    def table_of_contents(self, depth: int) -> list:
        toc_title = self.preset.toc_title
        return [
            self._anchor(self._base_level, "目录", toc_title.role, False),
            self.book.paragraph("目\u3000录", toc_title, "目录", indent=False),
            TableOfContents(self.book, depth, self._toc_expected),
            PageBreakIfNotEmpty(),
        ]

    def build(self, blocks) -> list:
        story: list = []
        for block in blocks:
            story.extend(self.block(block))
        return story

    def block(self, block, in_toc: bool = True) -> list:
        if isinstance(block, TitleBlock):
            return self.title_block(block, in_toc)
        if isinstance(block, Part):
            return self.part(block)
        if isinstance(block, Heading):
            return self.heading(block)
        if isinstance(block, Para):
            return self.para(block)
        if isinstance(block, Table):
            self._tables += 1
            flows = [tables.data_table(self.book, block, self._tables, self.page_counter)]
            if block.caption:
                caption = self.book.paragraph(block.caption, self.preset.caption, "表题", indent=False)
                room = caption.wrap(self.preset.text_width, self.preset.text_height)[1] + 4 * self.preset.table.leading
                flows[:0] = [CondPageBreak(room), caption]
            return flows + [Spacer(1, self.preset.table.leading * 0.5)]
        if isinstance(block, KeyValues):
            self._forms += 1
            form = tables.key_values(self.book, block, self._forms, self.page_counter)
            return [form, Spacer(1, self.preset.table.leading * 0.5)] if form else []
        if isinstance(block, Signatures):
            sign = tables.signatures(self.book, block)
            return [Spacer(1, self.preset.body.leading * 0.5), sign] if sign else []
        if isinstance(block, DateLine):
            return self.date_line(block)
        if isinstance(block, Image):
            return self.image(block)
        if isinstance(block, TrendChart):
            return self.image(Image(trend_drawing(block), block.width_mm, block.caption))
        if isinstance(block, PageBreak):
            return [PageBreakIfNotEmpty()]
        if isinstance(block, Gap):
            return [Spacer(1, self.preset.body.leading * block.lines)]
        raise TypeError(f"not a paper block: {block!r}")

    def _enter(self, level: int, context: str, always: bool = False) -> None:
        """A new part or record: headings nest below ``level``, numbering of paragraphs
        and tables starts again, and a missing character is reported with ``context``
        (which record of a long archive it is in)."""
        self._base_level = level
        if always or level > 0 or self.book.mapper.context:
            self.book.mapper.context = context
            self._paragraphs = self._tables = self._forms = 0

    def part(self, block: Part) -> list:
        style = self.preset.toc_title
        title = block.title.strip()
        self._enter(block.level, f"「{title}」", always=True)
        para = self.book.paragraph(title, style, "标题", indent=False)
        para.keepWithNext = 1
        return [PageBreakIfNotEmpty(), self._anchor(block.level, title, style.role, True), para]

    def title_block(self, block: TitleBlock, in_toc: bool) -> list:
        preset, book = self.preset, self.book
        flows = []
        self._enter(block.level, f"《{block.title.strip()}》")
        if block.title.strip():
            flows.append(self._anchor(block.level, block.title, preset.title.role, in_toc))
            title = book.paragraph(block.title, preset.title, "标题", indent=False)
            title.keepWithNext = 1
            flows.append(title)
        if block.subtitle:
            sub = book.paragraph(block.subtitle, preset.subtitle, "副标题", indent=False)
            sub.keepWithNext = 1
            flows.append(sub)
        fields = [
            ("支部", block.branch),
            ("类别", block.record_type),
            ("日期", format_date(block.date)),
        ]
        shown = [(label, value) for label, value in fields if value]
        if shown and preset.meta_labels:
            flows.append(tables.meta_row(book, [f"{label}：{value}" for label, value in shown]))
        elif shown:
            line = "\u3000".join(value for _, value in shown)
            flows.append(book.paragraph(line, preset.meta, "标题下的支部、类别和日期", indent=False))
        return flows

    def heading(self, block: Heading) -> list:
        if not 1 <= block.level <= 4:
            raise ValueError(f"heading level must be 1–4, got {block.level}")
        style = self.preset.headings[block.level - 1]
        text = block.text.strip()
        para = self.book.paragraph(text, style, f"标题「{text[:12]}」")
        # A heading must not end a page: start a new one unless the heading and two lines
        # of what follows fit. (keepWithNext would move a long paragraph whole to the next
        # page and leave half a page blank.)
        room = para.wrap(self.preset.text_width, self.preset.text_height)[1] + 2 * self.preset.body.leading
        anchor = self._anchor(self._base_level + block.level, text, style.role, True)
        return [CondPageBreak(room), anchor, para]

    def para(self, block: Para) -> list:
        flows = []
        for line in block.text.split("\n"):
            text = line.strip(_LEADING_SPACE) if block.indent else line.rstrip(_LEADING_SPACE)
            if not text:
                continue
            self._paragraphs += 1
            flows.append(
                self.book.paragraph(text, self.preset.body, f"第 {self._paragraphs} 段",
                                    indent=block.indent, align=block.align)
            )
        return flows

    def date_line(self, block: DateLine) -> list:
        preset, book = self.preset, self.book
        date_style = dataclasses.replace(preset.date_line, right_indent_chars=0, align="right")
        signer_style = dataclasses.replace(preset.signer, right_indent_chars=0, align="right")
        date_text = format_date(block.date)
        em = date_style.size + date_style.char_space
        date_w = book.estimate_width(date_text, date_style)
        signer_w = book.estimate_width(block.signer, signer_style) if block.signer else 0.0
        date_right, signer_right = signature_indents(date_w, signer_w, em, block.sealed)
        flows = [Spacer(1, preset.body.leading)]  # 下空一行 (the seal's top sits in it)
        if block.signer:
            signer = book.paragraph(block.signer, signer_style, "落款", indent=False, right_indent=signer_right)
            signer.keepWithNext = 1
            flows.append(signer)
        flows.append(book.paragraph(date_text, date_style, "日期", indent=False, right_indent=date_right))
        return [KeepTogether(flows)]

    def _drawing_with_our_fonts(self, drawing):
        """A copy of ``drawing`` with charts expanded into shapes and every label set in
        the body's font (or a fallback that has all its characters). Charts default to
        Helvetica, which is not embedded and has no Chinese."""
        role = self.preset.body.role
        self._charts = getattr(self, "_charts", 0) + 1
        where = f"图表 {self._charts}"

        def expand(node):
            while isinstance(node, UserNode):  # charts, axes, legends: draw them now
                node = node.provideNode()
            if isinstance(node, Group):
                copy = node.copy()
                copy.contents = [expand(child) for child in node.contents]
                return copy
            if isinstance(node, String):
                node = node.copy()
                face = self.book.mapper.face_for_text(node.text, role, where)
                if face is not None:
                    node.fontName = self.book.library.register(face)
            return node

        expanded = expand(drawing)
        # The renderer opens with this font even when no label uses it.
        expanded.initialFontName = self.book.font_name(role)
        return expanded

    def image(self, block: Image) -> list:
        preset = self.preset
        max_w, max_h = preset.text_width, preset.text_height * 0.75
        source = block.source
        if isinstance(source, Drawing):  # a chart
            picture = self._drawing_with_our_fonts(source)
            wanted = block.width_mm * mm if block.width_mm else picture.width
            picture.renderScale = min(wanted / picture.width, max_w / picture.width, max_h / picture.height)
            picture.hAlign = "CENTER"
        elif hasattr(source, "wrapOn"):  # any other flowable
            picture = KeepInFrame(max_w, max_h, [source], mode="shrink", hAlign="CENTER")
        else:
            data = io.BytesIO(source) if isinstance(source, bytes) else str(Path(source))
            pixels_w, pixels_h = ImageReader(data).getSize()
            if isinstance(data, io.BytesIO):
                data.seek(0)
            width = block.width_mm * mm if block.width_mm else pixels_w / 150 * inch
            width = min(width, max_w)
            height = width * pixels_h / pixels_w
            if height > max_h:
                width, height = width * max_h / height, max_h
            picture = RLImage(data, width=width, height=height)
            picture.hAlign = "CENTER"
        if not block.caption:
            return [Spacer(1, 4), picture]
        caption = self.book.paragraph(block.caption, preset.caption, "图题", indent=False)
        return [Spacer(1, 4), KeepTogether([picture, caption])]

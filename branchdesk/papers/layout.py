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
from reportlab.platypus import Table as RLTable
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
from .keep_ending import KeepEnding
from .linebreak import CJKParagraph
from .presets import TextStyle
from .styles import StyleBook
from .template import Anchor, PageCounter, TableOfContents
from .titles import split_title

_LEADING_SPACE = " \u3000\t"


class _HeadingBreak(CondPageBreak):
    """The page break before a heading: taken when less room is left than the heading
    (``own``) and the least of what follows need (set when the whole story is known)."""

    def __init__(self, own: float, following: float):
        super().__init__(own + following)
        self.own = own


def signature_indents(date_w: float, signer_w: float, em: float, sealed: bool) -> tuple[float, float]:
    """(date's, signer's) distance from the right edge of the text block, GB/T 9704-2012
    7.3.5: sealed, the date 右空四字 and the signer centred on it; not sealed, the signer
    右空二字 and the date's first character two to the right of the signer's, or, when the
    date is longer than the signer, the date 右空二字 and the signer moved left to keep the
    two-character step."""
    if sealed:
        date_right = 4 * em
        return date_right, max(date_right + (date_w - signer_w) / 2, 0.0)
    if not signer_w:
        return 2 * em, 0.0
    if date_w <= signer_w:  # 如成文日期长于发文机关署名 … otherwise the plain rule
        signer_right = 2 * em
        return signer_right + signer_w - 2 * em - date_w, signer_right
    date_right = 2 * em
    return date_right, max(date_right + date_w + 2 * em - signer_w, 0.0)


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
            flows = self.block(block)
            if isinstance(block, DateLine) and story and isinstance(story[-1], CJKParagraph):
                # the signature never stands alone on a page (GB/T 9704 7.3.5.4): the last
                # paragraph of the body goes with it
                story[-1].keepWithNext = 1
            if isinstance(block, Signatures) and flows:
                flows = self._keep_ending(story, flows)
            story.extend(flows)
        self._keep_headings_with_next(story)
        return story

    @staticmethod
    def _keep_ending(story: list, tail: list) -> list:
        """The signature lines with the body's last table or paragraph (and the spacers
        after it), taken off ``story``: they never stand alone on a page (docs/domain.md
        §6.1.1). After anything else (a heading, a page break), or after a flowable that
        reportlab already keeps with the one before or after it (``keepWithNext`` groups
        them in a KeepTogether, which cannot hold a flowable that always splits), the tail
        goes as it is."""
        last = len(story) - 1
        while last >= 0 and isinstance(story[last], Spacer):
            last -= 1
        if last < 0 or not isinstance(story[last], (CJKParagraph, RLTable)):
            return tail
        if any(getattr(item, "keepWithNext", 0) for item in story[max(last - 1, 0):]):
            return tail
        kept = KeepEnding(story[last], story[last + 1:], tail)
        del story[last:]
        return [kept]

    def _keep_headings_with_next(self, story: list) -> None:
        """Each heading starts a new page unless it fits together with the least of what
        follows that may end a page: two lines of a paragraph, a table's header and first
        row, a form's first row, the next heading with its own least (「四、」 then
        「（一）」 then text). Worked backwards, so a heading's room includes the next's."""
        limit = self.preset.text_height * 0.6  # more would leave most of a page blank
        for index in range(len(story) - 1, -1, -1):
            item = story[index]
            if isinstance(item, _HeadingBreak):
                # after the break come the heading's anchor and paragraph
                item.height = min(item.own + self._least_piece(story, index + 3), limit)

    def _least_piece(self, story: list, start: int) -> float:
        width, height = self.preset.text_width, self.preset.text_height
        kept = 0.0  # what is kept with the next flowable moves whole (a signature's paragraph)
        for item in story[start:]:
            if isinstance(item, CondPageBreak):  # a heading's (already worked out) or a caption's room
                return kept + item.height
            if isinstance(item, PageBreakIfNotEmpty):
                continue
            if getattr(item, "keepWithNext", 0):
                kept += item.wrap(width, height)[1] + getattr(getattr(item, "style", None), "spaceBefore", 0)
                continue
            if isinstance(item, (Anchor, Spacer)):
                continue
            if isinstance(item, KeepEnding):
                # a body too short to split (a table of one row) goes with the signatures
                least = self._least_piece([item.body], 0)
                whole = item.body.wrap(width, height)[1] + item.body.getSpaceBefore()
                if least >= whole - 0.5:
                    least += sum(f.wrap(width, height)[1] for f in item.between + item.tail)
                return kept + least
            if isinstance(item, CJKParagraph):
                full = item.wrap(width, height)[1]
                return kept + min(full, 2 * item.style.leading) + item.style.spaceBefore
            if isinstance(item, RLTable):
                item.wrap(width, height)
                return kept + sum(item._rowHeights[: item.repeatRows + 1])
            return kept + item.wrap(width, height)[1]
        return kept

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
        para = self.book.paragraph(self.title_lines(title, style), style, "标题", indent=False)
        para.keepWithNext = 1
        return [PageBreakIfNotEmpty(), self._anchor(block.level, title, style.role, True), para]

    def title_block(self, block: TitleBlock, in_toc: bool) -> list:
        preset, book = self.preset, self.book
        flows = []
        self._enter(block.level, f"《{block.title.strip()}》")
        if block.title.strip():
            flows.append(self._anchor(block.level, block.title, preset.title.role, in_toc))
            title = book.paragraph(self.title_lines(block.title), preset.title, "标题", indent=False)
            title.keepWithNext = 1
            flows.append(title)
        if block.subtitle:
            sub = book.paragraph(self.title_lines(block.subtitle, preset.subtitle), preset.subtitle, "副标题",
                                 indent=False)
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

    def title_lines(self, title: str, style: TextStyle | None = None) -> str:
        """The title with a newline where each of its lines ends (GB/T 9704 7.3.3: broken
        between words, 梯形 or 菱形; see :mod:`.titles`)."""
        style = style or self.preset.title
        # a hair of room: fallback glyphs and faux bold may draw a little wider
        lines = split_title(title, lambda text: self.book.estimate_width(text, style), self.preset.text_width * 0.98)
        return "\n".join(lines)

    def heading(self, block: Heading) -> list:
        if not 1 <= block.level <= 4:
            raise ValueError(f"heading level must be 1–4, got {block.level}")
        style = self.preset.headings[block.level - 1]
        text = block.text.strip()
        para = self.book.paragraph(text, style, f"标题「{text[:12]}」")
        # A heading must not end a page: start a new one unless the heading and the least
        # of what follows fit (see _keep_headings_with_next). keepWithNext would move a long
        # paragraph whole to the next page and leave half a page blank.
        own = para.wrap(self.preset.text_width, self.preset.text_height)[1] + style.space_before
        anchor = self._anchor(self._base_level + block.level, text, style.role, True)
        return [_HeadingBreak(own, 2 * self.preset.body.leading), anchor, para]

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
            flows.append(book.paragraph(block.signer, signer_style, "落款", indent=False, right_indent=signer_right))
        flows.append(book.paragraph(date_text, date_style, "日期", indent=False, right_indent=date_right))
        for flow in flows[:-1]:  # one piece (not a KeepTogether: a paragraph before keeps with it)
            flow.keepWithNext = 1
        return flows

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

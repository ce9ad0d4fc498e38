"""The page side of a paper: the reportlab document template, page numbers, running
header, outline (bookmarks), table of contents and document information."""

from __future__ import annotations

import datetime as dt

from reportlab.lib import colors
from reportlab.pdfbase import pdfdoc
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, TableStyle
from reportlab.platypus import Table as RLTable
from reportlab.platypus.flowables import Flowable
from reportlab.platypus.tableofcontents import IndexingFlowable

from .linebreak import CJKParagraph
from .presets import TextStyle
from .styles import StyleBook


class Anchor(Flowable):
    """Zero-size marker before a title or heading: a bookmark target, an outline entry and
    (when ``in_toc``) a table-of-contents entry with ``markup`` as its text."""

    _ZEROSIZE = 1

    def __init__(self, key: str, level: int, text: str, markup: str, in_toc: bool):
        super().__init__()
        self.key, self.level, self.text, self.markup, self.in_toc = key, level, text, markup, in_toc
        self.keepWithNext = 1  # travels to the next page together with its heading

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        self.canv.bookmarkHorizontal(self.key, 0, 6)


class PageCounter:
    """The paper's page total, shared by the cells that print it and the document
    template: ``total`` is what the last layout pass counted, ``printed`` what this pass
    printed (None until a cell drew it)."""

    def __init__(self):
        self.total: int | None = None
        self.printed: int | None = None
        self.used = False
        self.wanted = False  # some cell prints the total: the layout needs passes

    def settled(self, pages: int) -> bool:
        """End of a layout pass of ``pages`` pages: True when no cell printed a total or
        the one printed was right (else another pass prints this one)."""
        right = not self.used or self.printed == pages
        self.total, self.printed, self.used = pages, None, False
        return right


class PageCountText(Flowable):
    """A table cell's text with the page total (「共 N 页」). Its size is that of the
    widest number; the number itself is drawn from the last pass's count."""

    def __init__(self, book: StyleBook, template: str, style: TextStyle, where: str, counter: PageCounter,
                 **options):
        super().__init__()
        self.book, self.template, self.style, self.where = book, template, style, where
        self.counter, self.options = counter, options
        counter.wanted = True
        book.mapper.markup(template.format("0123456789—"), style.role, where)  # checked before layout
        self._size = (0, 0)

    def _para(self, number: str):
        return self.book.cell(self.template.format(number), self.style, self.where, **self.options)

    def wrap(self, availWidth, availHeight):
        _, height = self._para("8888").wrap(availWidth, availHeight)
        self._size = (availWidth, height)
        return self._size

    def draw(self):
        total = self.counter.total
        self.counter.used, self.counter.printed = True, total
        para = self._para(str(total) if total else "—")
        para.wrap(*self._size)
        para.drawOn(self.canv, 0, 0)


class TableOfContents(IndexingFlowable):
    """「目录」: one row per entry with dot leaders and the page number. Filled on the
    first layout pass, correct from the second (the document template runs them)."""

    def __init__(self, book: StyleBook, depth: int, expected: list[tuple] | None = None):
        super().__init__()
        self.book, self.depth = book, depth
        self._entries: list[tuple] = []
        self._previous: list[tuple] = []
        self._table = None
        # The entries the story will make (filled by the story builder as it goes on),
        # printed without page numbers in the first pass: the contents already take
        # their final room, so the second pass usually settles everything.
        self._expected = expected
        self._first = True

    def notify(self, kind, stuff):
        if kind == "TOCEntry" and stuff[0] <= self.depth:
            self._entries.append(stuff)

    def beforeBuild(self):
        if self._first and self._expected:
            self._entries = [entry for entry in self._expected if entry[0] <= self.depth]
        self._first = False
        self._previous, self._entries = self._entries, []

    def isSatisfied(self):
        return self._previous == self._entries

    def _build_table(self):
        preset = self.book.preset
        style: TextStyle = preset.toc_entry
        rows = []
        for level, markup, page, _key in self._previous or [(0, "", 0, "")]:
            leader = self.book.style(style, indent=False, left_indent=level * 2 * style.size, leader=True,
                                     in_box=True)
            number = self.book.paragraph(str(page) if page else "", style, "目录", align="right", indent=False,
                                         in_box=True)
            rows.append([CJKParagraph(markup, leader), number])
        number_w = 3 * style.size
        table = RLTable(rows, colWidths=[preset.text_width - number_w, number_w], splitByRow=1)
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ("FONTNAME", (0, 0), (-1, -1), self.book.font_name(style.role)),
        ]))
        return table

    def wrap(self, availWidth, availHeight):
        self._table = self._build_table()
        return self._table.wrap(availWidth, availHeight)

    def split(self, availWidth, availHeight):
        self._table = self._build_table()
        return self._table.split(availWidth, availHeight)

    def drawOn(self, canvas, x, y, _sW=0):
        self._table.drawOn(canvas, x, y, _sW)


def _not_drawn(*args, **kwargs) -> None:
    """A flowable's drawing in a layout pass that is never printed (see ``_TextFrame``)."""


class _TextFrame(Frame):
    """The text block. In a ``dry`` pass flowables are measured, split and placed on pages
    exactly as in a printed pass, but not drawn: the first of a paper's layout passes only
    finds the page of every contents entry and the page total, and its canvas is thrown
    away (reportlab draws everything in every pass)."""

    dry = False

    def add(self, flowable, canv, trySplit=0):
        # (reportlab's document calls ``add``, which Frame binds to its own ``_add``)
        if not self.dry:
            return Frame._add(self, flowable, canv, trySplit)
        try:  # this instance only, for this placing (past a Drawing's attribute check)
            object.__setattr__(flowable, "drawOn", _not_drawn)
        except (AttributeError, TypeError):  # no instance attributes: drawn, to no harm
            return Frame._add(self, flowable, canv, trySplit)
        try:
            return Frame._add(self, flowable, canv, trySplit)
        finally:
            flowable.__dict__.pop("drawOn", None)


class _Info(pdfdoc.PDFInfo):
    """Document information with a fixed creation date and the archive fields of DA/T 47
    (number, retention period, classification) as custom entries."""

    def __init__(self, created: dt.datetime, extra: dict[str, str]):
        super().__init__()
        self.created = created
        self.extra = extra

    def format(self, document):
        offset = self.created.utcoffset() or dt.timedelta(0)
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        stamp = self.created.strftime("D:%Y%m%d%H%M%S") + f"{sign}{abs(minutes) // 60:02d}'{abs(minutes) % 60:02d}'"
        entries = {
            "Title": pdfdoc.PDFString(self.title),
            "Author": pdfdoc.PDFString(self.author),
            "Subject": pdfdoc.PDFString(self.subject),
            "Keywords": pdfdoc.PDFString(self.keywords),
            "Creator": pdfdoc.PDFString(self.creator),
            "Producer": pdfdoc.PDFString(self.producer),
            "CreationDate": pdfdoc.PDFString(stamp),
            "ModDate": pdfdoc.PDFString(stamp),
            "Trapped": pdfdoc.PDFName(self.trapped),
        }
        for key, value in self.extra.items():
            if value:
                entries[key] = pdfdoc.PDFString(value)
        return pdfdoc.PDFDictionary(entries).format(document)


class PaperDocTemplate(BaseDocTemplate):
    """One A4 text block per page; page numbers (and, for the record preset, a running
    header) drawn on every page; anchors become bookmarks, outline and TOC entries."""

    def __init__(self, target, book: StyleBook, *, info: dict, created: dt.datetime,
                 extra_info: dict[str, str], header: tuple[str, str], progress=None,
                 page_counter: PageCounter | None = None, cover: bool = False):
        preset = book.preset
        self.book = book
        self._page_counter = page_counter
        self._cover = cover  # the first page is a cover: no page number on it
        self._created = created
        self._extra_info = extra_info
        self._header = header
        self._progress = progress
        super().__init__(
            target,
            pagesize=preset.page_size,
            leftMargin=preset.margin_left,
            rightMargin=preset.margin_right,
            topMargin=preset.margin_top,
            bottomMargin=preset.margin_bottom,
            creator="BranchDesk",
            lang="zh-CN",
            displayDocTitle=1,
            # reportlab opens each page with a Helvetica font selection, which would
            # list an unembedded font; start in the body face instead.
            initialFontName=book.font_name(preset.body.role),
            initialFontSize=preset.body.size,
            initialLeading=preset.body.leading,
            **info,
        )
        frame = self._frame = _TextFrame(
            preset.margin_left, preset.margin_bottom, preset.text_width, preset.text_height,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="text",
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])
        self._outline_level = -1
        self._decorations: dict[tuple, tuple] = {}
        self._dry_passes = 0

    def multiBuild(self, story, maxPasses=10, **build):
        # Pass 1 cannot be the last one: its contents have no page numbers yet and a cell
        # printing the page total has no total yet (template PageCountText). It is laid out
        # dry; the passes after it are drawn as before (docs/tech-notes.md, PDF).
        self._dry_passes = 1
        return super().multiBuild(story, maxPasses=maxPasses, **build)

    def handle_documentBegin(self):
        self._frame.dry = self._dry_passes > 0
        self._dry_passes = max(self._dry_passes - 1, 0)
        super().handle_documentBegin()
        info = _Info(self._created, self._extra_info)
        old = self.canv._doc.info  # reportlab keeps the Info dictionary here
        for name in ("title", "author", "subject", "keywords", "creator", "producer"):
            setattr(info, name, getattr(old, name))
        self.canv._doc.info = info
        self.canv.showOutline()
        self._outline_level = -1

    def afterFlowable(self, flowable):
        if isinstance(flowable, Anchor):
            # The outline may only go one level deeper at a time (a 「（一）」 straight
            # after a title would otherwise be refused).
            level = min(flowable.level, self._outline_level + 1)
            self._outline_level = level
            self.canv.addOutlineEntry(flowable.text, flowable.key, level=level, closed=level >= 1)
            if flowable.in_toc:
                self.notify("TOCEntry", (level, flowable.markup, self.page, flowable.key))

    def _allSatisfied(self):
        # multiBuild asks this after every pass: the contents must be stable, and so
        # must the page total printed on the cover.
        happy = super()._allSatisfied()
        if self._page_counter is not None:
            happy = self._page_counter.settled(self.page) and happy
        return happy and not self._frame.dry  # a dry pass drew nothing to save

    def afterPage(self):
        if self._progress is not None:
            self._progress(self.page)

    def _decorate(self, canv, doc):
        if self._frame.dry:
            return
        preset = self.book.preset
        canv.saveState()
        if not (self._cover and doc.page == 1):
            self._page_number(canv, doc.page)
        if preset.running_header is not None and doc.page > 1 and any(self._header):
            self._running_header(canv)
        canv.restoreState()

    def _decoration(self, text: str, style: TextStyle, where: str, align: str | None):
        """The paragraph for a page number or running header and its width on one line,
        made once per text: the header is the same on every page, and a number's
        paragraph serves every pass (a paragraph is wrapped and drawn anew each time)."""
        key = (text, style, align)
        made = self._decorations.get(key)
        if made is None:
            para = self.book.paragraph(text, style, where, indent=False, align=align, in_box=True)
            made = self._decorations[key] = (para, self.book.estimate_width(text, style) + 1)
        return made

    def _page_number(self, canv, number: int):
        preset = self.book.preset
        spec = preset.page_numbers
        style = TextStyle(spec.role, spec.size, spec.size, align="left")
        text = f"— {number} —"
        para, width = self._decoration(text, style, "页码", None)
        left, right = preset.margin_left, preset.margin_left + preset.text_width
        inset = spec.inset_chars * spec.size
        if spec.placement == "outside":
            x = right - inset - width if number % 2 else left + inset
        else:
            x = (left + right - width) / 2
        _draw_on_baseline(para, canv, x, spec.baseline, width, style)

    def _running_header(self, canv):
        preset = self.book.preset
        style = preset.running_header
        page_w, page_h = preset.page_size
        left_text, right_text = self._header
        baseline = page_h - preset.margin_top + style.size * 1.6
        for text, align in ((left_text, "left"), (right_text, "right")):
            if not text:
                continue
            para, _ = self._decoration(text, style, "页眉", align)
            _draw_on_baseline(para, canv, preset.margin_left, baseline, preset.text_width, style)
        canv.setLineWidth(preset.rule_width)
        canv.setStrokeColor(colors.black)
        rule_y = baseline - style.size * 0.45
        canv.line(preset.margin_left, rule_y, preset.margin_left + preset.text_width, rule_y)


def _draw_on_baseline(para, canv, x: float, baseline: float, width: float, style: TextStyle) -> None:
    """Draws a one-line paragraph so that its first baseline sits at ``baseline``
    (CJKParagraph puts it 0.86 em below the top of the em box, centred in the line)."""
    _, height = para.wrap(width, style.leading * 3)
    first_baseline = height - (style.leading - style.size) / 2 - style.size * 0.86
    para.drawOn(canv, x, baseline - first_baseline)

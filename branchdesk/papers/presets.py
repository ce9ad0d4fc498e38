"""Page layouts for papers: ``gongwen`` (GB/T 9704-2012), ``record`` (record book) and
``archive`` (record book bound as an archive, with GB/T 9704 page numbers).

A preset is plain data: page geometry in points, and one :class:`TextStyle` per kind of
text. The layout code (:mod:`.layout`) turns them into reportlab styles.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

# Units in points, defined here so that importing presets does not import reportlab.
mm = 72 / 25.4
cm = 10 * mm
A4 = (210 * mm, 297 * mm)


@dataclass(frozen=True)
class TextStyle:
    """How one kind of text looks. Sizes in pt; ``indent_chars`` is the first-line indent
    in characters; ``char_space`` is added after every character (negative squeezes)."""

    role: str
    size: float
    leading: float
    align: str = "justify"  # left | center | right | justify
    indent_chars: float = 0
    bold: bool = False
    char_space: float = 0.0
    space_before: float = 0.0
    space_after: float = 0.0
    right_indent_chars: float = 0


@dataclass(frozen=True)
class PageNumbers:
    """「— N —」 page numbers. ``placement``: ``outside`` (odd pages right, even pages left,
    ``inset_chars`` in from the text block) or ``center``. ``baseline`` is measured up
    from the bottom edge of the page."""

    role: str
    size: float
    placement: str
    baseline: float
    inset_chars: float = 0


@dataclass(frozen=True)
class Preset:
    """One page layout. Geometry in pt; ``margin_top``/``margin_left`` place the text block."""

    key: str
    name: str
    page_size: tuple[float, float]
    margin_top: float
    margin_left: float
    text_width: float
    text_height: float
    body: TextStyle
    title: TextStyle
    subtitle: TextStyle
    meta: TextStyle
    meta_labels: bool  # 「支部：…」 labels in the title block's meta line
    headings: tuple[TextStyle, TextStyle, TextStyle, TextStyle]
    table: TextStyle
    table_header: TextStyle
    caption: TextStyle
    signature: TextStyle
    date_line: TextStyle
    signer: TextStyle
    toc_title: TextStyle
    toc_entry: TextStyle
    page_numbers: PageNumbers
    running_header: TextStyle | None = None
    # GB/T 9704 measures the 天头 to the top of the first line's characters: text outside
    # tables sits at the top of its line slot (the rest of the pitch below it), not centred.
    em_top: bool = False
    rule_width: float = 0.5
    cell_padding: tuple[float, float] = (4.0, 3.0)  # horizontal, vertical

    @property
    def margin_bottom(self) -> float:
        return self.page_size[1] - self.margin_top - self.text_height

    @property
    def margin_right(self) -> float:
        return self.page_size[0] - self.margin_left - self.text_width


def _gongwen() -> Preset:
    width, height = 156 * mm, 225 * mm
    pitch = height / 22  # 22 lines a page: 28.93 pt
    # 28 characters of 16 pt are 448 pt, the line 442.2 pt: squeeze each by ~0.2 pt as the
    # Word grid of 公文 templates does. A hair more, so rounding never drops the 28th.
    squeeze = (width - 28 * 16) / 28 - 0.001
    body = TextStyle("fangsong", 16, pitch, indent_chars=2, char_space=squeeze)
    return Preset(
        key="gongwen",
        name="公文格式（GB/T 9704—2012）",
        page_size=A4,
        margin_top=37 * mm,
        margin_left=28 * mm,
        text_width=width,
        text_height=height,
        body=body,
        title=TextStyle("title", 22, 36, align="center", space_after=pitch * 0.5),
        subtitle=TextStyle("kai", 16, pitch, align="center"),
        meta=TextStyle("kai", 16, pitch, align="center", space_after=pitch * 0.5),
        meta_labels=False,
        headings=(
            TextStyle("hei", 16, pitch, indent_chars=2, char_space=squeeze),
            TextStyle("kai", 16, pitch, indent_chars=2, char_space=squeeze),
            TextStyle("fangsong", 16, pitch, indent_chars=2, bold=True, char_space=squeeze),
            TextStyle("fangsong", 16, pitch, indent_chars=2, char_space=squeeze),
        ),
        table=TextStyle("fangsong", 12, 18, align="left"),
        table_header=TextStyle("hei", 12, 18, align="center"),
        caption=TextStyle("kai", 12, 18, align="center", space_after=6),
        signature=TextStyle("fangsong", 16, pitch, align="left"),
        # 成文日期 and 发文机关署名: placed by GB/T 9704 7.3.5 (layout.signature_indents).
        date_line=TextStyle("fangsong", 16, pitch, align="right"),
        signer=TextStyle("fangsong", 16, pitch, align="right"),
        toc_title=TextStyle("hei", 16, pitch, align="center", space_after=pitch * 0.5),
        toc_entry=TextStyle("fangsong", 14, 24, align="left"),
        # The 一字线 7 mm below the text block (GB/T 9704 7.5): the dashes sit at the middle
        # of the em box, 0.36 em above the baseline (the em box reaches 0.86 em above it).
        page_numbers=PageNumbers("song", 14, "outside", 35 * mm - 7 * mm - 0.36 * 14, inset_chars=1),
        em_top=True,
    )


def _record() -> Preset:
    page_w, page_h = A4
    top = bottom = 2.54 * cm
    side = 3.17 * cm
    pitch = 31.0
    body = TextStyle("song", 16, pitch, indent_chars=2)
    return Preset(
        key="record",
        name="记录本格式",
        page_size=A4,
        margin_top=top,
        margin_left=side,
        text_width=page_w - 2 * side,
        text_height=page_h - top - bottom,
        body=body,
        title=TextStyle("title", 22, 34, align="center", space_after=6),
        subtitle=TextStyle("kai", 16, 26, align="center"),
        meta=TextStyle("song", 12, 20, align="center", space_after=12),
        meta_labels=True,
        headings=(
            TextStyle("hei", 16, pitch, indent_chars=2),
            TextStyle("kai", 16, pitch, indent_chars=2),
            TextStyle("song", 16, pitch, indent_chars=2, bold=True),
            TextStyle("song", 16, pitch, indent_chars=2),
        ),
        table=TextStyle("song", 12, 18, align="left"),
        table_header=TextStyle("hei", 12, 18, align="center"),
        caption=TextStyle("kai", 12, 18, align="center", space_after=6),
        signature=TextStyle("song", 14, 28, align="left"),
        date_line=TextStyle("song", 16, pitch, align="right"),
        signer=TextStyle("song", 16, pitch, align="right"),
        toc_title=TextStyle("hei", 16, pitch, align="center", space_after=12),
        toc_entry=TextStyle("song", 14, 24, align="left"),
        page_numbers=PageNumbers("song", 10.5, "center", 1.5 * cm),
        running_header=TextStyle("song", 10.5, 14, align="left"),
    )


def _archive() -> Preset:
    """A bound archive of records (the yearly archive): the record-book page, with
    GB/T 9704 page numbers — 4号「— N —」, odd pages right, even pages left, one
    character in — since its pages are numbered continuously like a book."""
    return replace(
        _record(), key="archive", name="档案汇编格式",
        page_numbers=PageNumbers("song", 14, "outside", 1.5 * cm, inset_chars=1),
    )


PRESETS: dict[str, Preset] = {p.key: p for p in (_gongwen(), _record(), _archive())}


def preset(key: str) -> Preset:
    """The preset called ``key`` (``gongwen`` or ``record``)."""
    try:
        return PRESETS[key]
    except KeyError:
        raise ValueError(f"unknown paper preset {key!r}; known: {', '.join(PRESETS)}") from None

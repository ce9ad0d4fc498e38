"""Chinese line breaking and drawing for reportlab paragraphs.

reportlab's CJK wrapping knows only Japanese rules, and lets at most one forbidden mark
hang: in 「……“两学一做”。」 the 。 after the hanging ” still starts the next line. It also
cannot squeeze or justify ideographs. :class:`CJKParagraph` therefore breaks lines itself:

* 避头尾: closing marks (，。、；：！？）》」”’… and friends) never start a line and
  opening marks (（《「“‘) never end one; the character before is pushed down instead of
  letting marks hang into the margin (or across a table rule);
* ——, …… and runs of Latin letters or digits (phone numbers, dates) are not split, nor
  characters joined by U+2060 WORD JOINER (:func:`~.blocks.unbroken`: a name in a list);
* ``bdCharSpace`` on the style adds (or, negative, removes) space after every character:
  the 公文 grid puts 28 characters of 16 pt on a 156 mm line;
* justified lines are spread with character spacing, since ideographs have no spaces;
* ``bdFauxBold`` draws a thin outline around glyphs when no bold face exists
  (「1.」 headings in 仿宋 bold, 小标宋 imitated by a bold 宋体);
* ``bdLeader`` draws dot leaders after the last line (table of contents).

The rest (wrap heights, page splitting, tables) is reportlab's own Paragraph machinery.
"""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.paragraph import FragLine, Paragraph, ParaLines

from .glyphs import WORD_JOINER
from .kinsoku import can_break_between

_WIDTH_TOLERANCE = 0.05  # pt; 28 squeezed characters must fit a line that is exactly 28 wide
_EM_ASCENT = 0.86  # share of the em box above the baseline in CJK fonts (SimSun, UMing)


# Advance widths per (font name, size), per character: a paragraph's characters are
# measured one by one, and a font's few thousand distinct ones recur in every paper.
_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}


def _widths_of(font_name: str, size: float) -> dict[str, float]:
    widths = _WIDTHS.get((font_name, size))
    if widths is None:
        widths = _WIDTHS.setdefault((font_name, size), {})
    return widths


def _characters(frags, char_space: float):
    """The paragraph's characters side by side (a list each, no object per character):
    their text ("" for an explicit <br/>), advance with the character spacing and
    fragment, and the places after which a word joiner forbids a break."""
    text: list[str] = []
    width: list[float] = []
    owner: list = []
    joined: set[int] = set()
    for frag in frags:
        if getattr(frag, "lineBreak", False):
            text.append("")
            width.append(0.0)
            owner.append(frag)
            continue
        name, size = frag.fontName, frag.fontSize
        widths = _widths_of(name, size)
        for ch in getattr(frag, "text", "") or "":
            if ch == WORD_JOINER:
                if text:
                    joined.add(len(text) - 1)
                continue
            advance = widths.get(ch)
            if advance is None:
                advance = widths[ch] = stringWidth(ch, name, size)
            text.append(ch)
            width.append(advance + char_space)
            owner.append(frag)
    return text, width, owner, joined


def _make_line(chars, start: int, end: int, max_width: float, forced: bool, char_space: float) -> FragLine:
    text, width, owner, _ = chars
    while end > start and text[end - 1] == " ":  # a space at a break is not drawn
        end -= 1
    words = []
    frag, run_from = None, start
    for index in range(start, end):
        if owner[index] is not frag:
            if frag is not None:
                words.append(frag.clone(text="".join(text[run_from:index])))
            frag, run_from = owner[index], index
    if frag is not None:
        words.append(frag.clone(text="".join(text[run_from:end])))
    drawn = [index for index in range(start, end) if text[index]]
    line_width = sum(width[index] for index in drawn)
    size = max((w.fontSize for w in words), default=0)
    return FragLine(
        kind=1,
        extraSpace=max_width - line_width,
        wordCount=1,
        words=words,
        fontSize=size,
        ascent=size * _EM_ASCENT,
        descent=-size * (1 - _EM_ASCENT),
        maxWidth=max_width,
        currentWidth=line_width,
        lineBreak=forced,
        bdChars=len(drawn),
        bdNatural=line_width - len(drawn) * char_space,
    )


def break_lines(frags, max_widths, char_space: float = 0.0) -> list[FragLine]:
    """Breaks paragraph fragments into lines following the rules in the module doc."""
    chars = _characters(frags, char_space)
    text, width, _, joined = chars

    def may_break(at: int) -> bool:  # between the characters at - 1 and at
        return at - 1 not in joined and can_break_between(text[at - 1], text[at])

    lines: list[FragLine] = []
    start, count = 0, len(text)
    while start < count:
        if lines and not lines[-1].lineBreak:
            while start < count and text[start] == " ":
                start += 1
            if start >= count:
                break
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        used, end, forced = 0.0, start, False
        while end < count:
            if not text[end]:  # an explicit <br/>
                end, forced = end + 1, True
                break
            if used + width[end] > max_width + _WIDTH_TOLERANCE and end > start:
                break
            used += width[end]
            end += 1
        if not forced and end < count and text[end]:
            # text[end] would open the next line: step back to a permitted break. With none
            # in the whole line (one overlong Latin word) the greedy break stands.
            point = end
            while point > start + 1 and not may_break(point):
                point -= 1
            if may_break(point):
                end = point
        lines.append(_make_line(chars, start, end, max_width, forced, char_space))
        start = end
    return lines


def _frags_of_lines(para_lines, start: int, stop: int):
    """Fragments of lines ``start:stop`` for the part of a split paragraph that is wrapped
    again. Unlike reportlab's version it adds no space between lines (none exists in
    Chinese text) and leaves the drawn lines untouched."""
    frags = []
    for line in para_lines.lines[start:stop]:
        frags.extend(word.clone() for word in line.words)
    return frags


def begin_text(canv, style):
    """Save the canvas state and start a text object in the style's colour, stroked
    for faux bold (the caller draws it and restores the state)."""
    canv.saveState()
    canv.setFillColor(style.textColor)
    text = canv.beginText()
    if getattr(style, "bdFauxBold", False):
        canv.setStrokeColor(style.textColor)
        canv.setLineWidth(style.fontSize * 0.035)
        text.setTextRenderMode(2)  # fill and stroke: glyphs grow by half the line width
    return text


class CJKParagraph(Paragraph):
    """A reportlab Paragraph with Chinese line breaking, character spacing, justification
    and faux bold (see the module doc). Style attributes: ``bdCharSpace`` (pt),
    ``bdFauxBold`` (bool), ``bdLeader`` (bool), ``bdEmTop`` (bool); ``wordWrap`` must be ``'CJK'``."""

    def breakLinesCJK(self, maxWidths):
        if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
            return self.blPara
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        self.height = 0
        # Tables wrap each cell several times at the same width; break the lines once.
        key = tuple(maxWidths)
        cached = getattr(self, "_bd_lines", None)
        if cached is None or cached[0] != key:
            char_space = getattr(self.style, "bdCharSpace", 0.0)
            cached = self._bd_lines = (key, break_lines(self.frags, maxWidths, char_space))
        return ParaLines(kind=1, lines=cached[1])

    def _get_split_blParaFunc(self):
        return _frags_of_lines

    def drawPara(self, debug=0):
        lines = self.blPara.lines
        if not lines:
            return
        style = self.style
        canv = self.canv
        size, leading = style.fontSize, style.leading
        char_space = getattr(style, "bdCharSpace", 0.0)
        justify_last = getattr(self, "_JustifyLast", False)
        # Baseline of line 1: the em box centred in its line slot, whatever the font, or
        # (``bdEmTop``) at the top of the slot, where GB/T 9704 measures the 天头 to.
        above = 0.0 if getattr(style, "bdEmTop", False) else (leading - size) / 2
        top_baseline = self.height - above - size * _EM_ASCENT
        text = begin_text(canv, style)
        current_font = None
        leader_from = None
        last = len(lines) - 1
        for index, line in enumerate(lines):
            x = style.leftIndent + (style.firstLineIndent if index == 0 else 0)
            y = top_baseline - index * leading
            gaps = max(line.bdChars - 1, 0)
            free = line.maxWidth - line.bdNatural - gaps * char_space
            spacing = char_space
            is_last = index == last and not justify_last
            if style.alignment == TA_JUSTIFY:
                if not is_last and not line.lineBreak and gaps and 0 < free / gaps <= size * 0.5:
                    spacing = char_space + free / gaps
            elif style.alignment == TA_CENTER:
                x += free / 2
            elif style.alignment == TA_RIGHT:
                x += free
            text.setTextOrigin(x, y)
            text.setCharSpace(spacing)
            for word in line.words:
                if not word.text:
                    continue
                font = (word.fontName, word.fontSize)
                if font != current_font:
                    text.setFont(*font)
                    current_font = font
                text.textOut(word.text)
            if index == last:
                leader_from = (x + line.bdNatural + gaps * spacing, y)
        canv.drawText(text)
        if getattr(style, "bdLeader", False) and leader_from:
            start_x, y = leader_from
            end_x = self.width - style.rightIndent
            if end_x - start_x > size:
                canv.setLineWidth(size * 0.08)
                canv.setLineCap(1)
                canv.setDash([0, size * 0.4])
                canv.line(start_x + size * 0.4, y + size * 0.05, end_x, y + size * 0.05)
        canv.restoreState()

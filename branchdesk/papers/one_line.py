"""A table cell of one line of plain text, drawn without the paragraph machinery.

A table of thousands of rows (the upper level's 汇总表: 3,600 rows × 17 columns) is
measured and laid out several times, and a ``CJKParagraph`` per cell parses markup and
breaks lines each time. A cell whose text fits its column on one line, every character
in the role's own font (nothing to fall back for, nothing to report), no line break, no
run of spaces, is drawn here exactly as ``CJKParagraph.drawPara`` draws a one-line cell:
the same baseline, indents, alignment, character spacing and faux bold. Any other cell
stays a paragraph."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.flowables import Flowable

from .linebreak import _EM_ASCENT, begin_text


class OneLineCell(Flowable):
    def __init__(self, text: str, style, natural: float):
        super().__init__()
        self.text, self.style, self.natural = text, style, natural

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, self.style.leading
        return self.width, self.height

    def split(self, availWidth, availHeight):
        return []  # one line: it moves whole

    def draw(self):
        style, canv = self.style, self.canv
        size, leading = style.fontSize, style.leading
        char_space = getattr(style, "bdCharSpace", 0.0)
        gaps = max(len(self.text) - 1, 0)
        free = self.width - style.leftIndent - style.rightIndent - self.natural - gaps * char_space
        x = style.leftIndent
        if style.alignment == TA_CENTER:
            x += free / 2
        elif style.alignment == TA_RIGHT:
            x += free
        y = self.height - (leading - size) / 2 - size * _EM_ASCENT
        text = begin_text(canv, style)
        text.setTextOrigin(x, y)
        text.setCharSpace(char_space)
        text.setFont(style.fontName, size)
        text.textOut(self.text)
        canv.drawText(text)
        canv.restoreState()


def one_line_cell(book, text: str, text_style, width: float, **style_options) -> OneLineCell | None:
    """The cell ``StyleBook.cell`` would make, as a ``OneLineCell`` when it may be one
    (see the module's notes), else None. A long table repeats its texts (「已开1次」,
    「0」): what was found for a text, style and width is kept on the book."""
    key = (text, text_style, width, tuple(sorted(style_options.items())))
    known = book.__dict__.setdefault("_one_line_cells", {})
    found = known.get(key, ())
    if found == ():
        found = known[key] = _fitting(book, text, text_style, width, style_options)
    return None if found is None else OneLineCell(text, *found)


def _fitting(book, text: str, text_style, width: float, style_options: dict):
    """(paragraph style, natural width) when ``text`` may be a one-line cell, else None."""
    if not text or "  " in text or text[0] == " " or text[-1] == " " or not book.mapper.all_primary(text, text_style.role):
        return None
    pad = book.preset.cell_padding[0]
    options = {"indent": False, "in_box": True, **style_options}
    style = book.style(text_style, left_indent=pad, right_indent=pad, **options)
    if getattr(style, "bdLeader", False) or style.firstLineIndent:
        return None
    natural = stringWidth(text, style.fontName, style.fontSize)
    room = width - style.leftIndent - style.rightIndent
    if natural + max(len(text) - 1, 0) * getattr(style, "bdCharSpace", 0.0) > room:
        return None
    return style, natural

"""A table cell of one line of plain text, drawn without the paragraph machinery.

A table of thousands of rows (the upper level's 汇总表: 3,600 rows × 22 columns) is
measured and laid out several times, and a ``CJKParagraph`` per cell parses markup and
breaks lines each time. A cell whose text fits its column on one line, every character
in the role's own font (nothing to fall back for, nothing to report), no line break, no
run of spaces, is drawn here exactly as ``CJKParagraph.drawPara`` draws a one-line cell:
the same baseline, indents, alignment, character spacing and faux bold. Any other cell
stays a paragraph.

Such a cell is a :class:`OneLineText`, a ``str``: reportlab's table sizes a string cell's
row by the cell style's leading without asking a flowable to wrap (``tables.RuledTable``
sets that leading and draws these cells through :meth:`OneLineText.draw_in_cell`, at the
place a one-line flowable of the same height would take). Rows that may be split inside
(very tall rows) take :class:`OneLineCell` flowables instead, since reportlab splits a
string cell by its own line height."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.flowables import Flowable

from .linebreak import _EM_ASCENT, begin_text


def _origin(style, natural: float, text: str, width: float, height: float) -> tuple[float, float]:
    """Where the line starts inside a box of ``width`` × ``height`` (as drawPara puts it)."""
    size, leading = style.fontSize, style.leading
    gaps = max(len(text) - 1, 0)
    free = width - style.leftIndent - style.rightIndent - natural - gaps * getattr(style, "bdCharSpace", 0.0)
    x = style.leftIndent
    if style.alignment == TA_CENTER:
        x += free / 2
    elif style.alignment == TA_RIGHT:
        x += free
    return x, height - (leading - size) / 2 - size * _EM_ASCENT


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
        x, y = _origin(style, self.natural, self.text, self.width, self.height)
        text = begin_text(canv, style)
        text.setTextOrigin(x, y)
        text.setCharSpace(getattr(style, "bdCharSpace", 0.0))
        text.setFont(style.fontName, style.fontSize)
        text.textOut(self.text)
        canv.drawText(text)
        canv.restoreState()


class _Empty(Flowable):
    """An empty cell as a flowable: as an empty paragraph, no height and nothing drawn."""

    def wrap(self, availWidth, availHeight):
        return availWidth, 0

    def draw(self):
        pass


class OneLineText(str):
    """The text of a one-line cell (possibly empty) with its paragraph style and natural
    width. One object serves every cell of the same text, style and column (a ``str``:
    reportlab keeps it as it is), and keeps the text object it drew, per document and
    width: the same text in the same column is the same operators at every place."""

    style: object
    natural: float
    _drawn: dict

    def flowable(self) -> Flowable:
        return OneLineCell(str(self), self.style, self.natural) if self else _Empty()

    def draw_in_cell(self, canv, cellstyle, pos, size) -> None:
        """Draws the text where reportlab's ``Table._drawCell`` would put a
        :class:`OneLineCell` (its padding, vertical and horizontal alignment, the same
        arithmetic) and the cell would put its line: a translation in a saved state, then
        the text object in the style's colour — without the canvas's own state keeping
        per cell (two saved states and a translation's bookkeeping for each of 59,000 cells)."""
        if not self:
            return  # an empty paragraph draws nothing either
        style = self.style
        width = size[0] - cellstyle.leftPadding - cellstyle.rightPadding
        x, y = self._cell_origin(cellstyle, pos, size, width)
        if getattr(style, "bdFauxBold", False):  # stroke settings too: the flowable's way
            cell = self.flowable()
            cell.wrap(width, style.leading)
            cell.drawOn(canv, x, y)
            return
        key = (canv._doc, width)  # the font subset's codes are the document's
        code = self._drawn.get(key)
        if code is None:
            tx, ty = _origin(style, self.natural, self, width, style.leading)
            text = canv.beginText()
            text.setFillColor(style.textColor)
            text.setTextOrigin(tx, ty)
            text.setCharSpace(getattr(style, "bdCharSpace", 0.0))
            text.setFont(style.fontName, style.fontSize)
            text.textOut(str(self))
            code = self._drawn[key] = text.getCode()
        # the canvas's page content; its Python-side state stays as it was
        canv._code.append(f"q\n{fp_str(1, 0, 0, 1, x, y)} cm\n{code}\nQ")

    def _cell_origin(self, cellstyle, pos, size, width: float) -> tuple[float, float]:
        """``Table._drawCell``'s placing of one flowable ``width`` wide and a leading high."""
        colpos, rowpos = pos
        colwidth, rowheight = size
        h = self.style.leading
        valign = cellstyle.valign
        if valign == "TOP":
            y = rowpos + rowheight - cellstyle.topPadding
        elif valign == "BOTTOM":
            y = rowpos + cellstyle.bottomPadding + h
        else:
            y = rowpos + (rowheight + cellstyle.bottomPadding - cellstyle.topPadding + h) / 2.0
        y -= h
        just = cellstyle.alignment
        if just == "RIGHT":
            x = colpos + colwidth - cellstyle.rightPadding - width
        elif just in ("CENTRE", "CENTER"):
            x = colpos + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding - width) / 2.0
        else:
            x = colpos + cellstyle.leftPadding
        return x, y


def one_line_cell(book, text: str, text_style, width: float, **style_options) -> OneLineText | None:
    """The cell ``StyleBook.cell`` would make, as a ``OneLineText`` when it may be one
    (see the module's notes; an empty text may be one, but the caller gives it only in a
    row that holds some text, since an empty paragraph has no height), else None. A long
    table repeats its texts (「已开1次」, 「0」): what was found for a text, style and width
    is kept on the book, and the same object serves each of its cells."""
    key = (text, text_style, width, tuple(sorted(style_options.items())) if style_options else ())
    known = book.__dict__.setdefault("_one_line_cells", {})
    found = known.get(key, known)
    if found is known:
        fitting = _fitting(book, text, text_style, width, style_options)
        if fitting is None:
            found = None
        else:
            found = OneLineText(text)
            found.style, found.natural = fitting
            found._drawn = {}
        known[key] = found
    return found


def _fitting(book, text: str, text_style, width: float, style_options: dict):
    """(paragraph style, natural width) when ``text`` may be a one-line cell, else None."""
    if text and ("  " in text or text[0] == " " or text[-1] == " " or not book.mapper.all_primary(text, text_style.role)):
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
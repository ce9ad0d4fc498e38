"""Ruled tables: data tables, label/value forms and signature lines.

Rules, never shading (docs/domain.md §6.1). Header rows repeat on every page a table spans, rows
split inside long cells instead of failing, and cell text wraps with the Chinese rules.
"""

from __future__ import annotations

import re

from reportlab.lib import colors
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle

from .blocks import KeyValues, PageCount, Signatures, Table, cell_text
from .one_line import OneLineText, one_line_cell
from .styles import StyleBook
from .template import PageCounter, PageCountText

_NUMERIC = re.compile(r"^[\s\d.,%‰+\-–—/:年月日]*$")


class RuledTable(RLTable):
    """A table that splits across pages the way a reader expects.

    reportlab splits inside a row whenever no whole row fits, even in a few points at the
    foot of a page, leaving the repeated header and a sliver of a row there. Here a row is
    split only when at least ``in_row_from`` points are left (a row taller than that
    would not fit anywhere else either); otherwise it moves to the next page. A page never
    starts a table part with less than its header plus ``min_piece`` points.
    """

    min_piece = 0.0
    in_row_from = 0.0
    rule_width = 0.5

    def split(self, availWidth, availHeight):
        self._calc(availWidth, availHeight)
        heights = self._rowHeights
        head = sum(heights[: self.repeatRows])
        if len(heights) > self.repeatRows:
            if availHeight < head + min(heights[self.repeatRows], self.min_piece):
                return []
        self.splitInRow = 0
        parts = super().split(availWidth, availHeight)
        if not parts and availHeight >= self.in_row_from:
            self.splitInRow = 1
            self._measured_at = None  # measured anew, as reportlab does
            parts = super().split(availWidth, availHeight)
        self.splitInRow = 1
        for part in parts:  # reportlab builds the parts anew, without our attributes
            part.min_piece, part.in_row_from, part.splitInRow = self.min_piece, self.in_row_from, 1
            part.rule_width = self.rule_width
        # A row split inside is left open at the page's foot by reportlab: close it, every
        # part of a table ends with its bottom rule.
        for part in parts[:-1]:
            part.setStyle([("LINEBELOW", (0, -1), (-1, -1), self.rule_width, colors.black)])
        return parts

    _measured_at = None

    def _calc(self, availWidth, availHeight):
        # The frame's wrap, this split and reportlab's split each measure the rows anew
        # at the same size (a long table: a page's rows of cells, three times a page).
        if self._measured_at != (availWidth, availHeight):
            super()._calc(availWidth, availHeight)
            self._measured_at = (availWidth, availHeight)

    def _drawCell(self, cellval, cellstyle, pos, size):
        if cellval.__class__ is OneLineText:  # a one-line cell draws itself (papers/one_line.py)
            cellval.draw_in_cell(self.canv, cellstyle, pos, size)
        else:
            super()._drawCell(cellval, cellstyle, pos, size)


def _plain_cells(book: StyleBook):
    """reportlab sets the cell font even for empty string cells, Helvetica by default,
    which would put an unembedded font in the file."""
    return ("FONTNAME", (0, 0), (-1, -1), book.font_name(book.preset.table.role))


def _tallest_row(data, widths, pad_v: float) -> float:
    """Height of the tallest row (cells measured at their column's width)."""
    tallest = 0.0
    for row in data:
        height = max((cell.wrap(w, 1e9)[1] for cell, w in zip(row, widths) if hasattr(cell, "wrap")), default=0)
        tallest = max(tallest, height + 2 * pad_v)
    return tallest


def _ruled(book: StyleBook, data, widths, header_rows: int, extra=()) -> RLTable:
    """A ruled table of cells made with ``StyleBook.cell`` (their indent is the padding)
    or ``one_line_cell`` (drawn by ``RuledTable._drawCell``)."""
    preset = book.preset
    pad_v = preset.cell_padding[1]
    # Only rows taller than 40 % of a page are ever split inside. Such tables are
    # top-aligned: reportlab's splitting of vertically centred rows adds the centring
    # offset as padding on every split, and the remainder grows instead of shrinking.
    tall = _tallest_row(data, widths, pad_v) > preset.text_height * 0.4
    leading = preset.table.leading  # the row height reportlab gives a string cell: one line's
    if tall or any(cell.__class__ is OneLineText and cell.style.leading != leading for row in data for cell in row):
        # reportlab would split a string cell inside a row by its own line height
        data = [[cell.flowable() if cell.__class__ is OneLineText else cell for cell in row] for row in data]
    table = RuledTable(
        data, colWidths=widths, repeatRows=header_rows, splitByRow=1, splitInRow=1, hAlign="CENTER"
    )
    table.min_piece = 3 * preset.table.leading + 2 * pad_v
    table.rule_width = preset.rule_width
    table.in_row_from = preset.text_height * 0.4 if tall else float("inf")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), preset.rule_width, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP" if tall else "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), pad_v),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad_v),
                ("LEADING", (0, 0), (-1, -1), leading),
                _plain_cells(book),
                *extra,
            ]
        )
    )
    return table


# A column header may break only after these (「赞成/反对/弃权」), never inside a word.
_HEADER_BREAK_AFTER = set(" /、）)，\n")
_HEADER_BREAK_BEFORE = set(" （(\n")


def header_words(header: str) -> list[str]:
    """The words of a column header: the parts between the places it may break."""
    words, word = [], ""
    for before, ch in zip(" " + header, header):
        if word and (before in _HEADER_BREAK_AFTER or ch in _HEADER_BREAK_BEFORE):
            words.append(word)
            word = ""
        word += ch
    return [w.strip() for w in words + [word] if w.strip()]


def _unbroken_header(header: str) -> str:
    """The header with word joiners inside its words, so that it breaks only between them."""
    out, previous = [], ""
    for ch in header:
        if previous and previous not in _HEADER_BREAK_AFTER and ch not in _HEADER_BREAK_BEFORE:
            out.append("\u2060")
        out.append(ch)
        previous = ch
    return "".join(out)


def _fit_headers(book: StyleBook, widths: list[float], headers: list[str]) -> list[float]:
    """``widths`` changed so that every column is as wide as the longest word of its header
    (「完成情况」 never breaks into 「完成情」 and 「况」): the room comes from the columns
    wider than their own header needs, in proportion to what they can spare."""
    pad = 2 * book.preset.cell_padding[0] + 1
    style = book.preset.table_header
    need = [max((book.estimate_width(w, style) for w in header_words(h)), default=0) + pad for h in headers]
    short = sum(max(n - w, 0) for n, w in zip(need, widths))
    spare = [max(w - n, 0) for n, w in zip(need, widths)]
    if not short or sum(spare) < short:  # nothing to do, or no room: break at the greedy points
        return widths
    share = short / sum(spare)
    return [max(n, w) if w < n else w - s * share for n, w, s in zip(need, widths, spare)]


def column_widths(book: StyleBook, spec: Table, texts: list[list[str]]) -> list[float]:
    """Column widths filling the text block: the given weights, or from the content —
    each column gets at least room for its header (up to four characters) and no
    number is wrapped; the rest is shared by how much text each column holds."""
    total = book.preset.text_width
    count = len(spec.headers)
    if spec.col_widths:
        if len(spec.col_widths) != count:
            raise ValueError("col_widths must have one weight per column")
        weight = sum(spec.col_widths)
        return _fit_headers(book, [total * w / weight for w in spec.col_widths], texts[0])
    pad = 2 * book.preset.cell_padding[0] + 1
    style = book.preset.table
    natural, minimum = [], []
    for col in range(count):
        cells = [row[col] for row in texts[1:]]
        head = texts[0][col]
        widest = max([book.estimate_width(head, book.preset.table_header)]
                     + [book.estimate_width(c, style) for c in cells]) + pad
        head_min = max(book.estimate_width(w, book.preset.table_header) for w in header_words(head) or [""]) + pad
        numeric = cells and all(_NUMERIC.match(c) for c in cells)
        floor = max(head_min, 2 * style.size + pad)
        if numeric:
            floor = max(floor, max(book.estimate_width(c, style) for c in cells) + pad)
        natural.append(min(widest, total))
        minimum.append(min(floor, total / count))
    if sum(natural) <= total:
        scale = total / sum(natural)
        return [w * scale for w in natural]
    spare = total - sum(minimum)
    wants = [max(n - m, 0) for n, m in zip(natural, minimum)]
    want = sum(wants) or 1
    return _fit_headers(book, [m + spare * w / want for m, w in zip(minimum, wants)], texts[0])


def _value_cell(book: StyleBook, value, text: str, style, where: str, counter: PageCounter | None, **options):
    """A cell for one value: its text, or the paper's page total for a :class:`PageCount`."""
    if isinstance(value, PageCount) and counter is not None:
        return PageCountText(book, value.template, style, where, counter, **options)
    return book.cell(text, style, where, **options)


def _shareable(book: StyleBook, text: str, role: str) -> bool:
    """Whether one paragraph may serve every cell of ``text`` in a column: nothing to
    fall back for or report at a place (a long table repeats its texts — 「已完成」, an
    empty cell — and each is then parsed and broken into lines once; reportlab wraps and
    draws the same paragraph at each place)."""
    return book.mapper.all_primary(text, role)


def data_table(book: StyleBook, spec: Table, number: int, counter: PageCounter | None = None):
    """A :class:`~.blocks.Table` as a reportlab table (header row repeated)."""
    preset = book.preset
    name = spec.label or f"表格 {number}"
    headers = [cell_text(h) for h in spec.headers]
    rows = [[cell_text(v) for v in row] for row in spec.rows]
    for index, row in enumerate(rows, 1):
        if len(row) != len(headers):
            raise ValueError(f"{name} 第 {index} 行有 {len(row)} 格，表头有 {len(headers)} 列")
    texts = [headers] + rows
    widths = column_widths(book, spec, texts)
    aligns = list(spec.align) if spec.align else [None] * len(headers)
    for col in range(len(headers)):
        if aligns[col] is None:
            cells = [row[col] for row in rows]
            aligns[col] = "center" if cells and all(_NUMERIC.match(c) for c in cells) else "left"
    data = [[book.cell(_unbroken_header(h), preset.table_header, f"{name}表头「{h}」") for h in headers]]
    shared: dict[tuple[str, int], object] = {}
    one_line: list[dict] = [{} for _ in headers]  # per column: text -> its OneLineText, or None
    for r, row in enumerate(rows, 1):
        # An empty one-line cell is a line high, an empty paragraph only its padding: a row
        # with nothing in it keeps paragraphs, to stay as low as it was.
        blank = not any(row)
        cells = []
        for c, (value, text) in enumerate(zip(spec.rows[r - 1], row)):
            cell = None
            if not isinstance(value, PageCount):
                if not blank:
                    column = one_line[c]
                    cell = column.get(text, column)
                    if cell is column:
                        cell = column[text] = one_line_cell(book, text, preset.table, widths[c], align=aligns[c])
                if cell is None:
                    cell = shared.get((text, c))
            if cell is None:
                cell = _value_cell(book, value, text, preset.table, f"{name} 第 {r} 行「{headers[c]}」列", counter,
                                   align=aligns[c])
                if not isinstance(value, PageCount) and _shareable(book, text, preset.table.role):
                    shared[(text, c)] = cell
            cells.append(cell)
        data.append(cells)
    extra = []
    if not rows:
        data.append([book.cell("无", preset.table, name, align="center")] + [""] * (len(headers) - 1))
        extra.append(("SPAN", (0, 1), (-1, 1)))
    return _ruled(book, data, widths, 1, extra)


def key_values(book: StyleBook, spec: KeyValues, number: int, counter: PageCounter | None = None):
    """A :class:`~.blocks.KeyValues` form: label cells in 黑体, values beside them."""
    preset = book.preset
    name = spec.label or f"表单 {number}"
    columns = 2 if spec.columns >= 2 else 1
    pad = 2 * preset.cell_padding[0] + 1
    labels = [cell_text(label) for label, _ in spec.pairs]
    label_w = max([book.estimate_width(t, preset.table_header) for t in labels] + [0]) + pad
    label_w = min(label_w, preset.text_width * 0.3)
    value_w = (preset.text_width - columns * label_w) / columns
    widths = [label_w, value_w] * columns
    data, spans, row = [], [], []
    for label, value in spec.pairs:
        label_text, value_text = cell_text(label), cell_text(value)
        cells = [
            book.cell(label_text, preset.table_header, f"{name}「{label_text}」"),
            _value_cell(book, value, value_text, preset.table, f"{name}「{label_text}」", counter),
        ]
        wide = columns == 2 and (
            "\n" in value_text or book.estimate_width(value_text, preset.table) + pad > value_w
        )
        if wide and row:  # close the half-filled row: its value takes the rest
            spans.append(("SPAN", (1, len(data)), (-1, len(data))))
            data.append(row + ["", ""])
            row = []
        row += cells
        if wide:
            spans.append(("SPAN", (1, len(data)), (-1, len(data))))
            data.append(row + ["", ""])
            row = []
        elif len(row) == 2 * columns:
            data.append(row)
            row = []
    if row:
        if columns == 2:
            spans.append(("SPAN", (1, len(data)), (-1, len(data))))
            row += ["", ""]
        data.append(row)
    if not data:
        return None
    return _ruled(book, data, widths, 0, spans)


def signatures(book: StyleBook, spec: Signatures):
    """Signature lines, three to a row: 「主持人：______」."""
    preset = book.preset
    style = preset.signature
    labels = [cell_text(label) for label in spec.labels]
    names = [cell_text(n) for n in spec.names] if spec.names else [""] * len(labels)
    if len(names) != len(labels):
        raise ValueError("Signatures: names must match labels")
    per_row = min(3, len(labels)) or 1
    texts = [label + "：" for label in labels]
    # + the cell's right padding (6) and a little air, or 「主持人：」 wraps.
    label_w = max(book.estimate_width(t, style) for t in texts) + 8 if texts else 0
    blank_w = (preset.text_width - per_row * label_w) / per_row
    data, lines = [], []
    for start in range(0, len(labels), per_row):
        row = []
        for offset in range(per_row):
            index = start + offset
            if index < len(labels):
                row.append(book.paragraph(texts[index], style, "签名栏", indent=False, in_box=True))
                row.append(book.paragraph(names[index], style, "签名栏", indent=False, align="center", in_box=True))
                col = 2 * offset + 1
                lines.append(("LINEBELOW", (col, len(data)), (col, len(data)), preset.rule_width, colors.black))
            else:
                row += ["", ""]
        data.append(row)
    if not data:
        return None
    table = RLTable(data, colWidths=[label_w, blank_w] * per_row, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), style.leading * 0.4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                _plain_cells(book),
                *lines,
            ]
        )
    )
    return table


def meta_row(book: StyleBook, texts: list[str]):
    """The title block's 「支部：…  类别：…  日期：…」 line as a borderless row: each field
    keeps to its own cell (left, centre, right) so a date never wraps into the next field."""
    style = book.preset.meta
    where = "标题下的支部、类别和日期"
    aligns = {1: ["center"], 2: ["left", "right"], 3: ["left", "center", "right"]}[len(texts)]
    natural = [book.estimate_width(t, style) + style.size for t in texts]
    total = book.preset.text_width
    scale = total / sum(natural)
    widths = [w * scale for w in natural]
    cells = [book.paragraph(t, style, where, indent=False, align=a, in_box=True) for t, a in zip(texts, aligns)]
    table = RLTable([cells], colWidths=widths, hAlign="CENTER")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), style.space_after),
                _plain_cells(book),
            ]
        )
    )
    return table

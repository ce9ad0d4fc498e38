"""reportlab paragraph styles for one preset, with the role fonts registered on demand."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from .fonts import FontLibrary
from .glyphs import WORD_JOINER, GlyphMapper
from .linebreak import CJKParagraph
from .presets import Preset, TextStyle

ALIGNMENTS = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}


def _alignment(name: str) -> int:
    try:
        return ALIGNMENTS[name]
    except KeyError:
        raise ValueError(f"alignment must be one of {', '.join(ALIGNMENTS)}, not {name!r}") from None


class StyleBook:
    """Makes paragraphs for one rendering: text through the glyph mapper, styles from the
    preset. Only the roles a paper uses get their fonts registered."""

    def __init__(self, preset: Preset, library: FontLibrary, mapper: GlyphMapper):
        self.preset = preset
        self.library = library
        self.mapper = mapper
        self._styles: dict[tuple, ParagraphStyle] = {}
        self.roles_used: set[str] = set()  # for the note on stand-in fonts

    def font_name(self, role: str) -> str:
        self.roles_used.add(role)
        return self.library.register(self.library.role(role).face)

    def style(self, text_style: TextStyle, *, indent: bool = True, align: str | None = None,
              left_indent: float = 0.0, right_indent: float = 0.0,
              leader: bool = False, in_box: bool = False) -> ParagraphStyle:
        """The reportlab style for ``text_style`` (cached). ``in_box``: text in a ruled
        cell or a one-line box drawn on its baseline, centred in its line slot even where
        the preset puts running text at the top of the slot (``em_top``)."""
        key = (text_style, indent, align, left_indent, right_indent, leader, in_box)
        found = self._styles.get(key)
        if found is not None:
            return found
        role = self.library.role(text_style.role)
        em = text_style.size + text_style.char_space  # one character's advance
        style = ParagraphStyle(
            f"bd-{len(self._styles)}",
            fontName=self.font_name(text_style.role),
            fontSize=text_style.size,
            leading=text_style.leading,
            alignment=_alignment(align or text_style.align),
            firstLineIndent=em * text_style.indent_chars if indent else 0,
            rightIndent=em * text_style.right_indent_chars + right_indent,
            leftIndent=left_indent,
            spaceBefore=text_style.space_before,
            spaceAfter=text_style.space_after,
            wordWrap="CJK",
            allowOrphans=0,
            allowWidows=1,
        )
        style.bdCharSpace = text_style.char_space
        style.bdFauxBold = text_style.bold or role.faux_bold
        style.bdLeader = leader
        style.bdEmTop = self.preset.em_top and not in_box
        self._styles[key] = style
        return style

    def cell(self, text: str, text_style: TextStyle, where: str, **style_options) -> CJKParagraph:
        """A paragraph for a ruled table cell. The cell's side padding is the paragraph's
        indent: reportlab splits a tall row at the column's full width but draws it inside
        the padding, which pushed text across the rule."""
        pad = self.preset.cell_padding[0]
        style_options.setdefault("indent", False)
        style_options.setdefault("in_box", True)
        return self.paragraph(text, text_style, where, left_indent=pad, right_indent=pad, **style_options)

    def paragraph(self, text: str, text_style: TextStyle, where: str, **style_options) -> CJKParagraph:
        """A paragraph of plain ``text``; characters the role's font lacks are drawn with a
        fallback font, and those no font has are reported under ``where``."""
        markup = self.mapper.markup(text, text_style.role, where)
        return CJKParagraph(markup, self.style(text_style, **style_options))

    def estimate_width(self, text: str, text_style: TextStyle) -> float:
        """Width of ``text`` on one line in ``text_style`` (for sizing table columns)."""
        name = self.font_name(text_style.role)
        size = text_style.size
        text = text.replace(WORD_JOINER, "")  # not printed
        longest = max(text.split("\n"), key=len) if text else ""
        try:
            return stringWidth(longest, name, size) + len(longest) * text_style.char_space
        except Exception:  # characters the font lacks: count them as one em each
            return len(longest) * size

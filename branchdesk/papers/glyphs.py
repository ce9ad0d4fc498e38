"""Per-character font fallback: no character is ever drawn as an empty box.

reportlab draws a glyph its font lacks as a blank box without a word of warning. Every
text therefore passes through :class:`GlyphMapper` before it becomes a paragraph: each
character is checked against the role's font, runs the font lacks are wrapped in
``<font name=...>`` with the first fallback face that has them, and characters no face
has are collected so the whole paper can be refused at once with :class:`MissingGlyphs`.
"""

from __future__ import annotations

import unicodedata
from html import escape as _html_escape  # not xml.sax.saxutils: it imports urllib.request

from ..errors import MissingGlyphs, is_emoji
from .fonts import FontFace, FontLibrary

# Characters without a glyph of their own: format controls (zero-width space, joiners,
# soft hyphen, bidi marks, BOM) and variation selectors. They are removed, not reported:
# nothing visible is lost (a variation selector only picks a variant of the character
# before it, which is still printed).
# U+2060 WORD JOINER is the exception: it is passed on so that the line breaker keeps the
# characters on its two sides on one line (a name in a list of names), then dropped.
WORD_JOINER = "\u2060"
_VARIATION_SELECTORS = set(range(0xFE00, 0xFE10)) | set(range(0xE0100, 0xE01F0))


def _invisible(ch: str) -> bool:
    if ord(ch) in _VARIATION_SELECTORS:
        return True
    return unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\n\t"


_SPECIAL = {ord(ch) for ch in "\n\t\u00a0" + WORD_JOINER}


def _needs_care(code: int) -> bool:
    """A character ``markup`` does more with than escape it: a line break, tab or no-break
    space, the word joiner, an invisible one (dropped) or an emoji (refused)."""
    return code in _SPECIAL or _invisible(chr(code)) or is_emoji(chr(code))


class GlyphMapper:
    """Turns plain text into reportlab paragraph markup whose every character has a glyph.

    One mapper serves one rendering: it remembers which characters needed a fallback
    (``substitutions``: character -> font label) and which none could draw (``missing``).
    """

    def __init__(self, library: FontLibrary):
        self.library = library
        self.missing: list[tuple[str, str]] = []
        self.substitutions: dict[str, str] = {}
        # Prefixed to every ``where``: the record of a long archive being laid out.
        self.context = ""
        self._chains: dict[str, tuple[FontFace, ...]] = {}
        self._choice: dict[tuple[str, str], FontFace | None] = {}

    def _chain(self, role: str) -> tuple[FontFace, ...]:
        chain = self._chains.get(role)
        if chain is None:
            chain = self._chains[role] = self.library.fallback_chain(role)
        return chain

    def face_for(self, ch: str, role: str) -> FontFace | None:
        """The first face of the role's chain that has ``ch`` (None: no face has it)."""
        key = (ch, role)
        if key in self._choice:
            return self._choice[key]
        found = None
        if not is_emoji(ch):  # refused on purpose, see MissingGlyphs
            code = ord(ch)
            for face in self._chain(role):
                if code in self.library.codepoints(face):
                    found = face
                    break
        self._choice[key] = found
        return found

    def all_primary(self, text: str, role: str) -> bool:
        """Every character of ``text`` is a visible one the role's own font draws (no
        fall-back, nothing to report, no control or joiner, no ideographic space)."""
        codes = self.library.codepoints(self._chain(role)[0])
        for ch in text:
            if ord(ch) not in codes or ch in "\n\t\u00a0\u3000" or ch == WORD_JOINER or _invisible(ch) or is_emoji(ch):
                return False
        return True

    def markup(self, text: str, role: str, where: str, line_breaks: bool = True,
               report: bool = True) -> str:
        """Escaped paragraph markup for ``text`` drawn in ``role``.

        ``where`` names the place in Chinese for error messages. Newlines become ``<br/>``
        (or spaces when ``line_breaks`` is false); tabs become spaces. ``report=False``
        for a second rendering of text already checked (a heading's entry in the table of
        contents), so a character is reported once, where the user can find it.
        """
        primary = self._chain(role)[0]
        if self.library.plain_codepoints(primary, _needs_care).issuperset(map(ord, text)):
            # Every character is an ordinary one the role's font has (most text): what the
            # loop below would make of it, without its work per character.
            return _html_escape(text, quote=False).replace("\u3000", "&#12288;")
        primary_codes = self.library.codepoints(primary)
        out: list[str] = []
        run: list[str] = []
        run_face: FontFace | None = primary

        def flush() -> None:
            if not run:
                return
            # The paragraph parser folds every run of white space, U+3000 included, into
            # one ASCII space; a character reference keeps ideographic spaces (「张　三」).
            piece = _html_escape("".join(run), quote=False).replace("\u3000", "&#12288;")
            if run_face is primary:
                out.append(piece)
            else:
                out.append(f'<font name="{self.library.register(run_face)}">{piece}</font>')
            run.clear()

        for ch in text:
            if ch == "\n":
                flush()
                out.append("<br/>" if line_breaks else " ")
                continue
            if ch == "\t" or ch == "\u00a0":
                ch = " "
            elif ch == WORD_JOINER:  # no glyph: the line breaker reads and drops it
                run.append(ch)
                continue
            elif _invisible(ch):
                continue
            if ord(ch) in primary_codes and not is_emoji(ch):
                face = primary
            else:
                face = self.face_for(ch, role)
                if face is None:
                    place = self.context + where
                    if report and (ch, place) not in self.missing:
                        self.missing.append((ch, place))
                    continue
                if face is not primary:
                    self.substitutions.setdefault(ch, face.label)
            if face is not run_face:
                flush()
                run_face = face
            run.append(ch)
        flush()
        return "".join(out)

    def face_for_text(self, text: str, role: str, where: str) -> FontFace | None:
        """One face of the role's chain that has every character of ``text`` (for text
        that cannot switch fonts inside, such as a chart label). Characters no face has
        are reported; None when no single face has them all."""
        wanted = {ord(ch) for ch in text if not _invisible(ch)}
        for face in self._chain(role):
            if not any(is_emoji(chr(code)) for code in wanted) and wanted <= self.library.codepoints(face):
                return face
        place = self.context + where
        for ch in text:
            if not _invisible(ch) and self.face_for(ch, role) is None and (ch, place) not in self.missing:
                self.missing.append((ch, place))
        return None

    def check(self) -> None:
        """Raises :class:`MissingGlyphs` naming every character no font could draw."""
        if self.missing:
            raise MissingGlyphs(self.missing)

"""Two corrections to reportlab 5, installed once per process by :func:`install`.

1. Chinese 避头 marks join reportlab's Japanese-only cannot-start table, so any plain
   reportlab Paragraph with ``wordWrap='CJK'`` behaves too (ours break lines themselves,
   see :mod:`.linebreak`).
2. reportlab writes the ToUnicode map of a font subset with ``<%04X>``, which for a
   character beyond U+FFFF (CJK Extension B: 𠮷 U+20BB7) gives five hex digits; readers
   then copy, search and extract 𠮷 as 「₻」 (U+20BB). The map must hold such characters
   as UTF-16 surrogate pairs.
"""

from __future__ import annotations

import threading

from .kinsoku import CANNOT_START

_lock = threading.Lock()
_installed = False


def _utf16_hex(code: int) -> str:
    if code <= 0xFFFF:
        return f"{code:04X}"
    code -= 0x10000
    return f"{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}"


def to_unicode_cmap(fontname: str, subset) -> str:
    """The ToUnicode CMap of one subset (single-byte codes) with every code point written
    as UTF-16BE, as the PDF reference asks."""
    entries = [f"<{index:02X}> <{_utf16_hex(code)}>" for index, code in enumerate(subset)]
    head = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    body = []
    # A bfchar section may hold at most 100 entries.
    for first in range(0, len(entries), 100):
        chunk = entries[first : first + 100]
        body += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    tail = ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(head + body + tail)


def install() -> None:
    """Installs both corrections; later calls do nothing."""
    global _installed
    if _installed:
        return
    from reportlab.lib import textsplit
    from reportlab.pdfbase import ttfonts
    from reportlab.platypus import paragraph

    with _lock:
        if _installed:
            return
        current = textsplit.ALL_CANNOT_START
        extra = "".join(dict.fromkeys(ch for ch in CANNOT_START if ch not in current))
        textsplit.ALL_CANNOT_START = current + extra
        paragraph.ALL_CANNOT_START = textsplit.ALL_CANNOT_START
        ttfonts.makeToUnicodeCMap = to_unicode_cmap
        _installed = True

"""The paper engine: PDF papers for the higher organisation, built from plain data.

Public API (everything an export needs)::

    from branchdesk.papers import (
        Paper, Metadata, render, render_bytes, RenderResult,
        TitleBlock, Part, Heading, Para, KeyValues, Table, Signatures, DateLine, Image, PageBreak, Gap,
        PageCount, TrendChart,
        heading_number, format_date, unbroken, PRESETS, FontLibrary,
    )

Presets: ``"gongwen"`` (GB/T 9704-2012 公文), ``"record"`` (record book) and
``"archive"`` (bound yearly archive: cover, contents, parts). Fonts:
:mod:`.fonts`; no character is drawn without a glyph (:mod:`.glyphs`, raising
:class:`~branchdesk.errors.MissingGlyphs`); Chinese line breaking: :mod:`.linebreak`.
reportlab is imported only when a paper is rendered, not when this package is imported.
"""

from ..errors import MissingGlyphs, PaperLayoutError
from .blocks import (
    DateLine,
    Gap,
    Heading,
    Image,
    KeyValues,
    PageBreak,
    PageCount,
    Para,
    Part,
    Signatures,
    Table,
    TitleBlock,
    chinese_number,
    format_date,
    heading_number,
    unbroken,
    unbroken_names,
)
from .charts import TrendChart
from .document import (
    Metadata,
    Paper,
    RenderResult,
    recorded_stand_ins,
    render,
    render_bytes,
    stand_in_message,
)
from .fonts import FontLibrary, default_library

__all__ = [
    "DateLine", "FontLibrary", "Gap", "Heading", "Image", "KeyValues", "Metadata", "MissingGlyphs",
    "PageBreak", "PageCount", "Paper", "Part", "PaperLayoutError", "Para", "RenderResult", "Signatures", "Table",
    "TitleBlock", "TrendChart", "chinese_number", "default_library", "format_date", "heading_number",
    "recorded_stand_ins", "render", "render_bytes", "stand_in_message", "unbroken", "unbroken_names",
]

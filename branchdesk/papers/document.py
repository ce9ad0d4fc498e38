"""A paper as plain data, and the one function that prints it to PDF.

    paper = Paper(
        preset="record", title="支部委员会会议记录",
        branch="中共某某村支部委员会", record_type="支委会", date=dt.date(2024, 6, 30),
        blocks=[KeyValues([("时间", "..."), ("地点", "...")]), Heading(1, "一、会议议题"),
                Para("..."), Signatures()],
    )
    result = render(paper, Path("exports/支委会记录.pdf"))   # RenderResult(pages, path, ...)

``render`` is a plain function: call it from a worker thread, never with widgets or a
database session. It checks every character first (:class:`MissingGlyphs` names those no
font has, before anything is written) and writes the file atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import PaperLayoutError
from ..fileio import atomic_path
from . import reportlab_fixes
from .blocks import Block, TitleBlock
from .fonts import ROLE_LABELS, FontLibrary, default_library
from .glyphs import GlyphMapper
from .pdfa import ArchiveFields, make_pdfa
from .presets import Preset
from .presets import preset as preset_named


@dataclass(frozen=True)
class Metadata:
    """Document information. Empty fields default from the paper: title ← title,
    author ← branch, subject ← record type, created ← now. ``number`` (档号),
    ``retention`` (保管期限) and ``classification`` (密级/分类) are the archive fields of
    DA/T 47, stored as custom entries of the PDF's information dictionary and, with the
    paper's date as the record's 日期, in its XMP metadata (:mod:`.pdfa`)."""

    title: str = ""
    author: str = ""
    subject: str = ""
    keywords: Sequence[str] = ()
    created: dt.datetime | None = None
    number: str = ""
    retention: str = ""
    classification: str = ""


@dataclass(frozen=True)
class Paper:
    """Everything one PDF holds. ``preset``: ``"gongwen"``, ``"record"`` or a
    :class:`Preset`. The title block (title, subtitle, branch, record type, date) opens
    the paper; ``toc=True`` puts a table of contents after it listing title blocks and
    headings down to ``toc_depth`` (1: 「一、」 headings). Pages are numbered throughout.

    ``cover``: blocks of a cover page that take the title block's place (a yearly
    archive's); the cover is page 1 but carries no number, and the contents or the
    body start on a new page. A :class:`~.blocks.PageCount` value on it prints the
    paper's number of pages."""

    preset: str | Preset
    title: str
    blocks: Sequence[Block] = ()
    branch: str = ""
    record_type: str = ""
    date: dt.date | str | None = None
    subtitle: str = ""
    metadata: Metadata = field(default_factory=Metadata)
    toc: bool = False
    toc_depth: int = 1
    cover: Sequence[Block] = ()


@dataclass(frozen=True)
class RenderResult:
    """What was written: ``pages``, ``path`` (None for :func:`render_bytes`), ``size``
    in bytes, and ``substitutions``: characters drawn with a fallback font (→ its name),
    worth a note to the user when a name came out in another typeface. ``stand_ins``:
    roles GB/T 9704 names that this machine lacks (「仿宋」 → the font that drew it
    instead), also recorded in the PDF's metadata (:func:`stand_in_note`). ``sha256``: the
    file's SHA-256 (hex)."""

    pages: int
    path: Path | None
    size: int
    substitutions: dict[str, str]
    stand_ins: dict[str, str] = field(default_factory=dict)
    sha256: str = ""  # of the bytes written (hashed as they were written, not read back)


def stand_in_note(stand_ins: dict[str, str]) -> str:
    """「小标宋由加粗的AR PL UMing（随软件附带的宋体）代替」, or "" when none (the PDF's
    metadata; :func:`stand_in_message` says it to the user)."""
    return "；".join(f"{role}由{font}代替" for role, font in stand_ins.items())


def recorded_stand_ins(path: Path | str) -> dict[str, str]:
    """The stand-ins a PDF written by :func:`render` records in its metadata (as
    ``RenderResult.stand_ins``); {} when it records none or cannot be read."""
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            note = str(pdf.docinfo.get("/FontSubstitution", ""))
    except (OSError, pikepdf.PdfError):
        return {}
    found = {}
    for part in note.split("；"):
        match = re.fullmatch(r"(.+?)由(.+)代替", part)
        if match and match.group(1) in ROLE_LABELS.values():
            found[match.group(1)] = match.group(2)
    return found


# What to install for each role, named as offices know the fonts.
_TO_INSTALL = {"仿宋": "仿宋_GB2312", "楷体": "楷体_GB2312", "黑体": "黑体", "小标宋": "方正小标宋简体"}


def stand_in_message(stand_ins: dict[str, str]) -> str:
    """One sentence for the export message: which standard fonts this machine lacks,
    what stood in, and the fix; "" when every role had its own font."""
    if not stand_ins:
        return ""
    wanted = "、".join(_TO_INSTALL.get(role, role) for role in stand_ins)
    return (f"本机没有{'、'.join(stand_ins)}字体，{stand_in_note(stand_ins)}。"
            f"装上{wanted}字体后重新导出，即按标准字体印出。")


# reportlab keeps fonts and subsetting state per process; one layout at a time keeps
# concurrent exports from different threads safe. Layouts take well under a second
# per 100 pages, so waiting is short.
_render_lock = threading.Lock()


def _prepare(paper: Paper, library: FontLibrary, progress):
    from .layout import StoryBuilder
    from .styles import StyleBook
    from .template import PaperDocTemplate

    reportlab_fixes.install()
    chosen = paper.preset if isinstance(paper.preset, Preset) else preset_named(paper.preset)
    mapper = GlyphMapper(library)
    book = StyleBook(chosen, library, mapper)
    builder = StoryBuilder(book)
    if paper.cover:
        from reportlab.platypus.flowables import PageBreakIfNotEmpty

        story = [flow for block in paper.cover for flow in builder.block(block, in_toc=False)]
        story.append(PageBreakIfNotEmpty())
    else:
        title = TitleBlock(paper.title, paper.branch, paper.record_type, paper.date, paper.subtitle)
        story = builder.title_block(title, in_toc=False)
    if paper.toc:
        story += builder.table_of_contents(paper.toc_depth)
    story += builder.build(paper.blocks)
    # Page numbers and running headers are drawn later, page by page: check their
    # characters now so that nothing fails half-way through.
    spec = chosen.page_numbers
    mapper.markup("— 0123456789 —", spec.role, "页码")
    roles = book.roles_used | {spec.role, chosen.body.role}
    if chosen.running_header is not None:
        mapper.markup(paper.branch + paper.record_type, chosen.running_header.role, "页眉")
        roles.add(chosen.running_header.role)
    mapper.check()
    stand_ins = library.stand_ins(roles)

    meta = paper.metadata
    created = meta.created or dt.datetime.now().astimezone()
    if created.tzinfo is None:
        created = created.astimezone()
    info = {
        "title": meta.title or paper.title,
        "author": meta.author or paper.branch,
        "subject": meta.subject or paper.record_type,
        "keywords": list(meta.keywords),
    }
    extra = {"ArchiveNumber": meta.number, "Retention": meta.retention, "Classification": meta.classification,
             "FontSubstitution": stand_in_note(stand_ins)}

    def make_doc(target):
        return PaperDocTemplate(
            target, book, info=info, created=created, extra_info=extra,
            header=(paper.branch, paper.record_type), progress=progress,
            page_counter=builder.page_counter, cover=bool(paper.cover),
        )

    return story, make_doc, mapper, builder.page_counter.wanted, stand_ins


def _archive_fields(paper: Paper, stand_ins: dict[str, str]) -> ArchiveFields:
    meta = paper.metadata
    day = paper.date if isinstance(paper.date, dt.date) else None
    if isinstance(day, dt.datetime):
        day = day.date()
    return ArchiveFields(meta.number, meta.retention, meta.classification, day, stand_in_note(stand_ins))


def _build(paper: Paper, target, library: FontLibrary | None, progress) -> tuple[int, dict[str, str], dict[str, str]]:
    """Lays ``paper`` out and writes it to ``target`` (a path or a binary file) as PDF/A-2b."""
    from reportlab.platypus.doctemplate import LayoutError

    library = library or default_library()
    with _render_lock:
        story, make_doc, mapper, counts_pages, stand_ins = _prepare(paper, library, progress)
        written = io.BytesIO()
        doc = make_doc(written)
        try:
            if paper.toc or counts_pages:
                # contents and page total settle in two or three passes
                doc.multiBuild(story, maxPasses=6)
            else:
                doc.build(story)
        except LayoutError as error:
            raise PaperLayoutError(
                f"《{paper.title}》无法排版：有一项内容（图片或表格中的一格）比一整页还高。"
                f"请缩小图片或拆分过长的内容。（{error}）"
            ) from error
        pages, substitutions = doc.page, dict(mapper.substitutions)
    make_pdfa(written.getvalue(), target, _archive_fields(paper, stand_ins))
    return pages, substitutions, stand_ins


def render(paper: Paper, path: Path | str, *, library: FontLibrary | None = None,
           progress: Callable[[int], None] | None = None) -> RenderResult:
    """Prints ``paper`` to a PDF/A-2b file at ``path``, atomically: a temporary file in the same
    folder, flushed and renamed, so ``path`` is either the old file or the whole new one.

    ``library``: fonts to use (default: system fonts if present, else the bundled ones).
    ``progress(page)`` is called after each page is laid out (with a table of contents
    the layout runs twice, so the count starts again); raise from it to cancel.
    Raises :class:`~branchdesk.errors.MissingGlyphs` before writing anything when a
    character cannot be printed, :class:`~branchdesk.errors.PaperLayoutError` when a
    block cannot fit on a page.
    """
    path = Path(path)
    with atomic_path(path) as tmp, open(tmp, "wb") as handle:
        written = _Hashing(handle)
        pages, substitutions, stand_ins = _build(paper, written, library, progress)
    return RenderResult(pages, path, path.stat().st_size, substitutions, stand_ins, written.digest.hexdigest())


class _Hashing:
    """A binary file that hashes what is written to it (the caller needs the file's hash:
    no reading it back)."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self.handle.write(data)


def render_bytes(paper: Paper, *, library: FontLibrary | None = None,
                 progress: Callable[[int], None] | None = None) -> tuple[bytes, RenderResult]:
    """Like :func:`render` but returns the PDF's bytes (for a preview)."""
    buffer = io.BytesIO()
    pages, substitutions, stand_ins = _build(paper, buffer, library, progress)
    data = buffer.getvalue()
    return data, RenderResult(pages, None, len(data), substitutions, stand_ins, hashlib.sha256(data).hexdigest())

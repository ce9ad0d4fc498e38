"""Yearly archive PDFs kept for the next bundle (docs/domain.md §6.3.1): printing a year
takes seconds, and a year that did not change prints the same paper again.

The archive folder's ``paper-cache/`` holds, per year, ``<year>.pdf`` and beside it
``<year>.json``: the key it was printed under, the year's 档案指纹, the file's SHA-256,
size and page count. The key is one SHA-256 over

* the paper's whole content as it would be printed now, its 编制日期 left out (the
  cover states the 档案指纹, the records fingerprint and the key fingerprint, so a
  change to any record of the year, to the roster or 发展党员 pages the year prints, to
  the branch's name or key, reaches the key);
* the preset (page, margins, type sizes) and the fonts that draw each role and its
  fall-backs (file, size and time of each), so another font installed prints anew;
* this program's version (a new layout prints anew).

A kept copy is used only when its sidecar names the same key and 档案指纹, the file has
the recorded size and SHA-256, starts and ends as a PDF and opens with the recorded
number of pages; anything else is removed and the year printed again. A copy is
written atomically, the PDF before its sidecar: a crash between them leaves a PDF no
sidecar vouches for, removed at the next writable open (``safety/leftovers.py``)."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from .. import __version__
from ..fileio import make_private_folder, write_bytes_atomic

log = logging.getLogger(__name__)

FORMAT = "branchdesk-paper-cache/1"


def folder_of(archive) -> Path:
    return archive.layout.paper_cache


def paper_key(prepared, library=None) -> str | None:
    """The key of a prepared year (``yearbook.writer.PreparedYear``); None when the
    paper holds something without a stable text (never cached then)."""
    from ..papers.fonts import ROLES, default_library
    from ..papers.presets import Preset
    from ..papers.presets import preset as preset_named

    paper = prepared.undated_paper()
    content = repr(paper)
    if " at 0x" in content:  # an object printed by address: not the same from one run to the next
        return None
    chosen = paper.preset if isinstance(paper.preset, Preset) else preset_named(paper.preset)
    library = library or default_library()
    fonts = []
    for role in ROLES:
        drawn = library.role(role)
        fonts.append((role, drawn.faux_bold, drawn.substitute, [_face_text(face) for face in library.fallback_chain(role)]))
    digest = hashlib.sha256()
    for part in (FORMAT, __version__, repr(chosen), repr(fonts), content):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def _face_text(face) -> str:
    try:
        stat = face.path.stat()
        mark = f"{stat.st_size}:{stat.st_mtime_ns}"
    except OSError:
        mark = "missing"
    return f"{face.name}|{face.path}|{face.subfont}|{mark}"


def find(folder: Path, year: int, key: str | None, archive_fingerprint: str) -> Path | None:
    """The kept PDF of ``year`` if it is the paper ``key`` names and checks out whole;
    otherwise None (and a kept copy that fails a check is removed)."""
    pdf, sidecar = _paths(folder, year)
    if key is None or not pdf.exists() or not sidecar.exists():
        return None
    try:
        noted = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        noted = None
    if not isinstance(noted, dict) or noted.get("format") != FORMAT:
        return _drop(pdf, sidecar, "unreadable sidecar")
    if noted.get("key") != key or noted.get("archive_fingerprint") != archive_fingerprint:
        return None  # another paper (the year changed): printed anew and replaced
    problem = _problem(pdf, noted)
    if problem:
        return _drop(pdf, sidecar, problem)
    return pdf


def _problem(pdf: Path, noted: dict) -> str:
    """Why the file is not the one its sidecar describes ('' when it is)."""
    try:
        if pdf.stat().st_size != noted.get("size"):
            return "size differs"
        with open(pdf, "rb") as handle:
            head = handle.read(5)
            handle.seek(max(pdf.stat().st_size - 1024, 0))
            tail = handle.read()
        if head != b"%PDF-" or b"%%EOF" not in tail:
            return "not a whole PDF"
        if _sha256(pdf) != noted.get("sha256"):
            return "SHA-256 differs"
    except OSError as error:
        return f"unreadable: {error}"
    import pikepdf

    try:
        with pikepdf.open(pdf) as opened:
            pages = len(opened.pages)
    except (pikepdf.PdfError, OSError) as error:
        return f"does not open: {error}"
    return "" if pages == noted.get("pages") else "page count differs"


def target(folder: Path, year: int) -> Path:
    """Where the year's PDF is printed (then ``store`` vouches for it)."""
    make_private_folder(folder)
    return _paths(folder, year)[0]


def forget(folder: Path, year: int) -> None:
    """Before printing anew: the old sidecar goes first, so a half-written state is never vouched for."""
    for path in reversed(_paths(folder, year)):
        path.unlink(missing_ok=True)


def store(folder: Path, year: int, key: str, archive_fingerprint: str, pages: int) -> None:
    """Vouch for the PDF just printed at ``target(folder, year)``."""
    pdf, sidecar = _paths(folder, year)
    noted = {"format": FORMAT, "year": year, "key": key, "archive_fingerprint": archive_fingerprint,
             "sha256": _sha256(pdf), "size": pdf.stat().st_size, "pages": pages}
    write_bytes_atomic(sidecar, json.dumps(noted, sort_keys=True).encode("utf-8"))


def _paths(folder: Path, year: int) -> tuple[Path, Path]:
    return folder / f"{int(year)}.pdf", folder / f"{int(year)}.json"


def _drop(pdf: Path, sidecar: Path, why: str) -> None:
    log.warning("kept yearly archive %s not used (%s): removed, printed anew", pdf, why)
    for path in (sidecar, pdf):
        try:
            path.unlink(missing_ok=True)
        except OSError as error:
            log.warning("could not remove %s: %s", path, error)
    return None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()

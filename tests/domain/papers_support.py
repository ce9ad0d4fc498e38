"""Helpers for the paper tests: read PDFs the way a receiver does, with poppler and qpdf."""

from __future__ import annotations

import functools
import json
import re
import subprocess
from pathlib import Path

from branchdesk.papers import FontLibrary


@functools.cache
def bundled_fonts() -> FontLibrary:
    """Only the fonts shipped in resources/fonts, whatever this machine has installed."""
    return FontLibrary(search_dirs=())


def run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def text_of(pdf: Path, *, page: int | None = None, layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if layout:
        args.append("-layout")
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return run(*args, str(pdf), "-")


def page_texts(pdf: Path, *, layout: bool = False, first: int = 1, last: int | None = None) -> dict[int, str]:
    """{n: ``text_of(pdf, page=n)``} for the pages ``first`` to ``last`` (default: the
    end) from one pdftotext run, which ends each page with a form feed: a test that reads
    many pages of a long PDF started pdftotext once per page, each reading the file again."""
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), "-f", str(first)]
    if last is not None:
        args += ["-l", str(last)]
    pages = run(*args, str(pdf), "-").split("\f")[:-1]
    return {first + n: page + "\f" for n, page in enumerate(pages)}


def pages_of(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(pdf)), re.MULTILINE).group(1))


def fonts_of(pdf: Path) -> list[dict[str, str]]:
    """pdffonts rows as dicts: name, type, emb, sub, uni."""
    rows = run("pdffonts", str(pdf)).splitlines()[2:]
    out = []
    for row in rows:
        parts = row.split()
        # name type... encoding emb sub uni id gen: read from the right
        out.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return out


def info_of(pdf: Path, custom: bool = False) -> dict[str, str]:
    args = ["pdfinfo"] + (["-custom"] if custom else []) + [str(pdf)]
    found = {}
    for line in run(*args).splitlines():
        key, _, value = line.partition(":")
        found[key.strip()] = value.strip()
    return found


def outline_of(pdf: Path) -> list[str]:
    """Titles of the PDF's outline (bookmarks), depth first."""
    data = json.loads(run("qpdf", "--json", "--json-key=outlines", str(pdf)))
    titles = []

    def walk(items):
        for item in items:
            titles.append(item["title"])
            walk(item.get("kids", []))

    walk(data["outlines"])
    return titles


def qpdf_check(pdf: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True, check=False)


def words_with_boxes(pdf: Path, page: int) -> list[tuple[str, float, float]]:
    """(word, x_min, x_max) of every word pdftotext finds on ``page``."""
    html = run("pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-")
    return [
        (m.group(3), float(m.group(1)), float(m.group(2)))
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', html)
    ]


def tiny_truetype(path: Path, chars: str = "国家", fs_type: int = 0, family: str | dict = "Stand In",
                  style: str = "Regular") -> Path:
    """A minimal TrueType font with square glyphs for ``chars`` (stands in for a Windows font).
    ``family``: its family name, or names by language (``{"en": "SimHei", "zh-CN": "黑体"}``)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    def square():
        pen = TTGlyphPen(None)
        pen.moveTo((100, -100))
        pen.lineTo((100, 800))
        pen.lineTo((900, 800))
        pen.lineTo((900, -100))
        pen.closePath()
        return pen.glyph()

    names = [".notdef", "space"] + [f"uni{ord(c):04X}" for c in chars]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({32: "space", **{ord(c): f"uni{ord(c):04X}" for c in chars}})
    builder.setupGlyf({name: square() for name in names})
    builder.setupHorizontalMetrics({name: (1000, 100) for name in names})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": family, "styleName": style})
    builder.setupOS2(fsType=fs_type, sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    builder.save(str(path))
    return path

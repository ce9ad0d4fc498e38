"""Reading a yearly archive PDF back: the contents' lines and the bookmark tree."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from branchdesk import clock
from tests.domain.meetings_support import held_form
from tests.domain.papers_support import page_texts, run


def flat(text: str) -> str:
    """Text without white space: pdftotext breaks lines where the layout did."""
    return "".join(text.split())


def outline_tree(pdf: Path) -> list[dict]:
    """The bookmarks as ``{"title", "page", "kids"}`` trees (page numbered from 1)."""
    data = json.loads(run("qpdf", "--json", "--json-key=outlines", str(pdf)))

    def node(item):
        return {"title": item["title"], "page": item.get("destpageposfrom1"),
                "kids": [node(kid) for kid in item.get("kids", [])]}

    return [node(item) for item in data["outlines"]]


def contents_entries(pdf: Path) -> list[tuple[str, int]]:
    """(entry, page) of every line of the table of contents: the pages from the
    「目录」 bookmark to the first part's."""
    tree = outline_tree(pdf)
    first = next(n["page"] for n in tree if n["title"] == "目录")
    body = next(n["page"] for n in tree if n["title"].startswith("一、"))
    entries = []
    texts = page_texts(pdf, layout=True, first=first, last=body - 1)
    for page in range(first, body):
        text = texts[page]
        entries += [(m.group(1).strip(), int(m.group(2))) for m in re.finditer(r"^\s*(\S.*?)\s{2,}(\d+)\s*$", text, re.MULTILINE)]
    return entries


def small_year(branch):
    """Two committee meetings held this year in the small branch of the meeting tests;
    returns (archive, year)."""
    archive, _ids, _group = branch
    today = clock.today()
    for day in (this_year_day(20), this_year_day(5)):
        archive.meetings.plan(held_form(archive, day=day, title=f"{day.month}月{day.day}日支委会"))
    return archive, today.year


def this_year_day(days_ago: int) -> dt.date:
    """A day ``days_ago`` before today, but not before 1 January (tests run all year)."""
    today = clock.today()
    return max(dt.date(today.year, 1, 1), today - dt.timedelta(days=days_ago))

"""Yearly archive PDFs kept for the next bundle (docs/domain.md §6.3.1): a year printed
before is reused while nothing it prints changed, and printed anew when a record, the
fonts or the kept file itself is not what the kept copy was made from; leftovers of a
write cut short go at the next open."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time

import pikepdf
import pytest

from branchdesk.bundle import paper_cache
from branchdesk.bundle.reader import verify_bundle
from branchdesk.bundle.writer import write_bundle
from branchdesk.papers.fonts import BUNDLED_DIR, FontLibrary
from branchdesk.safety.leftovers import SAFE_AGE_S, remove_paper_cache_leftovers
from branchdesk.yearbook import writer as yearbook_writer
from branchdesk.yearbook.writer import prepare_year_archive
from tests.domain.bundle_support import THIS_YEAR, own_key
from tests.domain.meetings_support import held_form

LAST_YEAR = THIS_YEAR - 1  # the fixture's this year has an emoji no font prints: no paper


@pytest.fixture
def printed(monkeypatch):
    """The years actually printed (not taken from the cache)."""
    years: list[int] = []
    real = yearbook_writer.write_year_archive

    def counting(archive, year, *args, **kwargs):
        years.append(year)
        return real(archive, year, *args, **kwargs)

    monkeypatch.setattr(yearbook_writer, "write_year_archive", counting)
    return years


def _carried_paper(archive, stick) -> bytes:
    written = write_bundle(archive, stick, years=[LAST_YEAR])
    verified = verify_bundle(written.path, password=None, known_key=own_key(archive))
    return verified.files[f"papers/{LAST_YEAR}.pdf"]


def test_a_year_printed_before_is_reused_until_it_or_its_copy_changes(bundle_branch, tmp_path, printed):
    archive = bundle_branch
    stick = tmp_path / "usb"
    stick.mkdir()
    kept = archive.layout.paper_cache / f"{LAST_YEAR}.pdf"
    first = _carried_paper(archive, stick)
    assert printed == [LAST_YEAR] and kept.read_bytes() == first
    assert _carried_paper(archive, stick) == first and printed == [LAST_YEAR]  # nothing changed: reused

    # a damaged copy (cut short, as by a full disk) is never carried: printed anew
    kept.write_bytes(first[:-3000])
    again = _carried_paper(archive, stick)
    assert printed == [LAST_YEAR] * 2
    with pikepdf.open(kept) as pdf:
        assert len(pdf.pages) > 1
    assert again == kept.read_bytes()

    # a sidecar vouching for another 档案指纹 is not believed
    sidecar = kept.with_suffix(".json")
    noted = json.loads(sidecar.read_text(encoding="utf-8"))
    sidecar.write_text(json.dumps({**noted, "archive_fingerprint": "0" * 64}), encoding="utf-8")
    _carried_paper(archive, stick)
    assert printed == [LAST_YEAR] * 3

    # a record of the year changed: printed anew, with it
    archive.meetings.plan(held_form(archive, day=dt.date(LAST_YEAR, 9, 9), theme="补记的去年会议"))
    _carried_paper(archive, stick)
    assert printed == [LAST_YEAR] * 4


@pytest.mark.parametrize("engine", ["sqlite"])  # the key is made from the paper, not from storage
def test_the_key_follows_the_fonts_and_leaves_out_the_date(bundle_branch, tmp_path):
    fonts = tmp_path / "fonts"
    shutil.copytree(BUNDLED_DIR, fonts)
    library = FontLibrary(search_dirs=(), bundled_dir=fonts)
    prepared = prepare_year_archive(bundle_branch, LAST_YEAR)
    key = paper_cache.paper_key(prepared, library)
    assert key is not None and paper_cache.paper_key(prepared, library) == key
    later = prepare_year_archive(bundle_branch, LAST_YEAR, today=prepared.facts.made_on.replace(month=12, day=31))
    assert later.facts.made_on != prepared.facts.made_on and paper_cache.paper_key(later, library) == key
    some_font = next(p for p in fonts.iterdir() if p.suffix.lower() in (".ttf", ".ttc", ".otf"))
    os.utime(some_font, (time.time() - 86400, time.time() - 86400))
    assert paper_cache.paper_key(prepared, FontLibrary(search_dirs=(), bundled_dir=fonts)) != key


def test_leftovers_of_a_write_cut_short_go_and_whole_copies_stay(tmp_path):
    folder = tmp_path / "paper-cache"
    folder.mkdir()
    for name in ("2024.pdf", "2024.json", "2023.pdf", "2022.json", ".tmp-abcd1234.pdf", "2021.pdf"):
        (folder / name).write_bytes(b"%PDF-")
    old = time.time() - SAFE_AGE_S - 60
    for name in ("2024.pdf", "2024.json", "2023.pdf", "2022.json", ".tmp-abcd1234.pdf"):
        os.utime(folder / name, (old, old))
    removed = remove_paper_cache_leftovers(folder)
    assert sorted(p.name for p in removed) == [".tmp-abcd1234.pdf", "2022.json", "2023.pdf"]
    # a whole pair stays; a PDF written a moment ago may still be getting its sidecar
    assert sorted(p.name for p in folder.iterdir()) == ["2021.pdf", "2024.json", "2024.pdf"]

"""The paper engine's shortcuts (issue 18) print what the long way prints: the glyph
mapper's path for text the role font draws whole, the first layout pass laid out without
drawing, and the file's hash taken while it is written."""

import hashlib

from branchdesk.papers import FontLibrary, KeyValues, PageCount, Paper, Para, render
from branchdesk.papers.glyphs import GlyphMapper

from .papers_support import pages_of, text_of

SPEECH = "张堃同志就落实“三会一课”制度发言，刘䶮同志作补充，大家一致同意。" * 6


def test_text_the_role_font_draws_whole_gets_the_same_markup_as_character_by_character():
    quick = GlyphMapper(FontLibrary(search_dirs=()))
    slow_library = FontLibrary(search_dirs=())
    slow_library.plain_codepoints = lambda face, special: frozenset()  # every text the long way
    slow = GlyphMapper(slow_library)
    texts = ["支部党员大会", "张　三 & <李四> “同意”", "第一行\n第二行", "甲\t乙\u00a0丙", "姓名\u2060张三",
             "零宽\u200b空格", "刘䶮 𠮷", "表情😀", "", "　", "1260.5元（12.5%）"]
    for role in ("song", "hei", "kai"):
        for text in texts:
            assert quick.markup(text, role, "测试") == slow.markup(text, role, "测试"), (role, text)
    assert quick.missing == slow.missing and quick.substitutions == slow.substitutions
    assert quick.missing  # the emoji is refused on both paths, not dropped on the quick one


def test_a_page_total_without_contents_is_printed_on_drawn_pages(tmp_path):
    # The first pass of a paper that prints its page total is laid out without drawing:
    # it must never be the pass that is saved, contents or not.
    cover = [KeyValues([("页数", PageCount("共 {} 页")), ("保管期限", "永久")], columns=1)]
    target = tmp_path / "total.pdf"
    result = render(Paper("archive", "2024年度档案", [Para(SPEECH * 8)], branch="中共某某村支部委员会", cover=cover),
                    target, library=FontLibrary(search_dirs=()))
    pages = pages_of(target)
    assert result.pages == pages >= 2
    assert f"共 {pages} 页" in text_of(target, page=1)
    assert all("张堃同志" in text_of(target, page=n) for n in range(2, pages + 1))
    assert f"— {pages} —" in text_of(target, page=pages)


def test_the_hash_render_returns_is_that_of_the_file(tmp_path):
    target = tmp_path / "hashed.pdf"
    result = render(Paper("record", "会议记录", [Para(SPEECH)]), target, library=FontLibrary(search_dirs=()))
    assert result.sha256 == hashlib.sha256(target.read_bytes()).hexdigest()

"""No missing glyph is ever silent: fallback fonts, or MissingGlyphs naming the character."""

import pytest

from branchdesk.errors import MissingGlyphs
from branchdesk.papers import Heading, Paper, Para, Table, render
from branchdesk.papers.glyphs import GlyphMapper

from .papers_support import bundled_fonts, fonts_of, text_of

RARE_NAMES = "张堃 李瑸 王镕 赵喆 钱赟 刘䶮 𠮷田"
NOBODY_HAS = "\U00030000"  # CJK Extension G: in none of the bundled fonts


def test_rare_name_characters_come_back_from_the_pdf(tmp_path):
    target = tmp_path / "names.pdf"
    result = render(Paper("record", "名单", [Para(f"出席：{RARE_NAMES}。")]), target, library=bundled_fonts())
    text = text_of(target)
    for name in RARE_NAMES.split():
        assert name in text
    assert result.substitutions["𠮷"].startswith("花园明朝 B")  # drawn by the fallback font
    assert "堃" not in result.substitutions  # the body font has it
    assert any(row["name"].endswith("HanaMinB") for row in fonts_of(target))


def test_a_character_no_font_has_is_refused_with_its_place(tmp_path):
    target = tmp_path / "refused.pdf"
    paper = Paper("gongwen", "报告", [Para("第一段。"), Para(f"第二段有{NOBODY_HAS}字。")])
    with pytest.raises(MissingGlyphs) as caught:
        render(paper, target, library=bundled_fonts())
    error = caught.value
    assert error.characters == NOBODY_HAS
    assert NOBODY_HAS in str(error) and "第 2 段" in str(error) and "U+30000" in str(error)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


def test_emoji_are_refused_by_name_even_in_a_table_cell(tmp_path):
    paper = Paper("record", "记录", [Table(["姓名", "备注"], [["张堃", "很好😀"]])])
    with pytest.raises(MissingGlyphs) as caught:
        render(paper, tmp_path / "emoji.pdf", library=bundled_fonts())
    message = str(caught.value)
    assert "😀" in message and "表情符号" in message and "第 1 行「备注」列" in message


def test_every_missing_character_is_reported_at_once(tmp_path):
    paper = Paper("record", f"标题{NOBODY_HAS}", [Heading(1, "一、😀"), Para("好")])
    with pytest.raises(MissingGlyphs) as caught:
        render(paper, tmp_path / "x.pdf", library=bundled_fonts())
    assert [ch for ch, _ in caught.value.missing] == [NOBODY_HAS, "😀"]


def test_markup_characters_are_text_and_invisible_characters_dropped(tmp_path):
    mapper = GlyphMapper(bundled_fonts())
    markup = mapper.markup("A<B & C>\u200b张\u3000三", "song", "测试")
    assert "<B" not in markup and "&amp;" in markup and "\u200b" not in markup
    assert mapper.missing == []
    target = tmp_path / "escape.pdf"
    render(Paper("record", "", [Para("条件：A<B & C>，张\u3000三")]), target, library=bundled_fonts())
    assert "A<B & C>" in text_of(target)

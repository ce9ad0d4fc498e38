"""Font roles: system fonts preferred, bundled fonts otherwise, only used fonts embedded."""

from branchdesk.papers import FontLibrary, Heading, Paper, Para, render
from branchdesk.papers.fonts import ROLES

from .papers_support import bundled_fonts, fonts_of, text_of, tiny_truetype


def test_without_system_fonts_every_role_has_a_bundled_face():
    library = bundled_fonts()
    chosen = {role: library.role(role) for role in ROLES}
    assert chosen["song"].face.path.name == "uming-cn.ttf"
    assert chosen["kai"].face.path.name == "LXGWWenKai-Regular.ttf"
    assert chosen["hei"].face.path.name == "wqy-microhei.ttc"
    # no free 仿宋 or 小标宋: 宋体 stands in, the title drawn bold
    assert chosen["fangsong"].face.path.name == "uming-cn.ttf" and chosen["fangsong"].substitute
    assert chosen["title"].faux_bold and chosen["title"].substitute
    assert all(c.face.bundled for c in chosen.values())


def test_windows_font_files_are_preferred_and_non_truetype_files_skipped(tmp_path):
    fonts = tmp_path / "Windows" / "Fonts"
    fonts.mkdir(parents=True)
    # Stand-ins for Windows fonts: one good, one not a font, one whose licence forbids
    # embedding (fsType 2: reportlab would refuse it half-way through an export).
    tiny_truetype(fonts / "SIMHEI.TTF", family={"en": "SimHei", "zh-CN": "黑体"})
    (fonts / "simkai.ttf").write_bytes(b"not a font at all")
    tiny_truetype(fonts / "simsun.ttf", fs_type=0x0002, family={"en": "SimSun", "zh-CN": "宋体"})
    library = FontLibrary(search_dirs=[tmp_path])
    hei = library.role("hei")
    assert hei.face.path.name == "SIMHEI.TTF" and not hei.face.bundled
    assert "黑体" in library.describe()["黑体"]
    assert library.role("kai").face.path.name == "LXGWWenKai-Regular.ttf"  # the broken file is ignored
    assert library.role("song").face.path.name == "uming-cn.ttf"  # the restricted one too
    chain = library.fallback_chain("hei")
    assert chain[0].path.name == "SIMHEI.TTF"
    assert [f.path.name for f in chain].count("SIMHEI.TTF") == 1


def test_a_character_the_system_font_lacks_falls_back(tmp_path):
    fonts = tmp_path / "Fonts"
    fonts.mkdir()
    tiny_truetype(fonts / "simhei.ttf", chars="一二", family="SimHei")
    library = FontLibrary(search_dirs=[fonts])
    target = tmp_path / "hei.pdf"
    result = render(Paper("record", "", [Heading(1, "一二三")]), target, library=library)
    assert result.substitutions == {"三": "文泉驿微米黑（随软件附带的黑体）"}
    assert "三" in text_of(target)


def test_fallback_chain_ends_with_the_rare_character_fonts():
    names = [face.path.name for face in bundled_fonts().fallback_chain("fangsong")]
    assert names[0] == "uming-cn.ttf"
    assert "hanamin-fallback-a.ttf" in names and "HanaMinB.ttf" in names


def test_coverage_comes_from_the_font_cmap():
    library = bundled_fonts()
    uming = library.role("song").face
    assert ord("堃") in library.codepoints(uming)
    assert 0x20BB7 not in library.codepoints(uming)  # 𠮷: Extension B
    assert library.codepoints(uming) is library.codepoints(uming)  # read once, cached


def test_a_paper_embeds_only_the_fonts_it_uses(tmp_path):
    target = tmp_path / "plain.pdf"
    render(Paper("record", "", [Para("只有正文，没有标题、表格和小标题。")]), target, library=bundled_fonts())
    names = [row["name"] for row in fonts_of(target)]
    assert len(names) == 1 and names[0].endswith("+UMingCN")

"""System fonts are found by the names inside the files (issue 19 item 1), and a paper
printed with a stand-in for a role GB/T 9704 names says so: on the command line, in the
window's export message and in the PDF's metadata."""

from __future__ import annotations

import shutil

import pytest
from fontTools.ttLib import TTCollection, TTFont

from branchdesk.papers import (
    FontLibrary,
    Heading,
    Paper,
    Para,
    recorded_stand_ins,
    render,
    stand_in_message,
)
from branchdesk.papers import fonts as paper_fonts
from branchdesk.papers.fonts import ROLES
from tests.helpers import run_cli

from .papers_support import bundled_fonts, fonts_of, info_of, tiny_truetype
from .pdfa_support import ARCHIVE_NS, pdfa_problems, xmp_of

UMING_STANDS_IN = "AR PL UMing（随软件附带的宋体）"


def _renamed_real_font(target, english: str, chinese: str):
    """The bundled 宋体 under another file name, its name table saying it is ``english`` /
    ``chinese`` (as a 方正 or CESI font installed on a Kylin PC would)."""
    source = paper_fonts.BUNDLED_DIR / "uming-cn.ttf"
    font = TTFont(str(source))
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 4, 6, 16, 17):
            names.removeNames(nameID=record.nameID)
    names.setName(english, 1, 3, 1, 0x409)
    names.setName(chinese, 1, 3, 1, 0x804)
    names.setName(english, 4, 3, 1, 0x409)
    names.setName("Regular", 2, 3, 1, 0x409)
    names.setName(english.replace(" ", ""), 6, 3, 1, 0x409)
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(target))
    return target


def test_a_font_is_found_by_the_names_inside_it_whatever_its_file_name(tmp_path):
    system = tmp_path / "usr" / "share" / "fonts"
    cesi = tiny_truetype(_folder(system / "fonts-cesi") / "a01.ttf",
                         family={"en": "CESI_FS_GB2312", "zh": "CESI仿宋-GB2312"})
    kai = tiny_truetype(_folder(tmp_path / "deepin-font-install" / "x") / "字体2.TTF",
                        family={"en": "KaiTi", "zh": "楷体"})
    # A Windows file name on a font that is something else: not taken for 黑体.
    tiny_truetype(system / "simhei.ttf", family="Stand In")
    title = tiny_truetype(_folder(tmp_path / "user") / "new.ttf",
                          family={"en": "FZXiaoBiaoSong-B05S", "zh": "方正小标宋简体"})
    library = FontLibrary(search_dirs=[system, tmp_path / "deepin-font-install", tmp_path / "user"])
    chosen = {role: library.role(role) for role in ROLES}
    assert chosen["fangsong"].face.path == cesi and not chosen["fangsong"].substitute
    assert chosen["fangsong"].face.label == "CESI仿宋-GB2312（系统字体）"  # the font's own Chinese name
    assert chosen["kai"].face.path == kai
    assert chosen["title"].face.path == title and not chosen["title"].faux_bold
    assert chosen["hei"].face.bundled and chosen["song"].face.bundled
    assert library.stand_ins(ROLES) == {}


def _folder(path):
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_the_preferred_family_wins_and_other_weights_are_passed_over(tmp_path):
    first, second = _folder(tmp_path / "a"), _folder(tmp_path / "b")
    tiny_truetype(first / "bold.ttf", family={"en": "FangSong_GB2312", "zh": "仿宋_GB2312"}, style="Bold")
    tiny_truetype(first / "simfang.ttf", family={"en": "FangSong", "zh": "仿宋"})
    gb2312 = tiny_truetype(second / "fs.ttf", family={"en": "FangSong_GB2312", "zh": "仿宋_GB2312"})
    assert FontLibrary(search_dirs=[first, second]).role("fangsong").face.path == gb2312
    # A family the list does not know is still found by its Chinese key word.
    other = _folder(tmp_path / "c")
    hanyi = tiny_truetype(other / "hy.ttf", family={"en": "HYFangSongJ", "zh": "汉仪仿宋简"})
    assert FontLibrary(search_dirs=[other]).role("fangsong").face.path == hanyi


def test_a_face_of_a_collection_is_found_by_its_own_names(tmp_path):
    plain = TTFont(str(tiny_truetype(tmp_path / "plain.ttf")))
    song = TTFont(str(tiny_truetype(tmp_path / "song.ttf", family={"en": "SimSun", "zh": "宋体"})))
    collection = TTCollection()
    collection.fonts = [plain, song]
    folder = _folder(tmp_path / "Fonts")
    collection.save(str(folder / "whatever.ttc"))
    face = FontLibrary(search_dirs=[folder]).role("song").face
    assert face.path.name == "whatever.ttc" and face.subfont == 1


def test_a_font_reportlab_cannot_embed_is_passed_over_and_the_stand_in_named(tmp_path):
    folder = _folder(tmp_path / "Fonts")
    tiny_truetype(folder / "fs.ttf", family={"en": "FangSong", "zh": "仿宋"}, fs_type=0x0002)
    library = FontLibrary(search_dirs=[folder])
    assert library.role("fangsong").substitute
    assert library.stand_ins({"fangsong", "song"}) == {"仿宋": UMING_STANDS_IN}
    assert library.stand_ins({"title"}) == {"小标宋": "加粗的" + UMING_STANDS_IN}


def test_a_near_face_for_the_title_is_reported_as_a_stand_in(tmp_path):
    folder = _folder(tmp_path / "Fonts")
    tiny_truetype(folder / "STZHONGS.TTF", family={"en": "STZhongsong", "zh": "华文中宋"})
    library = FontLibrary(search_dirs=[folder])
    assert library.stand_ins({"title"}) == {"小标宋": "华文中宋（系统字体）"}


@pytest.fixture(scope="module")
def fangsong_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kylin") / "usr" / "share" / "fonts" / "fonts-cesi"
    _renamed_real_font(folder / "ZT0001.TTF", "CESI FangSong GB2312", "CESI仿宋-GB2312")
    return folder.parent


def test_a_paper_prints_with_the_font_found_by_name_and_records_the_stand_ins(tmp_path, fangsong_folder):
    library = FontLibrary(search_dirs=[fangsong_folder])
    target = tmp_path / "gongwen.pdf"
    paper = Paper("gongwen", "关于开展主题党日活动的通知", [Para("各党小组：现将有关事项通知如下。")],
                  branch="中共前进村支部委员会", record_type="通知")
    result = render(paper, target, library=library)
    assert any(row["name"].endswith("+CESIFangSongGB2312") for row in fonts_of(target))
    # 仿宋 was found; 小标宋 was not: only the title is named, in the metadata too
    assert result.stand_ins == {"小标宋": "加粗的" + UMING_STANDS_IN}
    note = "小标宋由加粗的" + UMING_STANDS_IN + "代替"
    assert info_of(target, custom=True)["FontSubstitution"] == note
    assert xmp_of(target)[f"{{{ARCHIVE_NS}}}FontSubstitution"] == note
    assert recorded_stand_ins(target) == result.stand_ins  # read back, as the window's message does
    assert pdfa_problems(target) == []


def test_a_paper_with_every_standard_font_carries_no_note(tmp_path):
    folder = _folder(tmp_path / "Fonts")
    tiny_truetype(folder / "1.ttf", chars="一二三", family={"en": "SimHei", "zh": "黑体"})
    tiny_truetype(folder / "2.ttf", chars="一二三", family={"en": "SimSun", "zh": "宋体"})
    tiny_truetype(folder / "3.ttf", chars="一二三", family={"en": "FZXiaoBiaoSong-B05", "zh": "方正小标宋_GBK"})
    target = tmp_path / "plain.pdf"
    result = render(Paper("record", "一二三", [Heading(1, "一二三"), Para("一二三")], branch="一二", record_type="一二"), target,
                    library=FontLibrary(search_dirs=[folder]))
    assert result.stand_ins == {}
    assert "FontSubstitution" not in info_of(target, custom=True)
    assert recorded_stand_ins(target) == {} and recorded_stand_ins(tmp_path / "absent.pdf") == {}
    assert pdfa_problems(target) == []


def test_the_command_line_names_the_stand_in_fonts(demo_dir, tmp_path, monkeypatch, fangsong_folder):
    meeting = run_cli(demo_dir, "meetings", "list").stdout.split()[0]
    monkeypatch.setattr(paper_fonts, "_default", bundled_fonts())
    result = run_cli(demo_dir, "export", "meeting", meeting, "--preset", "gongwen", "--out", tmp_path / "a.pdf")
    assert result.returncode == 0, result.stderr
    assert (f"字体说明：本机没有仿宋、小标宋字体，仿宋由{UMING_STANDS_IN}代替；小标宋由加粗的{UMING_STANDS_IN}代替。"
            "装上仿宋_GB2312、方正小标宋简体字体后重新导出，即按标准字体印出。") in result.stdout
    # With a 仿宋 on the machine only the title is left to mention.
    monkeypatch.setattr(paper_fonts, "_default", FontLibrary(search_dirs=[fangsong_folder]))
    result = run_cli(demo_dir, "export", "meeting", meeting, "--preset", "gongwen", "--out", tmp_path / "b.pdf")
    assert "字体说明：本机没有小标宋字体，小标宋由加粗的" in result.stdout and "仿宋由" not in result.stdout


def test_the_message_is_empty_without_stand_ins():
    assert stand_in_message({}) == ""


def test_a_copy_of_the_bundled_font_in_the_system_is_not_preferred_by_key_word(tmp_path):
    # AR PL fonts a Linux system has are the same faces we bundle (楷: a worse one than
    # 霞鹜文楷): the key word 「楷」 in 「文鼎ＰＬ简中楷」 does not make them the role's face.
    folder = _folder(tmp_path / "arphic")
    tiny_truetype(folder / "ukai.ttf", family={"en": "AR PL UKai CN", "zh": "文鼎PL简中楷"})
    assert FontLibrary(search_dirs=[folder]).role("kai").face.bundled
    shutil.rmtree(folder)


def test_the_command_line_lists_the_font_of_each_role(tmp_path, monkeypatch, fangsong_folder):
    monkeypatch.setattr(paper_fonts, "_default", FontLibrary(search_dirs=[fangsong_folder]))
    result = run_cli(tmp_path / "no-archive-needed", "fonts")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert f"  仿宋：CESI仿宋-GB2312（系统字体），文件 {fangsong_folder / 'fonts-cesi' / 'ZT0001.TTF'}" in lines
    assert any(line.startswith(f"  小标宋：加粗的{UMING_STANDS_IN}（代用），文件 ") for line in lines)
    assert any(line.startswith("  楷体：霞鹜文楷（随软件附带的楷体），文件 ") for line in lines)
    assert lines[-1].startswith("字体说明：本机没有小标宋字体")

"""姓氏笔画 and 拼音 order of names, and finding names by pinyin: the rules alone, then
the roster (on every storage engine) ordered by the archive's choice."""

import datetime as dt

import pytest

from branchdesk.errors import ValidationError
from branchdesk.roster import name_order
from branchdesk.roster.members import MemberForm
from tests.helpers import make_id, run_cli

# 乜 2 strokes, 万(俟) 3, 王 4, 刘 6, 李 7, 陈 7, 赵 9, 曾 12
NAMES = ["赵𠮷", "王堃", "乜红", "万俟咏", "刘伟", "李明", "陈红", "王一", "曾国强"]


def test_stroke_counts_come_from_unihan_including_extension_b():
    assert [name_order.strokes(c) for c in "乜万王刘李赵堃"] == [2, 3, 4, 6, 7, 9, 11]
    assert name_order.strokes("𠮷") == 6  # U+20BB7, outside the BMP
    assert name_order.strokes("A") is None


def test_stroke_order_goes_by_surname_then_each_following_character():
    ordered = name_order.sorted_names(NAMES, "strokes")
    assert ordered == ["乜红", "万俟咏", "王一", "王堃", "刘伟", "李明", "陈红", "赵𠮷", "曾国强"]
    # 李 and 陈 both have 7 strokes: told apart by code point, each surname's members together
    assert ordered.index("李明") < ordered.index("陈红")
    assert name_order.sorted_names(["王堃", "毛一", "王一"], "strokes") == ["毛一", "王一", "王堃"]


def test_pinyin_order_reads_surnames_as_surnames():
    ordered = name_order.sorted_names(NAMES, "pinyin")
    assert ordered == ["陈红", "李明", "刘伟", "万俟咏", "乜红", "王堃", "王一", "曾国强", "赵𠮷"]
    # 万俟 is mò qí (not wàn), 乜 as a surname is niè, 曾 is zēng (not céng)
    assert name_order.name_readings("万俟咏")[0][0] == "mo"
    assert name_order.name_readings("乜红")[0][0] == "nie"
    assert name_order.name_readings("曾国强")[0][0] == "zeng"


def test_a_character_pypinyin_lacks_reads_like_its_unihan_variant():
    assert name_order.name_readings("赵𠮷") == (("zhao",), ("ji",))


@pytest.mark.parametrize("typed, found", [
    ("wk", ["王堃"]), ("wangkun", ["王堃"]), ("WangK", ["王堃"]), ("wang kun", ["王堃"]), ("kun", ["王堃"]),
    ("zj", ["赵𠮷"]), ("zhaoji", ["赵𠮷"]),
    ("nh", ["乜红"]), ("mh", ["乜红"]),  # both readings of 乜 find it
    ("mqy", ["万俟咏"]), ("moqiyong", ["万俟咏"]),
    ("wy", ["王一"]), ("zgq", ["曾国强"]),
    ("wkx", []), ("w1", []), ("", []),
])
def test_pinyin_initials_and_full_pinyin_find_names(typed, found):
    assert [name for name in NAMES if name_order.pinyin_matches(name, typed)] == found


def _add(archive, name: str, serial: int) -> int:
    return archive.members.add(MemberForm(
        name=name, id_number=make_id(dt.date(1970, 1, 1) + dt.timedelta(days=serial), serial=serial),
        joined_on=dt.date(1995, 7, 1), full_on=dt.date(1996, 7, 1), status="full"))


@pytest.fixture
def roster(archive):
    for serial, name in enumerate(["赵𠮷", "王堃", "乜红", "万俟咏", "李明"], start=101):
        _add(archive, name, serial)
    return archive


def _names(archive, ids):
    return [archive.members.get(i).name for i in ids]


def test_the_roster_follows_the_archives_order(roster):
    members = roster.members
    assert members.name_order() == "strokes"  # the default, as party rosters are
    assert _names(roster, members.query_ids()) == ["乜红", "万俟咏", "王堃", "李明", "赵𠮷"]
    assert [m.name for m in members.all_active()] == ["乜红", "万俟咏", "王堃", "李明", "赵𠮷"]
    assert _names(roster, members.query_ids(descending=True)) == ["赵𠮷", "李明", "王堃", "万俟咏", "乜红"]
    members.set_name_order("pinyin")
    assert _names(roster, members.query_ids()) == ["李明", "万俟咏", "乜红", "王堃", "赵𠮷"]
    assert roster.audit.entries()[-1].summary == "修改设置「members.name_order」"
    with pytest.raises(ValidationError, match="姓氏笔画、拼音"):
        members.set_name_order("random")
    assert members.name_order() == "pinyin"


def test_roster_search_matches_pinyin_as_well_as_characters(roster):
    members = roster.members
    assert _names(roster, members.query_ids("wk")) == ["王堃"]
    assert _names(roster, members.query_ids("wangkun")) == ["王堃"]
    assert _names(roster, members.query_ids("堃")) == ["王堃"]
    assert _names(roster, members.query_ids("m")) == ["乜红", "万俟咏", "李明"]  # 乜 miē, 万俟 mò qí, 明 míng
    assert members.query_ids("wkq") == []


def test_the_command_line_lists_and_exports_in_the_archives_order(roster, tmp_path):
    from openpyxl import load_workbook

    data_dir, url = roster.layout.root, roster.url
    roster.close()
    listed = run_cli(data_dir, "members", "list", db_url=url)
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()] == ["乜红", "万俟咏", "王堃", "李明", "赵𠮷"]
    found = run_cli(data_dir, "members", "list", "--search", "wk", db_url=url)
    assert [line.split("\t")[0] for line in found.stdout.splitlines()] == ["王堃"]
    exported = tmp_path / "名册.xlsx"
    assert run_cli(data_dir, "members", "export", str(exported), db_url=url).returncode == 0
    sheet = load_workbook(exported).active
    wanted = {"乜红", "万俟咏", "王堃", "李明", "赵𠮷"}
    names = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell in wanted]
    assert names == ["乜红", "万俟咏", "王堃", "李明", "赵𠮷"]


def test_names_on_the_command_line_stay_exact_and_pinyin_is_refused_not_guessed(demo_dir):
    typed = run_cli(demo_dir, "rectification", "add", "--year", "2026", "--problem", "台账不全",
                    "--measure", "补齐", "--owner", "wk", "--deadline", "2027-01-31")
    assert typed.returncode == 1
    assert "责任人“wk”不是名册中的姓名，拼音相符的有：王堃。请写出姓名。" in typed.stderr
    exact = run_cli(demo_dir, "rectification", "add", "--year", "2026", "--problem", "台账不全",
                    "--measure", "补齐", "--owner", "王堃", "--deadline", "2027-01-31")
    assert exact.returncode == 0, exact.stderr


def test_lists_that_go_on_paper_follow_the_archives_order(roster):
    """The members due at a meeting (its record's 应到 list) and those appraised (the
    民主评议 登记表) are listed by party group, then in the archive's order of names."""
    def due():
        return [e.name for e in roster.meetings.due_entries("general")]

    assert due() == ["乜红", "万俟咏", "王堃", "李明", "赵𠮷"]
    assert [e.member_name for e in roster.appraisal.due_entries()] == due()
    roster.members.set_name_order("pinyin")
    assert due() == ["李明", "万俟咏", "乜红", "王堃", "赵𠮷"]
    group = roster.groups.save("第一党小组")
    moved = roster.members.get(roster.members.ids_named("赵𠮷")[0])
    form = moved.form()
    form.group_id = group
    roster.members.update(moved.id, form)
    assert due() == ["赵𠮷", "李明", "万俟咏", "乜红", "王堃"]  # the group's members first, then those in none

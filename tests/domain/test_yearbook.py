"""The yearly archive PDF (年度档案), read back the way the upper level reads it:
poppler for text, pages and metadata, qpdf for soundness and bookmarks."""

from __future__ import annotations

import errno
import hashlib
import os

import pytest

from branchdesk import clock
from branchdesk.archival import volume_retention
from branchdesk.errors import Cancelled, MissingGlyphs, StorageError, ValidationError
from branchdesk.yearbook import (
    RETENTION_CHOICES,
    grouped,
    retention,
    set_retention,
    write_year_archive,
    year_fingerprint,
)
from tests.domain.meetings_support import branch, held_form  # noqa: F401 - fixture
from tests.domain.papers_support import (
    bundled_fonts,
    fonts_of,
    info_of,
    page_texts,
    pages_of,
    qpdf_check,
    text_of,
    words_with_boxes,
)
from tests.domain.yearbook_support import (
    contents_entries,
    flat,
    outline_tree,
    small_year,
    this_year_day,
)

PARTS = ["支部党员大会", "支部委员会会议", "党小组会", "党课", "主题党日", "其他会议", "组织生活会", "民主评议党员",
         "整改台账", "目标管理"]
RARE = ["王堃", "李喆", "赵赟", "陈镕"]


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.slow
def test_the_busiest_demo_year_as_the_upper_level_reads_it(demo_archive, tmp_path):
    archive = demo_archive
    year = clock.today().year - 1  # the demo's last complete year
    target = tmp_path / "年度档案.pdf"
    seen = []
    result = write_year_archive(archive, year, target, library=bundled_fonts(), key_fingerprint="ab12" * 16,
                                progress=lambda done, total, text: seen.append((done, total, text)))
    assert target.exists() and result.path == target
    assert result.sha256 == hashlib.sha256(target.read_bytes()).hexdigest()
    assert any("排版" in text for *_, text in seen) and any(total for _, total, _ in seen)

    # the file is sound, every font is in it, the information dictionary is filled in
    assert qpdf_check(target).returncode == 0, qpdf_check(target).stdout
    assert all(f["emb"] == "yes" for f in fonts_of(target))
    info = info_of(target, custom=True)
    assert info["Title"] == f"中共前进村党支部{year}年度档案" and info["Author"] == "中共前进村党支部"
    assert "组织生活会" in info["Subject"] and "年度档案" in info["Keywords"] and info["Creator"] == "BranchDesk"
    assert info["CreationDate"] and info["ModDate"] and info["Retention"] == "永久"

    # the cover: page count, fingerprints, no page number
    pages = pages_of(target)
    assert result.pages == pages
    page_text = page_texts(target)  # read once: the checks below look at most pages
    assert len(page_text) == pages
    cover = flat(page_text[1])
    assert f"共{pages}页" in cover and "保管期限永久" in cover and f"{year}年度档案" in cover
    assert flat(grouped(result.fingerprint)) in cover and result.fingerprint == year_fingerprint(archive, year)
    assert flat(grouped("ab12" * 16)) in cover and "—1—" not in cover
    # the whole cover on page 1 (its last rows once spilled onto a page of their own)
    assert "编制日期" in cover and "说明" in cover and "妥善保管" in cover
    assert flat(page_text[2]).startswith(f"中共前进村党支部{year}年度档案目录")

    # every meeting held that year, every part, rare names, the criticism texts
    text = flat("".join(page_text.values()))
    held = [s for s in archive.meetings.summaries(archive.meetings.query_ids(year=year)) if s.held_on]
    assert len(held) > 50 and all(flat(s.title) in text for s in held)
    for part in PARTS:
        assert part in text, part
    assert "本年度无记录" in text  # 其他会议 is empty in the demo
    # 目标管理: the plan and every inspection of the year, each filed one under the fingerprint
    inspections = archive.targets.inspections.list(year)
    assert len(inspections) == 2 and f"{year}年度目标管理档案" in text
    assert all(flat(s.period.label) in text for s in inspections)
    assert all(name in text for name in RARE)
    detail = archive.life.detail(archive.life.cycle_id(year))
    assert flat(detail.criticism[0].content)[:30] in text and flat(detail.examinations[0].problems)[:30] in text

    # the appendix lists every attachment of the year with its hash
    attachments = [a for s in held for a in archive.meetings.detail(s.id).attachments]
    assert result.attachments == len(attachments) > 0
    tree = outline_tree(target)
    first = next(node["page"] for node in tree if node["title"].startswith("附录"))
    appendix = "".join(flat(page_text[page]) for page in range(first, pages + 1))
    assert all(a.sha256[:16] in appendix and a.title in appendix for a in attachments)

    # contents: each line names the page where that part or record really starts
    entries = contents_entries(target)
    assert len(entries) >= len(held) + len(PARTS)
    for entry, page in entries:
        assert flat(entry) in flat(page_text[page]), (entry, page)

    # bookmarks: cover, contents, the parts, each record under its part, pointing at its page
    titles = [node["title"] for node in tree]
    assert titles[:2] == [f"{year}年度档案", "目录"] and titles[-1].startswith("附录")
    meetings_part = next(node for node in tree if node["title"] == "一、支部党员大会")
    general = [s.title for s in reversed(held) if s.kind == "general"]  # in the order they were held
    assert [kid["title"] for kid in meetings_part["kids"]] == general
    for kid in meetings_part["kids"]:
        assert flat(kid["title"]) in flat(page_text[kid["page"]])
    # two 支委会 of one title that year are told apart by their day in the contents and outline
    committee = [s for s in held if s.kind == "committee"]
    twice = {s.title for s in committee if sum(o.title == s.title for o in committee) > 1}
    assert twice, "the demo year has two committee meetings of one title"
    committee_part = next(node for node in tree if node["title"] == "二、支部委员会会议")
    kids = [kid["title"] for kid in committee_part["kids"]]
    assert len(kids) == len(committee) and len(set(kids)) == len(kids)
    for s in committee:
        if s.title in twice:
            dated = f"{s.held_on.year}年{s.held_on.month}月{s.held_on.day}日{s.title.removeprefix(f'{year}年{s.held_on.month}月')}"
            assert dated in kids and any(flat(dated) in flat(e) for e, _ in entries), dated

    # page numbers 「— N —」 throughout, even pages on the left, odd pages on the right
    assert "— 2 —" in page_text[2] and f"— {pages} —" in page_text[pages]
    for page in (2, 3):
        dash = [x for word, x, _ in words_with_boxes(target, page) if word == "—"]
        assert dash and (dash[0] > 300 if page % 2 else dash[0] < 300)


@pytest.mark.slow
def test_the_fingerprint_is_the_same_on_the_other_engine(demo_archive, archive_factory, engine):
    from branchdesk.archive import Archive
    from branchdesk.safety.restore import restore
    from tests.conftest import PG_URL

    year = clock.today().year - 1
    before = year_fingerprint(demo_archive, year)
    backup = demo_archive.backup_to(None)
    other = ("sqlite" if engine == "postgresql" else "postgresql") if PG_URL else engine
    data_dir, url = archive_factory(other)
    restore(data_dir, backup, url)
    with Archive.open(data_dir, url) as moved:
        assert moved.engine == other
        assert year_fingerprint(moved, year) == before
        assert year_fingerprint(moved, year - 1) != before  # another year, other records


def test_a_thin_year_keeps_every_part_and_says_which_are_empty(branch, tmp_path):  # noqa: F811
    archive, year = small_year(branch)
    target = tmp_path / "thin.pdf"
    result = write_year_archive(archive, year, target, library=bundled_fonts())
    text = flat(text_of(target))
    assert all(part in text for part in PARTS)
    assert text.count("本年度无记录") >= 7 and "本年度记录没有附件" in text
    # the parts without records are named together in one part, not given a page each
    parts = [node["title"] for node in outline_tree(target)]
    empty = [s.title for s in result.sections if not s.count]
    assert len(empty) >= 7 and not any(p.endswith(f"、{title}") for p in parts for title in empty)
    assert parts[-2].endswith("、本年度无记录的工作") and parts[-1].startswith("附录")
    assert all(f"{title}：本年度无记录" in text for title in empty)
    counts = {s.key: s.count for s in result.sections}
    assert counts["meetings.committee"] == 2 and counts["life"] == 0 and counts["targets"] == 0
    assert result.pages == pages_of(target) and f"共{result.pages}页" in flat(text_of(target, page=1))
    assert all(name in text for name in ("王堃", "李喆"))  # host and recorder of the meetings


def test_the_cover_stays_on_one_page_with_many_party_groups(branch, tmp_path):  # noqa: F811
    archive, year = small_year(branch)
    for n in range(2, 15):
        archive.groups.save(f"第{n}党小组")
    target = tmp_path / "groups.pdf"
    write_year_archive(archive, year, target, library=bundled_fonts())
    cover = flat(text_of(target, page=1))  # the counts run on, so a name may wrap
    assert "说明" in cover and "第14党" in cover
    assert flat(text_of(target, page=2)).startswith(f"中共测试村党支部{year}年度档案目录")


def test_cancel_stops_cleanly_and_leaves_no_file(branch, tmp_path):  # noqa: F811
    archive, year = small_year(branch)
    folder = tmp_path / "usb"
    folder.mkdir()
    laid_out = []

    def progress(done, total, text):
        if "排版" in text:
            laid_out.append(done)

    with pytest.raises(Cancelled) as stopped:
        write_year_archive(archive, year, folder / "a.pdf", library=bundled_fonts(), progress=progress,
                           cancel=lambda: len(laid_out) >= 2)
    assert "已取消" in stopped.value.message() and laid_out
    assert _leftovers(folder) == []
    with pytest.raises(Cancelled):  # before anything is read
        write_year_archive(archive, year, folder / "a.pdf", cancel=lambda: True)
    assert _leftovers(folder) == []


def test_a_full_disk_leaves_no_partial_file_and_says_so(branch, tmp_path, monkeypatch):  # noqa: F811
    archive, year = small_year(branch)
    folder = tmp_path / "usb"
    folder.mkdir()
    (folder / "old.pdf").write_bytes(b"%PDF-1.4 the previous export")
    real_fsync = os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(StorageError) as refused:
        write_year_archive(archive, year, folder / "old.pdf", library=bundled_fonts())
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert "空间已满" in refused.value.message() and "没有留下不完整的文件" in refused.value.message()
    assert _leftovers(folder) == ["old.pdf"] and (folder / "old.pdf").read_bytes().startswith(b"%PDF-1.4 the")


def test_bad_requests_are_refused_in_chinese_before_anything_is_written(branch, tmp_path):  # noqa: F811
    archive, year = small_year(branch)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ValidationError, match="没有任何记录"):
        write_year_archive(archive, year - 5, out / "a.pdf")
    with pytest.raises(ValidationError, match="扩展名应为 .pdf"):
        write_year_archive(archive, year, out / "a.docx")
    with pytest.raises(ValidationError, match="不存在"):
        write_year_archive(archive, year, out / "not-plugged-in" / "a.pdf")
    with pytest.raises(ValidationError, match="1921"):
        write_year_archive(archive, year + 1, out / "a.pdf")
    with pytest.raises(ValidationError, match="保管期限"):
        write_year_archive(archive, year, out / "a.pdf", retention="5年")
    assert _leftovers(out) == []


def test_a_character_no_font_has_is_named_with_its_record(branch, tmp_path):  # noqa: F811
    archive, year = small_year(branch)
    form = held_form(archive, day=this_year_day(2), title="三月支委会")
    form.minutes = "会上大家很高兴😀。"
    archive.meetings.plan(form)
    with pytest.raises(MissingGlyphs) as missing:
        write_year_archive(archive, year, tmp_path / "a.pdf", library=bundled_fonts())
    assert "在《三月支委会》第 2 段" in missing.value.message() and not (tmp_path / "a.pdf").exists()


def test_retention_is_an_archive_setting_with_four_choices(branch, tmp_path):  # noqa: F811
    archive, year = small_year(branch)
    assert retention(archive) == "永久" and RETENTION_CHOICES == ("永久", "长期", "30年", "10年")
    with pytest.raises(ValidationError, match="永久、长期、30年、10年"):
        set_retention(archive, "20年")
    set_retention(archive, "30年")
    assert retention(archive) == "30年"
    target = tmp_path / "a.pdf"
    # the year holds 支委会 records, kept 永久 alone: the volume keeps them as long
    result = write_year_archive(archive, year, target, library=bundled_fonts())
    assert "保管期限永久" in flat(text_of(target, page=1)) and info_of(target, custom=True)["Retention"] == "永久"
    assert result.retention == "永久" and result.chosen_retention == "30年"
    assert "最长的“永久”" in result.retention_note and "设置为“30年”" in result.retention_note
    # a volume of records kept 10年 only takes the period chosen
    assert volume_retention("30年", ["10年", "10年"]) == "30年" and volume_retention("10年", []) == "10年"


def test_a_sealed_record_changed_outside_the_program_is_marked(branch, tmp_path):  # noqa: F811
    from tests.domain.safety_support import raw_connection

    archive, year = small_year(branch)
    meeting_id = archive.meetings.query_ids(year=year)[0]
    archive.meetings.finalise(meeting_id)
    archive.meetings.report(meeting_id, "报镇党委")
    before = year_fingerprint(archive, year)
    conn = raw_connection(archive.layout.root, archive.url)
    try:  # someone with full access to the file removes the protection first
        if archive.url:
            conn.execute("ALTER TABLE meeting_agenda DISABLE TRIGGER USER")
        else:
            conn.execute("DROP TRIGGER bd_seal_meeting_agenda_update")
        conn.execute(f"UPDATE meeting_agenda SET title = '偷改的议题' WHERE meeting_id = {meeting_id}")
    finally:
        conn.close()
    target = tmp_path / "a.pdf"
    result = write_year_archive(archive, year, target, library=bundled_fonts())
    text = flat(text_of(target))
    assert "偷改的议题" in text and "与封存校验值不符" in text and text.count("与封存校验值不符") == 1
    assert result.fingerprint != before

"""Every kind of paper, read back the way a receiving office reads it (issue 19, items 2
and 4–7): nothing cut with 「…」, the GB/T 9704 geometry (天头 37 mm to the first line,
the page number's 一字线 7 mm below the text block, the signature block of 7.3.5),
no heading alone at a page's foot, no title, column header or name broken inside a word."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from branchdesk.archive import Archive
from branchdesk.meetings.papers import notice_paper
from branchdesk.papers import DateLine, KeyValues, Paper, Para, Table, render
from branchdesk.papers.presets import PRESETS, mm
from branchdesk.papers.tables import header_words
from branchdesk.papers.titles import split_title
from tests.domain.paper_kinds import paper_kinds, paper_makers
from tests.domain.papers_support import page_texts, run, text_of


@pytest.fixture
def engine() -> str:
    """Papers are drawn from what the domain API returns, the same on both engines (the
    storage tests prove that): rendering every kind twice only doubled the suite's time."""
    return "sqlite"


GONGWEN = ("会议记录-公文版式", "会议通知-公文版式", "党员大会决议", "组织生活会情况报告", "会议记录汇编-公文版式")
HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
PAGE_H = 297 * mm


def _words(pdf: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """(word, xMin, yMin, xMax, yMax) in pt from the top left, as pdftotext -bbox reads them."""
    html = run("pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-")
    return [(m.group(5), *(float(m.group(i)) for i in range(1, 5))) for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)]


def _texts(value) -> list[str]:
    """Every text a paper's blocks carry."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [t for item in value for t in _texts(item)]
    if dataclasses.is_dataclass(value):
        return [t for field in dataclasses.fields(value) for t in _texts(getattr(value, field.name))]
    return []


def _pages(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(pdf)), re.MULTILINE).group(1))


def _last_line(page_text: str) -> str:
    lines = [line for line in page_text.splitlines() if line.strip()]
    lines = [line for line in lines if not re.fullmatch(r"\s*—\s*\d+\s*—\s*", line)]
    return lines[-1] if lines else ""


@pytest.fixture
def upper(archive_factory, engine):
    data_dir, url = archive_factory(engine)
    archive = Archive.open(data_dir, url)
    archive.upper.create("某某镇党委", "330523")
    yield archive
    archive.close()


@pytest.mark.slow
def test_every_kind_of_paper_reads_back_whole_and_well_placed(demo_archive, upper, tmp_path):
    kinds = paper_kinds(demo_archive, upper)
    assert len(kinds) >= 21
    papers = {name: make() for name, make in paper_makers(demo_archive, 2025).items()}
    for name, write in kinds.items():
        pdf = tmp_path / f"{name}.pdf"
        write(pdf)
        text = text_of(pdf)
        paper = papers.get(name)
        typed = "".join(_texts(paper.blocks)) + paper.title if paper else ""
        # nothing cut: a 「…」 on paper is one somebody typed
        assert text.count("…") <= typed.count("…"), name
        flat = "".join(text.split())
        layout = page_texts(pdf, layout=True)  # one pdftotext run, not one per page of the yearly archive
        assert len(layout) == _pages(pdf), name
        for page, page_text in layout.items():
            last = _last_line(page_text)
            # a heading never ends a page (a contents line ends with its page number)
            assert not (HEADING.match(last) and not re.search(r"\d\s*$", last)), (name, page, last)
        if paper is None:
            continue
        # column headers and names in attendance cells are never broken inside a word
        lines = [line.strip() for line in text.splitlines()]
        for block in paper.blocks:
            if isinstance(block, Table):
                for header in block.headers:
                    for word in header_words(str(header)):
                        assert any(word.strip() in line for line in lines), (name, header, word)
            if isinstance(block, KeyValues):
                for label, value in block.pairs:
                    if label in ("出席人员", "列席人员"):
                        for person in str(value).replace("\u2060", "").split("、"):
                            assert any(person in line for line in lines), (name, label, person)
        assert "".join(paper.title.split()) in flat, name
        if name in GONGWEN:
            headers = {w for b in paper.blocks if isinstance(b, Table) for h in b.headers for w in header_words(h)}
            _check_gongwen_geometry(name, pdf, headers)


def _check_gongwen_geometry(name: str, pdf: Path, table_headers: set[str]) -> None:
    preset = PRESETS["gongwen"]
    block_bottom = preset.margin_top + preset.text_height  # from the top of the page
    for page in range(1, _pages(pdf) + 1):
        words = _words(pdf, page)
        # 天头: 37 ± 1 mm from the top of the page to the top of the first line (a page
        # that starts with a table starts with its rule there, the header inside the cell)
        first_top = min(w[2] for w in words)
        if not {w[0] for w in words if w[2] == first_top} <= table_headers:
            assert abs(first_top - 37 * mm) <= 1 * mm, (name, page, first_top / mm)
        # 「— N —」: the dash's middle 7 mm below the text block's lower edge
        dashes = [w for w in words if w[0] == "—" and w[2] > block_bottom]
        assert len(dashes) == 2, (name, page)
        for _, _, top, _, bottom in dashes:
            assert abs((top + bottom) / 2 - block_bottom - 7 * mm) <= 0.5 * mm, (name, page, (top + bottom) / 2)


def _placed(pdf: Path, text: str) -> tuple[float, float, float, float]:
    """(xMin, yMin, xMax, yMax) of the line made of ``text`` on the last page."""
    page = _pages(pdf)
    found = [w for w in _words(pdf, page) if w[0] == text]
    assert found, text
    return found[-1][1:]


def test_a_sealed_paper_dates_four_characters_in_and_centres_the_name_on_the_date(demo_archive, tmp_path):
    pdf = tmp_path / "决议.pdf"
    makers = paper_makers(demo_archive, 2025)
    paper = makers["党员大会决议"]()
    render(paper, pdf)
    preset = PRESETS["gongwen"]
    right = preset.margin_left + preset.text_width
    em = preset.body.size + preset.body.char_space
    sign = next(b for b in paper.blocks if isinstance(b, DateLine))
    assert sign.sealed
    date = _placed(pdf, "2025年3月12日")
    name = _placed(pdf, "中共前进村党支部")
    assert abs(right - date[2] - 4 * em) <= 1  # 成文日期右空四字
    assert abs((name[0] + name[2]) / 2 - (date[0] + date[2]) / 2) <= 1  # 署名 centred on the date
    body = [w for w in _words(pdf, _pages(pdf)) if w[0].endswith("。") and w[4] < name[1]]
    assert name[1] - body[-1][4] >= preset.body.leading  # one blank line: the seal's room


def test_an_unsealed_paper_signs_two_characters_in_with_the_date_two_to_the_right(demo_archive, tmp_path):
    general = demo_archive.meetings.detail(demo_archive.meetings.query_ids(kind="general")[0])
    for preset_key in ("gongwen", "record"):
        pdf = tmp_path / f"通知-{preset_key}.pdf"
        paper = notice_paper(general, preset_key)
        sign = next(b for b in paper.blocks if isinstance(b, DateLine))
        assert not sign.sealed and sign.signer == "中共前进村党支部"
        render(paper, pdf)
        preset = PRESETS[preset_key]
        right = preset.margin_left + preset.text_width
        em = preset.signer.size + preset.signer.char_space
        name = _placed(pdf, "中共前进村党支部")
        date = next(w for w in _words(pdf, _pages(pdf)) if re.fullmatch(r"\d{4}年\d+月\d+日", w[0]) and w[2] > name[3])
        assert abs(right - name[2] - 2 * em) <= 1  # 署名右空二字
        assert abs(date[1] - name[0] - 2 * em) <= 1  # 成文日期首字比署名首字右移二字


def test_a_date_longer_than_the_name_keeps_two_characters_on_the_right(tmp_path):
    pdf = tmp_path / "短署名.pdf"
    render(Paper("gongwen", "关于开展学习的通知", [Para("请各位党员按时参加。"), DateLine("2024年12月31日", signer="党支部")]), pdf)
    preset = PRESETS["gongwen"]
    em = preset.signer.size + preset.signer.char_space
    right = preset.margin_left + preset.text_width
    name, date = _placed(pdf, "党支部"), _placed(pdf, "2024年12月31日")
    assert abs(right - date[2] - 2 * em) <= 1 and abs(date[0] - name[0] - 2 * em) <= 1


def test_a_long_title_breaks_between_words_upper_line_longer(demo_archive, tmp_path):
    pdf = tmp_path / "报告.pdf"
    paper = paper_makers(demo_archive, 2025)["组织生活会情况报告"]()
    render(paper, pdf)
    lines = [line.strip() for line in text_of(pdf, page=1).splitlines() if line.strip()][:3]
    assert lines == ["中共前进村党支部", "关于召开2025年度组织生活会和", "开展民主评议党员情况的报告"]
    widths = [w[3] - w[1] for w in _words(pdf, 1)[:3]]
    assert widths[1] >= widths[0] and widths[1] >= widths[2]  # 菱形: the middle line longest


@pytest.mark.parametrize("title", [
    "中共前进村党支部2025年度组织生活会会议记录",
    "学习贯彻党的二十大精神专题组织生活会会议记录",
    "中共前进村党支部关于召开2025年度组织生活会和开展民主评议党员情况的报告",
])
def test_titles_are_split_at_word_edges_into_a_trapezoid_or_diamond(title):
    def width(text: str) -> float:  # a half-width digit, a full-width character
        return sum(0.5 if ch.isascii() else 1.0 for ch in text)

    lines = split_title(title, width, 17)
    assert "".join(lines) == title and len(lines) in (2, 3)
    assert all("组织生活会" in line or "组织生活" not in line for line in lines)  # never 组织生活|会
    assert all(not line.startswith("的") for line in lines)
    sizes = [width(line) for line in lines]
    assert max(sizes) <= 17
    assert sizes == sorted(sizes, reverse=True) or sizes[1] == max(sizes)


def test_a_row_split_across_pages_keeps_its_bottom_rule(tmp_path):
    from PIL import Image

    pdf = tmp_path / "split.pdf"
    measure = "这是一段很长的整改措施说明，需要跨页显示。" * 40
    render(Paper("gongwen", "整改清单", [Para("前文。" * 100), Table(
        ["序号", "问题", "整改措施"], [[1, "问题一", measure], [2, "问题二", "已完成"]], col_widths=(1, 3, 6))]), pdf)
    first = next(page for page in range(1, _pages(pdf) + 1) if any(w[0] == "问题一" for w in _words(pdf, page)))
    assert any(w[0] == "问题二" for w in _words(pdf, first + 1))  # the row went on over the page
    lowest = max(w[4] for w in _words(pdf, first) if w[4] < 262 * mm)  # its last line on the first page
    run("pdftoppm", "-r", "72", "-gray", "-png", "-f", str(first), "-l", str(first), str(pdf), str(tmp_path / "p"))
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    left, right = int(28 * mm) + 2, int(184 * mm) - 2
    rows = range(int(lowest), int(lowest + 12))
    # a dark rule across the table's whole width just below that line
    assert any(all(image.getpixel((x, y)) < 128 for x in range(left, right, 4)) for y in rows)

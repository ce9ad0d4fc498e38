"""Whole papers, as the higher organisation receives them."""

import datetime as dt
import threading

import pytest

from branchdesk.papers import (
    DateLine,
    Heading,
    Image,
    KeyValues,
    Metadata,
    PageBreak,
    PageCount,
    Paper,
    Para,
    Part,
    Signatures,
    Table,
    TitleBlock,
    heading_number,
    render,
    render_bytes,
)

from .papers_support import (
    bundled_fonts,
    fonts_of,
    info_of,
    outline_of,
    pages_of,
    qpdf_check,
    text_of,
    words_with_boxes,
)

SPEECH = "张堃同志就落实“三会一课”制度发言，刘䶮同志作补充，大家一致同意。" * 6


def meeting_blocks(rows: int = 60):
    return [
        Heading(1, heading_number(1, 1) + "会议基本情况"),
        KeyValues([
            ("时间", dt.datetime(2024, 6, 30, 14, 30)), ("地点", "党群服务中心"),
            ("主持人", "张堃"), ("记录人", "刘䶮"), ("应到", 12), ("实到", 11),
            ("缺席及原因", "王镕（外出务工，已请假）"),
        ]),
        Heading(1, heading_number(1, 2) + "发言情况"),
        Para(SPEECH + "\n" + SPEECH),
        Heading(2, heading_number(2, 1) + "表决情况"),
        Table(["序号", "姓名", "意见", "备注"],
              [[i, "赵喆" if i % 2 else "钱赟", SPEECH[: 10 + i % 40], ""] for i in range(1, rows + 1)]),
        Signatures(),
        DateLine(dt.date(2024, 6, 30), signer="中共某某村支部委员会"),
    ]


@pytest.fixture(scope="module")
def record_pdf(tmp_path_factory):
    target = tmp_path_factory.mktemp("papers") / "会议记录.pdf"
    paper = Paper(
        "record", "支部委员会会议记录", meeting_blocks(),
        branch="中共某某村支部委员会", record_type="支委会", date=dt.date(2024, 6, 30),
        metadata=Metadata(keywords=("三会一课", "2024"), created=dt.datetime(2024, 7, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))),
                          number="DS-2024-001", retention="永久"),
    )
    return target, render(paper, target, library=bundled_fonts())


def test_every_font_is_embedded_and_the_file_is_sound(record_pdf):
    target, result = record_pdf
    fonts = fonts_of(target)
    assert fonts and all(row["emb"] == "yes" and row["uni"] == "yes" for row in fonts)
    check = qpdf_check(target)
    assert check.returncode == 0, check.stdout + check.stderr
    assert result.size == target.stat().st_size


def test_long_table_spans_pages_with_numbers_and_repeated_header(record_pdf):
    target, result = record_pdf
    assert result.pages == pages_of(target) >= 3
    text = text_of(target)
    for page in range(1, result.pages + 1):
        assert f"— {page} —" in text
    last = text_of(target, page=result.pages - 1)
    assert "序号" in last and "意见" in last  # header repeated on a later page
    assert "主持人：" in text_of(target, page=result.pages) or "主持人：" in text


def test_metadata_is_what_the_paper_says(record_pdf):
    target, _ = record_pdf
    info = info_of(target, custom=True)
    assert info["Title"] == "支部委员会会议记录"
    assert info["Author"] == "中共某某村支部委员会"
    assert info["Subject"] == "支委会"
    assert "三会一课" in info["Keywords"]
    assert info["ArchiveNumber"] == "DS-2024-001" and info["Retention"] == "永久"
    assert "2024" in info["CreationDate"]


def test_gongwen_page_numbers_alternate_sides(tmp_path):
    target = tmp_path / "report.pdf"
    blocks = [Para(SPEECH)] * 12
    result = render(Paper("gongwen", "关于2024年工作情况的报告", blocks), target, library=bundled_fonts())
    assert result.pages >= 2
    width = 595.3
    for page in (1, 2):
        numbers = [(x0, x1) for word, x0, x1 in words_with_boxes(target, page) if word == str(page)]
        assert numbers, f"no page number on page {page}"
        x0, x1 = numbers[-1]
        if page % 2:
            assert x0 > width / 2  # odd pages: right
        else:
            assert x1 < width / 2  # even pages: left


def test_archive_with_outline_and_table_of_contents(tmp_path):
    records = []
    for month in (3, 6, 9):
        records += [
            PageBreak(),
            TitleBlock(f"{month}月支委会会议记录", "中共某某村支部委员会", "支委会", dt.date(2024, month, 28)),
            Heading(1, "一、会议议题"),
            Para(SPEECH * 3),
        ]
    target = tmp_path / "archive.pdf"
    paper = Paper("record", "2024年度三会一课档案", records, branch="中共某某村支部委员会", toc=True)
    result = render(paper, target, library=bundled_fonts())
    outline = outline_of(target)
    assert outline[0] == "2024年度三会一课档案"
    assert outline.count("一、会议议题") == 3 and "9月支委会会议记录" in outline
    contents = text_of(target, page=1, layout=True)
    assert "目" in contents and "6月支委会会议记录" in contents
    # The page a TOC line names is where that record starts, right after the contents.
    named = {}
    for line in contents.splitlines():
        if "月支委会会议记录" in line:
            named[line.split()[0]] = int(line.split()[-1])
    assert named["3月支委会会议记录"] == 2  # no blank page between contents and records
    for title, page in named.items():
        assert title in text_of(target, page=page)
    assert result.pages == pages_of(target)


def test_render_in_a_worker_thread_and_to_bytes(tmp_path):
    outcome = {}

    def work():
        outcome["result"] = render(Paper("record", "线程", [Para(SPEECH)]), tmp_path / "t.pdf",
                                   library=bundled_fonts())

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert outcome["result"].pages == 1
    data, result = render_bytes(Paper("gongwen", "预览", [Para(SPEECH)]), library=bundled_fonts())
    assert data.startswith(b"%PDF") and result.path is None and result.size == len(data)


def test_cancel_leaves_the_previous_file_untouched(tmp_path):
    target = tmp_path / "keep.pdf"
    target.write_bytes(b"previous version")

    def cancel(page):
        if page == 2:
            raise KeyboardInterrupt  # any exception cancels; the UI would raise its own

    with pytest.raises(KeyboardInterrupt):
        render(Paper("record", "长文", [Para(SPEECH)] * 20), target, library=bundled_fonts(), progress=cancel)
    assert target.read_bytes() == b"previous version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.pdf"]


def test_image_block_scales_to_the_text_block(tmp_path):
    png = tmp_path / "chart.png"
    from PIL import Image as PILImage

    PILImage.new("RGB", (3000, 1000), "white").save(png)
    target = tmp_path / "image.pdf"
    result = render(Paper("record", "图表", [Image(png, caption="图1 党员年龄结构")]), target,
                    library=bundled_fonts())
    assert result.pages == 1 and "图1 党员年龄结构" in text_of(target)


def test_chart_labels_are_set_in_an_embedded_chinese_font(tmp_path):
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing

    drawing = Drawing(600, 300)  # wider than the text block: scaled down
    chart = VerticalBarChart()
    chart.data = [(4, 3, 5, 6)]
    chart.categoryAxis.categoryNames = ["一季度", "二季度", "三季度", "四季度"]
    drawing.add(chart)
    target = tmp_path / "chart.pdf"
    render(Paper("gongwen", "图表", [Image(drawing, caption="图1 党员大会次数")]), target, library=bundled_fonts())
    assert all(row["emb"] == "yes" for row in fonts_of(target))  # no Helvetica
    text = text_of(target)
    assert "一季度" in text and "图1 党员大会次数" in text
    assert len(drawing.contents) == 1  # the caller's drawing is left as it was


def test_a_row_taller_than_a_page_splits_without_losing_or_repeating_text(tmp_path):
    huge = "会议讨论了村集体经济发展问题，大家畅所欲言。" * 300  # about five pages in one cell
    target = tmp_path / "tall.pdf"
    paper = Paper("record", "", [Table(["序号", "内容"], [[1, huge], [2, "短"]])])
    result = render(paper, target, library=bundled_fonts())
    text = text_of(target)
    assert text.count("畅") == 300 and text.count("集") == 300  # each sentence once
    assert 5 <= result.pages <= 7
    for page in range(1, result.pages + 1):
        assert text_of(target, page=page).count("内容") == 1  # one header per page


def test_cover_parts_and_page_total_of_a_bound_archive(tmp_path):
    from tests.domain.yearbook_support import outline_tree

    def record(title):
        return [TitleBlock(title, "中共某某村支部委员会", "支委会", dt.date(2024, 6, 30), level=1),
                Heading(1, "一、会议内容"), Para(SPEECH * 4)]

    body = [Part("一、支委会"), *record("1月支委会"), PageBreak(), *record("2月支委会"), Part("二、党课"),
            Para("本年度无记录")]
    cover = [TitleBlock("2024年度档案", subtitle="中共某某村支部委员会"),
             KeyValues([("页数", PageCount("共 {} 页")), ("保管期限", "永久")], columns=1)]
    target = tmp_path / "bound.pdf"
    result = render(Paper("archive", "2024年度档案", body, branch="中共某某村支部委员会", record_type="2024年度档案",
                          toc=True, cover=cover), target, library=bundled_fonts())
    pages = pages_of(target)
    assert result.pages == pages >= 5
    cover_text = text_of(target, page=1)
    assert f"共 {pages} 页" in cover_text and "— 1 —" not in cover_text  # the cover carries no number
    assert "— 2 —" in text_of(target, page=2)
    tree = outline_tree(target)
    assert [n["title"] for n in tree] == ["2024年度档案", "目录", "一、支委会", "二、党课"]
    records = tree[2]["kids"]
    assert [n["title"] for n in records] == ["1月支委会", "2月支委会"]
    assert [n["title"] for n in records[0]["kids"]] == ["一、会议内容"]  # headings nest under their record
    assert "二、党课" in text_of(target, page=tree[3]["page"]) and tree[3]["page"] == pages

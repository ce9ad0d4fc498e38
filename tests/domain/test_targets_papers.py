"""Evidence of an inspection (records and stored files), the ledger's view of an
inspection problem, and the papers read back the way a receiver reads them."""

from __future__ import annotations

import datetime as dt

import pytest

from branchdesk import clock
from branchdesk.errors import Conflict, StorageError, ValidationError
from branchdesk.papers import Paper, TitleBlock, TrendChart, render
from branchdesk.targets import Period
from branchdesk.targets.papers import inspection_paper, year_blocks, year_paper
from tests.domain.papers_support import fonts_of, text_of
from tests.domain.targets_support import header, library_forms, score_all
from tests.domain.test_targets import H1, H2, YEAR


@pytest.fixture
def filed(archive, tmp_path):
    """An H1 inspection with a photo and a problem on the ledger, filed; H2 scored, in draft."""
    t = archive.targets
    t.library.create(YEAR, "测试指标库", library_forms())
    t.plans.adopt_library(YEAR)
    inspection_id = t.inspections.create(H1, header(dt.date(YEAR, 7, 5)))
    score_all(archive, inspection_id, 0.92)
    photo = tmp_path / "阵地.png"
    photo.write_bytes(b"\x89PNG demo photo bytes")
    evidence_id = t.inspections.add_evidence_file(t.inspections.score_id(inspection_id, "1.2"), photo, "主题党日照片")
    problem_id = t.inspections.add_problem(inspection_id, "主题党日照片不全", "1.2", "每次活动留存照片")
    t.inspections.problem_to_ledger(problem_id, "补齐照片", "王书记", clock.today() + dt.timedelta(days=20))
    t.inspections.refresh_measures(inspection_id)
    t.inspections.file(inspection_id)
    draft = t.inspections.create(H2, header(dt.date(YEAR, 12, 28)))
    score_all(archive, draft, 0.99)
    return archive, inspection_id, evidence_id


def test_file_evidence_is_stored_by_its_hash_and_checked(filed):
    archive, inspection_id, evidence_id = filed
    detail = archive.targets.inspections.detail(inspection_id)
    evidence = detail.score_for("1.2").evidence[0]
    assert evidence.kind == "file" and evidence.original_name == "阵地.png" and len(evidence.sha256) == 64
    stored = archive.targets.inspections.evidence_file(evidence_id)
    assert stored.read_bytes() == b"\x89PNG demo photo bytes" and stored.name.isascii()
    with pytest.raises(Conflict, match="封存"):
        archive.targets.inspections.remove_evidence(evidence_id)
    stored.write_bytes(b"changed")
    with pytest.raises(StorageError, match="校验值不符"):
        archive.targets.inspections.evidence_file(evidence_id)


def test_record_evidence_names_the_record_and_refuses_unknown_ones(archive):
    from branchdesk.life import ItemForm, TalkForm

    t = archive.targets
    t.library.create(YEAR, "", library_forms())
    inspection_id = t.inspections.create(H2, header(dt.date(YEAR, 12, 28)))
    talk_id = archive.talks.add(TalkForm(dt.date(YEAR, 5, 6), None, "王书记", None, "李党员", content="谈工作"))
    item_id = archive.rectification.add(ItemForm(YEAR, "记录不全", "补齐", None, "王书记", clock.today(),
                                                 created_on=clock.today()))
    score_id = t.inspections.score_id(inspection_id, "2.1")
    t.inspections.add_evidence(score_id, "talk", talk_id)
    t.inspections.add_evidence(score_id, "rectification", item_id)
    titles = [e.title for e in t.inspections.detail(inspection_id).score_for("2.1").evidence]
    assert titles[0] == f"王书记与李党员谈心谈话（{YEAR}-05-06）" and titles[1].startswith("整改事项 ")
    with pytest.raises(Conflict, match="已经是指标「2.1」的佐证"):
        t.inspections.add_evidence(score_id, "talk", talk_id)
    with pytest.raises(ValidationError, match="文件请用「添加附件」"):
        t.inspections.add_evidence(score_id, "file", 1)
    with pytest.raises(Exception, match="谈心谈话记录"):
        t.inspections.add_evidence(score_id, "talk", talk_id + 99)
    assert len(t.inspections.detail(inspection_id).score_for("2.1").evidence) == 2


def test_the_ledger_says_where_an_inspection_item_came_from(filed):
    archive, _, _ = filed
    item = archive.rectification.items(source="inspection")[0]
    assert archive.rectification.detail(item.id).source_text == "目标管理检查发现的问题：主题党日照片不全"


def test_the_scoring_sheet_and_the_year_archive_read_back(filed, tmp_path):
    archive, inspection_id, _ = filed
    sheet = render(inspection_paper(archive.targets.inspections.detail(inspection_id)), tmp_path / "sheet.pdf")
    text = "".join(text_of(sheet.path).split())
    for words in ("党支部目标管理考核表", f"{YEAR}年上半年", "1.2主题党日", "考核得分92分（满分100分）", "考核等次：合格",
                  "主题党日照片不全", f"{YEAR}-01", "检查人："):
        assert words in text, words
    assert all(f["emb"] == "yes" for f in fonts_of(sheet.path))
    blocks = year_blocks(archive, YEAR)
    assert isinstance(blocks[0], TitleBlock) and any(isinstance(b, TrendChart) for b in blocks)
    chart = next(b for b in blocks if isinstance(b, TrendChart))
    assert list(chart.values) == [92.0, 99.0] and chart.bands[0] == ("优秀", 97.0)
    book = render(year_paper(archive, YEAR), tmp_path / "book.pdf")
    text = "".join(text_of(book.path).split())
    for words in ("目标管理档案", "年度目标计划", "依据《测试指标库》", "历次检查考核得分", "尚未整改完成1个", "本期没有到期的整改事项"):
        assert words in text, words
    # the blocks fit into another paper (the yearly archive uses them so)
    other = render(Paper("record", "年度档案", blocks, branch="测试村党支部"), tmp_path / "other.pdf")
    assert other.pages >= 3


def test_a_chart_of_no_inspection_yet_still_renders(tmp_path):
    chart = TrendChart(labels=["24上", "24下"], values=[None, None], bands=[("优秀", 97)], caption="图")
    result = render(Paper("record", "图表", [chart]), tmp_path / "c.pdf")
    assert result.pages == 1 and "未检" in text_of(result.path)


def test_missing_period_uses_the_inspection_frequency(archive):
    t = archive.targets
    t.library.create(YEAR, "", library_forms())
    t.set_frequency("quarter", grace_days=10)
    gaps = t.missing_inspections(dt.date(YEAR, 12, 31))
    assert [(g.period.no, g.state) for g in gaps] == [(1, "overdue"), (2, "overdue"), (3, "overdue"), (4, "due_soon")]
    with pytest.raises(ValidationError, match="至少每半年"):
        t.set_frequency("year")
    assert Period(YEAR, "quarter", 4).label == f"{YEAR}年第四季度"

"""Every paper is PDF/A-2b and carries its archive fields; one 保管期限 per record
wherever it is printed; dates with years, no stray spaces, a chart caption that says
what the chart shows, a notice never dated after its meeting (issue 19, items 3 and 8)."""

import dataclasses
import datetime as dt
import re
import xml.etree.ElementTree as ET

import pikepdf
import pytest

from branchdesk import clock
from branchdesk.archival import RECORD_RETENTION, RETENTION_CODES, archival_code, longest
from branchdesk.archive import Archive
from branchdesk.branch import BranchInfo
from branchdesk.meetings.papers import notice_date, notice_paper
from branchdesk.papers import DateLine, KeyValues, TrendChart, render
from branchdesk.papers.pdfa import ARCHIVE_NS, xmp_date
from branchdesk.targets.papers import trend_caption
from branchdesk.text import tight
from branchdesk.yearbook.registry import PROVIDERS
from tests.domain.every_paper import every_paper, texts_of
from tests.domain.papers_support import bundled_fonts, text_of
from tests.domain.pdfa_support import NS, pdfa_problems, xmp_of


@pytest.fixture
def engine() -> str:
    """Papers are drawn from what the domain API returns, the same on both engines (the
    storage tests prove that): rendering every kind twice only doubled the suite's time."""
    return "sqlite"


CJK = "\u3400-\u9fff\uff08\uff09\uff0c\uff1a\uff1b\u3001\u3002"
# 「评为优秀 7 名」: a space between Chinese and a number (an indicator's code 「1.1 支部班子」
# before its name is a code, not a sentence, and is left out)
STRAY_SPACE = re.compile(rf"[{CJK}] +[0-9]|[0-9%] +[{CJK}]")
CODE_FIRST = re.compile(r"^[0-9][0-9.]* ")
# a month and day without the year before them: 「11月9日」, 「已完成 4.5」
YEARLESS = re.compile(r"(?<![年0-9])[0-9]{1,2}月[0-9]{1,2}日|已完成\s*[0-9]{1,2}\.[0-9]{1,2}(?![0-9])")


@pytest.fixture(scope="module")
def demo_papers(templates, tmp_path_factory):
    """(archive, every_paper(archive)) of a demo copy, made once for the tests that only
    read the papers and the archive: every_paper took seconds in each of them."""
    data_dir, _ = templates.copy(tmp_path_factory.mktemp("pdfa") / "demo", "sqlite", "demo")
    archive = Archive.open(data_dir, auto_backup=False)
    try:
        yield archive, every_paper(archive)
    finally:
        archive.close(auto_backup=False)


def _set_code(archive, code: str) -> None:
    own = archive.branch.own()
    archive.branch.save_own(BranchInfo(**{**{f.name: getattr(own, f.name) for f in dataclasses.fields(BranchInfo)},
                                        "code": code}))


@pytest.mark.slow
def test_every_paper_is_pdfa_2b_with_its_archive_fields(demo_archive, tmp_path):
    archive = demo_archive
    _set_code(archive, "QJC01")
    papers = every_paper(archive)
    assert len(papers) == 29  # with the 党费 receipt, 公示, 登记表, the 发展党员 纪实表, 公示, 台账, the 换届 three,
    # a 公开栏, the 群众评议, the 民情台账 and 办理单, a 介绍信, the 学习计划, a 学习档案 and a 党员档案
    for kind, paper in papers.items():
        target = tmp_path / f"{kind}.pdf"
        render(paper, target, library=bundled_fonts())
        assert pdfa_problems(target) == [], kind
        xmp = xmp_of(target)
        meta = paper.metadata
        assert xmp[f"{{{NS['dc']}}}title"] == (meta.title or paper.title)
        # 题名, 责任者, 日期, 保管期限, 档号 in XMP, not only in the information dictionary
        assert xmp[f"{{{NS['dc']}}}creator"] == [meta.author or paper.branch], kind
        if paper.date is not None:
            assert xmp[f"{{{ARCHIVE_NS}}}RecordDate"] == paper.date.isoformat()
        code = xmp[f"{{{ARCHIVE_NS}}}ArchivalCode"]
        retention = xmp[f"{{{ARCHIVE_NS}}}RetentionPeriod"]
        kind_of = kind.removesuffix(".public")
        assert retention == (RECORD_RETENTION[kind_of] if kind_of in RECORD_RETENTION else "永久"), kind
        assert re.fullmatch(rf"QJC01-20\d\d-{RETENTION_CODES[retention]}-[A-Z][A-Z0-9-]*", code), (kind, code)
        # the custom namespace is described by a PDF/A extension schema
        with pikepdf.open(target) as pdf:
            packet = ET.fromstring(pdf.Root.Metadata.read_bytes().decode("utf-8").split("?>", 1)[1].rsplit("<?", 1)[0])
        uris = [e.text for e in packet.iter("{http://www.aiim.org/pdfa/ns/schema#}namespaceURI")]
        prefixes = [e.text for e in packet.iter("{http://www.aiim.org/pdfa/ns/property#}name")]
        assert uris == [ARCHIVE_NS] and {"ArchivalCode", "RetentionPeriod", "RecordDate"} <= set(prefixes)
        # dates carry the year on every page
        text = "".join(text_of(target).split())  # a narrow cell wraps 「2025年\n2月4日完成」
        assert not YEARLESS.findall(text), (kind, YEARLESS.findall(text)[:3])
    assert xmp_date("D:20261206153000+08'00'") == "2026-12-06T15:30:00+08:00"


def test_one_retention_per_record_standalone_and_in_the_yearly_archive(demo_papers):
    archive, papers = demo_papers
    year = clock.today().year - 1
    # the year's 党员名册, 换届选举, 服务群众情况 and 奖惩情况 are printed only inside the yearly archive
    section_only = {"roster.year", "election.year", "service.year", "honours.year"}
    for kind, period in RECORD_RETENTION.items():
        if kind not in section_only:
            assert papers[kind].metadata.retention == period, kind
    # the 目标管理档案's cover says what its metadata says, and the yearly archive files
    # each part's records under the same period as their own papers
    alone = [v for b in papers["targets.year"].blocks if isinstance(b, KeyValues) for k, v in b.pairs if k == "保管期限"]
    assert alone == [RECORD_RETENTION["targets.year"]]
    parts = {s.key: s.retention for p in PROVIDERS for s in p.sections(archive, year, clock.today())}
    assert parts["targets"] == alone[0] and parts["ledger"] == papers["life.ledger"].metadata.retention
    assert parts["life"] == papers["life.record"].metadata.retention
    assert parts["appraisal"] == papers["life.appraisal"].metadata.retention
    assert parts["roster"] == RECORD_RETENTION["roster.year"]
    assert parts["election"] == RECORD_RETENTION["election.year"] == papers["election.tally"].metadata.retention
    assert parts["service"] == RECORD_RETENTION["service.year"]
    assert parts["study"] == RECORD_RETENTION["study.plan"] == papers["study.plan"].metadata.retention
    assert parts["honours"] == RECORD_RETENTION["honours.year"]
    assert {parts[k] for k in parts if k.startswith("meetings.")} == {papers["meeting.record"].metadata.retention}
    # the cover of the 永久 volume names the parts kept shorter, with the period their own papers print
    counts = next(v for b in papers["yearbook"].cover if isinstance(b, KeyValues) for k, v in b.pairs if k == "记录数量")
    assert "整改台账" in counts and re.search(r"整改台账\d+项（保管期限10年）", counts)
    assert re.search(r"目标管理\d+份（保管期限10年）", counts) and re.search(r"\n组织生活会\d+份\n", counts)
    # the volume keeps its records as long as the longest-kept of them
    assert longest(RECORD_RETENTION.values()) == "永久" and longest(["10年", "30年"]) == "30年"
    assert papers["yearbook"].metadata.retention == "永久"
    # the 档号: 组织代码-年度-保管期限代码-件号, the first part only when the branch has a code
    record = papers["meeting.record"]
    assert record.metadata.number == archival_code(archive.branch.own().code, record.date.year, "永久",
                                                   record.metadata.number.rsplit("-", 1)[-1])
    assert archival_code("", year, "10年", "T") == f"{year}-D10-T"
    assert archival_code("QJC01", year, "永久", "M000012") == f"QJC01-{year}-Y-M000012"


def test_papers_carry_years_and_no_spaces_inside_chinese(demo_papers):
    for kind, paper in demo_papers[1].items():
        for text in texts_of([paper.title, paper.subtitle, paper.cover, paper.blocks]):
            for line in text.splitlines():
                loose = STRAY_SPACE.search(CODE_FIRST.sub("", line))
                assert loose is None, (kind, line)
            # a narrow cell may put the year on a line of its own: 「2025年⏎4月5日⏎完成」
            assert not YEARLESS.search(text.replace("\n", "")), (kind, text)


def test_the_trend_chart_says_the_years_it_draws(demo_papers):
    archive, papers = demo_papers
    year = clock.today().year - 1
    chart = next(b for b in papers["targets.year"].blocks if isinstance(b, TrendChart))
    points = [p for p in archive.targets.trend(year - 2, year) if p.complete]
    years = sorted({p.period.year for p in points})
    span = f"{years[0]}年" if len(years) == 1 else f"{years[0]}—{years[-1]}年"
    assert chart.caption == f"图　{span}历次检查考核得分与自评得分（百分制）"
    assert len(chart.values) == len(points) and all(f"{y % 100}" in "".join(chart.labels) for y in years)
    only_this_year = [p for p in points if p.period.year == year]
    assert trend_caption(only_this_year).startswith(f"图　{year}年历次")
    no_self = [dataclasses.replace(p, self_total_x10=None) for p in only_this_year]
    assert trend_caption(no_self) == f"图　{year}年历次检查考核得分（百分制）"


def test_a_notice_is_never_dated_after_its_meeting(demo_archive):
    archive = demo_archive
    today = clock.today()
    held = [s for s in archive.meetings.summaries(archive.meetings.query_ids(year=today.year - 1)) if s.held_on]
    detail = archive.meetings.detail(held[0].id)
    meeting_day = detail.form.held_on
    unsent = dataclasses.replace(detail, notified_on=None)
    # printed for the file after the meeting: the day it was entered, at the latest the meeting's
    planned = dataclasses.replace(unsent, created_at=f"{meeting_day - dt.timedelta(days=6)} 09:00:00")
    assert notice_date(planned) == meeting_day - dt.timedelta(days=6)
    entered_later = dataclasses.replace(unsent, created_at=f"{today} 09:00:00")
    assert notice_date(entered_later) == meeting_day
    dated = [b for b in notice_paper(entered_later).blocks if isinstance(b, DateLine)]
    assert [b.date for b in dated] == [meeting_day]
    # a notice sent carries its day; one printed before the meeting is dated today
    assert notice_date(dataclasses.replace(detail, notified_on=meeting_day - dt.timedelta(days=3))) == (
        meeting_day - dt.timedelta(days=3))
    coming = dataclasses.replace(unsent, form=dataclasses.replace(detail.form, planned_on=today + dt.timedelta(days=5),
                                                                   held_on=None))
    assert notice_date(coming) == today


def test_tight_drops_only_the_spaces_between_chinese_and_numbers_or_latin():
    assert tight("评为优秀 7 名，参评 27 名") == "评为优秀7名，参评27名"
    assert tight("（星期六） 19:00—21:00，参会率 89.8% （列席）") == "（星期六）19:00—21:00，参会率89.8%（列席）"
    assert tight("𠮷 3 次") == "𠮷3次" and tight("SHA-256 ab12 cd34") == "SHA-256 ab12 cd34"
    assert tight("张　三") == "张　三" and tight("王 堃") == "王 堃"  # spaces the user put between names stay


def test_a_paper_becomes_pdfa_without_lxml_as_in_the_installed_program(demo_papers, tmp_path, monkeypatch):
    # packaging/trim.py leaves lxml out of the frozen folder: pikepdf must never need it here.
    import sys

    for name in [name for name in sys.modules if name == "lxml" or name.startswith("lxml.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "lxml", None)  # any import of it now fails
    paper = demo_papers[1]["meeting.record"]
    target = tmp_path / "record.pdf"
    render(paper, target, library=bundled_fonts())
    monkeypatch.undo()  # the checker itself reads the XMP with pikepdf's lxml-based reader
    assert pdfa_problems(target) == []

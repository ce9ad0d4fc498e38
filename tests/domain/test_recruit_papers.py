"""The 发展党员 papers (docs/domain.md §11): the 全程纪实表 of one person, the 公示 and the
year's 台账 (PDF and XLSX), from the domain and the command line, on every engine."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from branchdesk.errors import ValidationError
from branchdesk.recruit import exports
from branchdesk.recruit.papers import working_days_after
from tests.domain.papers_support import fonts_of, text_of
from tests.domain.recruit_support import new_person, walk
from tests.helpers import run_cli


def _flat(path) -> str:
    return "".join(text_of(path).split())


def test_the_record_of_one_person_lists_every_step(branch, tmp_path):
    archive, ids, _ = branch
    pid = new_person(archive)
    walk(archive, ids, pid)
    target = tmp_path / "纪实表.pdf"
    exports.record_job(archive, pid, target)()
    text = _flat(target)
    assert "发展党员工作全程纪实表" in text and "周新" in text and "110105********3116"[:6] in text
    for title in ("递交入党申请书", "推荐和确定入党积极分子", "确定入党介绍人", "支部大会讨论接收预备党员", "上级党委审批转正",
                  "材料归档"):
        assert title in text, title
    assert "王堃、李喆" in text and "2024.9.1" in text and "赞成6票" in text and "按期转为正式党员" in text
    assert "五、预备党员的教育考察和转正" in text
    assert all(font["emb"] == "yes" for font in fonts_of(target))
    with pytest.raises(ValidationError, match="扩展名应为 .pdf"):
        exports.record_job(archive, pid, tmp_path / "x.docx")


def test_the_notice_and_the_ledger(branch, tmp_path):
    archive, ids, _ = branch
    activist = new_person(archive, "甲乙", serial=313)
    walk(archive, ids, activist, until="candidate")
    applicant = new_person(archive, "丙丁", serial=315)
    walk(archive, ids, applicant, until="activist")
    notice = tmp_path / "公示.pdf"
    exports.notice_job(archive, [activist], "candidate", notice, dt.date(2026, 12, 4))()
    text = _flat(notice)
    assert "关于甲乙同志拟列为发展对象的公示" in text and "2026年12月4日至2026年12月10日（5个工作日）" in text
    assert "2023.3.1" in text and "2023.6.10" in text  # 申请入党, 确定为入党积极分子
    with pytest.raises(ValidationError, match="丙丁不是入党积极分子或发展对象"):
        exports.notice_job(archive, [applicant], "candidate", notice)
    with pytest.raises(ValidationError, match="甲乙不是预备党员"):
        exports.notice_job(archive, [activist], "full", notice)
    assert working_days_after(dt.date(2026, 12, 4), 5) == dt.date(2026, 12, 10)  # Friday to Thursday

    sheet = tmp_path / "台账.xlsx"
    exports.ledger_job(archive, 2023, sheet)()
    rows = list(load_workbook(sheet).active.iter_rows(min_row=2, values_only=True))
    rows = [r for r in rows if r[1]]
    assert [r[1] for r in rows] == ["甲乙", "丙丁"] and rows[0][4].date() == dt.date(2023, 3, 1)
    assert rows[0][5].date() == dt.date(2023, 6, 10) and rows[1][10] == "1、2"
    ledger = tmp_path / "台账.pdf"
    exports.ledger_job(archive, 2024, ledger)()
    assert "2024年度发展党员工作台账" in _flat(ledger) and "共1人" in _flat(ledger)  # 丙丁 did nothing in 2024


def test_papers_from_the_command_line(branch, tmp_path):
    archive, ids, _ = branch
    pid = new_person(archive)
    walk(archive, ids, pid, until="full_vote")
    archive.close(auto_backup=False)

    def cli(*args, code=0):
        result = run_cli(archive.layout.root, "recruit", *args, db_url=archive.url)
        assert result.returncode == code, result.stdout + result.stderr
        return result

    out = cli("paper", "周新").stdout
    assert "已导出发展党员工作全程纪实表" in out and "发展党员工作全程纪实表（周新）.pdf" in out
    assert "拟转为正式党员公示" in cli("notice", "周新", "--kind", "转正", "--start", "2026-12-07", "--days", "7").stdout
    assert "公示类别“党员”无效" in cli("notice", "周新", "--kind", "党员", code=1).stderr
    assert "已导出2024年度发展党员工作台账" in cli("ledger", "--year", "2024", "--xlsx").stdout
    assert "公示期已设为 7 个工作日" in cli("publicity-days", "7").stdout
    assert "公示期应为 1 到 30 个工作日" in cli("publicity-days", "40", code=1).stderr


def test_the_yearly_archive_has_a_part_for_recruitment(branch, tmp_path):
    from branchdesk.yearbook import write_year_archive

    archive, ids, _ = branch
    pid = new_person(archive)
    walk(archive, ids, pid, until="committee_review")  # steps in 2023 and 2024, the 支委会 of 2024 a record
    result = write_year_archive(archive, 2024, tmp_path / "2024.pdf", key_fingerprint="ab12" * 16)
    assert next(s for s in result.sections if s.key == "recruit").count == 2  # the 台账 and one 纪实表
    text = _flat(tmp_path / "2024.pdf")
    assert "2024年度发展党员工作台账" in text and "发展党员工作全程纪实表（周新）" in text

"""The 群众工作 papers (docs/domain.md §14.4): the year's 民情台账 (landscape, one row a
request, the person masked) and the 诉求办理单 of one request. SQLite only: the papers
come from the domain API, whose storage is tested on both engines elsewhere."""

from __future__ import annotations

import datetime as dt

import pytest

from branchdesk.masses import exports
from tests.domain.masses_support import request, visit
from tests.domain.meetings_support import TODAY
from tests.domain.papers_support import text_of

pytestmark = pytest.mark.parametrize("engine", ["sqlite"], indirect=True)


def test_the_ledger_and_the_handling_sheet(households, tmp_path):
    archive, ids, (aunt, *_rest) = households
    masses = archive.masses
    _, walked = visit(archive, aunt, ids["王堃"], TODAY - dt.timedelta(days=30), asked="院墙开裂需要修补", take=True)
    masses.assign(walked, ids["赵赟"], "", TODAY - dt.timedelta(days=5), TODAY - dt.timedelta(days=29))
    masses.add_progress(walked, "请来泥瓦匠查看", TODAY - dt.timedelta(days=20))
    masses.complete(walked, "院墙已修补", TODAY - dt.timedelta(days=10))
    masses.feed_back(walked, "face", "", TODAY - dt.timedelta(days=9))
    masses.revisit(walked, "satisfied", "很满意", TODAY - dt.timedelta(days=2))
    late = request(archive)
    masses.assign(late, ids["李喆"], "", TODAY - dt.timedelta(days=3), TODAY - dt.timedelta(days=39))
    ledger = tmp_path / "民情台账.pdf"
    exports.ledger_job(archive, TODAY.year, ledger)()
    text = "".join(text_of(ledger).split())
    assert f"{TODAY.year}年度民情台账" in text and "院墙开裂需要修补" in text and "刘*妈" in text and "刘大妈" not in text
    assert "已回访" in text and "满意" in text and "逾期3天" in text
    assert "全年受理2件，应办结2件，已办结1件（办结率50%）" in text
    sheet = tmp_path / "办理单.pdf"
    exports.request_job(archive, walked, sheet, full_names=True)()
    text = "".join(text_of(sheet).split())
    assert "民情诉求办理单" in text and "刘大妈" in text
    for step in ("受理", "交办", "办理", "办结", "反馈", "回访"):
        assert step in text
    assert "请来泥瓦匠查看" in text and "当面反馈" in text

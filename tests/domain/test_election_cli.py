"""``branchdesk election …`` as a secretary scripts a 换届 (docs/domain.md §13), and its
papers read back. SQLite only: the rules run on both engines in test_election.py."""

from __future__ import annotations

import json

import pytest

from tests.domain.papers_support import text_of
from tests.helpers import run_cli


def _cli(archive, *args, code=0):
    result = run_cli(archive.layout.root, "election", *args, db_url=archive.url)
    assert result.returncode == code, result.stdout + result.stderr
    return result


@pytest.mark.parametrize("engine", ["sqlite"])
def test_an_election_from_the_command_line(branch, tmp_path):
    archive, ids, _ = branch
    archive.close(auto_backup=False)  # the command line opens it itself
    assert "还没有换届选举记录" in _cli(archive, "list").stdout
    _cli(archive, "plan", "--date", "2026-10-08", "--places", "3", "--deputies", "1", "--submitted", "2026-09-01")
    assert "请先" not in _cli(archive, "paper", "plan", "--out", tmp_path / "plan.pdf").stdout
    early = _cli(archive, "candidates", "王堃", "李喆", "赵赟", "陈镕", code=1)
    assert "换届工作方案待批复" in early.stderr
    _cli(archive, "approve-plan", "--date", "2026-09-08", "--number", "测组〔2026〕12号")
    assert "至少4名" in _cli(archive, "candidates", "王堃", "李喆", "赵赟", code=1).stderr
    assert "预备党员没有选举权" in _cli(archive, "candidates", "王堃", "李喆", "赵赟", "张伟", code=1).stderr
    _cli(archive, "candidates", "王堃", "李喆", "赵赟", "陈镕")
    _cli(archive, "attend", "--date", "2026-10-08", "--excluded", "孙丽:外出务工")
    counted = _cli(archive, "vote", "王堃=5", "李喆=5", "赵赟=3", "陈镕=2", "--issued", "5", "--returned", "5").stdout
    assert "至少3票" in counted and "3名当选" in counted
    _cli(archive, "offices", "--date", "2026-10-09", "--secretary", "王堃=3", "--deputy", "李喆=3",
         "--post", "赵赟=组织委员")
    _cli(archive, "paper", "tally", "--out", tmp_path / "tally.pdf")
    _cli(archive, "paper", "result", "--out", tmp_path / "result.pdf")
    approved = _cli(archive, "approve", "--date", "2026-10-20", "--number", "测组〔2026〕30号").stdout
    assert "书记 王堃；副书记 李喆；组织委员 赵赟" in approved and "2031-10-08 届满" in approved
    shown = json.loads(_cli(archive, "show", "--json").stdout)
    assert shown["stage"] == "done" and shown["elected"] == ["王堃", "李喆", "赵赟"]
    assert shown["rounds"][0]["due"] == 5 and shown["rounds"][0]["present"] == 5

    plan = text_of(tmp_path / "plan.pdf")
    assert "关于召开党员大会进行换届选举的请示" in plan and "拟设委员3名" in plan
    tally = text_of(tmp_path / "tally.pdf").replace(" ", "")
    for words in ("支部党员大会选举计票结果", "应到会有选举权党员", "5名", "发出选票", "收回选票", "有效票", "当选", "未当选",
                  "陈镕", "总监票人"):
        assert words in tally, words
    result = text_of(tmp_path / "result.pdf").replace(" ", "")
    assert "关于支部委员会选举结果的请示" in result and "书记王堃（赞成3票）" in result.replace("\n", "")

"""A pasted page is never echoed back whole (issue 12, item 17): a message quotes at most
the start of a bad value, through one helper (text.quoted)."""

from __future__ import annotations

import datetime as dt

import pytest

from branchdesk.archive import Archive
from branchdesk.cli import main
from branchdesk.dates import DateTextError, parse_date
from branchdesk.roster.members import MemberForm
from branchdesk.text import QUOTE_MAX, quoted
from tests.helpers import make_id

LONG = "王" * 100_000


@pytest.fixture
def demo_dir(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path), "init", "--name", "测试村党支部", "--kind", "village"]) == 0
    capsys.readouterr()
    return tmp_path


@pytest.mark.parametrize("args", [
    ["meetings", "plan", "--kind", LONG, "--date", "2024-07-05"],
    ["meetings", "plan", "--kind", "支委会", "--date", LONG],
    ["meetings", "plan", "--kind", "支委会", "--date", "2024-07-05", "--time", LONG],
    ["meetings", "frequency", LONG + "=每季度"],
    ["life", "problem", "2024", "--problem", "问题", "--owner", LONG],
    ["rectification", "close", LONG, "--note", "已整改"],
    ["targets", "thresholds", "set", "--bands", LONG],
], ids=["kind", "date", "time", "frequency", "member", "code", "bands"])
def test_errors_quote_only_the_start_of_a_long_value(demo_dir, capsys, args):
    assert main(["--data-dir", str(demo_dir), *args]) == 1
    err = capsys.readouterr().err
    assert len(err) < 400, err[:400]
    assert "王" * QUOTE_MAX + "…" in err and "共 100000 字" in err


def test_a_long_search_finds_nothing_instead_of_failing(demo_dir, capsys):
    with Archive.open(demo_dir) as archive:
        archive.members.add(MemberForm(name="王堃", id_number=make_id(dt.date(1970, 3, 4)), joined_on=dt.date(2000, 7, 1),
                                       full_on=dt.date(2001, 7, 1), status="full"))
    assert main(["--data-dir", str(demo_dir), "members", "list", "--search", LONG]) == 0
    assert capsys.readouterr().out == ""


def test_the_quoting_helper():
    assert quoted("王堃") == "“王堃”"
    assert quoted("a\nb") == "“a b”"  # one line: a quoted value never breaks the message
    assert quoted(LONG) == "“" + "王" * QUOTE_MAX + "…”（共 100000 字）"
    with pytest.raises(DateTextError) as raised:
        parse_date(LONG)
    assert len(str(raised.value)) < 100

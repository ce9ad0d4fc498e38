"""``branchdesk masses …`` as a secretary scripts it (docs/domain.md §14), on every engine:
a household, a 走访 whose request goes to the end, the ledger and the tally."""

from __future__ import annotations

import json

from tests.domain.masses_support import TODAY
from tests.helpers import run_cli


def _cli(archive, *args, code=0):
    result = run_cli(archive.layout.root, "masses", *args, db_url=archive.url)
    assert result.returncode == code, result.stdout + result.stderr
    return result


def test_a_request_followed_from_the_command_line(branch, tmp_path):
    archive, ids, _ = branch
    archive.close(auto_backup=False)  # the command line opens it itself
    day = f"{TODAY.year}-11-02"
    _cli(archive, "household-add", "--name", "刘大妈", "--address", "一组", "--phone", "13812345678",
         "--circumstances", "独居", "--kind", "困难群众", "--member", "王堃", "--date", f"{TODAY.year}-10-01")
    listed = json.loads(_cli(archive, "households", "--json").stdout)
    assert [(h["name"], h["phone"], h["circumstances"], h["kind"]) for h in listed] == [
        ("刘大妈", "138****5678", "（已隐藏）", "困难群众")]
    taken = _cli(archive, "visit", str(listed[0]["id"]), "--member", "王堃", "--date", day, "--seen", "身体还好",
                 "--asked", "院墙开裂", "--take").stdout
    code = f"{TODAY.year}-001"
    assert f"编号 {code}" in taken
    early = _cli(archive, "done", code, "--note", "修好了", code=1)
    assert "还没有交办" in early.stderr
    _cli(archive, "assign", code, "--owner", "赵赟", "--deadline", f"{TODAY.year}-11-20", "--date", day)
    _cli(archive, "progress", code, "--text", "请来泥瓦匠", "--date", f"{TODAY.year}-11-05")
    _cli(archive, "done", code, "--note", "院墙已修补", "--date", f"{TODAY.year}-11-10")
    _cli(archive, "feedback", code, "--how", "当面", "--date", f"{TODAY.year}-11-11")
    _cli(archive, "revisit", code, "--satisfaction", "满意", "--date", f"{TODAY.year}-11-25")
    [row] = json.loads(_cli(archive, "requests", "--json").stdout)
    assert (row["state"], row["owner"], row["satisfaction"], row["channel"]) == ("已回访", "赵赟", "满意", "走访")
    assert "办结率 100%" in _cli(archive, "tally").stdout
    shown = _cli(archive, "show", code).stdout
    assert "交办：" in shown and "回访：" in shown and "请来泥瓦匠" in shown
    ledger = tmp_path / "民情台账.xlsx"
    _cli(archive, "ledger", "--out", ledger)
    from openpyxl import load_workbook

    cells = [c for r in load_workbook(ledger).active.iter_rows(values_only=True) for c in r if c]
    assert code in cells and "刘*妈" in cells and "刘大妈" not in cells
    assert "刘*妈" in _cli(archive, "behind").stdout or "王堃" in _cli(archive, "behind").stdout

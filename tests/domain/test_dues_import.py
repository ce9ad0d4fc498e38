"""A year's existing 党费 ledger imported from Excel, on every engine: the register's layout,
every problem named by the spreadsheet's row and member, all rows or none, a dry run that
stores nothing; and from the command line."""

import pytest
from openpyxl import Workbook

from branchdesk.dues.ledger_import import DuesFileError, import_ledger, read_ledger
from branchdesk.errors import ValidationErrors
from tests.domain.dues_support import YEAR, month
from tests.helpers import run_cli

HEADER = ["序号", "姓名", "类别", "月基数", *[f"{m}月" for m in range(1, 13)]]


def _sheet(path, *rows, header=HEADER):
    book = Workbook()
    book.active.append(["中共某某村党支部2026年度党费收缴登记表"])
    book.active.append(header)
    for row in rows:
        book.active.append(list(row))
    book.save(path)
    return path


def _row(n, name, category, base, *amounts):
    return [n, name, category, base, *amounts, *[""] * (12 - len(amounts))]


def test_a_clean_ledger_is_imported_whole(branch, tmp_path):
    archive, ids, _ = branch
    path = _sheet(tmp_path / "台账.xlsx", _row(1, "王堃", "在职", "4,000.00", 40, 40, "40.00", "未交"),
                  _row(2, "李喆", "学生", "—", 0.2, 0.2), ["合计", None, None, None, 80.4])
    plan = read_ledger(archive, path, YEAR)
    assert plan.problems == [] and [r.row_number for r in plan.rows] == [3, 4] and plan.payments == 5
    assert import_ledger(archive, plan, "李喆", dry_run=True) and archive.dues.receipts() == []  # nothing kept
    assert archive.dues.bases(ids["王堃"]) == []
    numbers = import_ledger(archive, plan, "李喆")
    assert numbers == [f"{YEAR}-000{n}" for n in range(1, 6)]
    assert {r.name: r.state for r in archive.dues.ledger(month(3)).rows}["王堃"] == "paid"
    assert archive.dues.ledger(month(2)).paid_fen == 4020 and archive.dues.receipt(numbers[0]).reason == "从Excel补录"
    assert archive.dues.receipt(numbers[0]).paid_on.isoformat() == f"{YEAR}-01-31"
    # the same file again: every month is refused, by its row, and nothing is stored
    with pytest.raises(ValidationErrors) as again:
        import_ledger(archive, read_ledger(archive, path, YEAR), "李喆")
    assert all(e.row in (3, 4) and "已交清" in e.detail for e in again.value.errors)
    assert len(archive.dues.receipts()) == 5


def test_every_problem_is_named_and_nothing_is_stored(branch, tmp_path):
    archive, ids, _ = branch
    path = _sheet(tmp_path / "错.xlsx", _row(1, "王堃", "在职", "4000", 30), _row(2, "查无此人", "农民", "", 1),
                  _row(3, "赵赟", "干部", "", "三十"), _row(4, "陈镕", "", "", 40))
    plan = read_ledger(archive, path, YEAR)
    assert [(e.row, e.message()) for e in plan.problems] == [
        (4, "第 4 行：查无此人不在本支部名册中，请核对姓名。"),
        (5, "第 5 行：赵赟：类别「干部」无效，可选：在职、离退休、农民、学生、下岗失业、低保。"),
        (5, "第 5 行：赵赟：1月金额「三十」不是金额，请只写数字（单位：元，例如 3000.50）。")]
    with pytest.raises(ValidationErrors):
        import_ledger(archive, plan, "李喆")
    fixed = _sheet(tmp_path / "少.xlsx", _row(1, "王堃", "在职", "4000", 30), _row(2, "陈镕", "", "", 40))
    with pytest.raises(ValidationErrors) as refused:
        import_ledger(archive, read_ledger(archive, fixed, YEAR), "李喆")
    messages = [e.message() for e in refused.value.errors]
    assert messages[0].startswith("第 3 行：王堃：") and "应交40.00元，填的30.00元不够" in messages[0]
    assert messages[1].startswith("第 4 行：陈镕：") and "党费基数" in messages[1]
    assert archive.dues.bases(ids["王堃"]) == [] and archive.dues.receipts() == []


def test_files_that_are_no_ledger(branch, tmp_path):
    archive, _, _ = branch
    with pytest.raises(DuesFileError, match="没有找到表头"):
        read_ledger(archive, _sheet(tmp_path / "x.xlsx", ["王堃", 1], header=["名字", "金额"]), YEAR)
    with pytest.raises(DuesFileError, match="不是 .xlsx"):
        read_ledger(archive, tmp_path / "台账.xls", YEAR)


def test_the_import_from_the_command_line(archive_factory, tmp_path):
    data_dir, _ = archive_factory("sqlite", "demo")
    path = _sheet(tmp_path / "2024.xlsx", _row(1, "王堃", "离退休", "4000", *[20] * 12))
    refused = run_cli(data_dir, "dues", "import", str(path), "--year", "2024", "--by", "周国强")
    assert refused.returncode == 1 and "第 3 行：王堃" in refused.stderr and "已经结账封存" in refused.stderr
    clean = _sheet(tmp_path / "2023.xlsx", _row(1, "王堃", "离退休", "4000", *[20] * 12))
    checked = run_cli(data_dir, "dues", "import", str(clean), "--year", "2023", "--by", "周国强", "--dry-run")
    assert checked.returncode == 0 and "12 笔交纳可以导入（未导入）" in checked.stdout
    done = run_cli(data_dir, "dues", "import", str(clean), "--year", "2023", "--by", "周国强")
    assert done.returncode == 0 and "已导入 1 名党员、12 笔交纳" in done.stdout
    assert "20.00" in run_cli(data_dir, "dues", "month", "--month", "2023-06").stdout

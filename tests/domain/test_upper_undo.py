"""An upper-level import is protected by its own transaction and the branch's undo, not
by a copy of the whole archive (issue 18, docs/domain.md §6.4.1), on both engines."""

from __future__ import annotations

import pytest

from branchdesk.errors import Conflict
from branchdesk.upper import importer
from tests.domain.upper_support import PASSWORD, table_contents
from tests.helpers import run_cli

# What a branch's import replaces (the log of bundles, the undo and the audit log grow).
BRANCH_TABLES = ("upper_branch", "upper_record", "upper_meeting", "upper_ledger_item", "upper_year",
                 "upper_dues_month", "upper_file", "upper_group", "upper_pledge", "upper_verdict",
                 "upper_masses_request")


def _branch_rows(archive) -> dict:
    contents = table_contents(archive)
    return {table: contents[table] for table in BRANCH_TABLES}


def _enrol(upper, *branches):
    for branch in branches:
        upper.enrol(branch.card, branch.fingerprint)


def test_an_import_that_fails_midway_leaves_the_branchs_previous_records(upper_archive, demo_branches, monkeypatch):
    first, _ = demo_branches
    upper = upper_archive.upper
    _enrol(upper, first)
    upper.import_bundle(first.bundles[0])
    before = _branch_rows(upper_archive)
    assert before["upper_record"]

    def fail(*args):  # after the old rows went and the new records are in
        raise OSError("disk pulled out")

    monkeypatch.setattr(importer, "_insert_year_facts", fail)
    with pytest.raises(OSError):
        upper.import_bundle(first.bundles[1])
    assert _branch_rows(upper_archive) == before
    assert [b["sequence"] for b in upper.bundles(upper.find_branch("前进村党支部").id)] == [1]
    monkeypatch.undo()
    assert upper.import_bundle(first.bundles[1]).outcome == "imported"


def test_undoing_a_branchs_last_import_restores_the_previous_bundles_records(upper_archive, demo_branches):
    first, second = demo_branches
    upper = upper_archive.upper
    _enrol(upper, first, second)
    upper.import_bundle(first.bundles[0])
    upper.import_bundle(second.bundles[0], password=PASSWORD)
    after_first = _branch_rows(upper_archive)
    assert after_first["upper_pledge"] and after_first["upper_verdict"]  # the 实事 and 群众评议 are kept too
    upper.import_bundle(first.bundles[1])
    assert _branch_rows(upper_archive) != after_first
    branch = upper.find_branch("前进村党支部")

    message = upper.undo_last_import(branch.id)
    assert "已撤销「前进村党支部」第 2 号数据包的导入" in message
    assert _branch_rows(upper_archive) == after_first  # the other branch's rows untouched too
    logged = upper.bundles(branch.id)
    assert [(b["sequence"], b["undone_at"] is not None) for b in logged] == [(2, True), (1, False)]
    assert upper_archive.audit.entries()[-1].action == "upper.import_undone"
    # once only; the undone bundle is not imported again, the branch's next one follows it
    with pytest.raises(Conflict, match="已经撤销过了"):
        upper.undo_last_import(branch.id)
    with pytest.raises(Conflict, match="重新导出"):
        upper.import_bundle(first.bundles[1])
    third = upper.import_bundle(first.bundles[2])
    assert third.outcome == "imported" and third.sequence == 3 and third.gap == 0
    # the first import of a branch undone: none of its records are left
    red = upper.find_branch("红旗社区党支部")
    upper.undo_last_import(red.id)
    assert upper.years(red.id) == [] and upper.records(red.id, None, "member") == []


def _backups(folder) -> dict[str, int]:
    return {p.name: p.stat().st_size for p in (folder / "backups").rglob("*") if p.is_file()}


def test_enrolments_and_imports_from_the_command_line_copy_no_archive(archive_factory, engine, demo_branches):
    first, second = demo_branches
    data_dir, url = archive_factory(engine)

    def cli(*args, code=0):
        result = run_cli(data_dir, *args, db_url=url)
        assert result.returncode == code, result.stderr
        return result

    cli("init", "--upper", "--name", "某某镇党委")
    at_start = _backups(data_dir)
    # SQLite: the first close leaves the day's backup; PostgreSQL: the server keeps backups
    assert len(at_start) == (0 if url else 1)
    for branch in (first, second):
        cli("upper", "enrol", str(branch.card), "--fingerprint", branch.fingerprint)
    password = data_dir.parent / f"{data_dir.name}-password.txt"
    password.write_text(PASSWORD, encoding="utf-8")
    cli("upper", "import", str(first.bundles[0]))
    cli("upper", "import", str(second.bundles[0]), "--password-file", str(password))
    cli("upper", "import", str(first.bundles[1]))
    assert _backups(data_dir) == at_start
    assert "已撤销「前进村党支部」第 2 号" in cli("upper", "undo", "前进村党支部").stdout
    assert "只能撤销最近一次导入" in cli("upper", "undo", "前进村党支部", code=1).stderr
    assert _backups(data_dir) == at_start


def test_an_upper_archive_keeps_its_last_three_whole_copies_unless_told_otherwise(upper_archive):
    from branchdesk.safety.rotation import policy_of

    kept = policy_of(upper_archive)
    assert (kept.keep_last, kept.daily_days, kept.weekly_weeks, kept.monthly_months) == (3, 0, 0, 0)
    assert kept.describe() == "保留最近 3 份；手动备份不自动删除。"
    upper_archive.settings.set("backup.retention", {"keep_last": 4})
    assert policy_of(upper_archive).keep_last == 4 and policy_of(upper_archive).daily_days == 7

"""群众工作 going upward (docs/domain.md §14.6): a bundle carries counts, dates and states,
not the people — unless the branch chooses; the yearly archive names no household; the
upper level's facts are dates and states only."""

from __future__ import annotations

import datetime as dt

from branchdesk.bundle.portable import collect
from branchdesk.upper import facts as facts_mod
from tests.domain.masses_support import PHONE, TODAY, visit

SECRETS = ("刘大妈", PHONE, "独居老人", "院墙开裂")


def _flat(tables) -> str:
    return repr({t: rows for t, rows in tables.items() if t.startswith("masses_")})


def test_a_bundle_leaves_the_people_out_unless_the_branch_chooses(households):
    archive, ids, (aunt, *_rest) = households
    _, request_id = visit(archive, aunt, ids["王堃"], TODAY - dt.timedelta(days=3), asked="院墙开裂", take=True)
    archive.masses.assign(request_id, ids["赵赟"], "", TODAY - dt.timedelta(days=1), TODAY - dt.timedelta(days=2))
    tables = collect(archive).tables
    assert not any(secret in _flat(tables) for secret in SECRETS)
    assert not any(secret in repr(tables["audit_log"]) for secret in SECRETS)
    [row] = tables["masses_request"]
    assert (row["channel"], row["owner_name"], row["deadline"], row["content"]) == (
        "visit", "赵赟", (TODAY - dt.timedelta(days=1)).isoformat(), "")
    derived = facts_mod.derive(tables)
    assert [(f.number, f.deadline, f.done_on) for f in derived.masses] == [(1, row["deadline"], None)]
    archive.masses.set_bundle_people(True)
    assert all(secret in _flat(collect(archive).tables) for secret in SECRETS)


def test_the_dashboard_shows_each_branchs_requests(upper_archive, demo_branches):
    from branchdesk import clock
    from branchdesk.archive import Archive

    first, _ = demo_branches
    upper = upper_archive.upper
    upper.enrol(first.card, first.fingerprint)
    upper.import_bundle(first.bundles[0])
    today = clock.today()
    with Archive.open(first.folder, auto_backup=False) as branch:
        tally = branch.masses.tally(today.year, today)
    row = next(r for r in upper.dashboard(today.year, today=today).rows
               if r.branch_name == first.name and r.month == today.month)
    assert (row.masses_due, row.masses_done, row.masses_overdue) == (tally.due, tally.done, tally.overdue)
    assert (row.masses_revisited, row.masses_content) == (tally.revisited, tally.satisfied + tally.basic)
    assert row.text("masses_done") == f"{tally.done}/{tally.due} {tally.done * 100 // tally.due}%"
    assert row.text("masses_overdue") == f"{tally.overdue}件" and tally.overdue
    assert upper.dashboard(today.year, today=today, sort="masses_done").rows

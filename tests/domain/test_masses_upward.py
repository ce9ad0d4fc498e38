"""群众工作 going upward (docs/domain.md §13.6): a bundle carries counts, dates and states,
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

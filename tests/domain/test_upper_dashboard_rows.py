"""The dashboard's rows (branchdesk/upper/dashboard_rows.py): the query's tuple read by
name, with the branch's facts appended. No database: the rows the statement returns are
checked against the SQL in tests/domain/test_upper.py on both engines."""

from __future__ import annotations

import pickle

import pytest

from branchdesk.upper.dashboard_rows import BRANCH_FACTS, KINDS, ROW_COLUMNS, STATES, DashboardRow


@pytest.fixture
def engine() -> str:
    return "sqlite"  # rows in memory, no storage


def _row(**changes) -> DashboardRow:
    values = {name: 0 for name in ROW_COLUMNS + BRANCH_FACTS}
    values.update(branch_id=7, month=3, branch_name="第1村党支部", branch_code="B0001", inspection_grade="好",
                  inspection_total_x10=975, verdict=None, dues_due_fen=None, dues_paid_fen=None, dues_unpaid=None,
                  dues_handed_fen=None, **{f"{k}_state": STATES.index("held") for k, _ in KINDS},
                  **{f"{k}_required": 1 for k, _ in KINDS})
    values.update(changes)
    return DashboardRow(values[name] for name in ROW_COLUMNS + BRANCH_FACTS)


def test_state_numbers_sort_as_the_state_names():
    assert list(STATES) == sorted(STATES)


def test_a_row_reads_its_fields_and_cells_by_name():
    row = _row(committee_state=STATES.index("missing"), committee_month=0, committee_period=0, missing=1,
               group_required=3, group_period=2, group_state=STATES.index("open"), has_pledges=True,
               pledges_due_sum=3, pledges_done_sum=2, ledger_overdue=1)
    assert (row.branch_id, row.month, row.branch_name, row.inspection_total) == (7, 3, "第1村党支部", 97.5)
    assert row.kinds["committee"].state == "missing" and row.text("committee") == "缺"
    assert row.text("group") == "2/3 未到期"
    assert row.pledges_text == "2/3" and row.behind
    assert _row().pledges_due is None and _row().pledges_text == "" and not _row().behind


def test_a_row_survives_pickling_as_the_board_does_between_processes():
    row = _row(dues_due_fen=2000, dues_paid_fen=1500, dues_unpaid=1)
    again = pickle.loads(pickle.dumps(row))
    assert again == row and again.as_dict() == row.as_dict() and again.text("dues_rate") == "75%，1人未交"

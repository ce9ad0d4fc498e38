"""党费 at the upper level: each branch's collection rate, members still owing and 上缴 per
month on the dashboard, the same figures the branch's own ledger shows."""

import datetime as dt

from branchdesk import clock
from branchdesk.archive import Archive
from branchdesk.dues import months as mo
from branchdesk.dues import yuan
from branchdesk.upper.dues_facts import dues_months


def test_the_facts_follow_the_ledgers_rules_on_plain_rows():
    tables = {
        "member": [{"id": 1, "status": "full"}, {"id": 2, "status": "full"}, {"id": 3, "status": "transferred"}],
        "dues_base": [
            {"id": 1, "member_id": 1, "from_month": "2026-01", "category": "employed", "base_fen": 300_001,
             "voluntary_fen": None, "set_on": "2026-01-05", "set_by": "甲"},
            {"id": 2, "member_id": 2, "from_month": "2026-03", "category": "farmer", "base_fen": None,
             "voluntary_fen": None, "set_on": "2026-03-05", "set_by": "甲"}],
        "dues_payment": [{"id": 1, "member_id": 1}, {"id": 2, "member_id": 3}],
        "dues_payment_month": [{"payment_id": 1, "month": "2026-01", "amount_fen": 3000},
                               {"payment_id": 1, "month": "2026-03", "amount_fen": 3000},
                               {"payment_id": 2, "month": "2026-03", "amount_fen": 100}],
        "dues_excuse": [{"member_id": 2, "from_month": "2026-04", "to_month": "2026-04"}],
        "dues_handover": [{"handed_on": "2026-04-15", "amount_fen": 6100}],
    }
    facts = {f.month: f for f in dues_months(tables, 50, dt.date(2026, 4, 20))}
    assert sorted(facts) == [1, 2, 3, 4]
    assert (facts[1].due_fen, facts[1].paid_fen, facts[1].unpaid) == (3000, 3000, 0)
    assert (facts[2].due_fen, facts[2].paid_fen, facts[2].unpaid) == (3000, 0, 1)
    # March: member 2's first month at the farmer rate; the transferred member paid and counts as paid only
    assert (facts[3].due_fen, facts[3].paid_fen, facts[3].unpaid) == (3050, 3100, 1)
    assert (facts[4].due_fen, facts[4].unpaid, facts[4].handed_fen) == (3000, 1, 6100)  # member 2 excused


def test_the_dashboard_shows_each_branchs_dues(upper_archive, demo_branches):
    first, _ = demo_branches
    upper = upper_archive.upper
    upper.enrol(first.card, first.fingerprint)
    upper.import_bundle(first.bundles[0])
    today = clock.today()
    with Archive.open(first.folder, auto_backup=False) as branch:
        for year in (today.year - 1, today.year):
            rows = {r.month: r for r in upper.dashboard(year, today=today).rows if r.branch_name == first.name}
            for month in range(1, today.month + 1 if year == today.year else 13):
                ledger = branch.dues.ledger(dt.date(year, month, 1))
                row = rows[month]
                assert (row.dues_due_fen, row.dues_paid_fen, row.dues_unpaid) == (
                    ledger.due_fen, ledger.paid_fen, len(ledger.unpaid)), (year, month)
                handed = sum(h.amount_fen for h in branch.dues.handovers() if mo.first(h.handed_on) == ledger.month)
                assert row.dues_handed_fen == handed
    june = next(r for r in upper.dashboard(today.year, today=today).rows if r.branch_name == first.name and r.month == 6)
    assert june.text("dues_rate").endswith("，1人未交") and june.dues_rate < 1
    april = next(r for r in upper.dashboard(today.year, today=today).rows if r.branch_name == first.name and r.month == 4)
    assert april.text("dues_handed") == yuan(april.dues_handed_fen) and april.as_dict()["dues"]["handed_fen"] > 0
    last = [r for r in upper.dashboard(today.year - 1, today=today).rows if r.branch_name == first.name]
    assert all(r.text("dues_rate") == "100%" for r in last)
    assert upper.dashboard(today.year, today=today, sort="dues_rate").rows[0].dues_rate is not None

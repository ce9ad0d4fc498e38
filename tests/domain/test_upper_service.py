"""服务群众 upward (docs/domain.md §15.5): a branch's bundle carries its 志愿服务 without the
names of people outside the roster, and the upper dashboard shows each branch's 实事
done on time and its committee's 群众评议 satisfaction, as the branch counts them."""

import datetime as dt

from branchdesk import clock
from branchdesk.archive import Archive
from branchdesk.bundle.portable import collect


def test_the_dashboard_shows_each_branchs_pledges_and_satisfaction(upper_archive, demo_branches):
    first, _ = demo_branches
    upper = upper_archive.upper
    upper.enrol(first.card, first.fingerprint)
    upper.import_bundle(first.bundles[0])
    today = clock.today()
    with Archive.open(first.folder, auto_backup=False, read_only=True) as branch:
        guests = [p for a in branch.service.activities() for p in a.participants if p.member_id is None]
        carried = collect(branch).tables["service_participant"]
        last_verdict = branch.verdicts.committee(today.year - 1)
        done_now = branch.service.pledge_completion(today.year, today)
        done_june = branch.service.pledge_completion(today.year, dt.date(today.year, 6, 30))
    assert guests and len([r for r in carried if r["member_id"] is None]) == len(guests)
    assert all(r["name"] == "" for r in carried if r["member_id"] is None)  # hours go up, names do not
    assert all(r["name"] for r in carried if r["member_id"] is not None)
    last = [r for r in upper.dashboard(today.year - 1, today=today).rows if r.branch_name == first.name]
    assert {r.text("satisfaction") for r in last} == {f"{last_verdict.rate * 100:.1f}%"}
    assert last[-1].as_dict()["verdict"]["satisfied"] == last_verdict.satisfied
    rows = {r.month: r for r in upper.dashboard(today.year, today=today).rows if r.branch_name == first.name}
    assert (rows[today.month].pledges_done, rows[today.month].pledges_due) == done_now
    assert (rows[6].pledges_done, rows[6].pledges_due) == done_june
    assert rows[1].text("pledges") == "0/0" and rows[today.month].text("satisfaction") == ""  # none held this year

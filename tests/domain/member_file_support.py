"""The figures of a member's 党员档案 computed with plain SQL on the tables, apart from the
code under test (docs/domain.md §19): the e2e test and the domain test compare them."""

from __future__ import annotations


def busiest_member(archive, year: int) -> int:
    """Of the demo members who served as volunteers in ``year``, the one with the most 走访
    (then the lowest id): every figure of the file is then more than nothing."""
    p = archive.db.param
    row = archive.db.execute_sql(
        f"SELECT v.member_id, COUNT(*) AS n FROM masses_visit v WHERE v.visited_on BETWEEN {p} AND {p} "
        "AND v.member_id IN (SELECT sp.member_id FROM service_participant sp JOIN service_activity sa "
        f"ON sa.id = sp.activity_id WHERE sa.held_on BETWEEN {p} AND {p}) "
        "GROUP BY v.member_id ORDER BY n DESC, v.member_id LIMIT 1",
        (f"{year}-01-01", f"{year}-12-31", f"{year}-01-01", f"{year}-12-31")).fetchone()
    return row[0]


def sql_figures(archive, member_id: int, year: int) -> dict:
    p = archive.db.param
    first, last = f"{year}-01-01", f"{year}-12-31"

    def one(sql, *params):
        return archive.db.execute_sql(sql, params).fetchone()[0] or 0

    due = one("SELECT COUNT(*) FROM meeting_attendance a JOIN meeting m ON m.id = a.meeting_id "
              f"WHERE a.member_id = {p} AND m.state IN ('held', 'final', 'reported') AND m.held_on BETWEEN {p} AND {p} "
              "AND a.status IN ('present', 'absent') "
              "AND m.id NOT IN (SELECT original_id FROM record_revision WHERE record_table = 'meeting')",
              member_id, first, last)
    present = one("SELECT COUNT(*) FROM meeting_attendance a JOIN meeting m ON m.id = a.meeting_id "
                  f"WHERE a.member_id = {p} AND m.state IN ('held', 'final', 'reported') "
                  f"AND m.held_on BETWEEN {p} AND {p} AND a.status = 'present' "
                  "AND m.id NOT IN (SELECT original_id FROM record_revision WHERE record_table = 'meeting')",
                  member_id, first, last)
    months = one("SELECT COUNT(*) FROM (SELECT pm.month FROM dues_payment_month pm "
                 f"JOIN dues_payment d ON d.id = pm.payment_id WHERE d.member_id = {p} AND pm.month BETWEEN {p} AND {p} "
                 "GROUP BY pm.month HAVING SUM(pm.amount_fen) > 0) paid", member_id, f"{year}-01", f"{year}-12")
    visits = one(f"SELECT COUNT(*) FROM masses_visit WHERE member_id = {p} AND visited_on BETWEEN {p} AND {p}",
                 member_id, first, last)
    hours_x10 = one("SELECT SUM(sp.hours_x10) FROM service_participant sp JOIN service_activity sa "
                    f"ON sa.id = sp.activity_id WHERE sp.member_id = {p} AND sa.held_on BETWEEN {p} AND {p}",
                    member_id, first, last)
    return {"meetings_due": due, "meetings_present": present, "dues_months_paid": months, "visits": visits,
            "service_hours": hours_x10 / 10}

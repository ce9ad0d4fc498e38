"""正式 / 预备 by the 转正 date, a 流动党员 one of them (docs/domain.md §1, 党员人数), on every
storage engine."""

import datetime as dt

from tests.domain.test_members import form
from tests.helpers import make_id, transfer_out


def test_a_member_away_counts_as_full_or_probationary_by_the_full_date(archive):
    archive.members.add(form())
    archive.members.add(form(name="李秀英", id_number=make_id(dt.date(1990, 1, 2)), status="probationary",
                             joined_on=dt.date(2026, 3, 1), full_on=None))
    away_full = archive.members.add(form(name="王强", id_number=make_id(dt.date(1975, 3, 4))))
    archive.members.change_status(away_full, "away", dt.date(2025, 6, 1), "外出务工")
    away_new = archive.members.add(form(name="周敏", id_number=make_id(dt.date(1995, 3, 4)), status="probationary",
                                        joined_on=dt.date(2026, 2, 1), full_on=None))
    archive.members.change_status(away_new, "away", dt.date(2026, 6, 1), "外出务工")
    gone = archive.members.add(form(name="赵刚", id_number=make_id(dt.date(1968, 8, 9))))
    transfer_out(archive, gone, dt.date(2026, 7, 1))

    counts = archive.members.by_standing()
    assert (counts.full, counts.probationary, counts.away, counts.total) == (2, 2, 2, 4)
    assert counts.total == archive.members.count()  # the same roll the list shows
    assert archive.members.count_by_status()["full"] == 1  # the status alone would say one 正式


def test_the_count_is_one_query(archive, monkeypatch):
    archive.members.add(form())
    real, seen = archive.db.execute_sql, []

    def recording(sql, params=None, *args, **kwargs):
        seen.append(sql)
        return real(sql, params, *args, **kwargs)

    monkeypatch.setattr(archive.db, "execute_sql", recording)
    assert archive.members.by_standing().full == 1
    assert len([sql for sql in seen if 'FROM "member"' in sql]) == 1  # no per-member reads

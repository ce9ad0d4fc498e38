"""The years' 档案指纹 a bundle notes, read in bulk (bundle/year_prints.py), are the
yearbook's own (``yearbook.fingerprint.year_fingerprint``, a query per record), on both
engines, whether hashed from the rows a bundle read or read again: the demo's busy
years, a branch with rare characters and an attachment, a year without records; and a changed record changes its year's, and only its year's."""

from __future__ import annotations

from branchdesk import clock
from branchdesk.bundle.portable import collect
from branchdesk.bundle.year_prints import year_prints
from branchdesk.yearbook.fingerprint import year_fingerprint


def test_the_demo_years_print_as_the_yearbook_prints_them(demo_archive):
    """Read from the database, from the rows a bundle read (every year, or one: the
    others' records are read from the database), the same 档案指纹."""
    whole = collect(demo_archive)
    years = [*whole.years(), 1999]
    assert len(years) >= 3
    expected = {year: year_fingerprint(demo_archive, year) for year in years}
    assert year_prints(demo_archive, years) == expected
    assert year_prints(demo_archive, years, whole) == expected
    assert year_prints(demo_archive, years, collect(demo_archive, [years[1]])) == expected


def test_a_changed_record_changes_its_year_alone(bundle_branch):
    archive = bundle_branch
    years = [clock.today().year - 1, clock.today().year]
    before = year_prints(archive, years, collect(archive))
    assert before == {year: year_fingerprint(archive, year) for year in years}
    p = archive.db.param
    meeting_id = archive.db.execute_sql(f"SELECT id FROM meeting WHERE held_on BETWEEN {p} AND {p} ORDER BY id",
                                        (f"{years[0]}-01-01", f"{years[0]}-12-31")).fetchone()[0]
    archive.db.execute_sql(f"UPDATE meeting SET place = {p} WHERE id = {p}", ("elsewhere", meeting_id))
    after = year_prints(archive, years, collect(archive))
    assert after[years[0]] != before[years[0]] and after[years[1]] == before[years[1]]
    assert after == {year: year_fingerprint(archive, year) for year in years}


def test_checked_seals_give_the_same_prints(demo_archive):
    """After the bundle's seals' check, a sealed record's hash is its seal's: the same."""
    records = collect(demo_archive)
    years = records.years()
    assert records.tables["record_seal"]  # the demo has reported records
    assert year_prints(demo_archive, years, records, seals_checked=True) == {
        year: year_fingerprint(demo_archive, year) for year in years}

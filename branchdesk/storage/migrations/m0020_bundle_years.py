"""Step 20: what each bundle carried, year by year (issue 18, incremental bundles).

``bundle_export_year``: one row per year a bundle carried, with that year's 档案指纹
(``yearbook.fingerprint``) and records fingerprint (``PortableRecords.year_fingerprint``,
as the manifest states it), and one row with ``year`` NULL for the records that belong
to no year (名册, 党小组, 发展党员, settings: ``archive_fingerprint`` empty). The next
bundle compares today's fingerprints with the latest row of each year to carry only
the years that changed (docs/domain.md §6.3.1). Written in the transaction that logs the
bundle (``bundle_export``) and, like it, append-only."""

from ..protect import append_only, refuse_replace_append_only
from ._ddl import run_ddl

VERSION = 20

TABLES = """
CREATE TABLE bundle_export_year (
    id {pk},
    sequence INTEGER NOT NULL REFERENCES bundle_export (sequence),
    year INTEGER,
    archive_fingerprint TEXT NOT NULL DEFAULT '',
    records_fingerprint TEXT NOT NULL
);
CREATE INDEX bundle_export_year_year ON bundle_export_year (year, sequence)
"""


def apply(db) -> None:
    run_ddl(db, TABLES)
    append_only(db, "bundle_export_year")
    refuse_replace_append_only(db, "bundle_export_year", (("id",),))

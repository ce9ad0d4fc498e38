"""The log of bundles this archive wrote (``bundle_export``, append-only): the next
sequence number and previous hash come from it, and ``bundle list`` shows it. A row is
written only after the bundle file was written and read back, so a cancelled or failed
write never uses up a number; a number once written is never reused."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .. import clock

TABLE = "bundle_export"
YEARS_TABLE = "bundle_export_year"  # what each bundle carried, year by year (migration 15)
_COLUMNS = (
    "sequence, previous_hash, year_from, year_to, file_name, file_sha256, manifest_sha256, encrypted, "
    "key_fingerprint, created_at"
)


@dataclass(frozen=True)
class ExportRecord:
    sequence: int
    previous_hash: str
    year_from: int
    year_to: int
    file_name: str
    file_sha256: str
    manifest_sha256: str
    encrypted: bool
    key_fingerprint: str
    created_at: str
    # what it carried: one per year, and year None for the records of no year
    parts: tuple[SentPart, ...] = field(default=(), compare=False)

    def as_dict(self) -> dict:
        found = asdict(self)
        found.pop("parts")
        return found


@dataclass(frozen=True)
class SentPart:
    """A year a bundle carried (``year`` None: the records that belong to no year) and
    its fingerprints then: the 档案指纹 and the records fingerprint."""

    year: int | None
    archive_fingerprint: str
    records_fingerprint: str
    sequence: int = 0


def exports(db) -> list[ExportRecord]:
    """Every bundle written, oldest first."""
    cursor = db.execute_sql(f"SELECT {_COLUMNS} FROM {TABLE} ORDER BY sequence")
    return [_record(row) for row in cursor.fetchall()]


def next_in_chain(db) -> tuple[int, str]:
    """(the next sequence number, the bundle hash of the last bundle written or '')."""
    row = db.execute_sql(f"SELECT sequence, manifest_sha256 FROM {TABLE} ORDER BY sequence DESC LIMIT 1").fetchone()
    return (int(row[0]) + 1, row[1]) if row else (1, "")


def last_sent(db) -> dict[int | None, SentPart]:
    """Year (None: the records of no year) -> what the newest bundle carrying it said of it."""
    cursor = db.execute_sql(
        f"SELECT year, archive_fingerprint, records_fingerprint, sequence FROM {YEARS_TABLE} ORDER BY sequence, id"
    )
    found: dict[int | None, SentPart] = {}
    for year, archive_fp, records_fp, sequence in cursor.fetchall():
        key = None if year is None else int(year)
        found[key] = SentPart(key, archive_fp, records_fp, int(sequence))
    return found


def record_export(archive, record: ExportRecord) -> None:
    """One transaction: the log row and its audit entry."""
    db = archive.db
    values = (
        record.sequence, record.previous_hash, record.year_from, record.year_to, record.file_name,
        record.file_sha256, record.manifest_sha256, record.encrypted, record.key_fingerprint, record.created_at,
    )
    with db.atomic():
        db.execute_sql(f"INSERT INTO {TABLE} ({_COLUMNS}) VALUES ({', '.join([db.param] * len(values))})", values)
        for part in record.parts:
            db.execute_sql(
                f"INSERT INTO {YEARS_TABLE} (sequence, year, archive_fingerprint, records_fingerprint) "
                f"VALUES ({db.param}, {db.param}, {db.param}, {db.param})",
                (record.sequence, part.year, part.archive_fingerprint, part.records_fingerprint),
            )
        archive.audit.record(
            "bundle.export", f"导出第 {record.sequence} 号数据包：{record.file_name}", TABLE, None,
            {"sequence": record.sequence, "file_sha256": record.file_sha256, "bundle_hash": record.manifest_sha256,
             "years": [record.year_from, record.year_to], "encrypted": record.encrypted},
        )


def now_text() -> str:
    return clock.now().isoformat(sep=" ")


def _record(row) -> ExportRecord:
    sequence, previous, year_from, year_to, file_name, file_sha, manifest_sha, encrypted, fingerprint, at = row
    return ExportRecord(
        int(sequence), previous, int(year_from), int(year_to), file_name, file_sha, manifest_sha, bool(encrypted),
        fingerprint, str(at),
    )

"""The log of bundles this archive wrote (``bundle_export``, append-only): the next
sequence number and previous hash come from it, and ``bundle list`` shows it. A row is
written only after the bundle file was written and read back, so a cancelled or failed
write never uses up a number; a number once written is never reused."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .. import clock

TABLE = "bundle_export"
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

    def as_dict(self) -> dict:
        return asdict(self)


def exports(db) -> list[ExportRecord]:
    """Every bundle written, oldest first."""
    cursor = db.execute_sql(f"SELECT {_COLUMNS} FROM {TABLE} ORDER BY sequence")
    return [_record(row) for row in cursor.fetchall()]


def next_in_chain(db) -> tuple[int, str]:
    """(the next sequence number, the bundle hash of the last bundle written or '')."""
    row = db.execute_sql(f"SELECT sequence, manifest_sha256 FROM {TABLE} ORDER BY sequence DESC LIMIT 1").fetchone()
    return (int(row[0]) + 1, row[1]) if row else (1, "")


def record_export(archive, record: ExportRecord) -> None:
    """One transaction: the log row and its audit entry."""
    db = archive.db
    values = (
        record.sequence, record.previous_hash, record.year_from, record.year_to, record.file_name,
        record.file_sha256, record.manifest_sha256, record.encrypted, record.key_fingerprint, record.created_at,
    )
    with db.atomic():
        db.execute_sql(f"INSERT INTO {TABLE} ({_COLUMNS}) VALUES ({', '.join([db.param] * len(values))})", values)
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

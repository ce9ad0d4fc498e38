"""Writing a bundle to a folder or USB stick (docs/reliability.md, promise 8).

The bundle is packed on the local disk first (records, yearly PDFs, attachments), so
its exact size is known; then the target is checked (exists, writable, FAT32 limit,
free space), the file is written under a temporary name in the same folder (encrypted
on the way when a password is given), flushed, fsync'd, read back from the device and
compared by SHA-256, and only then renamed to its ASCII name. The sequence number is
recorded after that: a cancelled or failed write leaves no file and uses no number."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import clock
from ..errors import Conflict, StorageError, ValidationError
from ..fileio import os_errors_as_storage
from ..safety.backup import _drop_cache, sha256_file
from ..safety.seal_check import listed, verify_rows
from ..sealed_kinds import SEALED_KINDS
from . import changes, container, encryption, ledger, sequence_mark, target
from . import manifest as manifest_mod
from .errors import BundleCancelled
from .keys import ascii_branch_tag
from .papers import make_year_papers
from .portable import collect
from .year_choice import refuse_years_not_begun, refuse_years_without_records

Progress = Callable[[int, int, str], None]
SUFFIX = ".bdx"
_CHUNK = 1024 * 1024
_FIRST_YEAR, _LAST_YEAR = 1921, 2100


@dataclass(frozen=True)
class BundleWritten:
    path: Path
    sha256: str  # of the file as written (encrypted or not)
    sequence: int
    size: int
    bundle_hash: str = ""  # SHA-256 of the signed manifest (what the next bundle chains to)
    previous_hash: str = ""
    years: list[int] = field(default_factory=list)
    encrypted: bool = False
    warnings: list[str] = field(default_factory=list)
    export_record: ledger.ExportRecord | None = None  # what record_written logs


class _Steps:
    """progress and cancel, checked between pieces of work."""

    def __init__(self, progress: Progress | None, cancel: Callable[[], bool] | None):
        self._progress = progress
        self._cancel = cancel

    def __call__(self, done: int, total: int, text: str) -> None:
        if self._cancel is not None and self._cancel():
            raise BundleCancelled()
        self.report(done, total, text)

    def report(self, done: int, total: int, text: str) -> None:
        if self._progress is not None:
            self._progress(done, total, text)


def _refuse_broken_seals(records) -> None:
    """A reported record that no longer matches its seal is never carried upward."""
    broken = verify_rows(records.tables, SEALED_KINDS)
    if broken:
        raise Conflict(
            f"有已上报的记录与封存时不一致：{listed(broken)}。它们在程序之外被改动过，数据包没有生成。"
            "请从改动之前的备份恢复（「档案 → 备份与恢复」），或运行 branchdesk check 查看详情。"
        )


def write_bundle(
    archive, out_dir, *, years: list[int] | None = None, password: str | None = None,
    progress: Progress | None = None, cancel: Callable[[], bool] | None = None, record_now: bool = True,
) -> BundleWritten:
    """Write the next bundle of ``archive`` into ``out_dir``; ``years`` cuts the
    year-bound records (all years if None; ``changes.year_changes(archive).default_years()``
    are those changed since the last bundle); ``password`` encrypts the file.
    ``progress(done, total, text)`` reports each phase, ``cancel()`` returning True
    stops it (BundleCancelled, nothing left behind, no number used).

    The bundle is logged (its number used) once the file is verified. A window that
    writes in a worker passes ``record_now=False`` and calls ``record_written`` on
    the GUI thread, as backups do: the worker itself then never writes to the
    database (the key must exist already: call ``archive.branch_key.ensure()`` first)."""
    archive.require_writable()
    steps = _Steps(progress, cancel)
    folder = Path(out_dir)
    target.check_folder(folder)
    chosen = _checked_years(years)
    if password is not None and not password:
        raise ValidationError("password", "empty", "密码不能为空；不要密码请不填。")
    refuse_years_not_begun(archive, chosen)
    steps(0, 0, "正在读取记录…")
    identity = archive.branch_key.ensure()
    branch = archive.branch.own()
    everything = collect(archive)
    refuse_years_without_records(archive, chosen, everything.years())
    records = everything.for_years(chosen) if chosen else everything
    _refuse_broken_seals(records)
    bundle_years = chosen or records.years() or [clock.today().year]
    # What the next bundle compares with; the seals were checked just above.
    parts = changes.parts_of(archive, records, bundle_years, seals_checked=True)
    chained = sequence_mark.next_in_chain(archive.db, archive.layout.root)
    sequence, previous_hash = chained.sequence, chained.previous_hash
    staging_root = archive.layout.exports
    with os_errors_as_storage(staging_root, "数据包"):
        staging_root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".bdx-staging-", dir=staging_root))
    try:
        packed, bundle_hash, warnings = _pack(archive, identity, branch, records, bundle_years, sequence, previous_hash,
                                        staging, steps)
        written, file_sha256 = _write_to_target(
            folder, packed, _file_name(identity, branch, bundle_years, sequence), password, steps
        )
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    record = ledger.ExportRecord(
        sequence, previous_hash, min(bundle_years), max(bundle_years), written.name, file_sha256,
        bundle_hash, password is not None, identity.fingerprint, ledger.now_text(), parts,
    )
    result = BundleWritten(
        written, file_sha256, sequence, written.stat().st_size, bundle_hash, previous_hash,
        list(bundle_years), password is not None, warnings + ([chained.note] if chained.note else []), record,
    )
    if record_now:
        record_written(archive, result)
    steps.report(1, 1, "数据包已写好并读回校验。")
    return result


def record_written(archive, written: BundleWritten) -> None:
    """Log a bundle written with ``record_now=False`` (on the thread that owns the
    archive's connection). If its number was taken meanwhile (another PC exporting
    at the same moment), the file is deleted: two bundles must never share a number."""
    try:
        ledger.record_export(archive, written.export_record)
    except BaseException as error:
        written.path.unlink(missing_ok=True)
        # Asked of the ledger, not of the error's wording: the unique index (PostgreSQL)
        # and the append-only guard (SQLite) refuse the same number in different words.
        taken = isinstance(error, Exception) and any(
            row.sequence == written.sequence for row in ledger.exports(archive.db)
        )
        if taken:
            raise Conflict("另一处同时导出了同一编号的数据包，本次导出的文件已删除。请重试。") from error
        raise
    # Beside the archive too, where restoring an older backup cannot lower it.
    sequence_mark.raise_to(archive.layout.root, written.sequence, written.bundle_hash)


def _checked_years(years: list[int] | None) -> list[int] | None:
    if not years:
        return None
    for year in years:
        if not (_FIRST_YEAR <= int(year) <= _LAST_YEAR):
            raise ValidationError("year", "range", f"年份 {year} 不对，请写四位年份，如 {clock.today().year}。")
    return sorted({int(y) for y in years})


def _file_name(identity, branch, years: list[int], sequence: int) -> str:
    """``BD-<code or uid8>-<years>-seq0007.bdx``: ASCII on every stick; the Chinese
    branch name is inside the manifest."""
    if len(years) == 1:
        span = str(years[0])
    elif years == list(range(years[0], years[-1] + 1)):
        span = f"{years[0]}-{years[-1]}"
    else:
        span = "_".join(str(y) for y in years[:6]) + ("_etc" if len(years) > 6 else "")
    return f"BD-{ascii_branch_tag(branch.code, identity.branch_uid)}-{span}-seq{sequence:04d}{SUFFIX}"


def _pack(archive, identity, branch, records, years, sequence, previous_hash, staging: Path, steps: _Steps):
    """The ZIP on the local disk; returns (its path, the bundle hash, warnings)."""
    papers, paper_problems = make_year_papers(archive, years, records, identity.fingerprint, staging, step=steps)
    record_files = records.as_files()
    attachments = _attachment_files(archive, records)
    files = [{"name": n, "sha256": hashlib.sha256(d).hexdigest(), "size": len(d), "kind": "records"}
             for n, d in record_files.items()]
    files += [{"name": p.name, "sha256": sha256_file(p.path), "size": p.path.stat().st_size, "kind": "paper"}
              for p in papers]
    files += [{"name": f"attachments/{sha}", "sha256": sha, "size": path.stat().st_size, "kind": "attachment"}
              for sha, path in attachments.items()]
    created_at = clock.now().isoformat(sep=" ")
    manifest = manifest_mod.build(
        identity=identity, branch=branch, sequence=sequence, previous_hash=previous_hash, years=years,
        created_at=created_at, records=records, files=files,
        papers=[{"year": p.year, "name": p.name} for p in papers], paper_problems=paper_problems,
        records_fingerprint=records.fingerprint(record_files),
    )
    raw_manifest = manifest_mod.manifest_bytes(manifest)
    signature = archive.branch_key.sign(raw_manifest)
    stamp = _zip_time(created_at)
    packed = staging / "bundle.zip"
    sources: list[tuple[str, bytes | Path, bool]] = [(n, d, True) for n, d in record_files.items()]
    sources += [(p.name, p.path, False) for p in papers]
    sources += [(f"attachments/{sha}", path, False) for sha, path in attachments.items()]
    total = sum(f["size"] for f in files)
    done = 0
    with os_errors_as_storage(staging, "数据包"), zipfile.ZipFile(packed, "w") as out:
        container.write_mimetype(out)
        out.writestr(container.entry_info(container.MANIFEST_NAME, True, stamp), raw_manifest)
        out.writestr(container.entry_info(container.SIGNATURE_NAME, False, stamp), signature)
        for name, source, compressed in sources:
            steps(done, total, "正在打包…")
            info = container.entry_info(name, compressed, stamp)
            if isinstance(source, bytes):
                out.writestr(info, source)
                done += len(source)
                continue
            with open(source, "rb") as src, out.open(info, "w", force_zip64=info.file_size > 2**31) as dst:
                while piece := src.read(_CHUNK):
                    dst.write(piece)
                    done += len(piece)
                    steps(done, total, "正在打包…")
    warnings = [f"{year} 年度档案 PDF 没有生成：{why}" for year, why in sorted(paper_problems.items())]
    if not records.audit_chain.get("ok", True):
        warnings.append(f"操作日志校验未通过，已如实写入数据包：{records.audit_chain.get('problem', '')}")
    return packed, manifest_mod.bundle_hash(raw_manifest), warnings


def _zip_time(created_at: str) -> tuple:
    moment = dt.datetime.fromisoformat(created_at)
    return (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute, moment.second)


def _attachment_files(archive, records) -> dict[str, Path]:
    """Files named by the records (meeting attachments, rectification and target
    evidence), by SHA-256, each checked against its hash."""
    from ..meetings.attachments import stored_file

    found: dict[str, Path] = {}
    for rows in records.tables.values():
        for row in rows:
            sha, stored = row.get("sha256"), row.get("stored_path")
            if sha and stored and sha not in found:
                found[sha] = stored_file(archive, stored, sha, row.get("title") or stored)
    return dict(sorted(found.items()))


def _write_to_target(
    folder: Path, packed: Path, file_name: str, password: str | None, steps: _Steps
) -> tuple[Path, str]:
    """Copy (or encrypt) the packed ZIP into ``folder`` atomically and read it back;
    returns the file and its SHA-256."""
    from ..fileio import atomic_path

    plain_size = packed.stat().st_size
    if plain_size > container.MAX_CONTENT:
        raise StorageError(
            f"数据包有 {plain_size / 1024**3:.1f} GB，超过上级能接收的 {container.MAX_CONTENT / 1024**3:.0f} GB。"
            "请按年份分开导出（--year）。"
        )
    size = encryption.encrypted_size(plain_size) if password is not None else plain_size
    target.check_room(folder, size)
    final = _unique(folder / file_name)
    with os_errors_as_storage(folder, "数据包"), atomic_path(final) as tmp:
        digest = hashlib.sha256()
        with open(packed, "rb") as src, open(tmp, "wb") as raw_out:
            out = _HashingWriter(raw_out, digest)
            if password is not None:
                encryption.encrypt(src, plain_size, out, password,
                                   step=lambda done: steps(done, plain_size, "正在加密并写入…"))
            else:
                done = 0
                while piece := src.read(_CHUNK):
                    out.write(piece)
                    done += len(piece)
                    steps(done, plain_size, "正在写入…")
            raw_out.flush()
            os.fsync(raw_out.fileno())
            _drop_cache(raw_out.fileno())
        steps(0, size, "正在读回校验…")
        if sha256_file(tmp) != digest.hexdigest():
            raise StorageError(
                f"写到 {folder} 的数据包读回后与写入的不一致：存储设备可能有故障。没有留下不完整的文件；请换一个 U 盘再试。"
            )
        steps(size, size, "正在读回校验…")
    return final, digest.hexdigest()


class _HashingWriter:
    def __init__(self, raw, digest):
        self._raw = raw
        self._digest = digest

    def write(self, data: bytes) -> int:
        self._digest.update(data)
        return self._raw.write(data)


def _unique(path: Path) -> Path:
    candidate, counter = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{counter}{path.suffix}")
        counter += 1
    return candidate

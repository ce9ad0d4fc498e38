"""Importing a branch's bundle into the upper-level archive.

1. ``verify_bundle`` checks everything (container, password, every file's SHA-256, the
   signature with the enrolled key, sequence and previous hash); any fault raises its
   own ``BundleRefused`` and nothing has been touched.
2. The same bundle again (``already_imported``) returns "已导入，未作更改" without a
   single write.
3. Files are stored by SHA-256 under ``attachments/`` (content-addressed: a file that is
   not referenced after a failed import is harmless), then one transaction replaces
   the branch's records per year the bundle holds (and any record the bundle carries
   again, wherever it was filed before), records the bundle and logs the import.
   The rows it replaces are kept in the same transaction as the branch's undo
   (``undo.py``): an import never copies the whole archive (issue 18).

On PostgreSQL several PCs import at once: an advisory lock per branch serialises
imports of one branch, the UNIQUE ``bundle_hash`` stops a double record, and the chain
is checked again under the lock (another PC may have imported in the meantime)."""

from __future__ import annotations

import hashlib
import json
import os
import threading
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from .. import clock
from ..errors import BranchDeskError, Conflict, StorageError
from ..fileio import create_private_file, fsync_dir, make_private_folder
from ..meetings.attachments import sha256_of, stored_name
from . import facts as facts_mod
from . import undo
from .history import audit_head, check_history
from .model import ImportResult
from .store import advisory_branch_lock, execute, fetch_all, fetch_one, insert_many, pack_payload

Progress = Callable[[int, int, str], None]
STEPS = 5
UNCHANGED = "已导入，未作更改"


class ImportCancelled(BranchDeskError):
    def message(self) -> str:
        return "已取消导入，档案库没有改动。"


def known_key(db, branch_uid: str) -> bytes | None:
    import base64

    row = fetch_one(db, "SELECT public_key FROM upper_branch WHERE branch_uid = ?", (branch_uid,))
    return base64.b64decode(row[0]) if row else None


def last_sequence(db, branch_uid: str) -> tuple[int, str] | None:
    row = fetch_one(
        db,
        "SELECT b.sequence, b.bundle_hash FROM upper_bundle b JOIN upper_branch r ON r.id = b.branch_id "
        "WHERE r.branch_uid = ? ORDER BY b.sequence DESC LIMIT 1",
        (branch_uid,),
    )
    return (int(row[0]), row[1]) if row else None


def imported_hash(db, branch_uid: str, sequence: int) -> str | None:
    row = fetch_one(db, "SELECT b.bundle_hash FROM upper_bundle b JOIN upper_branch r ON r.id = b.branch_id "
                        "WHERE r.branch_uid = ? AND b.sequence = ?", (branch_uid, sequence))
    return row[0] if row else None


def key_owner(db, fingerprint: str) -> str | None:
    row = fetch_one(db, "SELECT branch_uid FROM upper_branch WHERE fingerprint = ?", (fingerprint,))
    return row[0] if row else None


def verify(archive, path, password: str | None = None):
    """``verify_bundle`` against the enrolled keys and the bundles imported; touches nothing."""
    return _verify_noting_chain(archive, path, password)[0]


def _verify_noting_chain(archive, path, password):
    """The verified bundle and what ``last_sequence`` said while it was checked."""
    from ..bundle.reader import verify_bundle

    db = archive.db
    seen: dict[str, tuple[int, str] | None] = {}

    def chain(uid: str):
        seen[uid] = last_sequence(db, uid)
        return seen[uid]

    try:
        verified = verify_bundle(
            Path(path), password=password, known_key=lambda uid: known_key(db, uid), last_sequence=chain,
            imported=lambda uid, sequence: imported_hash(db, uid, sequence),
            key_owner=lambda fingerprint: key_owner(db, fingerprint),
        )
    except (zlib.error, zipfile.BadZipFile, EOFError) as error:
        # Damage inside a compressed entry can surface as a decompression error before
        # its hash is compared: it is the same fault, a tampered or damaged file.
        from ..bundle.errors import Tampered

        raise Tampered(f"数据包 {Path(path).name} 已损坏或被改动（内容无法解压），不能导入。请让支部重新导出。") from error
    check_history(db, verified, Path(path), _branch_name(db, verified))
    return verified, seen.get(verified.branch_uid, last_sequence(db, verified.branch_uid))


def import_bundle(archive, path, password: str | None = None, progress: Progress | None = None,
                  cancel: Callable[[], bool] | None = None) -> ImportResult:
    """Verify, then import in one transaction (see the module's notes)."""
    archive.require_writable()
    path = Path(path)

    def step(done: int, text: str) -> None:
        if cancel is not None and cancel():
            raise ImportCancelled()
        if progress is not None:
            progress(done, STEPS, text)

    step(0, f"正在校验 {path.name}…")
    verified, seen_then = _verify_noting_chain(archive, path, password)
    manifest = verified.manifest
    years = tuple(sorted(int(y) for y in manifest.get("years", ())))
    name = _branch_name(archive.db, verified)
    if verified.already_imported:
        _refuse_undone(archive.db, verified, name)
        return _unchanged(path, verified, name, years)
    step(1, "正在整理记录…")
    derived = facts_mod.derive(verified.records.tables)
    file_sha, file_size = sha256_of(path), path.stat().st_size
    step(2, "正在保存附件与年度档案…")
    stored = _store_files(archive, verified.files, _describe_files(manifest, derived), cancel)
    step(3, "正在写入档案库…")
    db = archive.db
    with db.atomic():
        advisory_branch_lock(db, verified.branch_uid)
        if fetch_one(db, "SELECT 1 FROM upper_bundle WHERE bundle_hash = ?", (verified.bundle_hash,)):
            return _unchanged(path, verified, name, years)  # another PC imported it meanwhile
        if last_sequence(db, verified.branch_uid) != seen_then:
            raise Conflict(
                f"在校验期间，另一台电脑导入了「{name}」的数据包，本数据包未导入，档案库没有改动。请再导入一次，程序会重新核对顺序。"
            )
        branch_id = fetch_one(db, "SELECT id FROM upper_branch WHERE branch_uid = ?", (verified.branch_uid,))[0]
        bundle_id = _record_bundle(db, archive.actor, branch_id, verified, years, path, file_sha, file_size,
                                   len(derived.records))
        replaced = undo.replaced_by(db, branch_id, years, derived)
        undo.keep_for_undo(db, branch_id, bundle_id, replaced)
        _replace_records(db, branch_id, bundle_id, replaced, derived, cancel)
        _update_branch(archive, branch_id, derived, manifest)
        _replace_files(db, branch_id, bundle_id, stored)
        _check_written(db, bundle_id, derived, stored, name)
        gap_text = f"；注意：缺少 {verified.gap} 个数据包（序号不连续）" if verified.gap else ""
        archive.audit.record(
            "upper.import", f"导入「{name}」数据包 第{verified.sequence}号（{_years_text(years)}）{gap_text}",
            "upper_bundle", bundle_id,
            {"branch_uid": verified.branch_uid, "sequence": verified.sequence, "bundle_hash": verified.bundle_hash,
             "file_sha256": file_sha, "years": list(years), "records": len(derived.records), "gap": verified.gap},
        )
        step(4, "正在提交…")
    step(5, "导入完成")
    gap_note = f"注意：序号不连续，缺少 {verified.gap} 个数据包，请联系该支部补报。" if verified.gap else ""
    return ImportResult(
        str(path), "imported", name, verified.branch_uid, verified.sequence, years, verified.gap,
        len(derived.records), len(stored), verified.bundle_hash,
        f"已导入「{name}」第 {verified.sequence} 号数据包（{_years_text(years)}，记录 {len(derived.records)} 条）。{gap_note}",
        tuple(verified.warnings),
    )


def _unchanged(path, verified, name, years) -> ImportResult:
    return ImportResult(str(path), "unchanged", name, verified.branch_uid, verified.sequence, years, verified.gap,
                        0, 0, verified.bundle_hash, f"「{name}」第 {verified.sequence} 号数据包{UNCHANGED}。")


def _branch_name(db, verified) -> str:
    row = fetch_one(db, "SELECT name FROM upper_branch WHERE branch_uid = ?", (verified.branch_uid,))
    return verified.manifest.get("branch_name") or (row[0] if row else verified.branch_uid)


def _years_text(years) -> str:
    return "、".join(f"{y}年" for y in years) or "无年度记录"


def _record_bundle(db, actor, branch_id, verified, years, path, file_sha, file_size, count) -> int:
    manifest = verified.manifest
    insert_many(db, "upper_bundle", (
        "branch_id", "bundle_hash", "sequence", "previous_hash", "years", "created_at", "key_fingerprint",
        "file_name", "file_sha256", "file_size", "gap", "record_count", "imported_at", "imported_by",
        "audit_entries", "audit_head_hash",
    ), [(branch_id, verified.bundle_hash, verified.sequence, verified.previous_hash or "", json.dumps(list(years)),
         str(manifest.get("created_at", "")), str(manifest.get("key_fingerprint", "")), path.name, file_sha, file_size,
         int(verified.gap or 0), count, clock.now().isoformat(sep=" ", timespec="seconds"), actor,
         *audit_head(verified.records.tables))])
    return fetch_one(db, "SELECT id FROM upper_bundle WHERE bundle_hash = ?", (verified.bundle_hash,))[0]


def _replace_records(db, branch_id, bundle_id, replaced: undo.Replaced, derived: facts_mod.BranchFacts,
                     cancel) -> None:
    for table, where, params in replaced.where(db, branch_id):
        execute(db, f"DELETE FROM {table} WHERE {where}", params)
    if cancel is not None and cancel():
        raise ImportCancelled()
    insert_many(db, "upper_record", (
        "branch_id", "bundle_id", "year", "category", "kind", "source_table", "source_id", "record_date", "title",
        "state", "superseded", "payload",
    ), [(branch_id, bundle_id, r.year, r.category, r.kind, r.source_table, r.source_id, r.date, r.title, r.state,
         r.superseded, pack_payload(r.payload)) for r in derived.records])
    ids = {(t, s): i for t, s, i in fetch_all(
        db, "SELECT source_table, source_id, id FROM upper_record WHERE bundle_id = ?", (bundle_id,))}
    insert_many(db, "upper_meeting", ("branch_id", "record_id", "year", "month", "kind", "group_key", "day", "state", "held"),
                [(branch_id, ids[("meeting", m.source_id)], m.year, m.month, m.kind, m.group_key, m.day, m.state, m.held)
                 for m in derived.meetings])
    insert_many(db, "upper_ledger_item", ("branch_id", "record_id", "year", "created_on", "deadline", "closed_on"),
                [(branch_id, ids[("rectification_item", item.source_id)], item.year, item.created_on, item.deadline,
                  item.closed_on) for item in derived.ledger])
    _insert_year_facts(db, branch_id, replaced.touched_years, derived)
    _insert_dues_facts(db, branch_id, replaced.dues_years, derived)
    _insert_service_facts(db, branch_id, derived)
    _insert_masses_facts(db, branch_id, replaced.masses_years, derived)


def _insert_masses_facts(db, branch_id, years, derived) -> None:
    """The 民情诉求 of the bundle's years, dates and states only (docs/domain.md §14.6); the
    branch's earlier rows of those years went with what the import replaces."""
    if not years:
        return
    insert_many(db, "upper_masses_request", ("branch_id", "year", "number", "received_on", "deadline", "done_on",
                                             "revisit_on", "satisfaction"),
                [(branch_id, f.year, f.number, f.received_on, f.deadline, f.done_on, f.revisit_on, f.satisfaction)
                 for f in derived.masses if f.year in years])


def _insert_service_facts(db, branch_id, derived) -> None:
    """The 实事 and 群众评议 travel whole in every bundle: the branch's rows (removed with
    what the import replaces, and kept for its undo) are written again."""
    if derived.pledges is None:
        return
    insert_many(db, "upper_pledge", ("branch_id", "year", "promised_by", "done_on"),
                [(branch_id, year, promised, done) for year, promised, done in derived.pledges])
    insert_many(db, "upper_verdict", ("branch_id", "year", "satisfied", "basic", "unsatisfied", "unknown"),
                [(branch_id, year, *tallies) for year, tallies in sorted(derived.verdicts.items())])


def _insert_dues_facts(db, branch_id, years, derived) -> None:
    """The 党费 of the bundle's years (payments travel by year; other years keep theirs)."""
    if not years:
        return
    insert_many(db, "upper_dues_month", ("branch_id", "year", "month", "due_fen", "paid_fen", "unpaid", "handed_fen"),
                [(branch_id, f.year, f.month, f.due_fen, f.paid_fen, f.unpaid, f.handed_fen)
                 for f in derived.dues if f.year in years])


def _insert_year_facts(db, branch_id, touched, derived) -> None:
    rows = []
    for year in touched:
        f = derived.years.get(year, facts_mod.YearFact(year))
        rows.append((branch_id, year, f.life_held, f.life_on, f.appraisal_done, f.appraisal_on, f.inspection_total_x10,
                     f.inspection_grade, f.inspection_on))
    insert_many(db, "upper_year", ("branch_id", "year", "life_held", "life_on", "appraisal_done", "appraisal_on",
                                   "inspection_total_x10", "inspection_grade", "inspection_on"), rows)


def _update_branch(archive, branch_id, derived, manifest) -> None:
    from ..meetings.manager import DEFAULT_FREQUENCIES

    db = archive.db
    own = derived.branch or {}
    name = manifest.get("branch_name") or own.get("name")
    code = manifest.get("branch_code", own.get("code"))
    sets, params = [], []
    for column, value in (("name", name), ("code", code), ("kind", own.get("kind"))):
        if value is not None:
            sets.append(f"{column} = ?")
            params.append(value)
    defaults = archive.upper.default_frequencies() if hasattr(archive.upper, "default_frequencies") else DEFAULT_FREQUENCIES
    chosen = {**defaults, **(derived.frequencies or {})}
    for kind in facts_mod.REQUIRED_KINDS:
        sets.append(f"freq_{kind} = ?")
        params.append(facts_mod.months_per_period(chosen, kind))
    sets.append("frequencies_from_branch = ?")
    params.append(derived.frequencies is not None)
    if derived.start_ym is not None:
        sets.append("start_ym = ?")
        params.append(derived.start_ym)
    if own.get("term_started_on"):  # the term's end beside the last election (term_overview.py)
        sets.append("term_started_on = ?")
        params.append(str(own["term_started_on"])[:10])
    execute(db, f"UPDATE upper_branch SET {', '.join(sets)} WHERE id = ?", [*params, branch_id])
    if derived.groups is not None:  # the branch's groups were removed with what the bundle replaces
        insert_many(db, "upper_group", ("branch_id", "source_id", "name"),
                    [(branch_id, gid, gname) for gid, gname in derived.groups])


# -- files -------------------------------------------------------------------------
def _describe_files(manifest: dict, derived: facts_mod.BranchFacts) -> dict[str, tuple[str, int | None, str]]:
    """name inside the bundle -> (kind, year, name to show): the yearly archive PDFs
    (``papers/<year>.pdf``) and the attachments (``attachments/<sha256>``), each
    attachment with the title and year of the record that holds it."""
    described = {p["name"]: ("year_pdf", int(p["year"]), f"{p['year']}年度档案.pdf") for p in manifest.get("papers", ())}
    for record in derived.records:
        for rows in record.payload.get("children", {}).values():
            for row in rows:
                sha = row.get("sha256")
                if sha and row.get("stored_path"):
                    suffix = Path(str(row.get("original_name") or row["stored_path"])).suffix
                    title = str(row.get("title") or row.get("original_name") or sha[:12])
                    described.setdefault(f"attachments/{sha}", ("attachment", record.year, title + suffix))
    return described


def _store_files(archive, files: dict[str, bytes], described: dict, cancel) -> list[tuple]:
    """Write every file under ``attachments/`` by its SHA-256; returns (shown name,
    kind, year, sha256, size, stored path). Each file goes in under a temporary name
    and is renamed; then all are flushed to disk together (one fsync per file and per
    folder, not per write) before the import's transaction can commit. A file left
    half-written by a crash is never trusted: an existing file is used only when its
    SHA-256 matches, and nothing refers to a file before the transaction commits."""
    stored, written = [], []
    for name, data in sorted(files.items()):
        if cancel is not None and cancel():
            raise ImportCancelled()
        kind, year, shown = described.get(name, ("other", None, Path(name).name))
        digest = hashlib.sha256(data).hexdigest()
        relative = stored_name(digest, shown)
        target = archive.layout.attachments / relative
        if not (target.exists() and target.stat().st_size == len(data) and sha256_of(target) == digest):
            make_private_folder(target.parent)
            # Unique per process and thread: two imports may store the same file at once.
            temporary = target.with_name(f".tmp-{os.getpid()}-{threading.get_ident()}-{target.name}")
            try:
                temporary.unlink(missing_ok=True)  # one a crash left under the same name
                create_private_file(temporary)
                temporary.write_bytes(data)
                os.replace(temporary, target)
            finally:
                temporary.unlink(missing_ok=True)
            written.append((target, digest, name))
        stored.append((shown, kind, year, digest, len(data), relative))
    for target, digest, name in written:
        with open(target, "rb+") as handle:
            os.fsync(handle.fileno())
        if sha256_of(target) != digest:
            raise StorageError(f"数据包中的文件 {name} 保存后校验不一致，请检查磁盘后重新导入。")
    for folder in {target.parent for target, _, _ in written}:
        fsync_dir(folder)
    return stored


def _replace_files(db, branch_id, bundle_id, stored) -> None:
    # the files of the bundle's years went with what it replaces (_replace_records)
    insert_many(db, "upper_file", ("branch_id", "bundle_id", "name", "kind", "year", "sha256", "size", "stored_path"),
                [(branch_id, bundle_id, *row) for row in stored])


def _check_written(db, bundle_id, derived, stored, name) -> None:
    """The rows written are the bundle's, counted before the commit: the branch's earlier
    rows go only when the new ones are all there."""
    records = fetch_one(db, "SELECT COUNT(*) FROM upper_record WHERE bundle_id = ?", (bundle_id,))[0]
    files = fetch_one(db, "SELECT COUNT(*) FROM upper_file WHERE bundle_id = ?", (bundle_id,))[0]
    if (records, files) != (len(derived.records), len(stored)):
        raise StorageError(f"导入「{name}」时写入的记录数与数据包不符（{records}/{len(derived.records)}），"
                           "导入已撤回，档案库没有改动。请检查磁盘后重新导入。")


def _refuse_undone(db, verified, name) -> None:
    row = fetch_one(db, "SELECT id FROM upper_bundle WHERE bundle_hash = ?", (verified.bundle_hash,))
    if row and undo.is_undone(db, row[0]):
        raise Conflict(f"「{name}」第 {verified.sequence} 号数据包的导入已经撤销，不能再次导入这个数据包。"
                       "请让支部重新导出一个数据包（下一个序号）再导入。")

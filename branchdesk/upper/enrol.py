"""Enrolling a branch's public key (登记支部公钥).

The branch hands over its public-key file (USB) and, separately, its fingerprint on
paper. The user types the fingerprint as read from the paper; the key is enrolled
only when it matches the file's key. The same key again changes nothing; another key
for an enrolled branch is taken only with an explicit replacement and its reason
(audit-logged), since a swapped key is exactly what an attacker would try."""

from __future__ import annotations

import base64
from pathlib import Path

from .. import clock
from ..errors import Conflict, ValidationError
from .model import EnrolledBranch, EnrolResult
from .store import execute, fetch_one, insert_many


def read_card(card_path):
    from ..bundle.keys import fingerprint_of, normalise_fingerprint, read_public_key_file

    path = Path(card_path)
    if not path.is_file():
        raise ValidationError("card", "missing", f"找不到支部公钥文件 {path}，请检查 U 盘或重新选择文件。")
    card = read_public_key_file(path)
    if normalise_fingerprint(fingerprint_of(card.public_key)) != normalise_fingerprint(card.fingerprint):
        raise ValidationError(
            "card", "inconsistent",
            f"公钥文件 {path.name} 中写的指纹与其中的公钥不符，文件可能被改动过。请不要登记，联系该支部重新导出公钥文件。",
        )
    return card, fingerprint_of(card.public_key)


def enrol(archive, card_path, confirmed_fingerprint: str, replace_reason: str = "") -> EnrolResult:
    archive.require_writable()
    from ..bundle.keys import normalise_fingerprint

    card, fingerprint = read_card(card_path)
    typed = normalise_fingerprint(confirmed_fingerprint)
    if not typed.replace("-", ""):
        raise ValidationError("fingerprint", "required", "请输入支部纸质材料上打印的公钥指纹，逐组核对后再登记。")
    if typed != normalise_fingerprint(fingerprint):
        raise ValidationError(
            "fingerprint", "mismatch",
            f"输入的指纹与公钥文件的指纹不一致，未登记。请对照「{card.branch_name}」盖章的纸质材料逐组核对；"
            "若纸上的指纹确实不同，说明文件可能被调换，请联系该支部重新提供公钥文件。",
        )
    db = archive.db
    key_text = base64.b64encode(card.public_key).decode("ascii")
    now = clock.now().isoformat(sep=" ", timespec="seconds")
    with db.atomic():
        other = fetch_one(db, "SELECT name FROM upper_branch WHERE public_key = ? AND branch_uid <> ?",
                          (key_text, card.branch_uid))
        if other:
            raise Conflict(f"这把公钥已登记为「{other[0]}」的公钥，不能再登记给「{card.branch_name}」。请核对公钥文件是否拿错。")
        row = fetch_one(db, "SELECT id, public_key, fingerprint, name FROM upper_branch WHERE branch_uid = ?",
                        (card.branch_uid,))
        if row and row[1] == key_text:
            return EnrolResult("unchanged", branch_by_id(db, row[0]), f"「{row[3]}」的这把公钥已经登记过，未作更改。")
        if row:
            reason = (replace_reason or "").strip()
            if not reason:
                raise Conflict(
                    f"「{row[3]}」已登记另一把公钥（指纹 {row[2]}）。只有确认该支部更换了密钥（例如重新建档）时才能更换，"
                    "并须写明原因（命令行：--replace --reason 原因）。"
                )
            execute(db, "UPDATE upper_branch SET public_key = ?, fingerprint = ?, name = ?, code = ?, "
                        "confirmed_from_paper = ?, enrolled_at = ?, enrolled_by = ? WHERE id = ?",
                    (key_text, fingerprint, card.branch_name, card.branch_code or "", True, now, archive.actor, row[0]))
            archive.audit.record(
                "upper.key_replace", f"更换「{card.branch_name}」的公钥：{reason}", "upper_branch", row[0],
                {"branch_uid": card.branch_uid, "old_fingerprint": row[2], "new_fingerprint": fingerprint, "reason": reason},
            )
            return EnrolResult("replaced", branch_by_id(db, row[0]),
                               f"已更换「{card.branch_name}」的公钥（新指纹 {fingerprint}）。")
        insert_many(db, "upper_branch", (
            "branch_uid", "name", "code", "public_key", "fingerprint", "confirmed_from_paper", "enrolled_at", "enrolled_by",
        ), [(card.branch_uid, card.branch_name, card.branch_code or "", key_text, fingerprint, True, now, archive.actor)])
        branch_id = fetch_one(db, "SELECT id FROM upper_branch WHERE branch_uid = ?", (card.branch_uid,))[0]
        _apply_default_frequencies(archive, branch_id)
        archive.audit.record(
            "upper.enrol", f"登记支部公钥：{card.branch_name}（指纹 {fingerprint}，已与纸质材料核对）", "upper_branch",
            branch_id, {"branch_uid": card.branch_uid, "fingerprint": fingerprint, "code": card.branch_code or ""},
        )
    return EnrolResult("enrolled", branch_by_id(db, branch_id), f"已登记「{card.branch_name}」的公钥（指纹 {fingerprint}）。")


def _apply_default_frequencies(archive, branch_id: int) -> None:
    from .facts import REQUIRED_KINDS, months_per_period

    defaults = archive.upper.default_frequencies()
    sets = ", ".join(f"freq_{k} = ?" for k in REQUIRED_KINDS)
    execute(archive.db, f"UPDATE upper_branch SET {sets} WHERE id = ?",
            [months_per_period(defaults, k) for k in REQUIRED_KINDS] + [branch_id])


_BRANCH_SQL = """
SELECT r.id, r.branch_uid, r.name, r.code, r.kind, r.fingerprint, r.confirmed_from_paper, r.enrolled_at, r.enrolled_by,
       (SELECT COUNT(*) FROM upper_bundle b WHERE b.branch_id = r.id),
       l.sequence, l.bundle_hash, l.years, l.imported_at, l.gap,
       (SELECT COALESCE(SUM(b.gap), 0) FROM upper_bundle b WHERE b.branch_id = r.id)
FROM upper_branch r
LEFT JOIN upper_bundle l ON l.branch_id = r.id
     AND l.sequence = (SELECT MAX(b.sequence) FROM upper_bundle b WHERE b.branch_id = r.id)
"""


def _branch(row) -> EnrolledBranch:
    import json

    return EnrolledBranch(
        id=row[0], branch_uid=row[1], name=row[2], code=row[3], kind=row[4], fingerprint=row[5],
        confirmed_from_paper=bool(row[6]), enrolled_at=row[7], enrolled_by=row[8], bundles=int(row[9]),
        last_sequence=row[10], last_bundle_hash=row[11] or "", last_years=tuple(json.loads(row[12]) if row[12] else ()),
        last_imported_at=row[13] or "", last_gap=int(row[14] or 0), gaps=int(row[15] or 0),
    )


def branches(db, search: str = "") -> list[EnrolledBranch]:
    from ..text import like_pattern

    sql, params = _BRANCH_SQL, []
    if search.strip():
        sql += " WHERE r.name LIKE ? ESCAPE '\\' OR r.code LIKE ? ESCAPE '\\'"
        params = [like_pattern(search.strip())] * 2
    from .store import fetch_all

    return [_branch(r) for r in fetch_all(db, sql + " ORDER BY r.name, r.id", params)]


def branch_by_id(db, branch_id: int) -> EnrolledBranch:
    from ..errors import NotFound

    row = fetch_one(db, _BRANCH_SQL + " WHERE r.id = ?", (branch_id,))
    if row is None:
        raise NotFound("已登记的支部", branch_id)
    return _branch(row)

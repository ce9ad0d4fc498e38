"""Attachments of a meeting (sign-in sheet scans, photos, slides): copied into the
archive's ``attachments`` folder under their SHA-256, checked after copying, and
never deleted there (a backup or an older version of a record may still name them)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .. import clock, labels
from ..errors import NotFound, StorageError, ValidationError
from ..fileio import atomic_path
from ..storage.binding import uses_archive
from ..storage.models import Meeting, MeetingAttachment
from ..text import LINE_MAX, bounded, clean_line
from .seal import MEETING

MAX_BYTES = 200 * 1024 * 1024
_EXTENSION = re.compile(r"^\.[a-z0-9]{1,8}$")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def stored_name(digest: str, original: str) -> str:
    """``ab/abcdef….png``: ASCII only, whatever the original name was."""
    suffix = Path(original).suffix.lower()
    return f"{digest[:2]}/{digest}{suffix if _EXTENSION.match(suffix) else ''}"


def copy_into_archive(archive, source: Path) -> tuple[str, str, int]:
    """Copy a user's file into the archive's ``attachments`` folder under its SHA-256,
    checked after copying; returns (stored path, SHA-256, size). Refuses missing, empty
    and over-large files with a message naming the file."""
    if not source.is_file():
        raise ValidationError("file", "missing", f"找不到文件 {source}，请重新选择。")
    size = source.stat().st_size
    if size == 0:
        raise ValidationError("file", "empty", f"文件 {source.name} 是空的（0 字节），请检查后重新选择。")
    if size > MAX_BYTES:
        raise ValidationError(
            "file", "too_big", f"文件 {source.name} 有 {size / 1024 / 1024:.0f} MB，超过 200 MB。请压缩或拆分后再添加。"
        )
    digest = sha256_of(source)
    relative = stored_name(digest, source.name)
    target = archive.layout.attachments / relative
    if not (target.exists() and sha256_of(target) == digest):
        with atomic_path(target) as tmp, open(source, "rb") as src, open(tmp, "wb") as out:
            while chunk := src.read(1 << 20):
                out.write(chunk)
        if sha256_of(target) != digest:
            raise StorageError(f"附件复制后校验不一致（{source.name}），请检查磁盘后重试。")
    return relative, digest, size


@uses_archive
def attach(archive, meeting_id: int, path, kind: str = "other", title: str = "") -> int:
    """Copy ``path`` into the archive and list it on the (draft) meeting; returns its id."""

    archive.require_writable()
    archive.records.require_draft(MEETING, meeting_id)
    source = Path(path)
    if kind not in labels.ATTACHMENT_KINDS:
        raise ValidationError("kind", "choice", "请选择附件类别（签到表、照片、课件、文件或其他）。")
    title = bounded("title", "附件名称", clean_line(title) or source.stem, LINE_MAX)
    relative, digest, size = copy_into_archive(archive, source)
    with archive.db.atomic():
        position = MeetingAttachment.select().where(MeetingAttachment.meeting == meeting_id).count() + 1
        row = MeetingAttachment.create(
            meeting=meeting_id, position=position, kind=kind, title=title, original_name=source.name,
            stored_path=relative, sha256=digest, size=size, added_at=clock.now().isoformat(sep=" "),
        )
        archive.audit.record("meeting.attach", f"添加附件：{title}", "meeting", meeting_id,
                             {"sha256": digest, "size": size, "name": source.name})
    return row.id


@uses_archive
def _row(archive, attachment_id: int) -> MeetingAttachment:
    row = (
        MeetingAttachment.select().join(Meeting)
        .where(MeetingAttachment.id == attachment_id, Meeting.branch == archive.branch.own_id()).first()
    )
    if row is None:
        raise NotFound("附件", attachment_id)
    return row


@uses_archive
def detach(archive, attachment_id: int) -> None:
    """Take an attachment off a draft meeting (the file stays in the archive folder)."""

    archive.require_writable()
    row = _row(archive, attachment_id)
    archive.records.require_draft(MEETING, row.meeting_id)
    with archive.db.atomic():
        MeetingAttachment.delete().where(MeetingAttachment.id == attachment_id).execute()
        archive.audit.record("meeting.detach", f"删除附件：{row.title}", "meeting", row.meeting_id,
                             {"sha256": row.sha256})


@uses_archive
def file_of(archive, attachment_id: int) -> Path:
    """The stored file, after checking it still has its SHA-256."""
    row = _row(archive, attachment_id)
    return stored_file(archive, row.stored_path, row.sha256, row.title)


def stored_file(archive, stored_path: str, sha256: str, title: str) -> Path:
    """A file copied in by ``copy_into_archive``, after checking it still has its SHA-256."""
    path = archive.layout.attachments / stored_path
    if not path.is_file():
        raise StorageError(f"附件「{title}」的文件不见了（{path}）。请从备份中找回 attachments 文件夹。")
    if sha256_of(path) != sha256:
        raise StorageError(f"附件「{title}」的文件与登记的校验值不符，可能已被改动或损坏（{path}）。")
    return path

"""保管期限 of the yearly archive: an archive setting (it travels with the archive),
printed on the cover and in the PDF's document information."""

from __future__ import annotations

from ..errors import ValidationError
from ..text import quoted

RETENTION_SETTING = "yearbook.retention"
RETENTION_CHOICES = ("永久", "长期", "30年", "10年")
DEFAULT_RETENTION = RETENTION_CHOICES[0]


def checked_retention(value: str) -> str:
    value = (value or "").strip()
    if value not in RETENTION_CHOICES:
        raise ValidationError("retention", "choice",
                              f"保管期限{quoted(value)}无效，请从以下选择：{'、'.join(RETENTION_CHOICES)}。")
    return value


def retention(archive) -> str:
    """The archive's 保管期限 (永久 unless set; a value not in the list reads as 永久)."""
    value = archive.settings.get(RETENTION_SETTING)
    return value if value in RETENTION_CHOICES else RETENTION_CHOICES[0]


def set_retention(archive, value: str) -> None:
    """Store the 保管期限 (one of ``RETENTION_CHOICES``); the change is audited."""
    archive.settings.set(RETENTION_SETTING, checked_retention(value))

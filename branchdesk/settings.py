"""Settings that travel with the archive (stored in its ``setting`` table as JSON)."""

from __future__ import annotations

import json

from .storage.binding import ArchiveBound
from .storage.models import Setting

# The defaults of the archive's own settings; each feature's are added where the
# archive is assembled (archive.setting_defaults), never by importing a module.
CORE_DEFAULTS: dict[str, object] = {
    # "branch": one branch's own archive; "upper": an upper level that imports bundles.
    "archive_mode": "branch",
    # Paper layout used unless an export asks for another one.
    "paper_preset": "record",
    # Automatic backups (backup_rotation.py): rotation, how often, when the home page warns.
    "backup.retention": {"keep_last": 5, "daily_days": 7, "weekly_weeks": 5, "monthly_months": 12},
    "backup.auto_interval_hours": 24,
    "backup.warn_after_days": 7,
    # Access (access.py): lock after this many idle minutes (0 = never); ask for the
    # password again before criticism / self-examination texts are shown.
    "access.lock_after_minutes": 10,
    "access.confirm_sensitive": True,
    "access.sensitive_grace_minutes": 5,
}


# Settings whose value never goes into the audit log (only that they changed).
SECRET_KEYS = frozenset({"access.password"})


class SettingsManager(ArchiveBound):
    def __init__(self, archive, defaults: dict[str, object]):
        self._archive = archive
        self._defaults = defaults

    def get(self, key: str, default: object = None) -> object:
        row = Setting.get_or_none(Setting.key == key)
        if row is None:
            return self._defaults.get(key, default)
        return json.loads(row.value)

    def set(self, key: str, value: object, audited: bool = True) -> None:
        """Store a setting; the change is logged in the audit log in the same transaction
        (``audited=False`` only for callers that log the change themselves)."""
        self._archive.require_writable()
        value = _validated(key, value)
        if key == "archive_mode":
            from .upper.mode import check_mode_change

            check_mode_change(self._archive, value)
        encoded = json.dumps(value, ensure_ascii=False, sort_keys=True)
        with self._archive.db.atomic():
            (
                Setting.insert(key=key, value=encoded)
                .on_conflict(conflict_target=[Setting.key], update={Setting.value: encoded})
                .execute()
            )
            if audited:
                shown = {"key": key} if key in SECRET_KEYS else {"key": key, "value": value}
                self._archive.audit.record("setting.set", f"修改设置「{key}」", "setting", None, shown)

    def all(self) -> dict[str, object]:
        values = dict(self._defaults)
        values.update({row.key: json.loads(row.value) for row in Setting.select()})
        return values


def _validated(key: str, value: object) -> object:
    """Settings whose wrong value could lose data are checked here, whoever sets them."""
    if key == "backup.retention":
        from .safety.rotation import validate_retention

        return validate_retention(value)
    if key == "dues.farmer_fen":
        from .dues.rates import check_farmer_fen

        return check_farmer_fen(value)
    return value

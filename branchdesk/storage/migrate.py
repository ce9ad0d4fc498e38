"""Schema versions: find the numbered steps, refuse newer databases, apply the rest
in one transaction after a backup."""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.machinery
import os
from collections.abc import Callable
from types import ModuleType

import peewee

from .. import __version__
from ..errors import SchemaTooNew
from . import migrations as migrations_package

SCHEMA_TABLE = "schema_version"


_FOUND: list[ModuleType] = []  # the steps, found once per process (an open asks four times)


def steps() -> list[ModuleType]:
    if _FOUND:
        return list(_FOUND)
    found = []
    for name in _step_names():
        if name.startswith("m") and name[1:5].isdigit():
            found.append(importlib.import_module(f"{migrations_package.__name__}.{name}"))
    found.sort(key=lambda m: m.VERSION)
    versions = [m.VERSION for m in found]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"migration numbers must run 1..N without gaps: {versions}")
    _FOUND[:] = found
    return list(found)


def _step_names() -> set[str]:
    """The module names in the migrations package. From source (every install but the
    frozen program) a look at its folder: ``pkgutil`` would import ``typing`` (about 4 ms
    of every open, issue 18); a frozen program's modules are in its archive, not a folder."""
    if isinstance(migrations_package.__spec__.loader, importlib.machinery.SourceFileLoader):
        return {entry.name.removesuffix(".py") for folder in migrations_package.__path__
                for entry in os.scandir(folder) if entry.name.endswith(".py") and entry.name != "__init__.py"}
    import pkgutil

    return {info.name for info in pkgutil.iter_modules(migrations_package.__path__)}


def latest_version() -> int:
    return steps()[-1].VERSION


def current_version(db: peewee.Database) -> int:
    """The highest applied step, 0 for an empty database. Reads only."""
    if not db.table_exists(SCHEMA_TABLE):
        return 0
    row = db.execute_sql(f"SELECT MAX(version) FROM {SCHEMA_TABLE}").fetchone()
    return int(row[0] or 0)


def refuse_if_too_new(version: int) -> None:
    if version > latest_version():
        raise SchemaTooNew(version, latest_version())


def upgrade(
    db: peewee.Database, backup: Callable[[str], object] | None = None, up_to: int | None = None
) -> list[int]:
    """Apply the pending steps (up to step ``up_to`` if given); returns their numbers.
    A database that already has data is backed up first (``backup(reason)``); all
    steps run in one transaction, so a failure leaves the database exactly as it was."""
    version = current_version(db)
    refuse_if_too_new(version)
    pending = [m for m in steps() if version < m.VERSION <= (up_to or m.VERSION)]
    if not pending:
        return []
    if version > 0 and backup is not None:
        backup(f"pre-upgrade-v{version}")
    with db.atomic():
        if version == 0:
            db.execute_sql(
                f"CREATE TABLE {SCHEMA_TABLE} (version INTEGER PRIMARY KEY, "
                "applied_at TIMESTAMP NOT NULL, app_version TEXT NOT NULL)"
            )
        for step in pending:
            step.apply(db)
            db.execute_sql(
                f"INSERT INTO {SCHEMA_TABLE} (version, applied_at, app_version) VALUES ({db.param}, {db.param}, {db.param})",
                (step.VERSION, dt.datetime.now().replace(microsecond=0), __version__),
            )
    return [m.VERSION for m in pending]

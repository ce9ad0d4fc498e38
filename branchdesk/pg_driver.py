"""psycopg (the PostgreSQL driver) only for PostgreSQL archives.

peewee imports psycopg the moment peewee itself is imported, whether or not a server is
ever used: on a branch PC that was 0.3 s and 17 MB of every start, the window's and each
command's (docs/tech-notes.md "Command-line start"). So peewee is imported with psycopg
held back, and ``give_peewee_psycopg`` hands it over when a PostgreSQL archive opens,
setting exactly what peewee's own import would have set. That reaches into peewee's
module globals, so peewee's version is bounded in pyproject.toml and
tests/domain/test_pg_driver.py compares the result with a plain import of peewee."""

from __future__ import annotations

import importlib.util
import sys


class _PeeweeWithoutPsycopg:
    """A one-shot import hook: the next ``import peewee`` runs with psycopg unimportable."""

    def find_spec(self, name, path=None, target=None):
        if name != "peewee":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None or "psycopg" in sys.modules:
            return spec  # psycopg is loaded already (a PostgreSQL archive): nothing to save
        run_module = spec.loader.exec_module

        def exec_module(module) -> None:
            sys.modules["psycopg"] = None  # peewee's ``import psycopg`` fails: its driver stays None
            try:
                run_module(module)
            finally:
                if "psycopg" in sys.modules and sys.modules["psycopg"] is None:
                    del sys.modules["psycopg"]

        spec.loader.exec_module = exec_module
        return spec


def hold_back_psycopg() -> None:
    """Install the hook (from branchdesk/__init__.py, before anything imports peewee)."""
    if "peewee" not in sys.modules and not any(isinstance(f, _PeeweeWithoutPsycopg) for f in sys.meta_path):
        sys.meta_path.insert(0, _PeeweeWithoutPsycopg())


def give_peewee_psycopg() -> None:
    """Import psycopg and set in peewee what its import sets when psycopg is there
    (peewee 4.5: the driver, the transaction states and the JSON adapters). Raises
    ImportError when psycopg (or the system's libpq behind it) cannot be loaded."""
    import peewee
    import psycopg
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    if peewee.psycopg is psycopg:
        return
    peewee.psycopg, peewee.TransactionStatus = psycopg, TransactionStatus
    peewee.Json_pg3, peewee.Jsonb_pg3 = Json, Jsonb
    adapter = peewee.Psycopg3Adapter
    adapter.txn_idle = TransactionStatus.IDLE
    adapter.txn_inerror = TransactionStatus.INERROR
    adapter.txn_unknown = TransactionStatus.UNKNOWN

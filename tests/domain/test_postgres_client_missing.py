"""A PostgreSQL archive asked for on a PC without the client library (the .deb's frozen
program uses the system's libpq5): a Chinese message naming the package, no traceback."""

from __future__ import annotations

import sys

import pytest

from branchdesk.errors import StorageError
from branchdesk.storage.database import open_postgres


def test_without_libpq_the_message_names_the_package_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg raises ImportError
    with pytest.raises(StorageError) as refused:
        open_postgres("postgresql://branchdesk@127.0.0.1:5432/branchdesk")
    assert "libpq5" in refused.value.message() and "本机上的档案库" in refused.value.message()

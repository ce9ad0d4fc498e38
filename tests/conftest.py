"""Shared fixtures: a migrated archive on SQLite and (when BRANCHDESK_TEST_PG_URL is set)
on PostgreSQL, built once from a template and copied per test."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Before Qt is imported anywhere: no screen needed, and the user's own QSettings untouched.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="branchdesk-test-config-")
os.environ.pop("BRANCHDESK_DATA_DIR", None)
os.environ.pop("BRANCHDESK_DB_URL", None)

from branchdesk.archive import Archive  # noqa: E402
from branchdesk.branch import BranchInfo  # noqa: E402

PG_URL = os.environ.get("BRANCHDESK_TEST_PG_URL", "")
ENGINES = ["sqlite"] + (["postgresql"] if PG_URL else [])
_counter = itertools.count()


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = str(item.fspath)
        if f"{os.sep}ui{os.sep}" in path or f"{os.sep}e2e{os.sep}" in path:
            item.add_marker(pytest.mark.gui)


def pytest_report_header(config):
    return f"BranchDesk storage engines under test: {', '.join(ENGINES)}"


def _pg_admin():
    import psycopg

    return psycopg.connect(PG_URL, autocommit=True)


def _pg_url_for(name: str) -> str:
    base, _, _ = PG_URL.rpartition("/")
    return f"{base}/{name}"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("template-sqlite")
    Archive.open(folder).close()
    return folder / "branchdesk.sqlite3"


@pytest.fixture(scope="session")
def pg_template():
    if not PG_URL:
        yield None
        return
    name = f"bd_template_{os.getpid()}"
    with _pg_admin() as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    archive = Archive.open(tempfile.mkdtemp(), db_url=_pg_url_for(name))
    archive.close()
    yield name
    with _pg_admin() as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")


@pytest.fixture
def archive_factory(request, tmp_path, sqlite_template, pg_template):
    """``make(engine)`` -> (data_dir, db_url): a fresh migrated, empty archive."""
    created_pg: list[str] = []

    def make(engine: str):
        data_dir = tmp_path / f"archive-{next(_counter)}"
        data_dir.mkdir()
        if engine == "sqlite":
            shutil.copy(sqlite_template, data_dir / "branchdesk.sqlite3")
            return data_dir, None
        name = f"bd_test_{os.getpid()}_{next(_counter)}"
        with _pg_admin() as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE {pg_template}")
        created_pg.append(name)
        return data_dir, _pg_url_for(name)

    yield make
    if created_pg:
        with _pg_admin() as conn:
            for name in created_pg:
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=ENGINES)
def engine(request) -> str:
    return request.param


@pytest.fixture
def empty_archive(archive_factory, engine):
    data_dir, url = archive_factory(engine)
    archive = Archive.open(data_dir, url)
    yield archive
    archive.close()


@pytest.fixture
def archive(empty_archive):
    """An archive with a village branch and no members."""
    empty_archive.branch.save_own(
        BranchInfo(name="测试村党支部", kind="village", higher_org="中共测试镇委员会", term_started_on=dt.date(2023, 1, 5))
    )
    return empty_archive


@pytest.fixture
def demo_archive(empty_archive):
    from branchdesk.demo import build_demo

    build_demo(empty_archive)
    return empty_archive

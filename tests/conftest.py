"""Shared fixtures: a migrated archive on SQLite and (when BRANCHDESK_TEST_PG_URL is set)
on PostgreSQL, and the demo branch - each built once per engine per test run (by the first
pytest-xdist worker to need it, see tests/run_shared.py) as a template and copied for every
test: the archive folder is copied, and a PostgreSQL database is cloned with
``CREATE DATABASE … TEMPLATE``.

The tests run on a fixed clock (tests/fixed_clock): see ``TODAY``."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import shutil
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# Before Qt is imported anywhere: no screen needed, and the user's own QSettings untouched.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="branchdesk-test-config-")
os.environ.pop("BRANCHDESK_DATA_DIR", None)
os.environ.pop("BRANCHDESK_DB_URL", None)

# The fixed clock, here and in every BranchDesk subprocess a test starts.
from tests.fixed_clock import clock as fixed_clock

fixed_clock.install(fixed_clock.timeline())
_paths = [str(REPO / "tests" / "fixed_clock"), str(REPO)]
if not os.environ.get("PYTHONPATH", "").startswith(os.pathsep.join(_paths)):
    os.environ["PYTHONPATH"] = os.pathsep.join(_paths + [p for p in [os.environ.get("PYTHONPATH")] if p])

from branchdesk import clock
from branchdesk.archive import Archive
from branchdesk.branch import BranchInfo
from branchdesk.storage import migrate
from tests import run_shared

# Here, not imported into each test module or sub-folder's conftest: a session fixture
# imported into a module is that module's own fixture, built again for every module that
# imports it (two demo branches' bundles and a yearly PDF, ~20 s each time).
from tests.domain.upper_support import make_demo_branches, relocated, upper_archive  # noqa: F401 - fixture

if not os.environ.get("PYTEST_XDIST_WORKER"):
    run_shared.start_run()  # before the workers start: they inherit the run's folder and name

# The templates are built with the program's own migrations, even when the first test of a
# worker to need one has patched in an extra step (the probe tables, an upgrade test).
_PROGRAM_MIGRATIONS = migrate.steps

TODAY = clock.today()
PG_URL = os.environ.get("BRANCHDESK_TEST_PG_URL", "")
ENGINES = ["sqlite"] + (["postgresql"] if PG_URL else [])
# Unique per process: pytest-xdist workers share one PostgreSQL server.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
_PG_PREFIX = f"bd_{WORKER}_{os.getpid()}"
# The templates, shared by the run's workers and dropped at its end (pytest_unconfigure).
_PG_TEMPLATE_PREFIX = f"bd_{run_shared.run_name()}_t"
_counter = itertools.count()
# The archive fixtures close without the automatic backup a changed archive gets at close:
# the copy is thrown away with the test, the backup's failures are only logged, and on
# PostgreSQL it cost 0.35-0.55 s of every test's teardown (docs/tech-notes.md, "The test
# suite's time"). Tests of that backup close their archive themselves.
CLOSE_WITH_BACKUP = False


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = str(item.fspath)
        if f"{os.sep}ui{os.sep}" in path or f"{os.sep}e2e{os.sep}" in path:
            item.add_marker(pytest.mark.gui)
    # Longest work first, so that two workers finish together: the PostgreSQL tests, then
    # the files that hold slow tests, then the rest, each in order. The PostgreSQL tests
    # spread over the workers: each works in databases of its own (named per worker), and
    # an archive's writer lock is looked up in its own database only (safety/pg_lock.py).
    # A soak test (bounded rounds here) is as long as a slow one: a 30-40 s test left for
    # the end of the run kept one worker busy while the other had nothing left to do.
    slow_files = {item.path for item in items if item.get_closest_marker("slow") or item.get_closest_marker("soak")}
    items.sort(key=lambda item: (not (PG_URL and _uses_postgresql(item)), item.path not in slow_files))


def _uses_postgresql(item) -> bool:
    callspec = getattr(item, "callspec", None)
    if callspec is not None and callspec.params.get("engine") == "postgresql":
        return True
    if "postgres" in item.name:
        return True
    return any("PG_URL" in str(m.kwargs.get("reason", "")) for m in item.iter_markers("skipif"))


def pytest_report_header(config):
    return [f"BranchDesk storage engines under test: {', '.join(ENGINES)} (ui and e2e: sqlite)",
            f"BranchDesk test clock starts at {fixed_clock.FIXED_NOW:%Y-%m-%d %H:%M}"]


def _pg_admin():
    import psycopg

    return psycopg.connect(PG_URL, autocommit=True)


def _pg_url_for(name: str) -> str:
    base, _, _ = PG_URL.rpartition("/")
    return f"{base}/{name}"


def _pg_clone(source: str, name: str) -> None:
    """``name`` as a copy of the template ``source`` (which takes no connections)."""
    with _pg_admin() as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {source}")


def _pg_seal_template(name: str) -> None:
    """Mark ``name`` a template that refuses connections, after checking none is left open
    (CREATE DATABASE … TEMPLATE fails while anyone is connected to the source)."""
    with _pg_admin() as conn:
        left = conn.execute("SELECT pid, application_name, state FROM pg_stat_activity WHERE datname = %s",
                            (name,)).fetchall()
        assert not left, f"connections left open to the template {name}: {left}"
        conn.execute(f"ALTER DATABASE {name} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false")


class ClonePool:
    """PostgreSQL copies made one ahead, in a thread: while a test runs, the copy the next
    test of the same template will take is being made, and the copies a test used are
    dropped after it. CREATE DATABASE … TEMPLATE spends most of its 0.1–0.7 s waiting, not
    computing (docs/tech-notes.md, "The test suite's time"), so the test no longer waits.
    One thread does the clones and drops in the order asked."""

    def __init__(self):
        self._thread = None
        self._ahead: dict[str, object] = {}  # template -> Future of a ready copy's name
        self._failed: list[BaseException] = []

    def _run(self, work, *args):
        if self._thread is None:
            from concurrent.futures import ThreadPoolExecutor

            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pg-clones")
        return self._thread.submit(work, *args)

    @staticmethod
    def _clone(template: str) -> str:
        name = f"{_PG_PREFIX}_{next(_counter)}"
        _pg_clone(template, name)
        return name

    def take(self, template: str) -> str:
        """A copy of ``template`` no one has used, and the next one on its way."""
        ready = self._ahead.pop(template, None)
        try:
            name = ready.result() if ready is not None else None
        except Exception:
            name = None  # made again here, where a failure fails the test that asked
        if name is None:
            name = self._clone(template)
        self._ahead[template] = self._run(self._clone, template)
        return name

    def drop(self, names: list[str]) -> None:
        def drop_all():
            try:
                with _pg_admin() as conn:
                    for name in names:
                        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            except Exception as error:
                self._failed.append(error)

        self._run(drop_all)

    def close(self) -> None:
        """At the end of the worker's tests: the copies made ahead go too."""
        if self._thread is None:
            return
        made = []
        for ready in self._ahead.values():
            try:
                made.append(ready.result())
            except Exception as error:
                self._failed.append(error)
        self._ahead.clear()
        self.drop(made)
        self._thread.shutdown(wait=True)
        self._thread = None
        if self._failed:
            raise self._failed[0]


class Templates:
    """Archives built once per test run and copied for each test: ``empty`` (migrated,
    nothing in it) and ``demo`` (``build_demo`` on a given day, TODAY unless said). The
    first worker to need one builds it (tests/run_shared.py); tests only ever copy them."""

    def __init__(self):
        self._built: dict[tuple, tuple[Path, str | None]] = {}
        self.clones: list[str] = []  # PostgreSQL copies made for the current test
        self.pool = ClonePool()

    def get(self, engine: str, kind: str = "empty", today: dt.date | None = None) -> tuple[Path, str | None]:
        """(template folder, template database name or None for SQLite)."""
        key = (engine, kind, today or TODAY)
        if key not in self._built:
            engine, kind, day = key
            self._built[key] = run_shared.once(f"{kind}-{engine}-{day:%Y%m%d}",
                                               lambda folder: self._build(folder, *key))
        return self._built[key]

    def _build(self, folder: Path, engine: str, kind: str, today: dt.date) -> tuple[Path, str | None]:
        patched, migrate.steps = migrate.steps, _PROGRAM_MIGRATIONS
        try:
            return self._build_with_program_migrations(folder / "archive", engine, kind, today)
        finally:
            migrate.steps = patched

    def _build_with_program_migrations(self, folder: Path, engine: str, kind: str,
                                       today: dt.date) -> tuple[Path, str | None]:
        db_name = None
        if kind == "empty":
            if engine == "postgresql":
                db_name = f"{_PG_TEMPLATE_PREFIX}_empty"
                with _pg_admin() as conn:
                    conn.execute(f"DROP DATABASE IF EXISTS {db_name} WITH (FORCE)")
                    conn.execute(f"CREATE DATABASE {db_name}")
            Archive.open(folder, _pg_url_for(db_name) if db_name else None).close()
        else:
            source, source_db = self.get(engine, "empty")
            shutil.copytree(source, folder)
            if engine == "postgresql":
                db_name = f"{_PG_TEMPLATE_PREFIX}_{kind}_{today:%Y%m%d}"
                with _pg_admin() as conn:
                    conn.execute(f"DROP DATABASE IF EXISTS {db_name} WITH (FORCE)")  # a build that failed
                _pg_clone(source_db, db_name)
            from branchdesk.demo import build_demo

            archive = Archive.open(folder, _pg_url_for(db_name) if db_name else None, auto_backup=False)
            try:
                build_demo(archive, today=today)
            finally:
                archive.close(auto_backup=False)
        if db_name:
            _pg_seal_template(db_name)
        return folder, db_name

    def copy(self, dest: Path, engine: str = "sqlite", kind: str = "empty", today: dt.date | None = None):
        """A fresh copy at ``dest`` (which must not exist): (data_dir, db_url)."""
        folder, db_name = self.get(engine, kind, today)
        shutil.copytree(folder, dest)
        if db_name is None:
            return dest, None
        name = self.pool.take(db_name)
        self.clones.append(name)
        return dest, _pg_url_for(name)

    def drop_clones(self) -> None:
        if self.clones:
            self.pool.drop(list(self.clones))
            self.clones.clear()


def _drop_run_templates() -> None:
    """The run's PostgreSQL templates, once no worker clones them any more."""
    with _pg_admin() as conn:
        names = [row[0] for row in conn.execute(
            "SELECT datname FROM pg_database WHERE starts_with(datname, %s)", (f"{_PG_TEMPLATE_PREFIX}_",))]
        for name in names:
            conn.execute(f"ALTER DATABASE {name} WITH IS_TEMPLATE false")
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def pytest_unconfigure(config):
    """In the controller after every worker has finished (or in a run without workers)."""
    if run_shared.made_here():
        if PG_URL:
            _drop_run_templates()
        run_shared.finish_run()


@pytest.fixture(scope="session")
def templates():
    made = Templates()
    yield made
    made.drop_clones()
    made.pool.close()


@pytest.fixture(scope="session")
def demo_branches(tmp_path_factory, templates):
    """前进村 and 红旗社区 with their bundles (tests/domain/upper_support.py), built once per
    run; each worker gets its own copy of the folders, since some tests open them."""
    shared = run_shared.once("upper-branches", lambda folder: (folder, make_demo_branches(templates, folder)))
    return relocated(shared[1], shared[0], tmp_path_factory.mktemp("upper-branches"))


@pytest.fixture
def archive_factory(tmp_path, templates):
    """``make(engine, kind="empty", today=None)`` -> (data_dir, db_url): a fresh copy of a
    migrated archive, empty or (``kind="demo"``) with the demo branch of ``today``."""

    def make(engine: str, kind: str = "empty", today: dt.date | None = None):
        return templates.copy(tmp_path / f"archive-{next(_counter)}", engine, kind, today)

    yield make
    templates.drop_clones()


@pytest.fixture
def demo_dir(archive_factory):
    """A SQLite archive folder with the demo branch, as ``branchdesk demo`` leaves it."""
    data_dir, _ = archive_factory("sqlite", "demo")
    return data_dir


@pytest.fixture(params=ENGINES)
def engine(request) -> str:
    return request.param


@pytest.fixture
def empty_archive(archive_factory, engine):
    data_dir, url = archive_factory(engine)
    archive = Archive.open(data_dir, url)
    yield archive
    archive.close(auto_backup=CLOSE_WITH_BACKUP)


@pytest.fixture
def archive(empty_archive):
    """An archive with a village branch and no members."""
    empty_archive.branch.save_own(
        BranchInfo(name="测试村党支部", kind="village", higher_org="中共测试镇委员会", term_started_on=dt.date(2023, 1, 5))
    )
    return empty_archive


@pytest.fixture
def demo_archive(archive_factory, engine):
    """The demo branch of TODAY, open (no automatic backup at this open: the archive is as
    ``build_demo`` left it)."""
    data_dir, url = archive_factory(engine, "demo")
    archive = Archive.open(data_dir, url, auto_backup=False)
    yield archive
    archive.close(auto_backup=CLOSE_WITH_BACKUP)

"""Things built once per test run and shared by the pytest-xdist workers: the archive
templates (the PostgreSQL demo branch alone took ~23 s of CPU in each worker) and the
session fixtures that only hand out files to copy or read (the two upper-level demo
branches and their bundles).

The first worker to need one builds it under a file lock in a folder the controller made
for the run (``BRANCHDESK_TEST_SHARED``); the others wait for it and read the pickled
result. A build that fails leaves no result: the next worker to ask builds it again (and
fails the same way, in its own test). PostgreSQL templates are named after the run
(``BRANCHDESK_TEST_RUN``) and dropped by the controller when the run ends
(``pytest_unconfigure`` in tests/conftest.py), after every worker has stopped cloning them."""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

_ROOT_VARIABLE = "BRANCHDESK_TEST_SHARED"
_RUN_VARIABLE = "BRANCHDESK_TEST_RUN"


_made_here = False


def start_run() -> None:
    """The run's folder and name, made by the controller (or a run without workers) before
    any worker starts, so the workers inherit them; a worker started without them makes its
    own and shares nothing."""
    global _made_here
    if os.environ.get(_ROOT_VARIABLE):
        return
    os.environ[_ROOT_VARIABLE] = tempfile.mkdtemp(prefix="branchdesk-test-run-")
    os.environ[_RUN_VARIABLE] = uuid.uuid4().hex[:10]
    _made_here = True


def made_here() -> bool:
    """Whether this process made the run's folder, and so cleans up after the run."""
    return _made_here


def run_name() -> str:
    """Part of the PostgreSQL names of the run's templates (lower-case letters and digits)."""
    start_run()
    return os.environ[_RUN_VARIABLE]


def root() -> Path:
    start_run()
    return Path(os.environ[_ROOT_VARIABLE])


def finish_run() -> None:
    """Once every worker has finished: the run's folder goes."""
    folder = os.environ.pop(_ROOT_VARIABLE, None)
    os.environ.pop(_RUN_VARIABLE, None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def _locked(path: Path):
    with open(path, "a+b") as handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file closes
            yield
            return
        import msvcrt

        while True:  # LK_LOCK gives up after ten seconds; a build takes longer
            try:
                msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
                break
            except OSError:
                time.sleep(0.2)
        try:
            yield
        finally:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)


def once(key: str, build: Callable[[Path], object]):
    """``build(folder)``'s result, built by one process of the run in ``folder`` (empty,
    inside the run's folder) and read back by the others. The result must pickle and
    name only files inside ``folder`` (or PostgreSQL databases named after the run)."""
    base = root()
    done = base / f"{key}.pickle"
    with _locked(base / f"{key}.lock"):
        if done.exists():
            return pickle.loads(done.read_bytes())
        folder = base / key
        shutil.rmtree(folder, ignore_errors=True)  # left by a build that failed
        folder.mkdir()
        value = build(folder)
        done.write_bytes(pickle.dumps(value))
        return value

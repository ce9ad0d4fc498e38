"""A power cut while an archive is being created (``demo``, ``init``, the wizard): the
folder may hold a half-written database with a hot rollback journal beside it. Every
later start must still open it — rolling the journal back — and creating it again
finishes the archive. The number of random kills comes from BRANCHDESK_SOAK_ROUNDS."""

import random
import signal
import subprocess
import sys
import time

import pytest

from branchdesk.archive import Archive, health_report_for
from tests.domain.safety_support import REPO, cli_run, subprocess_env
from tests.soak import rounds

ROUNDS = rounds(full=50, quick=10)

# The command line in a child process that says when its imports are done, so the
# kill lands in the creation itself rather than in Python's start-up.
CREATOR = r"""
import sys
from branchdesk import cli
import branchdesk.archive, branchdesk.demo
cli.build_parser()
print("go", flush=True)
cli.main(["--data-dir", sys.argv[1]] + sys.argv[2:])
"""

# A rollback-journal transaction cut off half-way, pages already spilled into the file:
# what a kill during the first seconds of creation leaves.
HOT_JOURNAL = r"""
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode=delete")
conn.execute("PRAGMA cache_size=2")
conn.execute("BEGIN")
conn.execute("CREATE TABLE half_done (x BLOB)")
for _ in range(200):
    conn.execute("INSERT INTO half_done VALUES (randomblob(2000))")
os._exit(0)
"""


def _wait_for(path, child, extra: float, limit: float = 5.0) -> None:
    """Until ``path`` exists (then ``extra`` seconds more), the child ends, or ``limit`` passes."""
    deadline = time.monotonic() + limit
    while not path.exists() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.0002)
    time.sleep(extra)


def _opens_and_finishes(capsys, data_dir) -> None:
    facts = health_report_for(data_dir)
    assert "attempt to write a readonly database" not in " ".join(facts["summary"]), facts["summary"]
    archive = Archive.open(data_dir, auto_backup=False)
    try:
        initialised = archive.is_initialised()
    finally:
        archive.close(auto_backup=False)
    if not initialised:
        code, out, err = cli_run(capsys, data_dir, "init", "--name", "前进村党支部")
        assert code == 0, err
    code, out, err = cli_run(capsys, data_dir, "check")
    assert code == 0, out + err


def test_a_hot_journal_left_by_a_cut_creation_is_rolled_back(tmp_path, capsys):
    data_dir = tmp_path / "archive"
    data_dir.mkdir()
    database = data_dir / "branchdesk.sqlite3"
    subprocess.run([sys.executable, "-c", HOT_JOURNAL, str(database)], check=True)
    assert (data_dir / "branchdesk.sqlite3-journal").stat().st_size > 0

    # `check` first (it reads only, but may roll back while nobody holds the archive) ...
    facts = health_report_for(data_dir)
    assert "attempt to write" not in " ".join(facts["summary"])
    assert "没有建好" in " ".join(facts["summary"])
    assert not (data_dir / "branchdesk.sqlite3-journal").exists()
    # ... then an ordinary start and creating it again finish the archive.
    code, _out, err = cli_run(capsys, data_dir, "members", "list")
    assert code == 1 and "没有建好" in err and "init" in err
    _opens_and_finishes(capsys, data_dir)


def test_an_ordinary_open_rolls_back_a_hot_journal(tmp_path, capsys):
    data_dir = tmp_path / "archive"
    data_dir.mkdir()
    subprocess.run([sys.executable, "-c", HOT_JOURNAL, str(data_dir / "branchdesk.sqlite3")], check=True)
    code, _out, err = cli_run(capsys, data_dir, "init", "--name", "前进村党支部")
    assert code == 0, err
    assert not (data_dir / "branchdesk.sqlite3-journal").exists()


@pytest.mark.soak
@pytest.mark.parametrize("command", [["demo"], ["init", "--name", "前进村党支部"]])
def test_creation_killed_at_random_moments_always_opens_afterwards(tmp_path, capsys, command):
    rng = random.Random(20260712)
    for round_number in range(ROUNDS):
        data_dir = tmp_path / f"{command[0]}-{round_number}"
        child = subprocess.Popen(
            [sys.executable, "-c", CREATOR, str(data_dir), *command],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=subprocess_env(), cwd=REPO,
        )
        assert child.stdout.readline().strip() == "go"
        if round_number % 2:
            time.sleep(rng.uniform(0.0, 1.5))
        else:
            # The moment that used to leave an archive nothing could open: while the new
            # database still has a rollback journal (before its switch to WAL).
            _wait_for(data_dir / "branchdesk.sqlite3-journal", child, rng.uniform(0.0, 0.004))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        if not (data_dir / "branchdesk.sqlite3").exists():
            continue  # killed before the database file was made: nothing to open
        _opens_and_finishes(capsys, data_dir)

"""Taking over the writer lock leaves one writer: every session of the old holder is
ended, and the old holder, if still running, is told plainly that its change was not
saved; the archive says whether a take-over is offered at all."""

import json
import subprocess
import sys

import pytest

from branchdesk.archive import Archive
from branchdesk.errors import StorageError
from branchdesk.safety import lock as lock_mod
from tests.conftest import PG_URL
from tests.domain.safety_support import REPO, start_holder, stop_holder, subprocess_env

# A BranchDesk on "another PC" (its host name says so) that writes when told to.
OTHER_PC = r"""
import json, sys
from branchdesk.storage import database
database.this_host = lambda: "办公室二号电脑"  # its lock holder and its server sessions alike
from branchdesk.archive import Archive
from branchdesk.errors import BranchDeskError
archive = Archive.open(sys.argv[1], sys.argv[2] or None)
print(json.dumps({"read_only": archive.read_only}), flush=True)
for line in sys.stdin:
    if line.strip() != "write":
        break
    try:
        with archive.db.atomic():
            archive.settings.set("paper_preset", "gbt9704")
        print(json.dumps({"saved": True}), flush=True)
    except BranchDeskError as error:
        print(json.dumps({"saved": False, "error": error.message()}), flush=True)
archive.close()
"""


def _ask(process, command: str) -> dict:
    process.stdin.write(command + "\n")
    process.stdin.flush()
    return json.loads(process.stdout.readline())


@pytest.mark.skipif(not PG_URL, reason="needs PostgreSQL (BRANCHDESK_TEST_PG_URL)")
def test_postgres_take_over_ends_every_session_of_the_old_writer(archive_factory):
    data_dir, url = archive_factory("postgresql")
    other = subprocess.Popen(
        [sys.executable, "-c", OTHER_PC, str(data_dir), url], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True, env=subprocess_env(), cwd=REPO,
    )
    try:
        assert json.loads(other.stdout.readline()) == {"read_only": False}
        assert _ask(other, "write") == {"saved": True}
        with Archive.open(data_dir, url) as viewer:
            assert viewer.read_only and viewer.can_take_over  # the window may offer 「接管」
        with Archive.open(data_dir, url, take_over_lock=True) as taker:
            assert not taker.read_only and taker.stale_lock.host == "办公室二号电脑"
            answer = _ask(other, "write")  # the old writer is still running and tries again
            assert answer["saved"] is False and "接管" in answer["error"] and "重新打开" in answer["error"]
            taker.settings.set("paper_preset", "record")
        with Archive.open(data_dir, url, read_only=True) as after:
            assert after.settings.get("paper_preset") == "record"
    finally:
        other.stdin.close()
        other.wait(timeout=30)
        other.stdout.close()


def test_sqlite_writer_that_lost_its_lock_file_refuses_to_write(archive_factory):
    """Over a network share the OS lock proves nothing: another PC that took over
    rewrites the lock file, and this writer must notice before it writes."""
    data_dir, _ = archive_factory("sqlite")
    archive = Archive.open(data_dir)
    try:
        archive.settings.set("paper_preset", "gbt9704")
        (data_dir / lock_mod.LOCK_FILE).write_text(
            json.dumps({"host": "办公室二号电脑", "user": "王会计", "pid": 4242, "started_at": "2024-05-01 08:00:00"}),
            "utf-8",
        )
        with pytest.raises(StorageError, match="接管"):
            archive.settings.set("paper_preset", "record")
    finally:
        archive.close(auto_backup=False)
    with Archive.open(data_dir, read_only=True) as reader:
        assert reader.settings.get("paper_preset") == "gbt9704"


def test_can_take_over_is_false_for_a_holder_alive_on_this_pc(archive_factory, engine):
    data_dir, url = archive_factory(engine)
    holder, _ = start_holder(data_dir, url)
    try:
        with Archive.open(data_dir, url) as second:
            assert second.read_only and not second.can_take_over
    finally:
        stop_holder(holder)
    with Archive.open(data_dir, url) as alone:
        assert not alone.read_only and not alone.can_take_over

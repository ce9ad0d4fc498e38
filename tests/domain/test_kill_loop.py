"""A writing BranchDesk killed (SIGKILL, as in a power cut) at random moments, again
and again: after every kill the database is intact, every transaction is all or
nothing, every save reported as done is there, the audit chain holds, and the next
start takes over the stale lock."""

import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from branchdesk.archive import Archive
from branchdesk.branch import BranchInfo
from branchdesk.safety import audit
from branchdesk.storage import database as storage_db
from tests.domain.safety_support import REPO, subprocess_env
from tests.soak import rounds

BATCH = 8
ROUNDS = rounds(full=50, quick=8)  # per engine

# Each transaction adds BATCH members (with their status rows and audit entries),
# all marked with the batch number, and says so only after the commit returned.
WRITER = r"""
import datetime as dt, sys
from branchdesk.roster import idnumber
from branchdesk.archive import Archive
from branchdesk.roster.members import MemberForm
data_dir, url, batch, size = sys.argv[1], sys.argv[2] or None, int(sys.argv[3]), int(sys.argv[4])
archive = Archive.open(data_dir, url)
stale = archive.stale_lock.pid if archive.stale_lock else 0
print(f"ready {stale} {int(archive.read_only)}", flush=True)
while True:
    forms = []
    for k in range(size):
        n = batch * size + k
        first17 = f"110105{dt.date(1950, 1, 1) + dt.timedelta(days=n // 900):%Y%m%d}{100 + n % 900:03d}"
        forms.append(MemberForm(name=f"批{batch}号{k}", id_number=first17 + idnumber.check_digit(first17),
                                joined_on=dt.date(2000, 1, 1), full_on=dt.date(2001, 1, 2), status="full",
                                note=f"batch {batch}"))
    archive.members.add_many(forms)
    print(f"committed {batch}", flush=True)
    batch += 1
"""


def _check_all_or_nothing(data_dir, url) -> set[int]:
    """Assert the state a user would find after the power came back; return the batches present."""
    if url:
        db = storage_db.open_postgres(url, read_only=True)
    else:
        path = data_dir / "branchdesk.sqlite3"
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        db = storage_db.open_sqlite(path, read_only=True)
    db.connect()
    try:
        sizes = dict(db.execute_sql("SELECT note, COUNT(*) FROM member GROUP BY note").fetchall())
        assert set(sizes.values()) <= {BATCH}, f"a transaction was half stored: {sizes}"
        members = sum(sizes.values())
        without_history = db.execute_sql(
            "SELECT COUNT(*) FROM member m WHERE NOT EXISTS "
            "(SELECT 1 FROM member_status_change s WHERE s.member_id = m.id)"
        ).fetchone()[0]
        assert without_history == 0
        logged = db.execute_sql("SELECT COUNT(*) FROM audit_log WHERE action = 'member.add'").fetchone()[0]
        assert logged == members
        chain = audit.verify(db)
        assert chain.ok, chain.problem
    finally:
        db.close()
    return {int(note.split()[1]) for note in sizes}


@pytest.mark.slow
@pytest.mark.soak
def test_writer_killed_again_and_again_loses_nothing_it_reported(archive_factory, engine):
    data_dir, url = archive_factory(engine)
    with Archive.open(data_dir, url) as archive:
        archive.branch.save_own(BranchInfo(name="断电测试党支部", kind="village"))
    rng = random.Random(20240501)
    previous_pid = 0
    reported: set[int] = set()
    started = time.perf_counter()
    for round_number in range(ROUNDS):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(data_dir), url or "", str(round_number * 1000), str(BATCH)],
            stdout=subprocess.PIPE, text=True, env=subprocess_env(), cwd=REPO,
        )
        ready = writer.stdout.readline().split()
        assert ready[0] == "ready" and ready[2] == "0", "the restarted writer could not take over the archive"
        if previous_pid:
            assert int(ready[1]) == previous_pid, "the stale lock of the killed writer was not recognised"
        # The power goes at a random moment: between saves, inside one, or during its commit.
        # Every other round it goes only after the first save, so that a slow, loaded
        # machine still has saves to lose; the other rounds may cut the very first one.
        first = writer.stdout.readline() if round_number % 2 else ""
        time.sleep(rng.uniform(0.0, 0.15))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        output = first + writer.stdout.read()
        writer.stdout.close()
        reported |= {int(line.split()[1]) for line in output.splitlines() if line.startswith("committed")}
        previous_pid = writer.pid
        present = _check_all_or_nothing(data_dir, url)
        missing = reported - present
        assert not missing, f"round {round_number}: saves reported as done are gone: {sorted(missing)}"
    assert len(reported) >= ROUNDS // 2, "the writer hardly ever got a save done: the test proves little"
    print(f"\n{engine}: {ROUNDS} kills, {len(reported)} saves confirmed, {time.perf_counter() - started:.1f} s")

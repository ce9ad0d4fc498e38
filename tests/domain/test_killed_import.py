"""A roster import killed at random moments (power cut) leaves all rows or none."""

import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.soak import rounds

ROUNDS = rounds(full=12, quick=4)

WRITER = r"""
import datetime as dt, sys
from branchdesk.archive import Archive
from branchdesk.roster.members import MemberForm
from branchdesk.roster import idnumber
archive = Archive.open(sys.argv[1])
process = int(sys.argv[2])
batch = 0
print("ready", flush=True)
while True:
    batch += 1
    born = dt.date(1950, 1, 1) + dt.timedelta(days=batch)
    forms = []
    for n in range(20):
        first17 = f"{110000 + process}{born:%Y%m%d}{n:03d}"
        forms.append(MemberForm(name=f"进程{process}批{batch}号{n}", id_number=first17 + idnumber.check_digit(first17),
                                joined_on=dt.date(2000, 1, 1), full_on=dt.date(2001, 1, 2), status="full"))
    archive.members.add_many(forms)
    print(f"saved 进程{process}批{batch}", flush=True)
"""


@pytest.mark.slow
@pytest.mark.soak
def test_killed_imports_are_all_or_nothing(archive_factory):
    """Power-cut semantics of the local SQLite file (a PostgreSQL server has its own)."""
    from branchdesk.archive import Archive
    from branchdesk.branch import BranchInfo

    data_dir, _ = archive_factory("sqlite")
    with Archive.open(data_dir) as archive:
        archive.branch.save_own(BranchInfo(name="断电测试支部", kind="office"))
    rng = random.Random(7)
    reported_saved: list[str] = []
    for attempt in range(ROUNDS):
        process = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(data_dir), str(attempt)], stdout=subprocess.PIPE, text=True
        )
        assert process.stdout.readline().strip() == "ready"
        # the first save is waited for (a loaded machine may take long to get there),
        # then the cut comes at a random moment of the batches that follow
        first = process.stdout.readline().split()
        assert first and first[0] == "saved", "the writer stopped before its first save"
        time.sleep(rng.uniform(0.0, 0.25))
        process.send_signal(signal.SIGKILL)
        process.wait()
        reported_saved.append(first[1])
        reported_saved.extend(line.split()[1] for line in process.stdout.read().splitlines() if line.startswith("saved"))
        process.stdout.close()
    conn = sqlite3.connect(data_dir / "branchdesk.sqlite3")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    sizes = conn.execute(
        "SELECT substr(name, 1, instr(name, '号') - 1) AS batch, COUNT(*) FROM member GROUP BY batch"
    ).fetchall()
    conn.close()
    assert sizes, "no batch was ever committed: the writer never got going"
    assert {count for _, count in sizes} == {20}
    # every save a writer reported survived the kill, and nothing else half-arrived
    assert set(reported_saved) <= {batch for batch, _ in sizes}
    assert len({batch.split("批")[0] for batch, _ in sizes}) == ROUNDS, "every writer committed before its cut"

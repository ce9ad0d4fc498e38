"""Several PCs of one office on the same PostgreSQL upper archive: each opens it
writable (the writer lock is shared for an upper archive), imports of different
branches run side by side, and the same bundle imported by two PCs at the same moment
is recorded once. SQLite keeps its one writer."""

from __future__ import annotations

import threading

import pytest

from branchdesk.archive import Archive
from tests.conftest import PG_URL
from tests.domain.upper_support import PASSWORD, table_contents
from tests.soak import rounds

WRITING_STEP = 3  # progress step reported just before the import's transaction
ROUNDS = rounds(full=10, quick=1)  # each round: a fresh upper archive, both races again


def _two_pcs(archive_factory):
    data_dir, url = archive_factory("postgresql")
    first = Archive.open(data_dir / "pc1", url)
    first.upper.create("某某镇党委")
    first.close()
    pc1, pc2 = Archive.open(data_dir / "pc1", url), Archive.open(data_dir / "pc2", url)
    return pc1, pc2


def _import_together(jobs):
    """Run (archive, path, password) imports in threads that all reach the writing step
    before any of them starts its transaction."""
    barrier = threading.Barrier(len(jobs), timeout=60)
    results, errors = [None] * len(jobs), []

    def run(index, archive, path, password):
        def progress(done, total, text):
            if done == WRITING_STEP:
                barrier.wait()

        try:
            with archive.db.connection_context():
                results[index] = archive.upper.import_bundle(path, password=password, progress=progress)
        except Exception as error:
            errors.append(error)
            barrier.abort()

    threads = [threading.Thread(target=run, args=(i, *job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors
    return results


@pytest.mark.slow
@pytest.mark.soak
@pytest.mark.skipif(not PG_URL, reason="needs PostgreSQL (BRANCHDESK_TEST_PG_URL)")
def test_two_pcs_import_at_once_on_postgresql(archive_factory, demo_branches):
    for _ in range(ROUNDS):
        _import_on_two_pcs(archive_factory, demo_branches)


def _import_on_two_pcs(archive_factory, demo_branches):
    first, second = demo_branches
    pc1, pc2 = _two_pcs(archive_factory)
    try:
        assert not pc1.read_only and not pc2.read_only
        pc1.upper.enrol(first.card, first.fingerprint)
        pc2.upper.enrol(second.card, second.fingerprint)
        # Two branches at once, one on each PC.
        a, b = _import_together([(pc1, first.bundles[0], None), (pc2, second.bundles[0], PASSWORD)])
        assert (a.outcome, b.outcome) == ("imported", "imported")
        # The same bundle on both PCs at the same moment: recorded once, the other is told.
        c, d = _import_together([(pc1, first.bundles[1], None), (pc2, first.bundles[1], None)])
        assert sorted([c.outcome, d.outcome]) == ["imported", "unchanged"]
        seen_by_pc1 = table_contents(pc1)
        assert seen_by_pc1 == table_contents(pc2)
        bundles = pc1.db.execute_sql("SELECT sequence FROM upper_bundle ORDER BY sequence").fetchall()
        assert sorted(r[0] for r in bundles) == [1, 1, 2]
        listed = {b.name: b.last_sequence for b in pc2.upper.branches()}
        assert listed == {first.name: 2, second.name: 1}
        assert [e.action for e in pc1.audit.entries()].count("upper.import") == 3
        assert pc1.audit.verify().ok
    finally:
        pc1.close(auto_backup=False)
        pc2.close(auto_backup=False)


def test_sqlite_upper_archive_keeps_one_writer(archive_factory):
    data_dir, _ = archive_factory("sqlite")
    first = Archive.open(data_dir)
    try:
        first.upper.create("某某镇党委")
        second = Archive.open(data_dir)
        try:
            assert second.read_only and second.mode == "upper"
        finally:
            second.close()
    finally:
        first.close()

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


@pytest.mark.slow
@pytest.mark.skipif(not PG_URL, reason="needs PostgreSQL (BRANCHDESK_TEST_PG_URL)")
def test_four_pcs_import_24_bundles_at_once_without_losing_or_doubling(archive_factory, demo_branches, tmp_path):
    """4 importers, 24 branches (one demo bundle re-keyed 24 times, bench/_upper_bundles.py);
    each PC also takes two bundles another PC has in its share, so that the same bundle
    races on two PCs. Every bundle gets a result; each is recorded once."""
    from bench._upper_bundles import rekeyed

    out = tmp_path / "bundles"
    out.mkdir()
    made = [rekeyed(demo_branches[0].bundles[0], number, out) for number in range(1, 25)]
    data_dir, url = archive_factory("postgresql")
    first = Archive.open(data_dir / "pc0", url)
    first.upper.create("某某县委组织部")  # an upper archive is shared by the PCs that open it next
    for _, card, fingerprint in made:
        first.upper.enrol(card, fingerprint)
    first.close()
    pcs = [Archive.open(data_dir / f"pc{n}", url) for n in range(4)]
    try:
        shares = [[p for p, _, _ in made[n::4]] for n in range(4)]
        shares = [share + shares[(n + 1) % 4][:2] for n, share in enumerate(shares)]
        outcomes: dict[str, list[str]] = {p.name: [] for p, _, _ in made}
        errors = []

        def run(pc, share):
            try:
                with pc.db.connection_context():
                    for path in share:
                        outcomes[path.name].append(pc.upper.import_bundle(path).outcome)
            except Exception as error:
                errors.append(error)

        threads = [threading.Thread(target=run, args=job) for job in zip(pcs, shares, strict=True)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(300)
        assert not errors, errors
        assert all(sorted(seen) in (["imported"], ["imported", "unchanged"]) for seen in outcomes.values()), outcomes
        assert sum(len(seen) for seen in outcomes.values()) == 32
        db = pcs[1].db
        per_branch = db.execute_sql("SELECT COUNT(*) FROM upper_record GROUP BY branch_id").fetchall()
        assert len(per_branch) == 24 and len({n for (n,) in per_branch}) == 1  # same records for each branch
        distinct = db.execute_sql("SELECT COUNT(*) FROM (SELECT DISTINCT branch_id, source_table, source_id "
                                  "FROM upper_record) d").fetchone()[0]
        assert distinct == 24 * per_branch[0][0]  # nothing doubled
        assert db.execute_sql("SELECT COUNT(*) FROM upper_bundle").fetchone()[0] == 24
        assert [e.action for e in pcs[2].audit.entries()].count("upper.import") == 24
        assert pcs[3].audit.verify().ok
    finally:
        for pc in pcs:
            pc.close(auto_backup=False)

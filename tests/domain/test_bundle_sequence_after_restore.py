"""A restore never rolls the bundle number back (issue 12, item 15): the next bundle
gets a new number, chained to the last bundle written, so the upper level takes it."""

from __future__ import annotations

import pytest

from branchdesk.archive import Archive
from branchdesk.bundle import sequence_mark
from branchdesk.bundle.reader import verify_bundle
from branchdesk.bundle.writer import write_bundle
from branchdesk.safety.restore import restore
from tests.domain.bundle_support import own_key


@pytest.mark.parametrize("noted_before", [True, False], ids=["noted", "written-by-an-older-version"])
def test_the_next_bundle_after_a_restore_follows_the_last_one_written(archive, tmp_path, noted_before):
    data_dir, url = archive.layout.root, archive.url
    out = tmp_path / "U盘"
    out.mkdir()
    archive.branch_key.ensure()
    (tmp_path / "stick").mkdir()
    old_backup = archive.backup_to(tmp_path / "stick")  # taken before any bundle went upward
    write_bundle(archive, out)
    second = write_bundle(archive, out)
    known_key = own_key(archive)
    archive.close()
    if not noted_before:  # bundles written before the mark existed: the restore notes them first
        (data_dir / sequence_mark.MARK_FILE).unlink()

    result = restore(data_dir, old_backup, url)
    assert "编号不会倒退" in result.message() and "第 3 号" in result.message()

    with Archive.open(data_dir, url) as restored:
        third = write_bundle(restored, out)
    assert third.sequence == 3 and third.previous_hash == second.bundle_hash
    assert any("编号不会倒退" in warning for warning in third.warnings)
    # the upper level, having imported 1 and 2, takes it: no replay, no gap
    verified = verify_bundle(third.path, password=None, known_key=known_key,
                             last_sequence=lambda uid: (2, second.bundle_hash))
    assert verified.sequence == 3 and verified.gap == 0


def test_a_later_bundle_without_a_restore_says_nothing(archive, tmp_path):
    archive.branch_key.ensure()
    write_bundle(archive, tmp_path)
    again = write_bundle(archive, tmp_path)
    assert again.sequence == 2 and not any("编号不会倒退" in warning for warning in again.warnings)

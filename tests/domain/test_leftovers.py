"""Temporary files a killed write left behind (hidden atomic-write files on the backup
stick and in the archive, bundle staging folders in exports/, staged backups) are
removed at the next open or backup once they are old; young ones, links, and foreign
files with similar names are kept."""

import os
import time

from branchdesk.archive import Archive
from branchdesk.safety.leftovers import SAFE_AGE_S

OLD = time.time() - SAFE_AGE_S - 3600


def _make(path, old=True, folder=False):
    if folder:
        path.mkdir(parents=True)
        (path / "bundle.zip").write_bytes(b"PK")
        os.utime(path / "bundle.zip", (OLD, OLD))
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half written")
    if old:
        os.utime(path, (OLD, OLD))
    return path


def test_our_old_leftovers_go_at_the_next_open_and_nothing_else(archive):
    layout = archive.layout
    data_dir, url = layout.root, archive.url
    archive.close(auto_backup=False)
    ours = [
        _make(layout.backups / ".tmp-k3j_9x0a.sqlite3"),
        _make(layout.backups / ".staging-4242-0badc0de.sqlite3"),
        _make(layout.root / ".tmp-ab12cd34.json"),
        _make(layout.attachments / "ab" / ".tmp-zz99yy88.png"),
        _make(layout.exports / ".bdx-staging-q1w2e3r4", folder=True),
    ]
    kept = [
        _make(layout.backups / ".tmp-k3j_9x0b.sqlite3", old=False),  # young: a write may be running
        _make(layout.exports / ".tmp-notes.docx"),  # someone else's, with a similar name
        _make(layout.exports / ".tmp-ab12cd34-mine.txt"),
        _make(layout.exports / "tmp-ab12cd34.pdf"),
        _make(layout.exports / ".bdx-staging-mine"),
        _make(layout.exports / ".bdx-staging-q1w2e3r5", old=False, folder=True),
        _make(layout.backups / "branchdesk-20240101-000000-auto.sqlite3"),
    ]
    target = _make(layout.root / "elsewhere.txt")
    (layout.exports / ".tmp-linkedxx.pdf").symlink_to(target)
    kept.append(layout.exports / ".tmp-linkedxx.pdf")

    Archive.open(data_dir, url, auto_backup=False).close(auto_backup=False)
    assert [p for p in ours if os.path.lexists(p)] == []
    assert [p for p in kept if not os.path.lexists(p)] == []
    assert target.exists()


def test_leftovers_on_the_backup_stick_go_at_the_next_backup_to_it(archive, tmp_path):
    stick = tmp_path / "stick"
    ours = [_make(stick / ".tmp-a1b2c3d4.sqlite3"), _make(stick / "attachments" / "ab" / ".tmp-a1b2c3d4.pdf")]
    kept = [_make(stick / ".tmp-a1b2c3d4.docx"), _make(stick / ".tmp-a1b2c3d4.sqlite3x"),
            _make(stick / "notes" / ".tmp-a1b2c3d4.sqlite3")]
    archive.backup_to(stick)
    assert [p for p in ours if p.exists()] == []
    assert [p for p in kept if not p.exists()] == []


def test_previews_left_open_go_at_the_next_writable_open_whatever_their_age(archive):
    """A preview open when the power cut stays in previews/; the next open that holds the
    lock removes it even if it is minutes old, and nothing there that the program did not
    make; a read-only open removes nothing."""
    layout = archive.layout
    data_dir, url = layout.root, archive.url
    archive.close(auto_backup=False)
    ours = [
        _make(layout.previews / "preview-k3j_9x0a.pdf", old=False),
        _make(layout.previews / "meeting-12-record.pdf", old=False),  # as earlier versions named them
        _make(layout.previews / ".tmp-ab12cd34.pdf", old=False),  # a preview cut off while written
    ]
    kept = [_make(layout.previews / "会议记录.pdf", old=False), _make(layout.previews / "preview-mine.pdf")]

    Archive.open(data_dir, url, auto_backup=False, read_only=True).close(auto_backup=False)
    assert [p for p in ours if not p.exists()] == []
    Archive.open(data_dir, url, auto_backup=False).close(auto_backup=False)
    assert [p for p in ours if p.exists()] == []
    assert [p for p in kept if not p.exists()] == []

"""How long a bundle of the demo archive takes to write and to verify, against the time
to SHA-256 the same bytes in the same run (the floor: every byte is hashed at least
once on each side). Prints seconds and ratios for a plain bundle, a password-protected
one (scrypt adds a fixed ~0.1 s each way), the same with a 64 MB attachment (where the
bytes, not reading the records, dominate), and once with the yearly archive PDFs (their
layout dominates; see bench/pdf.py for the paper engine itself).

Run: make bench   (or .venv/bin/python bench/bundle.py)"""

from __future__ import annotations

import hashlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from branchdesk.archive import Archive
from branchdesk.bundle import writer as bundle_writer
from branchdesk.bundle.reader import verify_bundle
from branchdesk.bundle.writer import write_bundle
from branchdesk.demo import build_demo
from branchdesk.errors import BranchDeskError

ROUNDS = 5
BIG_MB = 64
PASSWORD = "bench-口令"


def median_time(action) -> tuple[float, object]:
    times, result = [], None
    for _ in range(ROUNDS):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def sha256_time(path: Path) -> float:
    data = path.read_bytes()
    seconds, _ = median_time(lambda: hashlib.sha256(data).hexdigest())
    return seconds


def report(label: str, archive, stick: Path, password: str | None) -> None:
    identity = archive.branch_key.ensure()
    known = lambda uid: identity.public_key  # noqa: E731
    write_s, written = median_time(lambda: write_bundle(archive, stick, password=password))
    verify_s, _ = median_time(lambda: verify_bundle(written.path, password=password, known_key=known))
    floor = sha256_time(written.path)
    print(f"{label}: {written.size / 1024:.0f} KB")
    print(f"  write (pack, write, fsync, read back): {write_s * 1000:.0f} ms  = {write_s / floor:.0f}× SHA-256 of the file")
    print(f"  verify (every check):                  {verify_s * 1000:.0f} ms  = {verify_s / floor:.0f}× SHA-256 of the file")
    print(f"  SHA-256 of the same bytes:             {floor * 1000:.2f} ms")


def _attach_big_file(archive, folder: Path) -> None:
    """A scan-sized file (random bytes: they do not compress) on the first draft meeting."""
    big = folder / "scan.jpg"
    big.write_bytes(os.urandom(BIG_MB * 1024 * 1024))
    for meeting_id in archive.meetings.query_ids():
        try:
            archive.meetings.attach(meeting_id, big, "photo")
            return
        except BranchDeskError:
            continue
    raise RuntimeError("the demo has no draft meeting to attach to")


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-bundle-"))
    archive = Archive.open(folder / "archive", auto_backup=False)
    build_demo(archive)
    stick = folder / "usb"
    stick.mkdir()
    with mock.patch.object(bundle_writer, "make_year_papers", lambda *args, **kwargs: ([], {})):
        report("demo bundle, records and attachments", archive, stick, None)
        report("demo bundle, password-protected", archive, stick, PASSWORD)
        _attach_big_file(archive, folder)
        report(f"demo bundle with a {BIG_MB} MB attachment (bytes dominate)", archive, stick, None)
        report(f"demo bundle with a {BIG_MB} MB attachment, password-protected", archive, stick, PASSWORD)
    start = time.perf_counter()
    with_papers = write_bundle(archive, stick)
    seconds = time.perf_counter() - start
    print(f"demo bundle with the yearly archive PDFs ({len(with_papers.years)} years): {with_papers.size / 1024:.0f} KB, "
          f"write {seconds:.1f} s (once)")
    archive.close(auto_backup=False)


if __name__ == "__main__":
    main()

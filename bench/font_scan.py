"""Finding the system's fonts by the names inside them (papers/font_names.py) against the
old look-up by file name only, on this machine's font folders (default /usr/share/fonts).

    PYTHONPATH=. python bench/font_scan.py [--rounds 15] [FOLDER ...]

Both sides walk the same folders; the file-name look-up only compares each file's name
with the known Windows file names (what papers/fonts.py did before issue 19), the
name look-up opens every font file and reads its name table. Rounds alternate A/B so the
shared machine's load hits both alike; the per-file cache is emptied before each B round,
so every B is a first scan as a fresh process makes it (fontTools is imported once,
before timing: the first paper of a process imports it anyway for the character maps).
Prints each side's median and spread, the ratio B/A, and a second scan with the cache
warm (a second FontLibrary in the same process).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from branchdesk.papers import font_names
from branchdesk.papers.fonts import FontLibrary

# The file names the old look-up knew (papers/fonts.py before issue 19).
OLD_FILE_NAMES = {
    "simsun.ttc", "simsun.ttf", "仿宋_gb2312.ttf", "fs_gb2312.ttf", "simfang.ttf", "stfangso.ttf",
    "楷体_gb2312.ttf", "simkai.ttf", "stkaiti.ttf", "simhei.ttf", "方正小标宋简体.ttf", "fzxbsjw.ttf",
    "fzxbsjw--gb1-0.ttf", "方正小标宋_gbk.ttf", "fzxbsk.ttf", "stzhongs.ttf", "simsunb.ttf", "simsunextg.ttf",
}


def by_file_name(folders: list[Path]) -> int:
    found = {}
    for folder in folders:
        for root, _dirs, files in os.walk(folder):
            for file in files:
                low = file.lower()
                if low in OLD_FILE_NAMES and low not in found:
                    found[low] = Path(root) / file
    return len(found)


def by_font_name(folders: list[Path]) -> int:
    font_names._file_cache.clear()
    library = FontLibrary(search_dirs=folders)
    return sum(len(faces) for faces in library._scan().values())


def timed(function, folders) -> float:
    start = time.perf_counter()
    function(folders)
    return time.perf_counter() - start


def summary(times: list[float]) -> str:
    return (f"median {statistics.median(times) * 1000:.1f} ms "
            f"(spread {min(times) * 1000:.1f}–{max(times) * 1000:.1f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("folders", nargs="*", default=["/usr/share/fonts"])
    args = parser.parse_args()
    folders = [Path(f) for f in args.folders]
    import fontTools.ttLib  # noqa: F401 - imported by both the scan and the first paper

    files = font_names.font_files(folders)
    faces = sum(len(font_names.faces_in(path)) for path in files)
    print(f"{len(files)} font files, {faces} faces in {', '.join(map(str, folders))}")
    old, new = [], []
    by_file_name(folders), by_font_name(folders)  # warm the file system cache for both
    for _ in range(args.rounds):
        old.append(timed(by_file_name, folders))
        new.append(timed(by_font_name, folders))
    warm = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        FontLibrary(search_dirs=folders)._scan()
        warm.append(time.perf_counter() - start)
    print(f"A file names only: {summary(old)}")
    print(f"B font names, first scan: {summary(new)}")
    print(f"B font names, cache warm: {summary(warm)}")
    print(f"ratio B/A (first scan): {statistics.median(new) / statistics.median(old):.1f}")


if __name__ == "__main__":
    main()

"""Finding the system's fonts by the names inside them (papers/font_names.py) against the
old look-up by file name only, on this machine's font folders (default /usr/share/fonts).

    PYTHONPATH=. python bench/font_scan.py [--rounds 15] [FOLDER ...]

Both sides walk the same folders; the file-name look-up only compares each file's name
with the known Windows file names (what papers/fonts.py did before issue 19), the
name look-up opens every font file and reads its name table. A is the name look-up, B the
file-name look-up; they alternate A B, then B A, … (bench/_alternate.py). The per-file
cache is emptied before each A, so every A is a first scan as a fresh process makes it
(fontTools is imported once, before timing: the first paper of a process imports it
anyway for the character maps); a second comparison times a second FontLibrary in the
same process (cache warm) against B. Prints medians, spread and the ratio A/B against
the goal: a first scan well under the 60–95 ms a font's registration costs anyway (it
runs once per process, at the first paper, in the export's worker thread).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _alternate import alternate, machine_load, report

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="timings of each, alternated")
    parser.add_argument("folders", nargs="*", default=["/usr/share/fonts"])
    args = parser.parse_args()
    folders = [Path(f) for f in args.folders]
    import fontTools.ttLib  # noqa: F401 - imported by both the scan and the first paper

    print(machine_load())
    files = font_names.font_files(folders)
    faces = sum(len(font_names.faces_in(path)) for path in files)
    print(f"{len(files)} font files, {faces} faces in {', '.join(map(str, folders))}")
    by_file_name(folders), by_font_name(folders)  # warm the file system cache for both
    print("first scan of a process:")
    first, old = alternate(lambda: by_font_name(folders), lambda: by_file_name(folders), args.rounds)
    report("font names (papers/font_names.py), cache empty", first, "file names only (before issue 19)", old,
           goal="absolute: well under one font's registration (60-95 ms)")
    print("a second FontLibrary in the same process:")
    warm, old = alternate(lambda: FontLibrary(search_dirs=folders)._scan(), lambda: by_file_name(folders),
                          args.rounds)
    report("font names, per-file cache warm", warm, "file names only", old)


if __name__ == "__main__":
    main()

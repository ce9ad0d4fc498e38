"""reportlab with and without its C accelerator (rl-accel), and the price of PDF/A, on
the largest paper: the yearly archive of the demo's busiest year.

    PYTHONPATH=. python bench/pdf_accel.py [--rounds 3]

Builds the demo branch once (not timed); then runs child processes alternately with the
accelerator (A) and with ``_rl_accel`` hidden, so reportlab falls back to its pure
Python functions (B). Each child opens the archive, registers the fonts, and times one
``render`` of the yearly archive paper (layout in two passes, PDF/A rewriting, atomic
write) and, separately, one PDF/A rewriting (``make_pdfa``) of the bytes it wrote. The
best of each side is kept (the machine is shared); the ratio B/A says what the
accelerator saves, and the PDF/A share says what the archival format costs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

CHILD = """
import json, sys, time
from pathlib import Path
if sys.argv[2] == "without":
    sys.modules["_rl_accel"] = None  # reportlab then uses its Python fallbacks
sys.path.insert(0, sys.argv[3])
sys.path.insert(0, sys.argv[3] + "/bench")
from yearbook import busiest_year
from branchdesk.archive import Archive
from branchdesk.papers import FontLibrary, render
from branchdesk.papers.pdfa import ArchiveFields, make_pdfa
from branchdesk.yearbook.book import CoverFacts, year_paper
from branchdesk.yearbook.registry import PROVIDERS
from reportlab.lib import rl_accel

folder = Path(sys.argv[1])
library = FontLibrary(search_dirs=())
with Archive.open(folder / "demo", auto_backup=False) as archive:
    year, _ = busiest_year(archive)
    sections = [s for p in PROVIDERS for s in p.sections(archive, year)]
    paper = year_paper(CoverFacts(archive.branch.own().name, year, "永久", "0" * 64), sections)
render(paper, folder / f"warm-{sys.argv[2]}.pdf", library=library)  # fonts and caches, once per process
out = folder / f"archive-{sys.argv[2]}.pdf"
start = time.perf_counter()
result = render(paper, out, library=library)
total = time.perf_counter() - start
data = out.read_bytes()
start = time.perf_counter()
make_pdfa(data, folder / "again.pdf", ArchiveFields())
pdfa = time.perf_counter() - start
print(json.dumps({"seconds": total, "pdfa": pdfa, "pages": result.pages, "c_funcs": len(rl_accel._c_funcs)}))
"""


def child(folder: Path, side: str) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, str(folder), side, str(ROOT)], capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from branchdesk.archive import Archive
    from branchdesk.demo import build_demo

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        with Archive.open(folder / "demo", auto_backup=False) as archive:
            build_demo(archive)
        runs: dict[str, list[dict]] = {"with": [], "without": []}
        started = time.perf_counter()
        for _ in range(args.rounds):  # A, B, A, B …: both sides see the same load
            for side in runs:
                runs[side].append(child(folder, side))
        for side, found in runs.items():
            print(f"  {side}: " + " ".join(f"{r['seconds']:.2f}" for r in found))
        best = {side: min(r["seconds"] for r in found) for side, found in runs.items()}
        middle = {side: statistics.median(r["seconds"] for r in found) for side, found in runs.items()}
        pdfa = min(r["pdfa"] for r in runs["with"])
        pages = runs["with"][0]["pages"]
        print(f"yearly archive, {pages} pages, best of {args.rounds} alternated runs ({time.perf_counter() - started:.0f} s)")
        print(f"  with rl-accel ({runs['with'][0]['c_funcs']} C functions): {best['with']:.2f} s")
        print(f"  without ({runs['without'][0]['c_funcs']} C functions):    {best['without']:.2f} s")
        print(f"  ratio without/with: {best['without'] / best['with']:.3f} (best), "
              f"{middle['without'] / middle['with']:.3f} (median)")
        print(f"  PDF/A rewriting: {pdfa:.3f} s = {pdfa / best['with']:.1%} of the render")


if __name__ == "__main__":
    main()

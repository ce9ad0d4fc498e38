"""reportlab with and without its C accelerator (rl-accel), and the price of PDF/A, on
the largest paper: the yearly archive of the demo's busiest year.

    PYTHONPATH=. python bench/pdf_accel.py [--rounds 5]

Builds the demo branch once (not timed); then runs child processes alternately with the
accelerator (A) and with ``_rl_accel`` hidden, so reportlab falls back to its pure
Python functions (B). Each child opens the archive, registers the fonts, and times one
``render`` of the yearly archive paper (layout in two passes, PDF/A rewriting, atomic
write) and, separately, one PDF/A rewriting (``make_pdfa``) of the bytes it wrote. The
children alternate A B, then B A, … (bench/_alternate.py); printed are each side's
median and spread, the ratio A/B (goal < 1: the accelerator must save time, else the
frozen program need not carry it), and the PDF/A rewriting's median against the
render's (what the archival format costs).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _alternate import alternate_measured, machine_load, report, spread

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
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="child processes of each side, alternated")
    args = parser.parse_args()
    from branchdesk.archive import Archive
    from branchdesk.demo import build_demo

    print(machine_load())
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        with Archive.open(folder / "demo", auto_backup=False) as archive:
            build_demo(archive)
        runs: dict[str, list[dict]] = {"with": [], "without": []}

        def side(which: str):
            def run() -> float:
                runs[which].append(child(folder, which))
                return runs[which][-1]["seconds"]
            return run

        with_s, without_s = alternate_measured(side("with"), side("without"), args.rounds)
    print(f"yearly archive of the demo's busiest year, {runs['with'][0]['pages']} pages, one render per child process")
    report(f"with rl-accel ({runs['with'][0]['c_funcs']} C functions)", with_s,
           f"without ({runs['without'][0]['c_funcs']} C functions)", without_s, goal="< 1x (the accelerator saves time)")
    pdfa = [r["pdfa"] for r in runs["with"]]
    print(f"  PDF/A rewriting (make_pdfa of the same bytes): {spread(pdfa)} = "
          f"{statistics.median(pdfa) / statistics.median(with_s):.1%} of the render's median")


if __name__ == "__main__":
    main()

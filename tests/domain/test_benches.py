"""The benchmarks in bench/ stay runnable and keep to the project's standard (issue 18):
each imports, answers ``--help`` at once, alternates A and B through bench/_alternate.py
and is listed by bench/run_all.py as quick or long. Their figures are not tested here:
speed is proven by running them (docs/tech-notes.md "Benchmarks")."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
NAMES = sorted(p.stem for p in BENCH.glob("*.py") if not p.name.startswith("_"))
# Benches that time A and B without bench/_alternate.py (each round A then B, always in
# that order); owned elsewhere, named in docs/tech-notes.md "Benchmarks".
NOT_YET_ALTERNATED = {"startup", "cli_start"}


@pytest.fixture
def bench_module(monkeypatch):
    """Loads bench/<name>.py as a module (not as __main__), its sys.path additions undone after."""
    monkeypatch.setattr(sys, "path", list(sys.path))

    def load(name: str):
        spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    return load


@pytest.mark.parametrize("name", [n for n in NAMES if n != "run_all"])
def test_each_bench_imports_and_answers_help(name, bench_module, monkeypatch, capsys):
    module = bench_module(name)
    if "argparse" not in (BENCH / f"{name}.py").read_text(encoding="utf-8"):
        return  # no options (startup.py): importing it is all a quick test can do
    monkeypatch.setattr(sys, "argv", [f"{name}.py", "--help"])
    with pytest.raises(SystemExit) as done:
        module.main()
    assert done.value.code == 0
    assert "--help" in capsys.readouterr().out


@pytest.mark.parametrize("name", sorted(set(NAMES) - {"run_all"} - NOT_YET_ALTERNATED))
def test_each_bench_alternates_through_the_shared_helper(name):
    text = (BENCH / f"{name}.py").read_text(encoding="utf-8")
    assert "from _alternate import" in text, \
        f"bench/{name}.py times A and B without bench/_alternate.py"


def test_run_all_lists_every_bench_as_quick_or_long(bench_module, monkeypatch, capsys):
    run_all = bench_module("run_all")
    assert set(run_all.QUICK) | set(run_all.LONG) == set(NAMES) - {"run_all"}
    assert not set(run_all.QUICK) & set(run_all.LONG)
    monkeypatch.setattr(sys, "argv", ["run_all.py", "--list"])
    assert run_all.main() == 0
    listed = capsys.readouterr().out
    assert "long   upper: 1,000 branches" in listed and "bench/upper.py" in listed


def test_alternate_flips_the_order_and_reports_the_ratio_of_medians(bench_module, capsys):
    alternating = bench_module("_alternate")
    calls = []
    a, b = alternating.alternate(lambda: calls.append("A"), lambda: calls.append("B"), 4)
    assert calls == ["A", "B", "B", "A", "A", "B", "B", "A"]
    assert len(a) == len(b) == 4
    a_times, b_times = alternating.alternate_measured(iter([3.0, 1.0, 2.0]).__next__,
                                                      iter([1.0, 1.0, 1.0]).__next__, 3)
    assert alternating.report("A", a_times, "B", b_times, goal="<= 2x") == 2.0
    printed = capsys.readouterr().out
    assert "ratio A/B 2.00x (per round 1.00-3.00x, 3 rounds); goal <= 2x" in printed

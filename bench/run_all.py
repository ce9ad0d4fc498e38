"""Runs every benchmark in this folder; each prints its own ratio against a baseline."""

import runpy
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
for script in sorted(Path(__file__).parent.glob("*.py")):
    if script.name != "run_all.py" and not script.name.startswith("_"):
        print(f"== {script.stem}")
        runpy.run_path(str(script), run_name="__main__")

"""Python's cycle collector while the program starts (branchdesk/start_collector.py, issue
18): the program's entry holds it off while the start builds what lives for good, sets that
aside once the command (or the window) is about to do its work, and runs the command with
the collector on; a test or script calling ``cli.main`` keeps its collector as it was."""

import gc
import json
import subprocess
import sys

from branchdesk import cli
from tests.domain.safety_support import REPO, subprocess_env

# ``branchdesk`` as its script runs it, with a look at the collector when the command starts.
PROBE = r"""
import gc, io, json, sys, contextlib
starts = []
gc.callbacks.append(lambda phase, info: starts.append(info["generation"]) if phase == "start" else None)
from branchdesk import cli, program
seen = {}
real_list = cli.importlib.import_module("branchdesk.commands.members").run_list
def probe_list(args, context):
    seen.update(on=gc.isenabled(), frozen=gc.get_freeze_count(), collections_at_start=len(starts) - before)
    return real_list(args, context)
cli.importlib.import_module("branchdesk.commands.members").run_list = probe_list
sys.argv = ["branchdesk", *sys.argv[1:]]
before = len(starts)  # the probe's own imports ran with the collector on
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = program.main()
print(json.dumps({"code": code, "lines": out.getvalue().count("\n"), **seen}))
"""


def test_the_program_starts_without_collections_and_runs_its_command_with_the_collector_on(demo_dir):
    result = subprocess.run([sys.executable, "-c", PROBE, "--data-dir", str(demo_dir), "members", "list"],
                            capture_output=True, text=True, env=subprocess_env(), cwd=REPO, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["code"] == 0 and report["lines"] == 30
    # the start's imports and parser made tens of thousands of objects without one collection
    assert report["collections_at_start"] == 0 and report["frozen"] > 10_000
    assert report["on"] is True


def test_a_caller_of_the_command_line_keeps_its_collector(demo_dir, capsys):
    before = gc.get_freeze_count()
    assert cli.main(["--data-dir", str(demo_dir), "members", "list"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 30  # the demo's 30 members
    assert gc.isenabled() and gc.get_freeze_count() == before

"""The command line loads only the command that runs (issue 18): ``members list`` on the
demo never imports the PDF engine, the spreadsheet or the PDF/crypto libraries, while
``branchdesk --help`` still lists every command with its Chinese help."""

import json
import subprocess
import sys

from branchdesk import cli
from branchdesk.commands import COMMANDS, command_modules
from tests.domain.safety_support import REPO, subprocess_env
from tests.helpers import run_cli

# urllib.request pulls http, email and ssl (~40 ms): it came in through xml.sax.saxutils
HEAVY = ("reportlab", "openpyxl", "pikepdf", "cryptography", "urllib.request")
# Loaded only when no --data-dir is given (it pulled in tempfile, shutil and random).
LAZY = ("platformdirs",)
# Features whose managers the archive makes on first use: listing members opens none.
UNUSED_FEATURES = ("branchdesk.meetings", "branchdesk.life", "branchdesk.dues", "branchdesk.recruit",
                   "branchdesk.targets", "branchdesk.upper.manager", "branchdesk.upper.model",
                   "branchdesk.bundle", "branchdesk.papers", "branchdesk.yearbook", "branchdesk.sealed_kinds")

# Runs the command as the ``branchdesk`` script does, then reports what it imported.
PROBE = r"""
import contextlib, io, json, sys
from branchdesk import cli
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = cli.main(sys.argv[1:])
print(json.dumps({"code": code, "lines": out.getvalue().count("\n"), "modules": sorted(sys.modules)}))
"""


def test_members_list_imports_no_pdf_or_spreadsheet_library(demo_dir):
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "--data-dir", str(demo_dir), "members", "list"],
        capture_output=True, text=True, env=subprocess_env(), cwd=REPO, check=True,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["code"] == 0 and report["lines"] == 30
    loaded = [name for name in report["modules"] if name.startswith(HEAVY)]
    assert loaded == []
    assert [name for name in report["modules"] if name.startswith(UNUSED_FEATURES)] == []
    assert [name for name in report["modules"] if name.split(".")[0] in LAZY] == []
    # only the members command's module, not its neighbours
    commands_loaded = {name for name in report["modules"] if name.startswith("branchdesk.commands.")}
    assert "branchdesk.commands.members" in commands_loaded
    assert not commands_loaded & {"branchdesk.commands.export", "branchdesk.commands.bundle",
                                  "branchdesk.commands.life", "branchdesk.commands.upper"}


def test_a_command_of_the_table_builds_its_own_parsers_alone():
    """No package scan and no stub parser for the forty other commands when one runs;
    ``--help`` and an unknown command still see them all."""
    subparsers = next(a for a in cli.build_parser(running="talks")._actions if a.dest == "command")
    assert set(subparsers.choices) == {"life", "talks"}  # the module of 谈心谈话 registers both
    subparsers = next(a for a in cli.build_parser(running="nosuch")._actions if a.dest == "command")
    assert set(subparsers.choices) == set(COMMANDS)


def test_the_table_names_every_command_with_the_help_its_module_gives():
    """Each module's register() is run on a parser of its own: the commands it adds must
    be the ones the table gives it, with the same help line."""
    listed: dict[str, tuple[str, str]] = {}
    for module in command_modules():
        parser = cli.build_parser(running=None)
        subparsers = next(a for a in parser._actions if a.dest == "command")
        before = set(subparsers.choices)
        fresh = __import__(f"branchdesk.commands.{module}", fromlist=["register"])
        probe = type(subparsers)(option_strings=[], prog="branchdesk", parser_class=type(parser))
        fresh.register(probe)
        helps = {choice.dest: choice.help for choice in probe._choices_actions}
        for command in probe.choices:
            listed[command] = (module, helps[command])
        assert before == set(COMMANDS)
    assert listed == COMMANDS


def test_help_lists_every_command_and_a_command_help_shows_its_actions(tmp_path):
    overall = run_cli(tmp_path, "--help")
    assert overall.returncode == 0
    for command, (_, help_line) in COMMANDS.items():
        assert command in overall.stdout and help_line[:6] in overall.stdout
    members = run_cli(tmp_path, "members", "--help")
    assert members.returncode == 0 and "列出在册党员" in members.stdout and "import" in members.stdout


def test_an_unknown_command_is_refused_with_the_list(tmp_path):
    result = run_cli(tmp_path, "nosuch")
    assert result.returncode == 2 and "members" in result.stderr

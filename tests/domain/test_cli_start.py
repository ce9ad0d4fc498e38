"""The command line loads only the command that runs (issue 18): ``members list`` on the
demo never imports the PDF engine, the spreadsheet or the PDF/crypto libraries, nor what
an open that only reads never needs, while ``branchdesk --help`` still lists every command
with its Chinese help."""

import hashlib
import json
import os
import pkgutil
import re
import shutil
import subprocess
import sys

from branchdesk import cli
from branchdesk.archive import Archive
from branchdesk.commands import COMMANDS, command_modules
from branchdesk.patterns import compile_on_use
from branchdesk.storage import migrate, migrations
from tests.domain.safety_support import REPO, subprocess_env
from tests.helpers import run_cli

# urllib.request pulls http, email and ssl (~40 ms): it came in through xml.sax.saxutils
HEAVY = ("reportlab", "openpyxl", "pikepdf", "cryptography", "urllib.request")
# Loaded only when no --data-dir is given (it pulled in tempfile, shutil and random).
LAZY = ("platformdirs",)
# What the start no longer loads (issue 18): shutil (bz2, lzma) came through argparse's
# help layout and the backup modules, typing through pkgutil and the annotations, the
# rest are modules a listing never uses (date parsing, file names, the check's anchor,
# the history views' names, the meetings' and 组织生活会's models).
LAZY_START = ("shutil", "bz2", "lzma", "typing", "pkgutil", "branchdesk.dates", "branchdesk.export_names",
              "branchdesk.safety.anchor", "branchdesk.safety.audit_query", "branchdesk.storage.meeting_models",
              "branchdesk.storage.life_models")
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


def probe_members_list(demo_dir) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "--data-dir", str(demo_dir), "members", "list"],
        capture_output=True, text=True, env=subprocess_env(), cwd=REPO, check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_members_list_imports_no_pdf_or_spreadsheet_library(demo_dir):
    report = probe_members_list(demo_dir)
    assert report["code"] == 0 and report["lines"] == 30
    loaded = [name for name in report["modules"] if name.startswith(HEAVY)]
    assert loaded == []
    assert [name for name in report["modules"] if name.startswith(UNUSED_FEATURES)] == []
    assert [name for name in report["modules"] if name.split(".")[0] in LAZY] == []
    # That first open took the automatic backup that was due (which needs shutil); a
    # listing while the last backup is recent loads none of what the start left out.
    again = probe_members_list(demo_dir)
    assert again["code"] == 0 and again["lines"] == 30
    assert [name for name in again["modules"] if name in LAZY_START] == []
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


def test_a_writable_open_that_changes_nothing_leaves_the_file_as_it_was(demo_dir):
    """The application id is written only into a file that lacks it: writing it at every
    open was a write (and, at close, a checkpoint with its fsyncs) in a listing."""
    database = demo_dir / "branchdesk.sqlite3"
    before = (database.stat().st_mtime_ns, hashlib.sha256(database.read_bytes()).hexdigest())
    with Archive.open(demo_dir, auto_backup=False) as archive:
        assert not archive.read_only and archive.members.query_ids()
    assert (database.stat().st_mtime_ns, hashlib.sha256(database.read_bytes()).hexdigest()) == before
    assert not (demo_dir / "branchdesk.sqlite3-wal").exists()


def test_the_steps_found_by_name_are_the_packages_modules():
    """From source the migrations are found by a look at their folder (pkgutil imported
    typing); it must see exactly what pkgutil sees."""
    listed = {info.name for info in pkgutil.iter_modules(migrations.__path__)}
    assert migrate._step_names() == listed
    assert [step.VERSION for step in migrate.steps()] == list(range(1, migrate.latest_version() + 1))


def test_a_pattern_compiled_on_use_is_the_pattern():
    lazy = compile_on_use(r"^(\d{4})年(\d{1,2})月$", re.ASCII)
    assert lazy.match("2024年6月").groups() == ("2024", "6")
    assert lazy.fullmatch("2024年6") is None and lazy.sub("x", "2024年6月") == "x"
    assert (lazy.pattern, lazy.flags & re.ASCII) == (r"^(\d{4})年(\d{1,2})月$", re.ASCII)
    assert not hasattr(lazy, "nosuch")  # only what a compiled pattern has


def test_help_is_as_wide_as_shutil_says(monkeypatch):
    """The help layout is told the width argparse would find through shutil."""
    for columns in ("50", "132"):
        monkeypatch.setenv("COLUMNS", columns)
        assert cli.terminal_columns() == shutil.get_terminal_size().columns == int(columns)
        assert cli.HelpFormatter("branchdesk")._width == int(columns) - 2
    monkeypatch.delenv("COLUMNS")
    assert cli.terminal_columns() == shutil.get_terminal_size().columns
    assert os.environ.get("COLUMNS") is None

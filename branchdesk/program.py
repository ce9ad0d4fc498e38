"""The program's entry point: the ``branchdesk`` command (pyproject.toml), ``python -m
branchdesk`` and the frozen program's launcher (packaging/launch.py). Tests and scripts call
``branchdesk.cli.main`` instead, and keep Python's cycle collector as it is."""

from __future__ import annotations

from . import start_collector


def main() -> int:
    start_collector.hold()  # before the command line's own imports
    try:
        from .cli import main as command_line

        return command_line()
    finally:
        start_collector.at_exit()

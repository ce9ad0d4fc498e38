"""The command line's own refusals and help in Chinese (branchdesk/cli_words.py)."""

from __future__ import annotations

import argparse
import inspect
import re

from branchdesk.cli_words import MESSAGES, PLURAL_MESSAGES
from tests.helpers import run_cli


def test_every_message_looked_up_is_still_argparses_own():
    source = inspect.getsource(argparse)
    for message in [*MESSAGES, *(word for pair in PLURAL_MESSAGES for word in pair)]:
        assert repr(message)[1:-1] in source or message.replace("'", "\\'") in source, message


def test_a_mistyped_command_is_refused_in_chinese(tmp_path):
    """In-process (a Python start each was most of the test's time); that the installed
    program, a process of its own, refuses in Chinese too: test_cli.test_the_installed_program_runs."""
    for argv, said in ((["study", "add"], "错误：缺少必填参数"), (["members", "list", "--bogus"], "无法识别的参数：--bogus"),
                       (["study", "makeup-days", "abc"], "无效的值 'abc'"), (["nonsense"], "无效的选择 'nonsense'")):
        done = run_cli(tmp_path, *argv)
        assert done.returncode == 2 and said in done.stderr, done.stderr
        assert not re.search(r"\b(usage|error|invalid|required|arguments)\b", done.stderr), done.stderr


def test_every_command_action_and_argument_has_chinese_help():
    """`--help` of any command explains each of its arguments in Chinese: a new argument
    added without help fails here (QA found `members import`'s file and `meetings hold`'s
    id, --start and --end bare)."""
    from branchdesk import cli

    def bare(parser, path):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                helps = {choice.dest: choice.help for choice in action._choices_actions}
                for name, sub in action.choices.items():
                    if not helps.get(name):
                        yield " ".join([*path, name])
                    yield from bare(sub, [*path, name])
            elif not (
                    action.help and re.search(r"[\u4e00-\u9fff]", action.help)):
                yield f"{' '.join(path)} {'/'.join(action.option_strings) or action.dest}"

    assert list(bare(cli.build_parser(running="*"), [])) == []

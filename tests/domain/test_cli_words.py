"""The command line's own refusals and help in Chinese (branchdesk/cli_words.py)."""

from __future__ import annotations

import argparse
import inspect
import re
import subprocess
import sys

from branchdesk.cli_words import MESSAGES, PLURAL_MESSAGES
from tests.domain.safety_support import REPO, subprocess_env


def test_every_message_looked_up_is_still_argparses_own():
    source = inspect.getsource(argparse)
    for message in [*MESSAGES, *(word for pair in PLURAL_MESSAGES for word in pair)]:
        assert repr(message)[1:-1] in source or message.replace("'", "\\'") in source, message


def test_a_mistyped_command_is_refused_in_chinese(tmp_path):
    for argv, said in ((["study", "add"], "错误：缺少必填参数"), (["members", "list", "--bogus"], "无法识别的参数：--bogus"),
                       (["study", "makeup-days", "abc"], "无效的值 'abc'"), (["nonsense"], "无效的选择 'nonsense'")):
        done = subprocess.run([sys.executable, "-m", "branchdesk", "--data", str(tmp_path), *argv], capture_output=True,
                              text=True, env=subprocess_env(), cwd=REPO)
        assert done.returncode == 2 and said in done.stderr, done.stderr
        assert not re.search(r"\b(usage|error|invalid|required|arguments)\b", done.stderr), done.stderr

"""argparse's own words in Chinese: 用法, 错误, 缺少必填参数 … instead of "usage:", "error:",
"the following arguments are required". argparse looks each of its messages up through
gettext (its module globals ``_`` and ``ngettext``) and Python ships no Chinese catalogue,
so the command line's help and its refusals of a mistyped command were English. The
messages a user meets are looked up here; any other stays as argparse has it.
tests/domain/test_cli_words.py checks that each is still argparse's own text."""

from __future__ import annotations

import argparse

MESSAGES = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必填参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择 %(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的值 %(value)r",
    "expected one argument": "需要给出一个值",
    "expected at most one argument": "最多只能给出一个值",
    "expected at least one argument": "至少需要给出一个值",
    "not allowed with argument %s": "不能与 %s 同时使用",
    "one of the arguments %s is required": "必须给出 %s 之一",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
}
PLURAL_MESSAGES = {("expected %s argument", "expected %s arguments"): "需要给出 %s 个值"}


def _lookup(message: str) -> str:
    return MESSAGES.get(message, message)


def _plural_lookup(singular: str, plural: str, count: int) -> str:
    return PLURAL_MESSAGES.get((singular, plural), singular if count == 1 else plural)


def speak_chinese() -> None:
    """Give argparse the Chinese look-ups (before any parser is built: help texts and
    group titles are looked up when a parser is made)."""
    argparse._ = _lookup
    argparse.ngettext = _plural_lookup

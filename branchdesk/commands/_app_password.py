"""Asking for the app password on the command line where the window would ask for it:
before criticism and self-examination texts are printed or exported (``life show
--texts``, ``export life-meeting --paper record``, ``export year``) and before the
branch key signs a bundle. From a terminal it is typed (not shown); otherwise it comes
from ``--password-file F`` (the first line), or the command is refused. Every attempt
is counted like the window's (safety/access.py): the waits grow after failures."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from ..errors import ValidationError

HELP = "含应用密码的文本文件（第一行）；设置了应用密码时，不在终端中运行就需要它"


def add_option(parser, flag: str = "--password-file") -> None:
    parser.add_argument(flag, metavar="F", dest="app_password_file", help=HELP)


def read_password_file(file: str | None) -> str | None:
    """The first line of ``file`` (None without a file); a clear refusal when unreadable or empty."""
    if not file:
        return None
    try:
        text = Path(file).read_text(encoding="utf-8-sig")
    except OSError as error:
        raise ValidationError("password_file", "read", f"无法读取密码文件 {file}：{error.strerror or error}。") from None
    except UnicodeDecodeError:
        raise ValidationError("password_file", "encoding", f"密码文件 {file} 不是 UTF-8 编码。") from None
    lines = text.splitlines()
    password = lines[0] if lines else ""
    if not password:
        raise ValidationError("password_file", "empty", f"密码文件 {file} 的第一行是空的，请写入密码。")
    return password


def require(archive, args, what: str) -> None:
    """Return when ``archive`` has no app password or the right one was given; else
    raise ValidationError (nothing was shown or written). ``what`` names the work."""
    access = archive.access
    if not access.has_password():
        return
    wait = access.wait_seconds()
    if wait:
        raise ValidationError("app_password", "wait", f"应用密码错误次数过多，请 {wait} 秒后再试。{what}没有进行。")
    password = read_password_file(getattr(args, "app_password_file", None))
    if password is None:
        if not sys.stdin.isatty():
            raise ValidationError(
                "app_password", "needed",
                f"{what}需要应用密码（档案库设置了应用密码）。请在终端中运行本命令并按提示输入密码，"
                "或用 --password-file 指定含密码的文件（第一行）。没有显示或导出任何内容。",
            )
        try:
            password = getpass.getpass(f"{what}需要应用密码，请输入（不显示）：")
        except EOFError:
            password = ""
    result = access.check(password)
    if not result.ok:
        raise ValidationError("app_password", "wrong", f"{result.message}{what}没有进行。")

"""The ``branchdesk`` program. With no subcommand it opens the window; every
subcommand runs headless on the domain alone.

Subcommands live in ``branchdesk/commands/*.py``; each module has
``register(subparsers)`` and sets ``handler(args, ctx) -> exit code`` on its parsers.
Exit codes: 0 success, 1 user error (Chinese message on stderr), 2 usage, 3 an
unexpected error (a Chinese sentence on stderr; the traceback in the archive's log)."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

from . import __version__, paths, start_collector
from .cli_words import speak_chinese
from .errors import BranchDeskError
from .fileio import storage_error_from
from .logs import log_to

speak_chinese()  # argparse's usage, help and refusals in Chinese (cli_words.py)

# Data packages (branchdesk/bundle/writer.py SUFFIX; not imported here: the start stays light).
BUNDLE_SUFFIX = ".bdx"
EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
log = logging.getLogger(__name__)


NO_ARCHIVE_HERE = (
    "在 {folder} 没有找到档案库。请用 --data-dir 指向档案库所在的文件夹；"
    "如果要新建，请运行 branchdesk init（或 branchdesk demo 看示例）。这个文件夹里没有新建任何东西。"
)


class CommandContext:
    """What a handler needs: the archive location and a way to open it."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.data_dir = args.data_dir
        self.db_url = args.db_url

    def open_archive(self, read_only: bool = False, require_branch: bool = True, mode: str = "branch"):
        """Open the archive; ``require_branch`` also requires it to be initialised as a
        ``mode`` archive (``"branch"`` or ``"upper"``), refusing the other kind clearly."""
        from .archive import Archive

        if require_branch and not paths.db_url(self.db_url):
            self._refuse_missing_archive()
        self.log_here()
        archive = Archive.open(self.data_dir, self.db_url, read_only=read_only)
        if require_branch and archive.mode != mode:
            from .upper.mode import refuse_branch_work, refuse_upper_work

            error = refuse_branch_work(archive) if mode == "branch" else refuse_upper_work(archive)
            archive.close()
            raise error
        if require_branch and not archive.is_initialised():
            archive.close()
            from .safety.recovery import UNFINISHED_CREATION

            raise BranchDeskError(UNFINISHED_CREATION.format(where=archive.location))
        return archive

    def _refuse_missing_archive(self) -> None:
        """A command that needs a branch's (or upper level's) records, pointed at a folder
        with no archive in it (a mistyped --data-dir, a stick not plugged in): said plainly,
        and nothing is created there. A folder whose database went missing but whose
        backups or set-aside files remain gets health's own refusal, which offers the
        newest good backup (the same one Archive.open gives)."""
        from .safety import health

        layout = paths.ArchiveLayout(paths.data_dir(self.data_dir))
        health.refuse_if_missing(layout)
        if not layout.database.exists():
            raise BranchDeskError(NO_ARCHIVE_HERE.format(folder=layout.root))

    def log_here(self):
        """Keep the log in the archive's folder (when it exists and can be written)."""
        layout = paths.ArchiveLayout(paths.data_dir(self.data_dir))
        return log_to(layout.log_file) if layout.root.is_dir() else None

    @staticmethod
    def out(text: str = "") -> None:
        print(text)


def terminal_columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` finds it (``COLUMNS``, else
    the terminal of standard output, else 80)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout, told the width: its own finds it through ``shutil``, whose
    import (bz2, lzma) was ~3 ms of every command's start, help shown or not (issue 18)."""

    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        super().__init__(prog, indent_increment, max_help_position,
                         terminal_columns() - 2 if width is None else width)


class Parser(argparse.ArgumentParser):
    """The program's parsers; the commands' own (``add_parser``) are made by this class too."""

    def __init__(self, *args, formatter_class=HelpFormatter, **kwargs):
        super().__init__(*args, formatter_class=formatter_class, **kwargs)


def build_parser(with_commands: bool = True, running: str | None = "*") -> argparse.ArgumentParser:
    """The parser; ``running`` names the subcommand about to run, whose module alone is
    imported (``None``: none, for ``--help``; ``"*"``: all of them)."""
    parser = Parser(
        prog="branchdesk",
        description="BranchDesk 党支部工作台：不带子命令时打开窗口；"
                    "只写数据包文件（branchdesk 文件.bdx）时打开窗口并在上级汇总中导入它。",
        add_help=with_commands,
    )
    parser.add_argument("--version", action="version", version=f"BranchDesk {__version__}", help="显示版本号后退出")
    parser.add_argument("--data-dir", help="档案库文件夹（默认：BRANCHDESK_DATA_DIR 或用户数据目录）")
    parser.add_argument("--db-url", help="PostgreSQL 地址，例如 postgresql://user@host:5432/branchdesk")
    parser.add_argument("--screenshot", metavar="FILE.png",
                        help="打开主窗口，保存它刚出现时的截图后退出（含待办事项的完整首页：加 --page home）")
    parser.add_argument("--page", help="与 --screenshot 一起使用：要显示的页面，完整显示（如 members、home）")
    parser.add_argument("--read-only", action="store_true", help="以只读方式打开窗口")
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    subparsers = parser.add_subparsers(dest="command", metavar="子命令")
    from .commands import register_commands

    register_commands(subparsers, running)
    return parser


def command_named(rest: list[str]) -> str | None:
    """The subcommand in what the global options left over: its first word."""
    return next((item for item in rest if not item.startswith("-")), None)


def bundles_to_open(rest: list[str]) -> list[str]:
    """``BranchDesk 文件.bdx …``: what a double-clicked data package (the desktop's file
    association) passes. The window opens with those files in the upper-level import;
    anything else on the line is a subcommand and goes to the full parser."""
    if rest and all(item.lower().endswith(BUNDLE_SUFFIX) and not item.startswith("-") for item in rest):
        return list(rest)
    return []


def _stop_writing_to_stdout() -> None:
    """The reader of our output has gone: what is still buffered goes nowhere, so that the
    flush at exit does not raise the same error again (Python's documented way, signal's
    "Note on SIGPIPE")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file behind stdout (a test's capture)
        pass


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # Opening the window needs only the global options: registering every subcommand
    # (and importing its feature) would slow the start for nothing.
    window_args, rest = build_parser(with_commands=False).parse_known_args(argv)
    window_args.bundles = bundles_to_open(rest)
    if not rest or window_args.bundles:
        gui = importlib.import_module("ui.app")
        return gui.run(window_args)
    parser = build_parser(running=command_named(rest))
    args = parser.parse_args(argv)
    if args.command is None:
        # The window is the one place that needs Qt; load it only here.
        gui = importlib.import_module("ui.app")
        return gui.run(args)
    if args.screenshot:
        parser.error("--screenshot 不能和子命令一起使用")
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.parse_args([args.command, "--help"])
        return EXIT_USAGE
    context = CommandContext(args)
    start_collector.release()  # the command's own work runs with the cycle collector on
    try:
        return int(handler(args, context) or EXIT_OK)
    except BranchDeskError as error:
        print(f"错误：{error.message()}", file=sys.stderr)
        return EXIT_USER_ERROR
    except OverflowError:  # an id or count typed with more digits than any database holds
        print("错误：输入的数字太大，超出了允许的范围。请检查编号、年份或数量。", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:  # output piped into head/less that closed early (before OSError: it is one)
        _stop_writing_to_stdout()
        return EXIT_OK
    except OSError as error:  # a file the command wrote or read outside the archive's own writers
        log.warning("%s failed", args.command, exc_info=error)
        print(f"错误：{storage_error_from(error).message()}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return EXIT_USER_ERROR
    except Exception as error:  # a bug: the details go to the log, never to the terminal
        kept = context.log_here()
        log.error("branchdesk %s failed", " ".join(argv), exc_info=error)
        where = f"详细情况已写入日志 {kept}" if kept else "详细情况没能写入日志（档案库文件夹不能写入）"
        print(f"错误：程序内部出错，这次操作没有完成（{type(error).__name__}）。{where}，请把它交给技术人员。",
              file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())

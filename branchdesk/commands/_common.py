"""Shared by the 组织生活会, 民主评议 and 整改台账 commands: dates, choices and names typed
on the command line, turned into what the domain takes, with Chinese messages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .. import labels
from ..errors import ValidationError
from ..text import clean_name, quoted


def date_arg(text: str | None, what: str, default: dt.date | None = None) -> dt.date | None:
    if not text:
        return default
    # imported here: dates (and dataclasses) at the top slowed every command's start
    from ..dates import parse_date

    try:
        return parse_date(text)
    except ValueError:
        raise ValidationError("date", "date", f"{what}{quoted(text)}无法识别，请写成 2024-06-30。") from None


def choice_arg(text: str | None, table: dict[str, str], what: str, default: str | None = None) -> str | None:
    if not text:
        return default
    key = labels.key_for(table, text)
    if key is None:
        raise ValidationError("choice", "choice", f"{what}{quoted(text)}无效，可选：{'、'.join(table.values())}。")
    return key


def member_arg(archive, name: str | None, what: str, allow_other: bool = True) -> tuple[int | None, str]:
    """A name typed on the command line: the member of that name (one only), or the name
    itself for someone outside the roster when ``allow_other``."""
    name = clean_name(name)
    if not name:
        return None, ""
    ids = archive.members.ids_named(name)  # with or without spaces in either
    if len(ids) == 1:
        return ids[0], archive.members.get(ids[0]).name
    if len(ids) > 1:
        raise ValidationError("name", "ambiguous", f"{what}{quoted(name)}在名册中有 {len(ids)} 人重名，请在窗口中选择。")
    from ..roster.name_order import looks_like_pinyin, pinyin_matches

    # Names stay exact here: pinyin that spells members' names is refused, never guessed
    # (nor stored as the name of someone outside the roster).
    spelled = [record.name for record in archive.members.records(archive.members.query_ids(statuses=None))
               if pinyin_matches(record.name, name)] if looks_like_pinyin(name) else []
    if spelled:
        shown = "、".join(dict.fromkeys(spelled[:5])) + ("等" if len(spelled) > 5 else "")
        raise ValidationError("name", "pinyin", f"{what}{quoted(name)}不是名册中的姓名，拼音相符的有：{shown}。请写出姓名。")
    if not allow_other:
        raise ValidationError("name", "missing", f"{what}{quoted(name)}不在本支部名册中，请核对姓名。")
    return None, name


def text_arg(text: str | None, file: str | None, what: str) -> str:
    """Text given inline or, for long texts, in a UTF-8 file."""
    if file:
        try:
            return Path(file).read_text(encoding="utf-8-sig")
        except OSError as error:
            raise ValidationError("file", "read", f"无法读取{what}文件 {file}：{error.strerror}。") from None
        except UnicodeDecodeError:
            raise ValidationError("file", "encoding", f"{what}文件 {file} 不是 UTF-8 编码，请另存为 UTF-8 后重试。") from None
    return text or ""


OUT_HELP = "导出到的文件；不写时存入档案库的 exports 文件夹，用中文文件名（已有同名文件时加（2）等，不覆盖）"


def show_or_set(ctx, value, read, write, say) -> int:
    """A one-value setting's command: ``write(archive, value)`` when a value is given (the
    archive is opened for writing only then), then ``say(read(archive))`` what it is now."""
    with ctx.open_archive(read_only=value is None) as archive:
        if value is not None:
            write(archive, value)
        current = read(archive)
    ctx.out(say(current))
    return 0


def out_path(archive, out: str | None, stem: str, suffix: str) -> Path:
    """``--out`` as given, or a free Chinese-named file in the archive's exports folder."""
    from .. import export_names

    if out:
        return Path(out)
    return export_names.default_path(archive.layout, stem, suffix)


def report_paper(ctx, result, what: str) -> None:
    """What an export printed: the file, its pages, the standard fonts that stood in, and
    every character a fallback font printed."""
    ctx.out(f"已导出{what}：{result.path}（{result.pages} 页）")
    report_fonts(ctx, result)


def report_fonts(ctx, result) -> None:
    """The notes on fonts of a written paper (RenderResult or YearArchiveResult)."""
    from ..papers import stand_in_message

    if result.stand_ins:
        ctx.out(f"字体说明：{stand_in_message(result.stand_ins)}")
    for ch, font in result.substitutions.items():
        ctx.out(f"说明：「{ch}」用备用字体 {font} 印出。")


def width(text: str) -> int:
    """Columns a terminal gives ``text``: Chinese characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def add_state_actions(actions, handler, key: str = "year", delete_help: str = "删除草稿") -> None:
    """``finalise`` / ``delete`` / ``reopen`` / ``correct`` / ``report`` for a record
    kind whose records are named by ``key`` (a year, or an id)."""
    key_help = {"year": "年度，如 2026", "id": "会议编号（meetings list 可查）"}[key]
    for name, text in (("finalise", "定稿"), ("delete", delete_help)):
        action = actions.add_parser(name, help=text)
        action.add_argument(key, type=int, help=key_help)
        action.set_defaults(handler=handler, state_action=name)
    for name, text in (("reopen", "退回草稿（须写原因）"), ("correct", "更正已上报的记录：新建修订版本（须写原因）")):
        action = actions.add_parser(name, help=text)
        action.add_argument(key, type=int, help=key_help)
        action.add_argument("--reason", required=True, help="原因（必填，记入操作记录）")
        action.set_defaults(handler=handler, state_action=name)
    report = actions.add_parser("report", help="上报并封存（定稿 → 已上报）")
    report.add_argument(key, type=int, help=key_help)
    report.add_argument("--note", default="", help="上报说明，如 报镇党委")
    report.set_defaults(handler=handler, state_action="report")


def run_state_action(ctx, manager, record_id: int, args, what: str) -> None:
    """Carry out a state action of ``add_state_actions`` on ``manager``'s record."""
    action = args.state_action
    if action == "finalise":
        manager.finalise(record_id)
        ctx.out(f"{what}已定稿。")
    elif action == "reopen":
        manager.reopen(record_id, args.reason)
        ctx.out(f"{what}已退回草稿。")
    elif action == "report":
        seal = manager.report(record_id, args.note)
        ctx.out(f"{what}已上报并封存（校验值 {seal.content_hash[:16]}…）。")
    elif action == "correct":
        new_id = manager.correct(record_id, args.reason)
        ctx.out(f"已新建{what}的更正版本（编号 {new_id}），修改后请定稿、上报。原记录保持不变。")
    elif action == "delete":
        manager.delete(record_id)
        ctx.out(f"已删除{what}（草稿）。")

"""What every field of a bundle's manifest may hold: type, range and length.

The reader, the upper level's import and its SQL trust these fields once the
manifest is parsed, and a valid signature proves only which key signed, not that this
program wrote it. So before anything else each field is checked against what
``manifest.build`` writes: ``True`` is not a number (Python counts it as 1), years lie
between the Party's founding and next year, counts and sizes are bounded, texts are
bounded, hashes are 64 hex digits, file lists are well formed and unique."""

from __future__ import annotations

import re
from collections.abc import Callable

from .. import clock
from .container import ALLOWED_NAME, MAX_ENTRIES, MAX_ENTRY

FIRST_YEAR = 1921  # the Party's founding: no branch has records before it
MAX_SEQUENCE = 1_000_000  # a bundle a day for 2,700 years
MAX_COUNT = 10_000_000  # rows of one table, audit entries
MAX_YEARS = 200
MAX_TABLES = 500
SHORT_TEXT, LINE, LONG_TEXT = 100, 200, 20_000
_HEX = frozenset("0123456789abcdef")
_TABLE = re.compile(r"^[a-z][a-z0-9_]{0,62}$")

Check = Callable[[object], str]  # '' when the value is fine, else why not (Chinese)


def is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def is_hash(value) -> bool:
    return isinstance(value, str) and len(value) == 64 and set(value) <= _HEX


def _text(limit: int, required: bool = False) -> Check:
    def check(value) -> str:
        if not isinstance(value, str):
            return "应为文字"
        if required and not value:
            return "不能为空"
        return f"超过 {limit} 个字符" if len(value) > limit else ""
    return check


def _number(low: int, high: int) -> Check:
    def check(value) -> str:
        if not is_int(value):
            return "应为整数"
        return "" if low <= value <= high else f"应在 {low} 到 {high} 之间，却是 {value}"
    return check


def _hash(optional: bool) -> Check:
    def check(value) -> str:
        return "" if is_hash(value) or (optional and value == "") else "应为 64 位十六进制校验值"
    return check


def _flag(value) -> str:
    return "" if isinstance(value, bool) else "应为是或否"


def _year_problem(value) -> str:
    last = clock.today().year + 1
    if not is_int(value):
        return f"含有不是整数的年份 {str(value)[:30]}"
    return "" if FIRST_YEAR <= value <= last else f"含有年份 {str(value)[:30]}，应在 {FIRST_YEAR} 到 {last} 之间"


def _years(value) -> str:
    if not isinstance(value, list) or not value:
        return "应为至少一个年份的列表"
    if len(value) > MAX_YEARS:
        return f"超过 {MAX_YEARS} 个年份"
    problem = next((p for p in map(_year_problem, value) if p), "")
    return problem or ("含有重复的年份" if len(set(value)) != len(value) else "")


def _counts(value) -> str:
    if not isinstance(value, dict) or len(value) > MAX_TABLES:
        return "应为表名与条数的对照"
    for table, count in value.items():
        if not _TABLE.match(table):
            return f"含有不合规的表名「{table[:40]}」"
        problem = _number(0, MAX_COUNT)(count)
        if problem:
            return f"中「{table}」的条数{problem}"
    return ""


def _year_keyed(check_value: Check) -> Check:
    """A dict keyed by years as text ("2025"), each value passing ``check_value``."""
    def check(value) -> str:
        if not isinstance(value, dict) or len(value) > MAX_YEARS:
            return "应为按年份的对照"
        for key, item in value.items():
            if not (key.isascii() and key.isdigit() and len(key) == 4) or _year_problem(int(key)):
                return f"含有不对的年份「{key[:20]}」"
            problem = check_value(item)
            if problem:
                return f"中 {key} 年的内容{problem}"
        return ""
    return check


def _listed(required: dict[str, Check], limit: int, what: str, optional: dict[str, Check] | None = None) -> Check:
    """A list of at most ``limit`` dicts with the ``required`` keys and maybe the
    ``optional`` ones, nothing else, names unique."""
    allowed = {**required, **(optional or {})}

    def check(value) -> str:
        if not isinstance(value, list) or len(value) > limit:
            return f"应为不超过 {limit} 项的{what}列表"
        names = set()
        for number, entry in enumerate(value, start=1):
            if not isinstance(entry, dict) or not set(required) <= set(entry) <= set(allowed):
                return f"第 {number} 项应含 {'、'.join(required)}（可另有 {'、'.join(optional or {}) or '无'}）"
            for key, value_check in allowed.items():
                problem = value_check(entry[key]) if key in entry else ""
                if problem:
                    return f"第 {number} 项的 {key} {problem}"
            if entry["name"] in names:
                return f"重复列出了「{entry['name']}」"
            names.add(entry["name"])
        return ""
    return check


def _one_of(*choices: str) -> Check:
    def check(value) -> str:
        return "" if value in choices else f"应为 {'、'.join(choices)} 之一"
    return check


def _bundle_file_name(value) -> str:
    if not isinstance(value, str) or not ALLOWED_NAME.match(value):
        return "不是数据包里允许的文件名"
    return ""


# field -> (label, check, required). Required: what the reader always relied on.
FIELDS: dict[str, tuple[str, Check, bool]] = {
    "app_version": ("程序版本", _text(SHORT_TEXT), False),
    "created_at": ("制作时间", _text(SHORT_TEXT), False),
    "branch_uid": ("支部标识", _text(SHORT_TEXT, required=True), True),
    "branch_name": ("支部名称", _text(LINE), False),
    "branch_code": ("组织代码", _text(LINE), False),
    "branch_kind": ("支部类型", _text(SHORT_TEXT), False),
    "higher_org": ("上级党组织", _text(LINE), False),
    "sequence": ("数据包编号", _number(1, MAX_SEQUENCE), True),
    "previous_hash": ("上一个数据包的校验值", _hash(optional=True), True),
    "years": ("年度", _years, True),
    "schema_version": ("数据库版本", _number(0, MAX_COUNT), False),
    "record_counts": ("各类记录条数", _counts, True),
    "records_fingerprint": ("记录指纹", _hash(optional=True), False),
    "year_fingerprints": ("各年度记录指纹", _year_keyed(_hash(optional=False)), False),
    "audit_head_hash": ("操作日志末条校验值", _hash(optional=True), False),
    "audit_entries": ("操作日志条数", _number(0, MAX_COUNT), False),
    "audit_chain_ok": ("操作日志校验结果", _flag, False),
    "audit_problem": ("操作日志问题说明", _text(LONG_TEXT), False),
    "key_fingerprint": ("密钥指纹", _text(SHORT_TEXT, required=True), True),
    "public_key": ("公钥", _text(SHORT_TEXT, required=True), True),
    "files": ("文件清单", _listed({"name": _bundle_file_name, "sha256": _hash(optional=False),
                                   "size": _number(0, MAX_ENTRY)}, MAX_ENTRIES, "文件",
                                  {"kind": _one_of("records", "paper", "attachment")}), True),
    "papers": ("年度档案 PDF 清单", _listed({"year": _year_problem, "name": _bundle_file_name}, MAX_YEARS, "PDF"),
               False),
    "paper_problems": ("未生成 PDF 的原因", _year_keyed(_text(LONG_TEXT)), False),
}


def first_problem(manifest: dict) -> tuple[str, str, str] | None:
    """(field, its Chinese label, what is wrong) for the first field that is missing or
    does not hold what this program writes; None when all are fine."""
    for field_name, (label, check, required) in FIELDS.items():
        if field_name not in manifest:
            if required:
                return field_name, label, "缺失"
            continue
        problem = check(manifest[field_name])
        if problem:
            return field_name, label, problem
    return None

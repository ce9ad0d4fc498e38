"""The database's own defences, checked against what the migrations installed.

The sealing and append-only triggers (and, on PostgreSQL, the functions they call) are
what make the database refuse a change to a reported record. Someone with the file
in hand can drop, disable or rewrite them; so at every open and in ``branchdesk check``
the triggers present are compared with the set the numbered steps install, and a
difference is reported and put back (``repair``). The expected set is not a second
copy kept by hand: it is what the migration steps emit, recorded by running them
against a database object that only writes the statements down."""

from __future__ import annotations

import re
from collections import namedtuple

import peewee

from ..patterns import compile_on_use
from . import migrate
from .database import is_postgres

_TRIGGER = compile_on_use(r"^\s*CREATE\s+TRIGGER\s+(\w+)\s.*?\sON\s+(\w+)", re.S | re.I)
_FUNCTION = compile_on_use(r"^\s*CREATE\s+OR\s+REPLACE\s+FUNCTION\s+(\w+)\s*\(", re.I)
_BODY = compile_on_use(r"\$\$(.*)\$\$", re.S)


# A named tuple, not a frozen dataclass: each of those cost ~0.5 ms of every start (issue 18).
class Guard(namedtuple("Guard", "kind name table statement")):
    """One trigger or trigger function: ``kind`` "trigger" or "function", its ``name``,
    the ``table`` a trigger is on ('' for a function), and ``statement``, the CREATE
    statement exactly as the migration ran it."""

    __slots__ = ()


class GuardReport:
    """What ``check`` found, as trigger names (a plain class: a dataclass cost ~0.5 ms of
    every start to build, issue 18)."""

    def __init__(self):
        self.missing: list[str] = []
        self.changed: list[str] = []  # rewritten, or disabled (PostgreSQL)
        self.extra: list[str] = []  # triggers on our tables that no step made

    @property
    def ok(self) -> bool:
        return not (self.missing or self.changed or self.extra)

    def lines(self) -> list[str]:
        """For people: how many guards of which records; the trigger names go to the log
        and the audit entry, not on the screen."""
        lines = []
        if self.missing:
            lines.append(f"数据库中保护{_guarded(self.missing)}的 {len(self.missing)} 道防改动设置（触发器）被删除了。")
        if self.changed:
            lines.append(f"数据库中保护{_guarded(self.changed)}的 {len(self.changed)} 道防改动设置（触发器）被改动或停用了。")
        if self.extra:
            lines.append(f"数据库里有 {len(self.extra)} 个不是本程序建立的触发器，可能在暗中改动记录。")
        return lines


# What each protected table holds, for the sentences above (longest prefix first).
_GUARDED_LABELS = (
    ("meeting", "会议记录"), ("life_", "组织生活会记录"), ("appraisal", "民主评议记录"),
    ("target_", "目标管理检查记录"), ("dues_", "党费记录"), ("audit_log", "操作日志"), ("record_seal", "封存校验值"),
    ("record_revision", "更正记录"), ("bundle_export", "数据包登记"), ("upper_", "上级导入记录"),
)


def _guarded(names: list[str]) -> str:
    """「会议记录、操作日志」 for trigger names such as bd_seal_meeting_update."""
    found = []
    for name in names:
        table = re.sub(r"^bd_(seal|append_only)_|^bd_seal_guard_|^bd_seal_truncate_", "", name)
        label = next((text for prefix, text in _GUARDED_LABELS if table.startswith(prefix)), "其他记录")
        if label not in found:
            found.append(label)
    return "「" + "、".join(found) + "」"


class _Recorder:
    """Stands in for a database while the migration steps run: keeps the statements."""

    def __init__(self):
        self.statements: list[str] = []

    def execute_sql(self, sql, params=None):
        self.statements.append(sql)


class _SqliteRecorder(_Recorder, peewee.SqliteDatabase):
    def __init__(self):
        _Recorder.__init__(self)
        peewee.SqliteDatabase.__init__(self, None)


class _PostgresRecorder(_Recorder, peewee.PostgresqlDatabase):
    def __init__(self):
        _Recorder.__init__(self)
        peewee.PostgresqlDatabase.__init__(self, None)


def expected(engine: str) -> dict[str, Guard]:
    """Name -> guard for ``"sqlite"`` or ``"postgresql"``: every trigger (and trigger
    function) the migration steps create, the last definition of each name winning."""
    steps = migrate.steps()
    # Keyed by the steps' functions: a test may add a step of its own.
    key = (engine, tuple(step.apply for step in steps))
    if key not in _EXPECTED:
        _EXPECTED[key] = _record(engine, steps)
    return _EXPECTED[key]


_EXPECTED: dict[tuple, dict[str, Guard]] = {}


def _record(engine: str, steps) -> dict[str, Guard]:
    recorder = _PostgresRecorder() if engine == "postgresql" else _SqliteRecorder()
    for step in steps:
        step.apply(recorder)
    guards: dict[str, Guard] = {}
    for statement in recorder.statements:
        if match := _TRIGGER.match(statement):
            guards[match.group(1)] = Guard("trigger", match.group(1), match.group(2), statement)
        elif match := _FUNCTION.match(statement):
            guards[match.group(1)] = Guard("function", match.group(1), "", statement)
    return guards


def _engine(db) -> str:
    return "postgresql" if is_postgres(db) else "sqlite"


def _normalised(sql: str) -> str:
    return " ".join(sql.split())


def check(db) -> GuardReport:
    """Compare the database's triggers with the expected set. Reads only."""
    wanted = expected(_engine(db))
    report = GuardReport()
    if is_postgres(db):
        _check_postgres(db, wanted, report)
    else:
        present = dict(db.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall())
        for name, guard in wanted.items():
            if name not in present:
                report.missing.append(name)
            # SQLite keeps a trigger's text as it was written: equal text needs no normalising.
            elif present[name] != guard.statement and _normalised(present[name] or "") != _normalised(guard.statement):
                report.changed.append(name)
        report.extra = sorted(name for name in present if name not in wanted)
    return report


def _check_postgres(db, wanted: dict[str, Guard], report: GuardReport) -> None:
    tables = {guard.table for guard in wanted.values() if guard.kind == "trigger"}
    triggers = {
        name: (table, enabled, definition)
        for name, table, enabled, definition in db.execute_sql(
            "SELECT t.tgname, c.relname, t.tgenabled, pg_get_triggerdef(t.oid) FROM pg_trigger t "
            "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE NOT t.tgisinternal AND n.nspname = current_schema()"
        ).fetchall()
    }
    functions = dict(
        db.execute_sql(
            "SELECT p.proname, p.prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = current_schema() AND left(p.proname, 3) = 'bd_'"
        ).fetchall()
    )
    for name, guard in wanted.items():
        if guard.kind == "function":
            body = _BODY.search(guard.statement)
            if name not in functions:
                report.missing.append(name)
            elif body and functions[name] != body.group(1):
                report.changed.append(name)
            continue
        if name not in triggers:
            report.missing.append(name)
            continue
        table, enabled, definition = triggers[name]
        if table != guard.table or enabled != "O" or _shape(definition) != _shape(guard.statement):
            report.changed.append(name)
    report.extra = sorted(n for n, (table, _, _) in triggers.items() if n not in wanted and table in tables)


def _shape(definition: str) -> tuple:
    """What a trigger does, in a form that ``pg_get_triggerdef`` and our own statement share."""
    text = " ".join(definition.upper().replace("PUBLIC.", "").split())
    timing = next((t for t in ("BEFORE", "AFTER", "INSTEAD OF") if f" {t} " in text), "")
    events = frozenset(e for e in ("INSERT", "UPDATE", "DELETE", "TRUNCATE") if re.search(rf"\b{e}\b", text.split(" ON ")[0]))
    level = "ROW" if "FOR EACH ROW" in text else "STATEMENT"
    function = re.search(r"EXECUTE (?:FUNCTION|PROCEDURE) ([\w.]+)\(", text)
    return timing, events, level, function.group(1).split(".")[-1] if function else ""


def repair(db, report: GuardReport) -> None:
    """Put back every missing or changed guard and remove the extra triggers, in the
    caller's transaction."""
    wanted = expected(_engine(db))
    postgres = is_postgres(db)
    broken = set(report.missing) | set(report.changed)
    # Functions first: a trigger is created against its function.
    for name in sorted(broken, key=lambda n: wanted[n].kind != "function"):
        guard = wanted[name]
        if guard.kind == "trigger":
            on_table = f" ON {guard.table}" if postgres else ""
            db.execute_sql(f"DROP TRIGGER IF EXISTS {name}{on_table}")
        db.execute_sql(guard.statement)
    for name in report.extra:
        if postgres:
            row = db.execute_sql(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                f"WHERE t.tgname = {db.param} AND n.nspname = current_schema()",
                (name,),
            ).fetchone()
            if row:
                db.execute_sql(f'DROP TRIGGER IF EXISTS "{name}" ON {row[0]}')
        else:
            db.execute_sql(f'DROP TRIGGER IF EXISTS "{name}"')

"""Which kind of archive this is: a branch's own archive (``branch``) or an upper
level (``upper``, 上级汇总) that enrols branches and imports their bundles. The mode is
chosen when the archive is created and never changes afterwards: an upper archive has
the organisation's name (setting ``upper.organisation``) instead of a branch row."""

from __future__ import annotations

from ..errors import BranchDeskError, Conflict, ErrorCollector
from ..text import LINE_MAX, NAME_MAX, bounded, clean_line

MODE_SETTING = "archive_mode"
ORGANISATION_SETTING = "upper.organisation"
BRANCH, UPPER = "branch", "upper"
MODES = {BRANCH: "支部档案库", UPPER: "上级汇总档案库"}


class WrongMode(BranchDeskError):
    """A command or manager used on the other kind of archive."""

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail

    def message(self) -> str:
        return self.detail


def stored_setting(archive, key: str, default=None):
    """A setting read through the archive's own connection (not the models' shared
    proxy: two archives open in one process, each in its own thread, must not mix)."""
    import json

    row = archive.db.execute_sql(f"SELECT value FROM setting WHERE key = {archive.db.param}", (key,)).fetchone()
    return json.loads(row[0]) if row else default


def mode_of(archive) -> str:
    return stored_setting(archive, MODE_SETTING) or BRANCH


def organisation(archive) -> dict | None:
    """``{"name": ..., "code": ...}`` of an upper archive, None if not created yet."""
    value = stored_setting(archive, ORGANISATION_SETTING)
    return value if isinstance(value, dict) and value.get("name") else None


def refuse_branch_work(archive) -> WrongMode:
    """The error a branch-only action gets on an upper archive."""
    org = organisation(archive) or {"name": ""}
    return WrongMode(
        f"这是上级汇总档案库（{org['name']}），只登记各支部的公钥、导入各支部的数据包并汇总查看，"
        "不能在这里记录支部自己的党员、会议或组织生活。请打开支部的档案库再办理。"
    )


def refuse_upper_work(archive) -> WrongMode:
    """The error an upper-level action gets on a branch archive."""
    return WrongMode(
        f"档案库 {archive.location} 是支部档案库，不能登记其他支部的公钥或导入数据包。"
        "上级汇总请另建档案库：branchdesk --data-dir 新文件夹 init --upper --name 某某镇党委"
    )


def create_upper(archive, name: str, code: str = "") -> dict:
    """Make an empty archive an upper-level archive named ``name``, in one transaction
    (audited). Refuses an archive that already holds a branch or another organisation."""
    archive.require_writable()
    errors = ErrorCollector()
    cleaned = errors.check(bounded, "name", "上级党组织名称", clean_line(name), LINE_MAX, True)
    cleaned_code = errors.check(bounded, "code", "组织代码", clean_line(code), NAME_MAX)
    errors.raise_if_any()
    if archive.branch.own_or_none() is not None:
        raise Conflict(
            f"档案库 {archive.location} 已经登记了支部「{archive.branch.own().name}」，不能再改作上级汇总档案库。"
            "请为上级汇总另选一个空文件夹（--data-dir）。"
        )
    existing = organisation(archive)
    if existing is not None:
        raise Conflict(f"档案库 {archive.location} 已经是上级汇总档案库（{existing['name']}），未做改动。")
    value = {"name": cleaned, "code": cleaned_code or ""}
    with archive.db.atomic():
        archive.settings.set(MODE_SETTING, UPPER, audited=False)
        archive.settings.set(ORGANISATION_SETTING, value, audited=False)
        archive.audit.record("upper.create", f"建立上级汇总档案库：{cleaned}", "setting", None, value)
    return value


def check_mode_change(archive, value) -> None:
    """Settings guard: the mode is fixed once the archive holds a branch or an organisation."""
    from ..errors import ValidationError

    if value not in MODES:
        raise ValidationError("archive_mode", "choice", "档案库类型只能是 branch（支部）或 upper（上级汇总）。")
    current = mode_of(archive)
    if value != current and (archive.branch.own_or_none() is not None or organisation(archive) is not None):
        raise ValidationError(
            "archive_mode", "fixed",
            f"档案库类型在建立时已选定为「{MODES[current]}」，之后不能更改。请另建一个档案库。",
        )

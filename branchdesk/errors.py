"""Typed errors raised by the domain.

The UI (``ui/errors.py``) and the command line turn them into Chinese messages;
each carries enough to name the field or row and the fix.
"""

from __future__ import annotations


class BranchDeskError(Exception):
    """Base of every error the domain raises on purpose."""

    def message(self) -> str:
        return str(self)


class ValidationError(BranchDeskError):
    """Bad input: ``field`` is the field's key, ``code`` a stable reason code and
    ``detail`` the Chinese sentence shown to the user (it names the fix)."""

    def __init__(self, field: str, code: str, detail: str, row: int | None = None):
        self.field = field
        self.code = code
        self.detail = detail
        self.row = row
        super().__init__(detail)

    def message(self) -> str:
        prefix = f"第 {self.row} 行：" if self.row is not None else ""
        return prefix + self.detail


class ValidationErrors(BranchDeskError):
    """Several validation problems found at once (a form or an import)."""

    def __init__(self, errors: list[ValidationError]):
        self.errors = list(errors)
        super().__init__("；".join(e.message() for e in self.errors))

    def by_field(self) -> dict[str, ValidationError]:
        found: dict[str, ValidationError] = {}
        for error in self.errors:
            found.setdefault(error.field, error)
        return found


class NotFound(BranchDeskError):
    def __init__(self, what: str, key: object):
        self.what = what
        self.key = key
        super().__init__(f"找不到{what}（{key}），它可能已被删除。")


class Conflict(BranchDeskError):
    """The action clashes with what is stored (a duplicate, a sealed record...)."""


class Cancelled(BranchDeskError):
    """The user stopped a long export; nothing was written."""

    def __init__(self, detail: str = "已取消，没有写入文件。"):
        super().__init__(detail)


class StorageError(BranchDeskError):
    """The database or the disk failed; the user's data is untouched."""


# A StorageError's text when this process finds it no longer holds the writer lock:
# the lock check (safety/lock.py) says it, and so does the storage layer when the
# server ended this process's session (storage/database.py).
TAKEN_OVER = (
    "另一台电脑上的 BranchDesk 已经接管了这个档案库的写入权，本窗口的这次修改没有保存。"
    "请关闭本窗口后重新打开档案库（会以只读方式打开，或在对方关闭后正常打开）。"
)


class DamagedArchive(StorageError):
    """The start-up check found the database damaged. It was moved aside (never
    overwritten) and ``offered`` is the newest backup that passed ``integrity_check``
    (None if there is none); the UI asks the user whether to restore it."""

    def __init__(self, problem: str, moved_to, offered):
        self.problem = problem
        self.moved_to = moved_to
        self.offered = offered
        where = f"已把损坏的文件移到 {moved_to}（没有删除）。" if moved_to else "另一个程序正在使用它，文件没有移动。"
        if offered is not None:
            advice = f"最近一份完好的备份是 {offered.path.name}（{offered.taken_at:%Y-%m-%d %H:%M}），可以从它恢复。"
        else:
            advice = "没有找到完好的备份；请联系技术人员，不要删除损坏的文件。"
        super().__init__(f"档案库文件已损坏（{problem}）。{where}{advice}")


class ArchiveMissing(StorageError):
    """The database file is gone but the folder shows an archive lived there (files in
    ``backups/`` or ``aside/``): nothing was created, so an empty archive never hides the
    records. ``offered`` is the newest backup that passed ``integrity_check`` (or None);
    ``set_aside`` lists the files in ``aside/``. The window offers ``restore(offered)``,
    or, if the user really wants a new empty archive, ``Archive.open(..., start_new=True)``."""

    def __init__(self, database, offered, set_aside):
        self.database = database
        self.offered = offered
        self.set_aside = list(set_aside)
        if offered is not None:
            advice = f"最近一份完好的备份是 {offered.path.name}（{offered.taken_at:%Y-%m-%d %H:%M}），建议从它恢复。"
        elif self.set_aside:
            advice = f"没有找到完好的备份；aside 文件夹里有 {len(self.set_aside)} 个移开的文件，请联系技术人员。"
        else:
            advice = "备份文件夹里的文件都没有通过校验；请联系技术人员，不要删除这些文件。"
        super().__init__(
            f"找不到档案库文件 {database}，但这个文件夹里有以前的备份或移开的文件。"
            f"为免用空档案库代替原有记录，程序没有新建档案库。{advice}"
            "如果确实要重新开始一个空档案库，请在提示中选择「新建空档案库」。"
        )


class SchemaTooNew(BranchDeskError):
    def __init__(self, found: int, supported: int):
        self.found = found
        self.supported = supported
        super().__init__(
            f"这个档案库由更新版本的 BranchDesk 创建（结构版本 {found}，本程序支持到 {supported}）。"
            "为保护数据，本程序不会写入它。请安装最新版本后再打开。"
        )


class ReadOnlyArchive(BranchDeskError):
    def __init__(self, reason: str = ""):
        super().__init__(reason or "档案库以只读方式打开，不能保存修改。")


class ErrorCollector:
    """Gathers every problem of a form so the user sees them all at once."""

    def __init__(self, row: int | None = None):
        self.errors: list[ValidationError] = []
        self.row = row

    def check(self, fn, *args):
        """``fn(*args)``, or None with its ValidationError kept."""
        try:
            return fn(*args)
        except ValidationError as error:
            if error.row is None:
                error.row = self.row
            self.errors.append(error)
            return None

    def add(self, field: str, code: str, detail: str) -> None:
        self.errors.append(ValidationError(field, code, detail, self.row))

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationErrors(self.errors)


class MissingGlyphs(BranchDeskError):
    """Text that no available font can draw, so a paper cannot be printed faithfully.

    ``missing`` lists ``(character, where)`` pairs in document order; ``where`` names the
    place in Chinese (「标题」, 「第 3 段」, 「表格 1 第 2 行「姓名」列」...). Emoji are
    refused on purpose even when some font has them: papers that go upward are formal.
    """

    def __init__(self, missing: list[tuple[str, str]]):
        self.missing = list(missing)
        self.characters = "".join(dict.fromkeys(ch for ch, _ in self.missing))
        super().__init__(self._sentence())

    def _sentence(self) -> str:
        places: dict[str, list[str]] = {}
        for ch, where in self.missing:
            places.setdefault(ch, [])
            if where not in places[ch]:
                places[ch].append(where)
        parts = []
        emoji_found = False
        for ch, wheres in places.items():
            shown = "、".join(wheres[:3]) + ("等处" if len(wheres) > 3 else "")
            kind = ""
            if is_emoji(ch):
                kind, emoji_found = "表情符号，", True
            parts.append(f"「{ch}」（U+{ord(ch):04X}，{kind}在{shown}）")
        advice = "请改用常用字或在记录中注明，或安装含有这些字的字体后重试。"
        if emoji_found:
            advice = "表情符号不能印在上报的材料上，请在记录中删去。" + advice
        return "以下字符没有可用的字体能够打印：" + "；".join(parts) + "。" + advice


def is_emoji(ch: str) -> bool:
    """Pictographs of the emoji blocks (U+1F000–U+1FAFF); BMP symbols such as ★ ✓ are not."""
    return 0x1F000 <= ord(ch) <= 0x1FAFF


class PaperLayoutError(BranchDeskError):
    """A paper could not be laid out (e.g. an image or a table cell taller than a page)."""

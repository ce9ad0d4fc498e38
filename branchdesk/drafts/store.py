"""The draft files: one JSON file per editor and record, ``<key>.json``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import re
from pathlib import Path

from .. import clock
from ..errors import ValidationError
from ..fileio import atomic_path

FORMAT = 1
# kind and record, e.g. "meeting-12", "life-plan-2026": the file's name, so ASCII only
KEY = re.compile(r"^[a-z][a-z0-9_-]{0,79}$")
# the stored code of a choice (a kind, a status), not something typed
CODE = re.compile(r"^[a-z][a-z_]*$")
log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class Draft:
    key: str  # which editor and record: "meeting-12"
    title: str  # what it is, for the question: 会议记录「2025年2月支委会」
    basis: str  # fingerprint of the record as the editor loaded it: changed since, if it differs
    state: dict  # the editor's form, as its to-dict gave it
    saved_at: dt.datetime = dataclasses.field(default_factory=clock.now)

    @property
    def kind(self) -> str:
        return self.key.split("-", 1)[0]

    def texts(self) -> list[str]:
        """Every text the draft holds, in order: to show when it cannot be applied."""
        return _texts(self.state)


def fingerprint(state: object) -> str:
    """A stable hash of a form state (the draft's ``basis``)."""
    return hashlib.sha256(_dumps(state).encode("utf-8")).hexdigest()


class DraftStore:
    """The drafts of one archive. Unreadable files are left where they are (they may
    hold someone's typing) and skipped with a log entry."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def path(self, key: str) -> Path:
        if not KEY.match(key):
            raise ValidationError("key", "draft", f"草稿名“{key}”不合规：只能用小写字母、数字、- 和 _。")
        return self.folder / f"{key}.json"

    def keep(self, draft: Draft) -> None:
        text = _dumps({"format": FORMAT, "key": draft.key, "title": draft.title, "basis": draft.basis,
                       "saved_at": draft.saved_at.isoformat(timespec="seconds"), "state": draft.state})
        with atomic_path(self.path(draft.key)) as tmp:
            tmp.write_text(text, encoding="utf-8")

    def get(self, key: str) -> Draft | None:
        path = self.path(key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"), object_hook=_decode)
            return Draft(data["key"], data["title"], data["basis"], data["state"],
                         dt.datetime.fromisoformat(data["saved_at"]))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            log.exception("draft %s cannot be read; left in place", path)
            return None

    def all(self) -> list[Draft]:
        """Every readable draft, oldest first."""
        try:
            names = sorted(p.stem for p in self.folder.glob("*.json") if KEY.match(p.stem))
        except OSError:
            return []
        drafts = [d for d in (self.get(name) for name in names) if d is not None]
        return sorted(drafts, key=lambda d: (d.saved_at, d.key))

    def forget(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)


def store_for(archive) -> DraftStore:
    return DraftStore(archive.layout.drafts)


# -- JSON with dates -----------------------------------------------------------
def _encode(value):
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, (tuple, set, frozenset)):
        return list(value)
    raise TypeError(f"a draft cannot hold {type(value).__name__}")


def _decode(obj: dict):
    if len(obj) == 1:
        if "$date" in obj:
            return dt.date.fromisoformat(obj["$date"])
        if "$datetime" in obj:
            return dt.datetime.fromisoformat(obj["$datetime"])
    return obj


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_encode)


def _texts(value) -> list[str]:
    """Paragraphs of what was typed: each text field one, each table one (a row per line,
    its cells joined). Codes behind choices ("committee", "full") are left out."""
    if isinstance(value, str):
        return [value] if value.strip() and not CODE.match(value) else []
    if isinstance(value, dict):
        return [text for key, item in value.items() if not str(key).startswith("$") for text in _texts(item)]
    if isinstance(value, (list, tuple)):
        lines = ["，".join(_texts(item)) if isinstance(item, (dict, list, tuple)) else "".join(_texts(item))
                 for item in value]
        lines = [line for line in lines if line]
        return ["\n".join(lines)] if lines else []
    return []
